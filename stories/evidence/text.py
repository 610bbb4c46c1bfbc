"""Turning article text into the pieces grouping compares: words, sentences,
content terms, quotes, figures and names. Plain functions over strings.

The reading itself (sentences, quotes, figures, names, stopwords) is the
text layer's (``stories.text``); this module picks what grouping keeps."""

import re
import unicodedata

from stories.text.figures import COUNT, MEASURE, ORDINAL, YEAR, Figure
from stories.text.figures import figures as parse_figures
from stories.text.names import name_words
from stories.text.normalize import WORD, base_form
from stories.text.quotes import named_sources as quoted_sources
from stories.text.quotes import quote_texts
from stories.text.sentences import split_sentences
from stories.text.stopwords import stopword_set

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# Letters joined by a hyphen: "cease-fire" and "ceasefire" are one term.
_LETTER_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")


def _wordlist(text: str) -> list[str]:
    return text.split()


# Function words of every language we read, and the calendar and reporting
# words that say nothing about which event a text reports.
STOPWORDS = stopword_set(news=True)
# Capitalised words that start sentences or titles without naming anyone.
_NOT_NAMES = STOPWORDS | frozenset(
    _wordlist(
        "president minister secretary general chief prime foreign officials official spokesman "
        "spokeswoman spokesperson director head leader mayor governor chairman ceo"
    )
)

PREFIX = 6  # content terms are word prefixes: a cheap, language-agnostic stemmer


def normalize(text: str) -> str:
    """NFKC and unified apostrophes. Hyphens stay: "2-2", "2013-14" and
    "Notre-Dame" keep their meaning (and titles made from them read right)."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


def words(text: str) -> list[str]:
    """The words of ``text`` folded for comparison (the text layer's tokens:
    case, quotes and a possessive dropped, "1,500" as "1500", "U.S." as "usa")."""
    return [base_form(m.group()) for m in WORD.finditer(text)]


def content_terms(tokens: list[str]) -> list[str]:
    """Words that carry meaning, cut to their first letters; a hyphenated
    compound counts as its letters ("cease-fire" is "ceasefire")."""
    return [
        _LETTER_HYPHEN.sub("", w)[:PREFIX]
        for w in tokens
        if len(w) > 2 and w not in STOPWORDS and not w[:1].isdigit()
    ]


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (the text layer's splitter)."""
    return split_sentences(text)


def quotes(text: str, *, min_words: int = 4) -> list[tuple[str, frozenset[str]]]:
    """Quoted spans of at least ``min_words`` words: (text, their content terms)."""
    found = []
    for span in quote_texts(text, min_words=min_words):
        terms = frozenset(content_terms(words(span)))
        if len(terms) >= 2:
            found.append((span, terms))
    return found


def figures(text: str, *, every: bool = False) -> frozenset[str]:
    """Distinctive figures in a canonical form, equal whatever the notation
    ("1,500" and "1500" agree; "$3.2 billion" and "$3.2bn" key as "$3200000000").
    Years and bare small numbers are left out unless ``every``: every story of
    a season has them, so sharing one proves little, but two matched sentences
    that disagree on one ("2 days", "7 days") still tell two events apart.
    With ``every`` the currency is left out: "$3.2 million" and "3.2 million"
    agree there. Only figures written in digits count: numbers spelled out
    ("a nearly three-year war", "two months away") are the small, rounded
    background of news prose, not the details a report is known by."""
    return frozenset(
        figure.key(currency=not every)
        for figure in parse_figures(text)
        if not figure.spelled and (every or _distinctive(figure))
    )


def _distinctive(figure: Figure) -> bool:
    if figure.kind == YEAR:
        return False
    small = figure.value < 10 and figure.value == int(figure.value)
    return not (small and figure.kind in (COUNT, ORDINAL, MEASURE) and figure.scale == 1.0)


