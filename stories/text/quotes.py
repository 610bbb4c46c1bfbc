"""Quotations and who they are attributed to.

Quoted spans in “…”, "…", «…», „…“ and ‹…› (and the single marks ‘…’ of
headlines and British copy, outside any other quotation), and the speaker
where the sentence names one: “…,” said Lucian Kim; Kim said: “…”;
according to X; and the reporting verbs of the other languages we read
(dijo, a déclaré, sagte, ha detto, disse). Outlets mix their marks (“…",
”…"), so an ambiguous mark opens after a space or the start and closes
elsewhere. Across a whole text, a quotation with no named speaker ("…,"
he added) is the last named speaker's (``attributed_quotations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import NAME
from .sentences import trim
from .stopwords import is_stopword

# Marks that only open, only close, or do either by where they stand
# (“ opens in English and closes a German „…“; some outlets open with ”).
_OPENING = "«‹„"
_CLOSING = "»›"
_EITHER = '"“”‟'
_MARKS = _OPENING + _CLOSING + _EITHER
_SINGLE = "‘’"
_ANY_MARK = re.compile(f"[{_MARKS}{_SINGLE}]")
_WORDS = re.compile(r"[^\W_]+")
# Letters of a surname compared: spellings of one name differ at the end
# (Zelensky, Zelenskyy; Prigozhin, Prigojine).
_SURNAME = 6
# How far back a quotation with no speaker looks for a named source.
_CARRY = 600

_VERBS = (
    r"said|says|told|tells|added|adds|wrote|writes|stated|declared|explained|insisted|warned|"
    r"announced|confirmed|noted|according to|dijo|dice|afirmó|aseguró|declaró|explicó|señaló|"
    r"indicó|añadió|a déclaré|a dit|a affirmé|a indiqué|a ajouté|a expliqué|déclare|selon|"
    r"sagte|sagt|erklärte|betonte|fügte hinzu|so|ha detto|ha dichiarato|ha affermato|"
    r"ha spiegato|ha aggiunto|secondo|disse|afirmou|declarou|explicou|segundo"
)
_VERB = rf"(?:{_VERBS})"
# "…,” said Lucian Kim" / "…,” Kim said" / "Kim said: “…”" / "according to X".
_ARTICLE = r"(?:the|la|le|el|der|die|il)\s+"
_CLOSE = rf"^[\s,.;:!?{_MARKS}]*"
_AFTER_VERB = re.compile(rf"{_CLOSE}(?i:{_VERB})\s+(?:{_ARTICLE})?({NAME})")
_BEFORE_VERB = re.compile(rf"{_CLOSE}({NAME})\s*,?\s+(?:\w+\s+)?(?i:{_VERB})\b")
_OPEN = rf"\s*(?:that\s+|que\s+|dass\s+|:\s*|,\s*)?[{_MARKS}‘]?\s*$"
# "Rafael Grossi, who led the team, says ‘…’": a speaker with an apposition.
_APPOSITION = r"(?:,[^,;:.“”\"«»]{1,80},)?"
_SPEAKER_BEFORE = re.compile(rf"({NAME}){_APPOSITION}\s*,?\s+(?:\w+\s+)?(?i:{_VERB}){_OPEN}")
_SOURCE_BEFORE = re.compile(rf"(?i:{_VERB})\s+(?:{_ARTICLE})?({NAME}){_OPEN}")
_SOURCE = re.compile(
    rf"(?i:according to|citing|cited by|told|{_VERB})\s+(?:the\s+)?({NAME})"
    rf"|({NAME})\s*,?\s+(?:\w+\s+){{0,1}}(?i:{_VERB})\b"
)


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted span: its text (inside the marks), offsets, and speaker."""

    text: str
    start: int
    end: int
    speaker: str = ""


