"""compare: word diffs, substitutions and term swaps, quotes, figures."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stories.alignment.compare import (
    figures,
    match_quotes,
    number_changes,
    quotations,
    similarity,
    substitutions,
    term_swaps,
    word_ops,
)
from stories.alignment.normalize import VariantTable

TABLE = VariantTable.with_extra()


def ops_of(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(op.op, op.ref, op.text) for op in word_ops(a, b)]


def test_word_ops_show_each_change_with_the_members_spacing():
    assert ops_of("The mayor spoke on Monday.", "The  mayor spoke  late on Sunday.") == [
        ("equal", "The mayor spoke ", "The  mayor spoke  "),
        ("insert", "", "late "),
        ("equal", "on ", "on "),
        ("replace", "Monday", "Sunday"),
        ("equal", ".", "."),
    ]


def test_case_and_typographic_quotes_are_not_changes():
    assert [op for op, *_ in ops_of("“It’s over,” she said.", '"it\'s OVER," she said.')] == [
        "equal"
    ]


@given(st.text(max_size=60), st.text(max_size=60))
def test_ops_rebuild_the_member_text(reference, text):
    ops = word_ops(reference, text)
    assert "".join(op.text for op in ops) == text
    assert all(op.op in {"equal", "insert", "delete", "replace"} for op in ops)
    assert all(op.text == "" for op in ops if op.op == "delete")


def test_similarity_counts_variants_as_kept():
    assert similarity("Officials in Kyiv agreed.", "officials in Kiev agreed", TABLE) == 1.0
    assert similarity("The port closed.", "A harbour shut down.", TABLE) < 0.5


def subs_of(a: str, b: str, version="v", passage=0):
    return substitutions(word_ops(a, b), TABLE, version=version, passage=passage)


def test_substitutions_pair_words_and_skip_case_or_punctuation_changes():
    assert [(s.ref, s.text) for s in subs_of("The war went on.", "The conflict went on.")] == [
        ("war", "conflict")
    ]
    assert subs_of("The WAR went on.", "The war went on!") == []
    assert subs_of("The war went on.", "A war went on.") == []  # stopwords only


def test_listed_variants_pair_wherever_they_meet_in_a_replacement():
    found = subs_of("land that Kyiv still controls", "land controlled by Kiev")
    assert ("Kyiv", "Kiev") in [(s.ref, s.text) for s in found]


def test_term_swaps_need_recurrence_or_the_table():
    once = subs_of("The war went on.", "The conflict went on.", version="a", passage=1)
    swaps, counted = term_swaps(once, TABLE)
    assert swaps == () and counted == []
    twice = once + subs_of("A war ended.", "A conflict ended.", version="a", passage=2)
    (swap,), counted = term_swaps(twice, TABLE)
    assert (swap.reference, swap.variant, swap.versions, swap.count) == (
        "war",
        "conflict",
        ("a",),
        2,
    )
    listed = subs_of("Kyiv’s mayor", "Kiev's mayor", version="b", passage=3)
    (swap,), _ = term_swaps(listed, TABLE)
    assert (swap.reference, swap.variant, swap.count) == ("Kyiv", "Kiev", 1)


def test_quotations_with_mixed_marks():
    text = (
        '“We must do more than keep Ukraine in the fight," Rutte said. ”We must provide '
        'enough support," he added, citing «a long war ahead». It was “fine”.'
    )
    assert quotations(text) == (
        "We must do more than keep Ukraine in the fight,",
        "We must provide enough support,",
        "a long war ahead",
    )


def test_quotes_match_by_overlap_and_alteration_ignores_case_and_punctuation():
    members = {
        "ref": "“We must provide enough support to change the trajectory,” he said.",
        "same": '"we must provide enough support to change the trajectory" he said.',
        "changed": "“We must provide sufficient support to alter the course,” he said.",
        "none": "He spoke about support.",
    }
    (quote,) = match_quotes(7, "ref", members, TABLE)
    assert quote.passage == 7 and quote.altered
    assert [v for v, _ in quote.renderings] == ["ref", "same", "changed"]
    unchanged = {k: members[k] for k in ("ref", "same")}
    (quote,) = match_quotes(7, "ref", unchanged, TABLE)
    assert not quote.altered


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("about 1,500 killed and 30,000 recruited", [1500, 30000]),
        ("a 14% raise over two years", [14, 2]),
        ("the nearly three-year war", [3]),
        ("nine million euros and 9 million more", [9_000_000, 9_000_000]),
        ("until the 20th of January 2025", [20, 2025]),
        ("twenty-five ships", [25]),
        ("one senior diplomat", []),
    ],
)
def test_figures(text, values):
    assert sorted(f.value for f in figures(text)) == sorted(values)


def test_number_changes_name_the_replacement_or_say_it_is_missing():
    ref = "Russia loses about 1,500 soldiers a day and recruits 30,000 a month."
    replaced = "Russia loses about 2,000 soldiers a day and recruits 30,000 a month."
    missing = "Russia recruits 30,000 a month."
    assert number_changes(ref, replaced, word_ops(ref, replaced)) == [("1,500", "2,000")]
    assert number_changes(ref, missing, word_ops(ref, missing)) == [("1,500", None)]
    same = "Russia recruits thirty thousand a month and loses 1500 a day."
    assert number_changes(ref, same, word_ops(ref, same)) == []
