"""quotes: quoted spans in any marks, and the speaker the sentence names."""

import pytest

from stories.text.quotes import named_sources, quotations, quote_texts


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
