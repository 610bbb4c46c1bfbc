"""figures: real notations read as values with units, and same_figure."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stories.text.figures import (
    AMOUNT,
    COUNT,
    DATE,
    MEASURE,
    ORDINAL,
    PERCENT,
    RANGE,
    SCORE,
    TIME,
    WEEKDAY,
    YEAR,
    changed_day,
    figures,
    same_figure,
)

B, M = 1e9, 1e6

# (notation, language or None, kind, value, unit, high). Each notation is read
# alone: exactly one figure, with this value and unit.
NOTATIONS = [
    # currencies and scale words
    ("$3.2bn", None, AMOUNT, 3.2 * B, "USD", None),
    ("$3.9bn", None, AMOUNT, 3.9 * B, "USD", None),
    ("3.2 billion", None, COUNT, 3.2 * B, "", None),
    ("US$5 billion", None, AMOUNT, 5 * B, "USD", None),
    ("$26.2 billion", None, AMOUNT, 26.2 * B, "USD", None),
    ("$1bn", None, AMOUNT, 1 * B, "USD", None),
    ("£11.4bn", None, AMOUNT, 11.4 * B, "GBP", None),
    ("£40m", None, AMOUNT, 40 * M, "GBP", None),
    ("£5.6m", None, AMOUNT, 5.6 * M, "GBP", None),
    ("€1,5 Mrd.", None, AMOUNT, 1.5 * B, "EUR", None),
    ("1,5 Mrd. Euro", "de", AMOUNT, 1.5 * B, "EUR", None),
    ("7,7 miliardi", "it", COUNT, 7.7 * B, "", None),
    ("7,7 miliardi di euro", None, AMOUNT, 7.7 * B, "EUR", None),
    ("26.200 millones de dólares", "es", AMOUNT, 26.2 * B, "USD", None),
    ("19.000 millones", "es", COUNT, 19 * B, "", None),
    ("3 millones de dólares", None, AMOUNT, 3 * M, "USD", None),
    ("2 milliards d'euros", None, AMOUNT, 2 * B, "EUR", None),
    ("10 €", None, AMOUNT, 10, "EUR", None),
    ("450 million", None, COUNT, 450 * M, "", None),
    ("$5-billion", None, AMOUNT, 5 * B, "USD", None),
    ("nine million euros", None, AMOUNT, 9 * M, "EUR", None),
    ("3.2m people", "en", COUNT, 3.2 * M, "", None),
    # thousands separators and decimal marks
    ("1,500", None, COUNT, 1500, "", None),
    ("1500", None, COUNT, 1500, "", None),
    ("1 500", None, COUNT, 1500, "", None),
    ("70 000 people", None, COUNT, 70000, "", None),
    ("70\u202f000", None, COUNT, 70000, "", None),
    ("70\u2009000", None, COUNT, 70000, "", None),
    ("70\u00a0000", None, COUNT, 70000, "", None),
    ("1'500", None, COUNT, 1500, "", None),
    ("1.500 Menschen", "de", COUNT, 1500, "", None),
    ("1.500.000", None, COUNT, 1.5 * M, "", None),
    ("30,000", None, COUNT, 30000, "", None),
    ("72,2%", None, PERCENT, 72.2, "%", None),
    # fractions and mixed numbers
    ("649-3/4", None, COUNT, 649.75, "", None),
    ("627½", None, COUNT, 627.5, "", None),
    ("12 1/2", None, COUNT, 12.5, "", None),
    # ranges
    ("160-200 people", None, RANGE, 160, "", 200),
    ("$10-15 million", None, RANGE, 10 * M, "USD", 15 * M),
    ("5-10%", None, RANGE, 5, "%", 10),
    ("1-3 days", None, RANGE, 1, "day", 3),
    # units and measures
    ("12km", None, MEASURE, 12, "km", None),
    ("40km", None, MEASURE, 40, "km", None),
    ("80 kilometres", None, MEASURE, 80, "km", None),
    ("12-year-old", None, MEASURE, 12, "year-old", None),
    ("88 years old", None, MEASURE, 88, "year-old", None),
    ("5.3 per cent", None, PERCENT, 5.3, "%", None),
    ("48.1%", None, PERCENT, 48.1, "%", None),
    ("47 percent", None, PERCENT, 47, "%", None),
    ("3,5 por ciento", None, PERCENT, 3.5, "%", None),
    ("12 Prozent", None, PERCENT, 12, "%", None),
    ("6.6-magnitude", None, MEASURE, 6.6, "magnitude", None),
    ("7.8 magnitude", None, MEASURE, 7.8, "magnitude", None),
    ("magnitude 7.8", None, MEASURE, 7.8, "magnitude", None),
    ("M7.8", None, MEASURE, 7.8, "magnitude", None),
    ("9.58 seconds", None, MEASURE, 9.58, "s", None),
    ("9.58s", None, MEASURE, 9.58, "s", None),
    ("100m", None, MEASURE, 100, "m", None),
    ("9 miles", None, MEASURE, 9, "mi", None),
    ("three days", None, MEASURE, 3, "day", None),
    ("the nearly three-year war", None, MEASURE, 3, "year", None),
    # number words
    ("three people", None, COUNT, 3, "", None),
    ("twenty-five ships", None, COUNT, 25, "", None),
    ("two hundred and fifty", None, COUNT, 250, "", None),
    ("two dozen", None, COUNT, 24, "", None),
    ("dos mil millones", None, COUNT, 2 * B, "", None),
    ("treinta y cinco", None, COUNT, 35, "", None),
    ("vingt-cinq", None, COUNT, 25, "", None),
    ("quatre-vingt-dix", None, COUNT, 90, "", None),
    ("zwei Millionen", None, COUNT, 2 * M, "", None),
    ("tre milioni", None, COUNT, 3 * M, "", None),
    ("dois milhões", None, COUNT, 2 * M, "", None),
    ("once muertos", "es", COUNT, 11, "", None),
    # ordinals
    ("20th", None, ORDINAL, 20, "", None),
    ("3rd", None, ORDINAL, 3, "", None),
    ("1er", None, ORDINAL, 1, "", None),
    ("2º", None, ORDINAL, 2, "", None),
    # times
    ("7:50 pm", None, TIME, 19 * 60 + 50, "", None),
    ("7.35 a.m.", None, TIME, 7 * 60 + 35, "", None),
    ("9.17am", None, TIME, 9 * 60 + 17, "", None),
    ("19:30", None, TIME, 19 * 60 + 30, "", None),
    ("19.30 Uhr", None, TIME, 19 * 60 + 30, "", None),
    ("19h30", None, TIME, 19 * 60 + 30, "", None),
    ("7 p.m.", None, TIME, 19 * 60, "", None),
    # dates (value: month * 100 + day; high: the year)
    ("Oct 17", None, DATE, 1017, "", None),
    ("Oct. 17, 2013", None, DATE, 1017, "", 2013),
    ("17 octobre", None, DATE, 1017, "", None),
    ("17 de octubre de 2013", None, DATE, 1017, "", 2013),
    ("17. Oktober", None, DATE, 1017, "", None),
    ("the 20th of January 2025", None, DATE, 120, "", 2025),
    ("15/04/2019", None, DATE, 415, "", 2019),
    ("2022-09-01", None, DATE, 901, "", 2022),
    ("January 2025", None, DATE, 100, "", 2025),
    # years and seasons
    ("in 2015, the", None, YEAR, 2015, "", None),
    ("the 2013-14 seasons", None, YEAR, 2013, "", 2014),
    ("the 1990s", None, YEAR, 1990, "s", None),
    # score lines
    ("2-2", None, SCORE, 2, "", 2),
    ("7–1", None, SCORE, 7, "", 1),
    ("won 3-1", None, SCORE, 3, "", 1),
    ("a 1-3 defeat", None, SCORE, 1, "", 3),
    ("2:1 gewonnen", None, SCORE, 2, "", 1),
]


def test_the_table_is_large_enough():
    assert len(NOTATIONS) >= 60


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value", "unit", "high"), NOTATIONS, ids=[n[0] for n in NOTATIONS]
)
def test_notation(text, lang, kind, value, unit, high):
    (figure,) = figures(text, lang)
    assert (figure.kind, figure.unit) == (kind, unit)
    assert figure.value == pytest.approx(value)
    assert figure.high == (None if high is None else pytest.approx(high))
    assert text[figure.start : figure.end] == figure.surface


@pytest.mark.parametrize(
    "text", ["one senior diplomat", "Un responsable", "the G7 summit", "Comments are closed."]
)
def test_no_figures(text):
    assert figures(text) == ()


def test_figures_in_a_sentence_in_reading_order():
    found = figures("At 7:50 pm on Oct 17 the 12km road was shut and 1,500 left; it ended 2-2.")
    assert [f.kind for f in found] == [TIME, DATE, MEASURE, COUNT, SCORE]
    assert [f.surface for f in found] == ["7:50 pm", "Oct 17", "12km", "1,500", "2-2"]


def test_times_dates_and_scores_are_not_amounts():
    for text in ("7:50 pm", "Oct 17", "2-2", "7–1", "2013-14"):
        assert all(f.kind not in (AMOUNT, COUNT) for f in figures(text)), text


def one(text: str, lang: str | None = None):
    (figure,) = figures(text, lang)
    return figure


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("3.2 billion", "$3.2bn"),
        ("$3.2bn", "US$3.2 billion"),
        ("$3.2bn", "3,200 million dollars"),
        ("1,500", "1500"),
        ("1500", "1 500"),
        ("1 500", "1\u202f500"),
        ("fifteen", "15"),
        ("twelve kilometres", "12km"),
        ("12 km", "12"),
        ("5.3 per cent", "5.3%"),
        ("2-2", "2–2"),
        ("Oct 17", "17 October 2013"),
        ("7:50 pm", "19:50"),
        ("2000", "2,000"),
    ],
)
def test_same_figure_whatever_the_notation(a, b):
    assert same_figure(one(a), one(b))
    assert same_figure(one(b), one(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$3.2bn", "$3.9bn"),
        ("12km", "40km"),
        ("$3.2bn", "€3.2bn"),
        ("12km", "12 miles"),
        ("2-2", "2-1"),
        ("7:50 pm", "7:50 am"),
        ("Oct 17", "Oct 18"),
        ("1,500", "1.5"),
        ("2-2", "22"),
        ("160-200 people", "160"),
        ("7,7 miliardi", "7 miliardi"),
    ],
)
def test_changes_are_seen(a, b):
    assert not same_figure(one(a), one(b))


@given(st.integers(min_value=1000, max_value=999_999_999))
def test_thousands_separators_never_change_the_value(n):
    plain = one(f"{n} people")
    for text in (f"{n:,} people", f"{n:,}".replace(",", "\u202f") + " people"):
        assert same_figure(one(text), plain), text
    assert same_figure(one(f"{n:,}".replace(",", ".") + " Menschen", "de"), plain)


@given(
    st.integers(min_value=1, max_value=999), st.sampled_from(["bn", " billion", "m", " million"])
)
def test_scales_multiply(n, scale):
    factor = 1e9 if "b" in scale else 1e6
    assert one(f"${n}{scale}").value == pytest.approx(n * factor)


def test_a_results_line_is_a_score():
    """Sports pages print a result as each side's name and goals."""
    for line, lang in (
        ("FIFA World Cup: Brazil 1 Germany 7", "en"),
        ("Real Madrid 2 Atlético 1, a night to forget", "en"),
        ("Brazil 0-3 Netherlands", "en"),
        ("Brasil 1 Alemania 7 - la noche más triste", "es"),
    ):
        (figure,) = [f for f in figures(line, lang) if f.kind == SCORE]
        assert {figure.value, figure.high} in ({1, 7}, {2, 1}, {0, 3}), line
    # A name and a number mid-sentence, a range of ages: no result.
    assert not [f for f in figures("Windows 10 sold 3 million copies", "en") if f.kind == SCORE]
    assert not [f for f in figures("Children aged 5-9 may enter", "en") if f.kind == SCORE]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It had a magnitude of 7.3, the survey said.", "en"),
        ("un sismo de magnitud de 7,3", "es"),
        ("un terremoto di magnitudo 7.3", "it"),
        ("a magnitude-7.3 quake", "en"),
        ("a quake measuring 7.3 on the Richter scale", "en"),
        ("un sismo de 7,3 grados en la escala de Richter", "es"),
        ("Un terremoto de 7,3 grados ha sacudido la costa", "es"),
        ("ein Beben, 7,3 auf der Richterskala", "de"),
        ("un terremoto di 7.3 gradi di magnitudo", "it"),
        ("un sismo de 7,3 de magnitud sacudió la costa", "es"),
        ("7,3 büyüklüğünde deprem meydana geldi", "tr"),
        ("7,3 büyüklüğündeki deprem", "tr"),
    ],
)
def test_a_magnitude_is_read_however_it_is_introduced(text, lang):
    (figure,) = [f for f in figures(text, lang) if f.kind == MEASURE]
    assert (figure.value, figure.unit) == (7.3, "magnitude")


