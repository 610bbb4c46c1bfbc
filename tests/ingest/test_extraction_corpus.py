"""Extraction measured on the hand-labelled real captures in ../shared/corpus
(and the seeds), with the figures ``bench/extraction.py`` prints. The texts
are read at run time; nothing of them is copied here."""

import pytest

from bench.extraction import CORPUS, SEEDS, evaluate, figures, load_corpus, load_seeds

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def corpus_scores():
    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip("../shared/corpus is not present (only on the team's machines)")
    return evaluate(load_corpus())


def test_corpus_thresholds(corpus_scores):
    """Headline, body start, furniture left and body lines lost meet the issue's bar."""
    f = figures(corpus_scores)
    assert f.articles >= 150
    assert f.headline >= 0.95
    assert f.body_start >= 0.95
    assert f.furniture_left <= 0.02
    assert f.lines_lost <= 0.01


def test_corpus_no_headline_and_last_sentence(corpus_scores):
    """Captures without a headline rarely get furniture or body as one; the last
    complete sentence stays."""
    f = figures(corpus_scores)
    assert f.no_headline is not None and f.no_headline >= 0.95
    assert f.last_kept >= 0.97


def test_corpus_hold_out_half_holds_up(corpus_scores):
    """The odd-numbered half, held out while tuning, meets the same bar."""
    f = figures([s for s in corpus_scores if s.holdout])
    assert f.headline >= 0.95
    assert f.body_start >= 0.95
    assert f.furniture_left <= 0.02
    assert f.lines_lost <= 0.01


def test_seeds_read_perfectly():
    """Every seed's headline, body start, last sentence and furniture are right."""
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not present (only on the team's machines)")
    f = figures(evaluate(load_seeds()))
    assert (f.headline, f.body_start, f.last_kept) == (1.0, 1.0, 1.0)
    assert (f.furniture_left, f.lines_lost) == (0.0, 0.0)
