"""Number changes on the real alignment stories are real changes of value
(bench/number_changes.py prints the table). Reads ../shared at run time."""

import pytest

from bench.number_changes import CORPUS, Tally, corpus_tallies, seeds_tally

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus/alignment")


@pytest.fixture(scope="module")
def tallies():
    return corpus_tallies()


def test_number_changes_on_the_corpus_are_real_changes_of_value(tallies):
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    assert total.reported >= 20, "too few number changes to judge"
    assert total.share >= 0.9, total.wrong


def test_number_changes_still_find_the_gold_ones(tallies):
    gold = sum(t.gold for t in tallies.values())
    touched = sum(t.touched for t in tallies.values())
    assert gold and touched / gold >= 0.6


def test_seeds_number_changes_are_real():
    seeds = seeds_tally()
    if seeds is None:
        pytest.skip("no ../shared/seeds")
    assert seeds.reported and seeds.share == 1.0, seeds.wrong
