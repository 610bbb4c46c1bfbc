"""Quotations and who they are attributed to.

Quoted spans in “…”, "…", «…», „…“ and ‹…›, and the speaker where the
sentence names one: “…,” said Lucian Kim; Kim said: “…”; according to X;
and the reporting verbs of the other languages we read (dijo, a déclaré,
sagte, ha detto, disse). Outlets mix their marks (“…", ”…"), so an
ambiguous mark opens after a space or the start and closes elsewhere.
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
_WORDS = re.compile(r"[^\W_]+")

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
_OPEN = rf"\s*(?:that\s+|que\s+|dass\s+|:\s*|,\s*)?[{_MARKS}]?\s*$"
_SPEAKER_BEFORE = re.compile(rf"({NAME})\s*,?\s+(?:\w+\s+)?(?i:{_VERB}){_OPEN}")
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
    quotations of ``min_words`` words or more."""
    found, start = [], None
    for index, char in enumerate(text):
        if char not in _MARKS:
            continue
        if char in _OPENING:
            opens = True
        elif char in _CLOSING:
            opens = False
        else:
            opens = index == 0 or text[index - 1].isspace() or text[index - 1] in "([—–-"
        if start is None and opens:
            start = index + 1
        elif start is not None and not opens:
            inner_start, inner_end = trim(text, start, index)
            if len(_WORDS.findall(text[inner_start:inner_end])) >= min_words:
                found.append((inner_start, inner_end))
            start = None
    return tuple(found)


def quote_texts(text: str, *, min_words: int = 3) -> tuple[str, ...]:
    """The text inside each quotation of ``text``."""
    return tuple(text[start:end] for start, end in quote_spans(text, min_words=min_words))


def quotations(text: str, *, min_words: int = 3) -> tuple[Quotation, ...]:
    """The quotations of ``text``, each with the speaker its sentence names."""
    return tuple(
        Quotation(text[start:end], start, end, speaker_of(text, start, end))
        for start, end in quote_spans(text, min_words=min_words)
    )


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
