"""The text features grouping compares: numbers, quotes, names, sentences."""

from hypothesis import given
from hypothesis import strategies as st

from stories.evidence import text


def test_figures_agree_across_formats():
    assert text.figures("about 1,500 people") == text.figures("about 1500 people") == {"1500"}
    assert text.figures("a $3.2 billion plan") == {"$3200000000"}
    assert text.figures("a $3.2bn plan") == text.figures("US$3,200 million") == {"$3200000000"}
    assert text.figures("turnout was 61.5%") == text.figures("turnout was 61.5 percent")


def test_years_and_small_numbers_are_not_distinctive():
    assert text.figures("In 2022, 3 ministers met.") == frozenset()
    # ...but they still tell two matched sentences apart.
    assert text.figures("In 2022, 3 ministers met.", every=True) == {"2022", "3"}


def test_currency_is_ignored_when_every_number_is_compared():
    assert text.figures("$3.2 million", every=True) == text.figures(
        "3.2 million dollars", every=True
    )


@given(st.integers(min_value=1000, max_value=999_999))
def test_thousands_separators_do_not_matter(n):
    assert text.figures(f"{n:,} people") == text.figures(f"{n} people")


def test_quotes_in_any_quotation_marks():
    found = text.quotes("He said “we will not sign anything today” and «nothing more is due».")
    assert [q for q, _ in found] == ["we will not sign anything today", "nothing more is due"]
    assert text.quotes("“Too short.”") == []


def test_names_skip_the_first_word_of_a_sentence():
    names = text.names(["Officials said Vladimir Putin met Rutte in Brussels.", "The rest."])
    assert names == {"vladimir", "putin", "rutte", "brussels"}


def test_named_sources_are_the_people_cited():
    sources = text.named_sources(
        [
            "The talks will resume, Mark Rutte said on Tuesday.",
            "According to Bloomberg, nothing is settled.",
            "Kyiv and Moscow were not at the table.",
        ]
    )
    assert sources == {"rutte", "bloomberg"}


def test_hyphens_and_apostrophes_are_spelling_variants():
    a = text.content_terms(text.words(text.normalize("Kyiv’s cease-fire")))
    b = text.content_terms(text.words(text.normalize("Kyiv's ceasefire")))
    assert a == b == ["kyiv", "ceasef"]


def test_inner_hyphens_survive_normalisation_and_words():
    normal = text.normalize("Notre-Dame, CDU-Chefin, a 2-2 draw in the 2013-14 season")
    assert normal == "Notre-Dame, CDU-Chefin, a 2-2 draw in the 2013-14 season"
    tokens = text.words(normal)
    assert "notre-dame" in tokens and "cdu-chefin" in tokens
    assert not {"notredame", "cduchefin", "22", "201314"} & set(tokens)


def test_sentences_split_at_sentence_ends_and_paragraphs():
    parts = text.sentences("One thing happened. “Then another,” he said.\nA new paragraph")
    assert parts == ["One thing happened.", "“Then another,” he said.", "A new paragraph"]
