"""Loaded terms: word choices that carry a stance, reported wherever one
version uses one side of a pair and another version the other.

Unlike variant spellings (``stories.text.normalize``), these are not the
same word: matching keeps them apart, and one occurrence is enough to
report them, because an outlet that writes "sent troops" where its source
wrote "invaded" has made a choice a reader should see. Editors add pairs
with the NEWSDESK_LOADED_TERMS setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from stories.text.normalize import canonical

# (one wording, the other): either may be the reference's.
LOADED_TERMS: tuple[tuple[str, str], ...] = (
    ("invaded", "sent troops"),
    ("invade", "send troops"),
    ("invasion", "special military operation"),
    ("war", "conflict"),
    ("regime", "government"),
    ("regime", "authorities"),
    ("militants", "fighters"),
    ("militants", "rebels"),
    ("terrorists", "militants"),
    ("jihadist", "militant"),
    ("jihadists", "militants"),
    ("jihadist", "rebel"),
    ("jihadists", "rebels"),
    ("occupied", "held"),
    ("killed", "died"),
    ("occupied", "controlled"),
    ("annexed", "reunified"),
    ("dictator", "president"),
)


# Texts whose pair sides a LoadedTerms remembers before it starts afresh.
PRESENT_CACHE = 4096


class LoadedTerms:
    """A table of loaded-term pairs, built-in plus extra."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._present: dict[str, frozenset[str]] = {}
        self.pairs = tuple(
            dict.fromkeys(
                (_fold(a), _fold(b)) for a, b in (*LOADED_TERMS, *pairs) if _fold(a) != _fold(b)
            )
        )
        # Each side once, with its words for a plain substring test before
        # its pattern runs (None for a side written with other than ASCII),
        # and all those words: searching every side's pattern through every
        # sentence was most of the cost of reading loaded terms.
        self._sides = tuple(
            (side, frozenset(side.split()) if side.isascii() else None)
            for side in dict.fromkeys(side for pair in self.pairs for side in pair)
        )
        self._words = frozenset(w for _, words in self._sides for w in words or ())

    def find(self, reference: str, text: str) -> list[tuple[str, str]]:
        """(reference wording, member wording) for every pair whose sides
        appear one in each text and not both in either."""
        theirs, own = self.present(reference), self.present(text)
        if not theirs or not own:
            return []
        found = []
        for a, b in self.pairs:
            for left, right in ((a, b), (b, a)):
                if left in theirs and right in own and left not in own and right not in theirs:
                    found.append((_surface(reference, left), _surface(text, right)))
        return found

    def present(self, text: str) -> frozenset[str]:
        """The sides of the pairs that ``text`` prints, read once per text:
        the reference's whole text is asked about with every sentence of
        every version."""
        known = self._present.get(text)
        if known is None:
            if len(self._present) >= PRESENT_CACHE:
                self._present.clear()
            folded = canonical(text)
            plain = _plain(folded)
            printed = {w for w in self._words if w in plain}
            known = self._present[text] = frozenset(
                side
                for side, words in self._sides
                if (words is None or printed.issuperset(words))
                and _pattern(side).search(folded) is not None
            )
        return known

    def listed(self, left: str, right: str) -> bool:
        pair = (_fold(left), _fold(right))
        return pair in self.pairs or pair[::-1] in self.pairs


def _fold(phrase: str) -> str:
    return " ".join(canonical(phrase).casefold().split())


# The only characters other than ASCII that a case-blind pattern of ASCII
# letters matches (Python's re folds them so: "İ" and "ı" are "i", "ſ" is
# "s", the Kelvin sign is "k"), as those letters.
_ASCII_LOOKALIKES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def _plain(folded: str) -> str:
    """``folded`` lower-cased, the look-alikes as their ASCII letters: each
    character an ASCII side's case-blind pattern matches is that side's
    character here, so a side printed in ``folded`` has each of its words in
    this (a side with a word missing from it need not be searched for)."""
    return folded.translate(_ASCII_LOOKALIKES).lower()


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _surface(text: str, phrase: str) -> str:
    match = _pattern(phrase).search(canonical(text))
    return match.group() if match else phrase