def test_degrees_are_degrees_unless_a_quake_is_measured():
    (figure,) = figures("It was 7.3 degrees in Sendai at noon.", "en")
    assert (figure.kind, figure.unit) == (MEASURE, "°")


# A day of the week as news copy dates an event, in the languages we read:
# (text, language or None, the day, Monday 1 to Sunday 7).
DAYS = [
    ("The minister resigned on Thursday.", "en", 4),
    ("The Taliban struck Thursday in the north.", "en", 4),
    ("after Friday’s storm passed", "en", 5),
    ("Early Saturday, troops moved in.", "en", 6),
    ("On Friday, the mayor had warned", "en", 5),
    ("a déclaré jeudi le directeur de l’agence", "fr", 4),
    ("Mercredi, la ville avait déjà été visée", "fr", 3),
    ("anunció este jueves por la tarde la alcaldesa", "es", 4),
    ("tras la tormenta del viernes en la costa", "es", 5),
    ("dimitió el miércoles por la mañana", "es", 3),
    ("teilte die Behörde am Mittwoch mit", "de", 3),
    ("am Donnerstagabend in Berlin", "de", 4),
    ("è arrivato giovedì a Kiev", "it", 4),
    ("è arrivato venerdi a Kiev", "it", 5),
    ("o avião caiu na sexta-feira", "pt", 5),
    ("no domingo passado", "pt", 7),
]


