"""stopwords: one list per language, one function to ask."""

import pytest

from stories.text.stopwords import STOPWORDS, is_stopword, likely_language


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "it", "pt"])
def test_every_language_we_read_has_a_list(lang):
    assert len(STOPWORDS[lang]) >= 60


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        ("the", "en"),
        ("said", "en"),
        ("dijo", "es"),
        ("déclaré", "fr"),
        ("sagte", "de"),
        ("detto", "it"),
        ("disse", "pt"),
        ("The", None),
        ("und", None),
        ("Dans", None),
    ],
)
def test_stopwords(word, lang):
    assert is_stopword(word, lang)


def test_content_words_are_not_stopwords():
    assert not is_stopword("harbour")
    assert not is_stopword("ministre", "fr")
    assert not is_stopword("der", "en")  # a German article is content in English text


def test_a_homograph_counts_as_content_when_the_language_is_unknown():
    assert is_stopword("war", "de") and not is_stopword("war")
    assert is_stopword("son", "fr") and not is_stopword("son")


def test_news_words_only_when_asked():
    assert not is_stopword("Monday", "en") and is_stopword("Monday", "en", news=True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said that the talks would go on.", "en"),
        ("El ministro dijo que las negociaciones seguirán con los socios.", "es"),
        ("Le ministre a déclaré que les discussions se poursuivront dans la nuit.", "fr"),
        ("Der Minister sagte, dass die Gespräche mit den Partnern weitergehen.", "de"),
        ("Il ministro ha detto che i colloqui con gli alleati andranno avanti.", "it"),
        ("O ministro disse que as conversas com os parceiros vão continuar.", "pt"),
        ("1,500", None),
    ],
)
def test_likely_language(text, lang):
    assert likely_language(text) == lang
