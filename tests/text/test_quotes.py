"""quotes: quoted spans in any marks, and the speaker the sentence names."""

import pytest

from stories.text.quotes import (
    attributed_quotations,
    named_sources,
    quotations,
    quote_texts,
    same_speaker,
)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "“We will not sign anything today,” said Lucian Kim, an analyst.",
            "We will not sign anything today,",
            "Lucian Kim",
        ),
        ("“We will not sign anything today,” Kim said.", "We will not sign anything today,", "Kim"),
        ("Kim said: “We will not sign anything today.”", "We will not sign anything today.", "Kim"),
        (
            'According to Bloomberg, "nothing is settled yet at all".',
            "nothing is settled yet at all",
            "Bloomberg",
        ),
        ("“We will not sign anything,” he said.", "We will not sign anything,", ""),
        (
            "«Nous ne signerons rien aujourd’hui», a déclaré Emmanuel Macron.",
            "Nous ne signerons rien aujourd’hui",
            "Emmanuel Macron",
        ),
        (
            "„Wir werden heute nichts unterschreiben“, sagte Olaf Scholz.",
            "Wir werden heute nichts unterschreiben",
            "Olaf Scholz",
        ),
        (
            "“No firmaremos nada hoy”, dijo Pedro Sánchez.",
            "No firmaremos nada hoy",
            "Pedro Sánchez",
        ),
        (
            "“Non firmeremo nulla oggi”, ha detto Giorgia Meloni.",
            "Non firmeremo nulla oggi",
            "Giorgia Meloni",
        ),
        (
            "“Não vamos assinar nada hoje”, disse Lula da Silva.",
            "Não vamos assinar nada hoje",
            "Lula da Silva",
        ),
        ("Il a dit ‹ nous partons demain matin › hier.", "nous partons demain matin", ""),
    ],
)
def test_quotation_and_speaker(text, quote, speaker):
    (found,) = quotations(text)
    assert (found.text, found.speaker) == (quote, speaker)
    assert text[found.start : found.end] == quote


def test_mixed_marks_and_short_quotes():
    text = (
        '“We must do more," Rutte said. ”We must provide enough support," he added. It was “fine”.'
    )
    assert quote_texts(text) == ("We must do more,", "We must provide enough support,")
    assert quote_texts(text, min_words=5) == ("We must provide enough support,",)


def test_french_spacing_inside_guillemets():
    assert quote_texts("Il a dit « nous partons demain matin » puis « rien ».") == (
        "nous partons demain matin",
    )


def test_named_sources():
    assert named_sources("The talks will resume, Mark Rutte said on Tuesday.") == ["Mark Rutte"]
    assert named_sources("According to Bloomberg, nothing is settled.") == ["Bloomberg"]
    assert named_sources("Die Gespräche gehen weiter, sagte Olaf Scholz am Dienstag.") == [
        "Olaf Scholz"
    ]
    assert named_sources("Kyiv and Moscow were not at the table.") == []


def test_single_marks_outside_other_quotes_and_apostrophes():
    text = "Rafael Grossi, who led the team, says ‘I worry and I won’t stop worrying’ about it."
    (found,) = quotations(text)
    assert found.text == "I worry and I won’t stop worrying"
    assert found.speaker == "Rafael Grossi"
    assert quote_texts("The workers’ union and the drivers’ club met on Tuesday.") == ()
    assert quote_texts("“He told me ‘go home now please’ and left,” she said.") == (
        "He told me ‘go home now please’ and left,",
    )


def test_a_quote_with_no_named_speaker_is_the_last_named_one():
    text = (
        "“We will stay until the work is done,” Anna Berg said on Monday. "
        "The team left at noon. “Nothing here is settled yet,” she added. "
        "According to the ministry, the road is closed."
    )
    first, second = attributed_quotations(text)
    assert (first.speaker, second.speaker) == ("Anna Berg", "Anna Berg")
    assert quotations(text)[1].speaker == ""


def test_same_speaker_by_surname_and_spelling():
    assert same_speaker("Rafael Grossi", "Grossi")
    assert same_speaker("Volodymyr Zelenskyy", "Zelensky")
    assert not same_speaker("Grossi", "Guterres")
    assert not same_speaker("", "Grossi")
