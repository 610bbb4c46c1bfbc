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


_VOWELS = frozenset("aeiouy")
# After "-ed" comes off, a doubled final consonant is undone ("stopp" →
# "stop"), except these, which English doubles in the base itself ("kill",
# "pass", "buzz"; "travell" needs no undoing: matching keeps six letters).
_KEPT_DOUBLES = frozenset("lsz")


@lru_cache(maxsize=200_000)
def inflection_base(word: str) -> str:
    """A folded word without the English ending "-ed", so that "stop" and
    "stopped", "plan" and "planned", "kill" and "killed", "close" and
    "closed", "crash" and "crashed" match as one word.

    The ending comes off only when at least three letters with a vowel are
    left ("used", "shed" stay); a doubled final consonant is undone after a
    short vowel ("stopp" → "stop", not "add"), and a base of consonant,
    vowel, consonant in one syllable gets its silent "e" back ("clos" →
    "close", "hop" → "hope"), as the spelling rules that added the ending
    took it away. "-eed" stays a word of its own unless the rest is long
    ("agreed" is "agree", "speed" stays). "-ing" stays: as many "-ing" words
    are nouns as verbs ("building", "meeting", "evening"); ``ing_base`` gives
    the verb for a caller that knows the word is one. Other
    languages' words rarely end in "-ed"; where they do, every version's copy
    changes alike.
    """
    if word.endswith("eed"):
        return word[:-1] if len(word) > 5 else word
    if not word.endswith("ed"):
        return word
    return _without_ending(word[:-2]) or word


# Endings an English plural (or a verb's "-s") takes "-es" after.
_ES_AFTER = ("ches", "shes", "sses", "xes", "zes")


def plural_base(word: str) -> str:
    """A folded word without an English plural "-s" ("girls" is "girl",
    "cities" "city", "churches" "church"), which matching's six-letter
    stems do not cut from a short word. Words that end in "s" themselves
    stay: "-ss", "-us", "-is" ("press", "status", "crisis"), and words of
    three letters ("gas", "bus"). A verb's "-s" comes off alike ("kills").
    """
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_ES_AFTER):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=200_000)
def ing_base(word: str) -> str | None:
    """The verb an English "-ing" form would come from, by the spelling
    rules of ``inflection_base`` ("putting" → "put", "making" → "make",
    "killing" → "kill", "seeing" → "see"), or None when the word has no
    such ending or too little is left ("being", "bring", "thing").

    Whether the word is that verb's form or a noun of its own ("building",
    "meeting", "evening") this cannot tell: the caller decides, for example
    by whether the base is used as a word nearby.
    """
    if not word.endswith("ing") or len(word) < 6:
        return None
    base = word[:-3]
    if base.endswith("ee"):
        return base
    return _without_ending(base)


def _without_ending(base: str) -> str | None:
    """What is left of a word once "-ed" or "-ing" is cut off (``base``),
    spelled as the base word, or None when that is no word (under three
    letters, no vowel)."""
    if len(base) < 3 or not _VOWELS & set(base) or not base.isalpha():
        return None
    last, before = base[-1], base[-2]
    if last == before and last not in _VOWELS | _KEPT_DOUBLES:
        # A doubled consonant after one short vowel: "stopp", "plann", not "add".
        if len(base) >= 4 and base[-3] in _VOWELS and base[-4] not in _VOWELS:
            return base[:-1]
        return base
    if _one_short_syllable(base) or _long_vowel_before_s(base):
        return base + "e"
    return base


def _one_short_syllable(base: str) -> bool:
    """Consonant(s), one vowel, one consonant (not w, x or y): "clos", "hop"."""
    if base[-1] in _VOWELS or base[-1] in "wxy" or base[-2] not in _VOWELS:
        return False
    head = base[:-2]
    return bool(head) and not _VOWELS & set(head)


def _long_vowel_before_s(base: str) -> bool:
    """Two vowels and an "s" or "z" closing a short base: "caus", "rais", "seiz"."""
    return len(base) <= 5 and base[-1] in "sz" and base[-2] in _VOWELS and base[-3] in _VOWELS


# English contractions, spelled out so that "I'm" matches "I am" and "won't"
# "will not" (a trailing possessive "'s" is already dropped by ``base_form``).
_IRREGULAR_NEGATIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
}
_CONTRACTED = (
    ("n't", "not"),
    ("'m", "am"),
    ("'re", "are"),
    ("'ll", "will"),
    ("'ve", "have"),
    ("'d", "would"),
)


def expand_contraction(key: str) -> tuple[str, ...]:
    """The words an English contraction stands for ("we'll" → "we", "will"),
    or the key alone."""
    if "'" not in key:
        return (key,)
    if key in _IRREGULAR_NEGATIONS:
        return _IRREGULAR_NEGATIONS[key]
    for ending, word in _CONTRACTED:
        if key.endswith(ending) and len(key) > len(ending):
            return (key[: -len(ending)], word)
    return (key,)


def is_content(key: str) -> bool:
    """Whether a folded word carries meaning (is no stopword of any language)."""
    return key not in _STOPWORDS