# The stages a process is reported at, in the languages we read: its
# approval by an authority, and its completion. An agreement, its approval
# and its closing months on are three occasions, reported with one price and
# one cast; the lead says which one it reports ("completes", "cerró la
# compra", "autorizó", "feu vert"). Verbs and set phrases only: "a complete
# rout" is no completion.
_STAGE_WORDS = {
    "approved": _wordlist(
        "approve approves approved approval clears cleared clearance authorises authorizes "
        "authorised authorized aprueba aprobó aprobado autoriza autorizó autorizado approuve "
        "approuvé autorise autorisé genehmigt genehmigung billigt approva approvato autorizza "
        "autorizzato aprova aprovou"
    ),
    "completed": _wordlist(
        "completes completed completion finalises finalizes finalised finalized cerró cierra "
        "cerrado completó completado culmina culminó finaliza finalizó finalise finalisé "
        "boucle bouclé abgeschlossen vollzogen vollzieht completato perfezionato concluiu fechou"
    ),
}
_STAGE_PHRASES = {
    "approved": (
        "green light", "visto bueno", "luz verde", "feu vert", "grünes licht", "via libera",
        "sinal verde",
    ),
}  # fmt: skip
_STAGE_OF = {word: stage for stage, words in _STAGE_WORDS.items() for word in words}


def stages(text: str) -> frozenset[str]:
    """The stages of a process ``text`` (a headline and first sentence)
    reports: "approved", "completed", or none (the news itself)."""
    low = normalize(text).casefold()
    found = {_STAGE_OF[w] for w in re.findall(r"[^\W\d_]+", low) if w in _STAGE_OF}
    found.update(
        stage for stage, phrases in _STAGE_PHRASES.items() if any(p in low for p in phrases)
    )
    return frozenset(found)


# Words that make a span of years elapsed time: "twenty years after",
# "20 years ago", "il y a vingt ans", "hace diez años", "vor 20 Jahren".
_YEARS_BACK_AFTER = frozenset(
    _wordlist("ago after later on après plus fa dopo después más depois atrás später danach")
)
_YEARS_BACK_BEFORE = ("il y a", "hace", "vor", "há", "faz")


def looks_back(text: str, lang: str | None = None) -> bool:
    """Whether ``text`` frames what it tells as years past: a sentence that
    opens with the years since ("Twenty years on, ...", "Il y a vingt ans,
    ...", "Vor 20 Jahren ..."), as an anniversary or a retrospective does
    when it retells an event in its words. A report recalling background
    in passing ("the A320 crashed nearly 15 years ago") does not, nor do
    "the worst quake in 80 years" and "a 12-year-old"."""
    for sentence in sentences(text):
        for figure in parse_figures(sentence, lang):
            if figure.kind != MEASURE or figure.unit != "year" or figure.value < 1:
                continue
            opening = sentence[: figure.start].strip().casefold()
            after = sentence[figure.end : figure.end + 12].casefold().split()
            if not opening and after and after[0].strip(",.;:") in _YEARS_BACK_AFTER:
                return True
            if opening in _YEARS_BACK_BEFORE:
                return True
            break  # only a sentence's first figure can open it
    return False


def names(sentence_list: list[str]) -> frozenset[str]:
    """Case-folded capitalised words that are not first in their sentence (nor
    stopwords): people, places, organisations."""
    found = set()
    for sentence in sentence_list:
        for word in name_words(sentence):
            word = _fold_name(word)
            if len(word) > 1 and word not in _NOT_NAMES:
                found.add(word)
    return frozenset(found)


def named_sources(sentence_list: list[str]) -> frozenset[str]:
    """Who the reporting relies on: the last word of a name right before or after
    "said", "told", "according to" ("Vladimir Putin said" and "Putin told" agree)."""
    found = set()
    for sentence in sentence_list:
        for name in quoted_sources(sentence):
            word = _fold_name(name.split()[-1])
            if len(word) > 1 and word not in _NOT_NAMES:
                found.add(word)
    return frozenset(found)


def _fold_name(word: str) -> str:
    word = normalize(word).casefold().rstrip(".")
    return word[:-2] if word.endswith("'s") else word