@lru_cache(maxsize=20_000)
def quote_spans(text: str, *, min_words: int = 3) -> tuple[tuple[int, int], ...]:
    """(start, end) of the text inside each pair of quotation marks, for
    quotations of ``min_words`` words or more.

    A single ‘ opens after a space, the start or a bracket, and ’ closes
    it where no letter follows (inside a word it is an apostrophe); single
    marks count only outside a double-marked quotation."""
    found, start, single = [], None, None
    for mark in _ANY_MARK.finditer(text):
        index, char = mark.start(), mark.group()
        if char in _SINGLE:
            if start is not None:
                continue
            if char == "‘" and single is None and _opens_at(text, index):
                single = index + 1
            elif char == "’" and single is not None and not _letter_after(text, index):
                _keep(found, text, single, index, min_words)
                single = None
            continue
        if char in _OPENING:
            opens = True
        elif char in _CLOSING:
            opens = False
        else:
            opens = _opens_at(text, index)
        if start is None and opens:
            start, single = index + 1, None
        elif start is not None and not opens:
            _keep(found, text, start, index, min_words)
            start = None
    return tuple(found)


def _opens_at(text: str, index: int) -> bool:
    return index == 0 or text[index - 1].isspace() or text[index - 1] in "([—–-"


def _letter_after(text: str, index: int) -> bool:
    return index + 1 < len(text) and text[index + 1].isalpha()


def _keep(found: list, text: str, start: int, end: int, min_words: int) -> None:
    inner_start, inner_end = trim(text, start, end)
    if len(_WORDS.findall(text[inner_start:inner_end])) >= min_words:
        found.append((inner_start, inner_end))


def quote_texts(text: str, *, min_words: int = 3) -> tuple[str, ...]:
    """The text inside each quotation of ``text``."""
    return tuple(text[start:end] for start, end in quote_spans(text, min_words=min_words))


def quotations(text: str, *, min_words: int = 3) -> tuple[Quotation, ...]:
    """The quotations of ``text``, each with the speaker its sentence names."""
    return tuple(
        Quotation(text[start:end], start, end, speaker_of(text, start, end))
        for start, end in quote_spans(text, min_words=min_words)
    )


def attributed_quotations(text: str, *, min_words: int = 3) -> tuple[Quotation, ...]:
    """The quotations of a whole text (a quotation may run over several
    sentences), each with its speaker: the one its sentence names, else
    the last one the text named before it. News copy names a speaker once
    and carries on with "he added", or with a quote that stands alone
    (names attributed to within _CARRY characters before it count too)."""
    found = []
    last, at = "", 0
    for quote in quotations(text, min_words=min_words):
        if not quote.speaker:
            sources = named_sources(text[max(at, quote.start - _CARRY) : quote.start])
            if sources:
                last = sources[-1]
        speaker = quote.speaker or last
        last, at = speaker, quote.end
        found.append(Quotation(quote.text, quote.start, quote.end, speaker))
    return tuple(found)


def same_speaker(first: str, second: str) -> bool:
    """Whether two speakers' names can be one person's: the same surname
    (its first letters, so "Zelensky" and "Zelenskyy" agree), "Rafael
    Grossi" and "Grossi" alike."""
    if not first or not second:
        return False
    a, b = first.split()[-1], second.split()[-1]
    return len(a) >= 3 and len(b) >= 3 and surname_key(a) == surname_key(b)


def surname_key(speaker: str) -> str:
    """What ``same_speaker`` compares of a name: its surname's first
    letters, casefolded (a key to gather one speaker's quotations by)."""
    return speaker.split()[-1].casefold()[:_SURNAME]


def speaker_of(text: str, start: int, end: int) -> str:
    """Who the sentence around the quotation ``text[start:end]`` says spoke
    it, or "" (a pronoun, or no attribution)."""
    after = text[end : end + 120]
    match = _AFTER_VERB.match(after) or _BEFORE_VERB.match(after)
    if match is None:
        before = text[max(0, start - 120) : start]
        match = _SPEAKER_BEFORE.search(before) or _SOURCE_BEFORE.search(before)
    return _name(match.group(1)) if match else ""


def named_sources(sentence: str) -> list[str]:
    """The names a sentence attributes what it reports to ("Mark Rutte said",
    "according to Bloomberg", "sagte Scholz")."""
    return [
        name
        for match in _SOURCE.finditer(sentence)
        if (name := _name(match.group(1) or match.group(2)))
    ]


def _name(found: str) -> str:
    words = found.split()
    while words and is_stopword(words[0].rstrip(".,"), news=True):
        words.pop(0)
    return " ".join(words).rstrip(".,")