@pytest.mark.parametrize(("text", "lang", "day"), DAYS)
def test_a_day_of_the_week_is_read_in_each_language(text, lang, day):
    for language in (lang, None):
        (figure,) = figures(text, language)
        assert (figure.kind, figure.value) == (WEEKDAY, day)
        assert figure.surface.casefold() in text.casefold()


@pytest.mark.parametrize(
    ("text", "lang", "minutes"),
    [
        ("deprem saat 04.17'de kaydedildi", "tr", 4 * 60 + 17),
        ("la prima scossa alle 14.46 locali", "it", 14 * 60 + 46),
        ("alle ore 9.30 di mattina", "it", 9 * 60 + 30),
        ("a las 7.30 de la mañana", "es", 7 * 60 + 30),
    ],
)
def test_a_time_written_with_a_point_after_at_the_hour_is_a_time(text, lang, minutes):
    (figure,) = figures(text, lang)
    assert (figure.kind, figure.value) == (TIME, minutes)


def test_a_point_without_a_word_for_the_hour_is_still_a_decimal():
    assert [f.kind for f in figures("the index rose 4.17 to close", "en")] == [COUNT]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands attended Friday prayers in the old city.",
        "Black Friday sales fell this year.",
        "Crowds gathered for Good Friday.",
        "He told the Sunday Times about it.",
        "the Mardi Gras parade went ahead",
        "Saturday Night Live mocked him.",
        "She teaches Sunday school.",
        "la grande prière du vendredi a été annulée",
        "la oración del viernes reunió a miles",
        "The market opens every Friday.",
        "todos los viernes abre el mercado",
        "Plácido Domingo canta en Madrid",
        "Le Journal du Dimanche le rapporte",
        "The office is closed on Fridays.",
        "Freitags bleibt das Amt geschlossen.",
        "Am Karfreitag war es still.",
    ],
)
def test_days_in_names_and_things_are_no_days(text):
    assert not [f for f in figures(text) if f.kind == WEEKDAY]


