"""compare: word diffs, substitutions and term swaps, quotes, figures."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stories.alignment.compare import (
    label_swaps,
    listed_pairs,
    match_quotes,
    name_swaps,
    number_changes,
    quotations,
    repeats,
    same_word,
    similarity,
    speaker_quotes,
    spread_swaps,
    substitutions,
    term_swaps,
    word_ops,
)
from stories.alignment.terms import LoadedTerms
from stories.text.normalize import VariantTable

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
    found = subs_of("the towns that Kyiv holds", "the towns held by Kiev")
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


def test_listed_pairs_are_read_across_the_whole_wording():
    assert listed_pairs(
        "Troops from Kyiv held the bridge for a week.",
        "The bridge was held for a week by troops sent from Kiev.",
        TABLE,
    ) == [("Kyiv", "Kiev")]
    # a wording printing both spellings has made no choice
    assert listed_pairs("Kyiv said no.", "Kiev, or Kyiv, said no.", TABLE) == []
    loaded = LoadedTerms()
    assert listed_pairs(
        "The regime shelled it.", "It was shelled by the government.", TABLE, loaded
    )


def test_hyphenation_and_inflections_are_one_wording():
    assert same_word("third-largest", "third largest")
    assert same_word("sounds", "sound")
    assert same_word("warned drivers", "warning driver")
    assert not same_word("war", "conflict")
    assert not same_word("sent", "send")  # too short to tell an ending from a word
    assert subs_of("amid the sounds of sirens", "amid the sound of sirens") == []


def test_one_name_put_for_another_inside_a_name():
    assert name_swaps("Police named him Jon Marek Sova.", "He was named as Jan Marek Sova.") == [
        ("Jon", "Jan")
    ]
    # another person altogether is no swap; nor is a name the other also prints
    assert name_swaps("Anna Berg spoke.", "Tom Lund spoke.") == []
    assert name_swaps("Anna Berg met Ola Berg.", "Ola Berg spoke.") == []


def test_a_loose_pairs_replacement_counts_only_with_a_close_pair_showing_it():
    loose = substitutions(
        word_ops("The harbour closed early on Monday.", "A port shut down on Monday."),
        TABLE,
        version="a",
        passage=1,
        close=False,
    )
    assert loose and not any(s.close for s in loose)
    twice_loose = loose + [s.__class__(s.ref, s.text, "b", 2, close=False) for s in loose]
    assert term_swaps(twice_loose, TABLE) == ((), [])
    close = subs_of("The harbour closed early.", "The port closed early.", version="c", passage=3)
    swaps, _ = term_swaps(loose + close, TABLE)
    assert [(t.reference, t.variant, t.count) for t in swaps] == [("harbour", "port", 2)]


def test_an_established_swap_spreads_to_a_versions_other_sentences():
    counted = subs_of("The harbour closed.", "The port closed.", version="a", passage=1)
    counted += subs_of("The harbour opened.", "The port opened.", version="a", passage=2)
    _, established = term_swaps(counted, TABLE)
    spread = spread_swaps(
        established,
        [(5, "b", "Ships left the port at dawn."), (6, "b", "The harbour and the port differ.")],
        reference="r",
        whole="The harbour closed. The harbour opened. Ships left at dawn.",
        table=TABLE,
    )
    assert [(s.passage, s.version, s.key, s.source) for s in spread] == [
        (5, "b", ("harbour", "port"), "r")
    ]


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


def test_number_changes_name_the_replacement_or_say_it_is_missing():
    ref = "Russia loses about 1,500 soldiers a day and recruits 30,000 a month."
    replaced = "Russia loses about 2,000 soldiers a day and recruits 30,000 a month."
    missing = "Russia recruits 30,000 a month."
    assert number_changes(ref, replaced, word_ops(ref, replaced)) == [("1,500", "2,000")]
    assert number_changes(ref, missing, word_ops(ref, missing)) == [("1,500", None)]
    same = "Russia recruits thirty thousand a month and loses 1500 a day."
    assert number_changes(ref, same, word_ops(ref, same)) == []


def test_number_changes_leave_a_dropped_or_changed_day_to_the_days_rule():
    """A wording that leaves the day out, or moves it, drops no figure; a
    changed day is found where both wordings name one (``changed_day``, as
    the pipeline applies it), never twice."""
    ref = "On Thursday 1,500 people were evacuated from the valley."
    for text in (
        "1,500 people were evacuated from the valley.",
        "On Friday 1,500 people were evacuated from the valley.",
        "1,500 people were evacuated from the valley on Thursday.",
    ):
        assert number_changes(ref, text, word_ops(ref, text)) == []
    text = "On Friday 2,000 people were evacuated from the valley."
    assert number_changes(ref, text, word_ops(ref, text)) == [("1,500", "2,000")]


@pytest.mark.parametrize(
    ("ref", "text", "expected"),
    [
        ("The deal is worth $3.2bn.", "The deal is worth $3.9bn.", [("$3.2bn", "$3.9bn")]),
        ("The road is shut for 12km.", "The road is shut for 40km.", [("12km", "40km")]),
        ("A 2-2 draw in the 2013-14 season.", "A 2-1 win in the 2013-14 season.", [("2-2", "2-1")]),
        ("It sank at 7:50 pm.", "It sank at 8:50 pm.", [("7:50 pm", "8:50 pm")]),
    ],
)
def test_number_changes_compare_values_and_units(ref, text, expected):
    assert number_changes(ref, text, word_ops(ref, text)) == expected


@pytest.mark.parametrize(
    ("ref", "text"),
    [
        ("A $3.2bn deal.", "A deal worth 3.2 billion dollars."),
        ("About 70 000 people fled.", "About 70,000 people fled."),
        ("Shares rose 5.3 per cent.", "Shares rose 5.3%."),
        ("He won 649-3/4 points.", "He won 649¾ points."),
        ("A 12km queue formed on Oct 17.", "On Oct 17 a queue formed, 12 kilometres long."),
    ],
)
def test_the_same_figures_in_other_notations_or_places_are_no_change(ref, text):
    assert number_changes(ref, text, word_ops(ref, text)) == []


def test_the_same_speaker_in_other_words_anywhere_is_a_changed_quote():
    texts = {
        "ref": "The mayor met residents. “We will rebuild every house on this street before "
        "the winter comes,” Olena Brandt said. She left at noon.",
        "cut": "Olena Brandt promised to “rebuild every house on this street”.",
        "other": "A second paragraph first. Then: “We are going to rebuild each house on the "
        "street before winter,” Brandt told reporters.",
        "someone": "“We will rebuild every house on this street before winter,” Ivan Petrenko "
        "said.",
    }
    found = speaker_quotes(texts, ["ref", "cut", "other", "someone"], TABLE)
    assert [(f.version, f.source) for f in found] == [("other", "ref")]
    (change,) = found
    assert change.quote.text == "We are going to rebuild each house on the street before winter,"
    assert change.source_quote.speaker == "Olena Brandt"


def test_a_changed_quote_the_reference_lacks_is_stated_against_the_first_version_quoting_it():
    texts = {
        "ref": "Nobody was quoted in this one.",
        "a": "“The river has never risen this fast in my whole life,” said Olena Brandt.",
        "b": "“In my whole life the river never rose so fast,” Brandt said.",
    }
    (change,) = speaker_quotes(texts, ["ref", "a", "b"], TABLE)
    assert (change.version, change.source) == ("b", "a")


def test_a_person_labelled_with_none_of_the_references_words_is_a_label_swap():
    texts = {
        "r": "Businessman Anton Weld owned the jet. Anton Weld was on board.",
        "a": "Arms dealer Anton Weld owned the jet.",
        "b": "Local businessman Anton Weld owned the jet.",  # shares the word
        "c": "Arms dealer Anton Weld, a businessman, owned it.",  # uses both
    }
    (swap,) = label_swaps(texts, "r", TABLE)
    assert (swap.version, swap.reference, swap.label) == ("a", "Businessman", "Arms dealer")
    assert texts["a"][swap.start :].startswith("Arms dealer")


def test_a_sentence_repeated_inside_another_of_its_version():
    assert repeats("The toll has reached 102.", "The toll has reached 102, officials said.", TABLE)
    assert not repeats("The toll rose.", "The toll rose again, officials said.", TABLE)  # short
    assert not repeats("The toll has reached 104.", "The toll has reached 102 today.", TABLE)
