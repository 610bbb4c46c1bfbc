"""Canonical forms for matching; the original text is always kept for display.

Tokens carry their offsets in the original string, so every later stage can
compare canonical forms and still show what the outlet actually printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .stopwords import stopword_set

# Spellings that name the same thing. Case-insensitive, one word each side
# (hyphenated words count as one). Extend freely: matching treats them as
# equal, comparison reports them as term swaps.
VARIANT_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("Kyiv", "Kiev"),
    ("Zelenskyy", "Zelensky"),
    ("Zelenskyy", "Zelenskiy"),
    ("cease-fire", "ceasefire"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("Donbas", "Donbass"),
    ("Kharkiv", "Kharkov"),
    ("Odesa", "Odessa"),
    ("Luhansk", "Lugansk"),
    ("Mykolaiv", "Nikolaev"),
    ("Zaporizhzhia", "Zaporozhye"),
    ("frontline", "front-line"),
)

# Typographic quotes and dashes → their plain forms, one for one.
_QUOTES = str.maketrans(
    "“”„‟«»″" + "‘’‚‛′`" + "–—―‒‐‑−",
    '"' * 7 + "'" * 6 + "-" * 7,
)
_SPACES = re.compile(r"[^\S\n]+")

# A word: a figure ("1,500", "20th", "1990s"), an abbreviation with dots
# ("U.S."), or letters/digits joined by inner hyphens and apostrophes.
WORD = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?![^\W_])"
    r"|(?:[^\W\d_]\.){2,}"
    r"|[^\W_]+(?:[-'’‘‐‑][^\W_]+)*"
)


_STOPWORDS = stopword_set()
_POSSESSIVE = re.compile(r"'s?$")
_SURFACE_POSSESSIVE = re.compile(r"['’]s?$")
# Country abbreviations that would otherwise fold into a pronoun ("US" → "us").
_ACRONYMS = {"US": "usa", "U.S.": "usa", "U.S.A.": "usa", "USA": "usa", "UK": "uk", "U.K.": "uk"}


def canonical(text: str) -> str:
    """``text`` as matching sees it: NFKC, straight quotes, hyphens for dashes,
    one plain space for any run of spaces (NBSP, em spaces) on a line."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text)


class VariantTable:
    """Equivalence classes of spellings; each word maps to its class's key.

    The key is the alphabetically first lower-cased member, so the table is
    the same whatever order its pairs were given in.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        parent: dict[str, str] = {}

        def find(word: str) -> str:
            parent.setdefault(word, word)
            while parent[word] != word:
                parent[word] = parent[parent[word]]
                word = parent[word]
            return word

        for left, right in pairs:
            a, b = find(_fold(left)), find(_fold(right))
            if a != b:
                parent[max(a, b)] = min(a, b)
        self._key = {word: find(word) for word in parent}

    @classmethod
    def with_extra(cls, extra: Mapping[str, str] | None = None) -> VariantTable:
        """The built-in table merged with caller-supplied pairs."""
        return cls(VARIANT_SPELLINGS + tuple((extra or {}).items()))

    def key(self, folded: str) -> str:
        """The class key of an already folded word (itself when not listed)."""
        return self._key.get(folded, folded)

    def listed(self, key: str) -> bool:
        """Whether a class key (or folded word) is in the table."""
        return key in self._key

    def are_variants(self, a: str, b: str) -> bool:
        """Whether two different spellings are listed as the same word."""
        fa, fb = base_form(a), base_form(b)
        return fa != fb and self.key(fa) == self.key(fb)


def _fold(word: str) -> str:
    return canonical(word).casefold()


@lru_cache(maxsize=200_000)
def base_form(word: str) -> str:
    """A surface word folded for comparison: case, quotes, dashes and a
    trailing possessive dropped ("Kyiv’s" → "kyiv"), abbreviations unified,
    thousands separators dropped ("1,500" → "1500")."""
    acronym = _ACRONYMS.get(_SURFACE_POSSESSIVE.sub("", word))
    if acronym:
        return acronym
    folded = _fold(word)
    if folded[:1].isdigit():
        return folded.replace(",", "")
    if "'" in folded:
        folded = _POSSESSIVE.sub("", folded) or folded
    return folded


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text: its surface, offsets and matching key."""

    surface: str
    start: int
    end: int
    key: str


def tokenize(text: str, table: VariantTable) -> list[Token]:
    """The words of ``text`` with their offsets and variant-aware keys."""
    return [
        Token(m.group(), m.start(), m.end(), table.key(base_form(m.group())))
        for m in WORD.finditer(text)
    ]


def is_content(key: str) -> bool:
    """Whether a folded word carries meaning (is no stopword of any language)."""
    return key not in _STOPWORDS
