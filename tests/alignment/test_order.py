"""order: one merged order from versions that arrange passages differently."""

from hypothesis import given
from hypothesis import strategies as st

from stories.alignment.order import merged_order, out_of_order


def test_versions_in_agreement_keep_their_order():
    sequences = {"ref": [0, 1, 2, 3], "b": [0, 1, 2, 3]}
    assert merged_order(sequences, ranking=["ref", "b"]) == [0, 1, 2, 3]


def test_a_version_moving_a_paragraph_does_not_scramble_the_rest():
    """One outlet moves passage 4 to the top; the others win, and only the
    moved passage's edges are dropped."""
    sequences = {
        "ref": [0, 1, 2, 3, 4, 5],
        "b": [0, 1, 2, 3, 4, 5],
        "mover": [4, 0, 1, 2, 3, 5],
    }
    assert merged_order(sequences, ranking=["ref", "b", "mover"]) == [0, 1, 2, 3, 4, 5]


def test_the_reference_wins_a_tie():
    sequences = {"ref": [0, 1, 2, 3], "other": [0, 2, 1, 3]}
    assert merged_order(sequences, ranking=["ref", "other"]) == [0, 1, 2, 3]
    assert merged_order(sequences, ranking=["other", "ref"]) == [0, 2, 1, 3]


def test_the_majority_outweighs_the_reference():
    sequences = {"ref": [0, 2, 1, 3], "b": [0, 1, 2, 3], "c": [0, 1, 2, 3]}
    assert merged_order(sequences, ranking=["ref", "b", "c"]) == [0, 1, 2, 3]


def test_passages_missing_from_the_reference_sit_where_their_version_has_them():
    sequences = {"ref": [0, 1, 2, 3], "b": [0, 1, 9, 2, 3], "c": [0, 7, 3]}
    assert merged_order(sequences, ranking=["ref", "b", "c"]) == [0, 7, 1, 9, 2, 3]


def test_a_passage_a_version_carries_twice_counts_at_its_first_place():
    sequences = {"ref": [0, 1, 2], "b": [1, 0, 1, 2]}
    assert merged_order(sequences, ranking=["ref", "b"]) == [0, 1, 2]


@given(st.permutations(list(range(8))), st.permutations(list(range(8))))
def test_every_passage_appears_once_and_order_is_deterministic(first, second):
    sequences = {"ref": list(range(8)), "a": list(first), "b": list(second)}
    order = merged_order(sequences, ranking=["ref", "a", "b"])
    assert sorted(order) == list(range(8))
    assert order == merged_order(dict(reversed(sequences.items())), ranking=["ref", "a", "b"])


def test_a_version_sharing_nothing_follows_the_story():
    """An unrelated outlet's passages do not push the story's opening down."""
    sequences = {"ref": [0, 1, 2], "b": [0, 1, 2], "unrelated": [5, 6]}
    assert merged_order(sequences, ranking=["ref", "b", "unrelated"]) == [0, 1, 2, 5, 6]


def test_a_version_s_opening_material_sits_just_before_its_first_shared_passage():
    sequences = {"ref": [0, 1, 2, 3], "b": [8, 2, 3]}
    assert merged_order(sequences, ranking=["ref", "b"]) == [0, 1, 8, 2, 3]


def test_out_of_order_gives_up_the_lightest_passages():
    """A version telling passage 3 first: keeping 0, 1, 2 outweighs keeping 3."""
    order = [0, 1, 2, 3, 4]
    weight = {0: 0.9, 1: 0.8, 2: 0.7, 3: 0.6, 4: 0.9}
    assert out_of_order([3, 0, 1, 2, 4], order, weight) == [3]
    # the same move with a near-copy at 3 and loose links at 1 and 2
    weight = {0: 0.9, 1: 0.2, 2: 0.2, 3: 0.95, 4: 0.9}
    assert out_of_order([0, 3, 1, 2, 4], order, weight) == [1, 2]


def test_a_version_in_the_merged_order_has_nothing_out_of_order():
    assert out_of_order([0, 2, 4], [0, 1, 2, 3, 4], {}) == []