def test_a_day_is_the_same_figure_in_every_language_and_never_a_number():
    thursday, jeudi, friday = (
        one("on Thursday", "en"),
        one("jeudi", "fr"),
        one("Friday", "en"),
    )
    assert same_figure(thursday, jeudi)
    assert same_figure(one("am Donnerstag", "de"), one("el jueves", "es"))
    assert not same_figure(jeudi, friday)
    # Thursday is day 4, never the count 4, nor the fourth.
    assert not same_figure(thursday, one("4 people", "en"))
    assert not same_figure(thursday, one("the 4th", "en"))


def test_a_changed_day_needs_a_day_on_each_side():
    change = changed_day(figures("The minister said on Friday."), figures("a déclaré jeudi", "fr"))
    assert change and (change[0].surface, change[1].surface) == ("Friday", "jeudi")
    # One side names no day: left out, not changed.
    assert (
        changed_day(figures("The minister said on Friday."), figures("The minister said.")) is None
    )
    assert (
        changed_day(figures("The minister said."), figures("The minister said on Friday.")) is None
    )
    # The day named anywhere in the other wording: no change.
    assert (
        changed_day(
            figures("He spoke on Thursday and left on Friday."), figures("He left on Friday.")
        )
        is None
    )
    assert (
        changed_day(figures("He spoke on Thursday."), figures("On Friday he recalled Thursday."))
        is None
    )
    # Days that are no days do not count.
    assert changed_day(figures("He spoke on Thursday."), figures("after Friday prayers")) is None
    # Two days changed on a side pair no more surely than by chance.
    assert (
        changed_day(figures("from Monday until Wednesday"), figures("from Tuesday until Thursday"))
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "A seleção foi goleada por 1 x 3 na final",
        "Portugal vence a Espanha por 3 x 1 na final",
        "Portugal 3 x 1 Espanha, pela final da taça",
    ],
)
def test_a_result_written_with_a_spaced_x_is_a_score(text):
    (figure,) = [f for f in figures(text, "pt") if f.kind == SCORE]
    assert sorted((figure.value, figure.high)) == [1, 3]


@pytest.mark.parametrize(
    "text", ["a room of 2 x 4 metres", "the 4 x 100 relay team", "multiply 3 x 5 to get it"]
)
def test_an_x_between_numbers_outside_a_match_is_no_result(text):
    assert SCORE not in [f.kind for f in figures(text, "en")]


@pytest.mark.parametrize(("text", "lang"), [("á 10,49 sekúndum", "is"), ("w 10,49 sekundy", "pl")])
def test_seconds_in_the_nordic_and_slavic_spellings(text, lang):
    (figure,) = figures(text, lang)
    assert (figure.kind, figure.unit, figure.value) == (MEASURE, "s", 10.49)


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("48,2 procent van de kiezers", "nl", PERCENT, 48.2),
        ("51,9 procent głosów", "pl", PERCENT, 51.9),
        ("ruim 12,5 miljoen inwoners", "nl", COUNT, 12.5e6),
        ("17,4 mln. osób", "pl", COUNT, 17.4e6),
        ("1,2 miljard euro", "nl", AMOUNT, 1.2e9),
    ],
)
def test_dutch_and_polish_percentages_and_scales(text, lang, kind, value):
    (figure,) = figures(text, lang)
    assert (figure.kind, figure.value) == (kind, pytest.approx(value))
