"""names and sentences: capitalised runs; sentences without datelines."""

import pytest

from stories.text.names import name_key, name_runs, name_words
from stories.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("sentence", "runs"),
    [
        (
            "Officials said Vladimir Putin met Rutte in Brussels.",
            ["Vladimir Putin", "Rutte", "Brussels"],
        ),
        ("The Kremlin said Notre-Dame de Paris would reopen.", ["Kremlin", "Notre-Dame de Paris"]),
        ("Según el Banco de España, la CDU-Chefin habló.", ["Banco de España", "CDU-Chefin"]),
        ("In Kyiv, Zelenskyy spoke.", ["Kyiv", "Zelenskyy"]),
        ("Putin Vladimir spoke to nobody.", ["Putin Vladimir"]),
    ],
)
def test_name_runs(sentence, runs):
    assert name_runs(sentence) == runs


def test_name_words_skip_the_opening_word():
    assert name_words("“Officials said Rutte met Élysée staff.") == ["Rutte", "Élysée"]


def test_split_sentences_leaves_datelines_out_and_keeps_hyphens():
    text = (
        "LONDON (AP) — A 2-2 draw ended the 2013-14 season. “It hurt. It did,” he said.\n"
        "Notre-Dame reopened."
    )
    assert split_sentences(text) == [
        "A 2-2 draw ended the 2013-14 season.",
        "“It hurt. It did,” he said.",
        "Notre-Dame reopened.",
    ]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("berlín", "berlin"),
        ("türkiye", "turkiye"),
        ("mineirão", "mineirao"),
        ("ankara'nın", "ankara"),
        ("bolt’s", "bolt"),
        ("l'italie", "italie"),
        ("straße", "strasse"),
        ("berlin", "berlin"),
    ],
)
def test_a_name_key_is_the_spelling_that_carries_across_languages(word, key):
    assert name_key(word) == key


def test_name_labels_before_a_name_and_in_an_apposition():
    from stories.text.names import name_labels

    text = (
        "Harbour master Ines Vidal closed the port. Ines Vidal, the port's chief officer, "
        "said it would reopen. Police quoted Tom Berg, the owner of a ferry. "
        "Tom Berg, the police said, was unhurt."
    )
    # "Police quoted" and "the police said" are clauses, not labels
    assert [(label.person, label.label) for label in name_labels(text)] == [
        ("Ines Vidal", "Harbour master"),
        ("Ines Vidal", "port's chief officer"),
        ("Tom Berg", "owner of a ferry"),
    ]


def test_name_labels_read_a_name_broken_over_a_line_or_two_spaces():
    """A capture's name may be spaced oddly ("Tom  Berg", "Tom\nBerg"): its
    label is still read, and the search ends."""
    from stories.text.names import name_labels

    for text in ("Ferry owner Tom  Berg spoke.", "Ferry owner Tom\nBerg spoke."):
        assert [(label.person, label.label) for label in name_labels(text)] == [
            ("Tom Berg", "Ferry owner")
        ]


def test_a_quotation_mark_glued_between_a_full_stop_and_a_capital_is_a_boundary():
    """A capture that lost the space: the mark goes with the quotation it opens
    or stays with the one it closes."""
    from stories.text.sentences import split_sentences

    assert split_sentences("The mayor stayed in town.”We are not leaving. Not now.") == [
        "The mayor stayed in town.",
        "”We are not leaving.",
        "Not now.",
    ]
    assert split_sentences("She said “we stay.”The crowd cheered.") == [
        "She said “we stay.”",
        "The crowd cheered.",
    ]
    assert split_sentences("He wrote “ok.”in reply.") == ["He wrote “ok.”in reply."]
    assert split_sentences("Il reste au port.”nous restons ici”, dit-il.") == [
        "Il reste au port.",
        "”nous restons ici”, dit-il.",
    ]
