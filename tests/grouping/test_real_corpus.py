"""Grouping on the real, hand-labelled corpus (../shared/corpus), one shuffle
through the ingest API and the task, as bench/grouping_real.py runs three.
The texts are read at run time; nothing of them is in the repository."""

import pytest

from bench.grouping_real import CORPUS, languages, read_corpus, run

# Committed transactions, so the grouping task runs after each import as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def corpus():
    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip("../shared/corpus is not present (only on the team's machines)")
    return read_corpus(CORPUS)


def test_one_shuffle_groups_events_without_merging_two(corpus):
    result = run(corpus, seed=5)
    for state in ("grouped", "accepted"):
        for lang in ("en", "all"):
            assert result[state][lang]["merges"] == 0, (state, lang, result)
    # Measured 0.941-0.962 over six shuffles, 0.941 on this one (bench/README.md);
    # 0.915-0.926 before results lines and the dates undated leads write were
    # read, 0.47 before the event question.
    assert result["grouped"]["en"]["f1"] >= 0.93, result
    assert result["accepted"]["en"]["f1"] >= result["grouped"]["en"]["f1"]
    if result["suggestions"]:
        assert result["suggestions_right"] / result["suggestions"] >= 0.95, result


def test_other_languages_join_their_own_languages_versions_only(corpus):
    """Without the multilingual extra, an article in another language joins
    its own language's versions of the event and never another event's
    story; Spanish prices, read with their decimal marks, do not join a
    deal's report with its approval or closing."""
    result = run(corpus, seed=5)
    langs = languages(corpus)
    assert {"es", "de", "fr", "it"} <= set(langs)
    for state in ("grouped", "accepted"):
        for lang in langs:
            row = result[state][lang]
            assert row["merges"] == 0 and row["precision"] == 1.0, (state, lang, row)
    # Measured 0.929 on every shuffle (0.889 before the text layer read its figures).
    assert result["grouped"]["es"]["f1"] >= 0.9, result["grouped"]["es"]
