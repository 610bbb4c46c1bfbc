"""Names: capitalised words and runs of them ("Vladimir Putin", "Notre-Dame
de Paris"), as news prints people, places and organisations.

A capitalised word that opens a sentence says nothing (every sentence
starts with one), so it counts only inside a run that goes on ("Vladimir
Putin met…") and never when it is a stopword ("The", "In", "Según").
"""

from __future__ import annotations

import re
import unicodedata

from .stopwords import is_stopword

UPPER = "A-ZÀ-ÖØ-ÞĀĆČĎĐĒĘĚĞİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽА-ЯЁ"
# One capitalised word ("Kyiv’s", "Caliber.Az", "CDU-Chefin").
WORD = rf"[{UPPER}][\w'’.-]*\w"
# A run of them, with the particles names carry ("Bank of England", "Luiz Inácio Lula da Silva").
_PARTICLE = r"(?:of|de|da|do|dos|del|della|di|du|van|von|der|den|bin|al|el|la|le)\s+"
NAME = rf"{WORD}(?:\s+(?:{_PARTICLE})?{WORD})*"
_WORD = re.compile(rf"(?<![^\W_]){WORD}|(?<![^\W_])[{UPPER}](?![^\W_])")
_RUN = re.compile(rf"(?<![^\W_]){NAME}")
_OPENING = ' "“‘«„(['


def name_words(sentence: str) -> list[str]:
    """The capitalised words of a sentence, as printed, except the one that
    opens it."""
    return [
        match.group()
        for match in _WORD.finditer(sentence)
        if sentence[: match.start()].strip(_OPENING)
    ]


def name_runs(sentence: str, lang: str | None = None) -> list[str]:
    """The runs of capitalised words in a sentence ("Vladimir Putin"); a run
    that opens the sentence drops a stopword at its head ("The Kremlin" →
    "Kremlin") and counts alone only if it has two words or more."""
    found = []
    for match in _RUN.finditer(sentence):
        printed = match.group().split()
        words = list(printed)
        while words and is_stopword(words[0], lang):
            words.pop(0)
        lone_opening = len(printed) == 1 and not sentence[: match.start()].strip(_OPENING)
        if words and not lone_opening:
            found.append(" ".join(words))
    return found


# Letters that carry no accent to drop but are spelled otherwise elsewhere.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "’": "'"})
# Elided articles glued to a name ("l'Italie", "dell'Aquila").
_ELIDED = frozenset(("l", "d", "dell", "all", "nell", "sull", "dall"))


def name_key(word: str) -> str:
    """A name word (case-folded) as it carries across languages: accents
    dropped ("Berlín", "Türkiye", "Mineirão"), a case ending or possessive
    after an apostrophe cut ("Ankara'nın", "Bolt's"), an elided
    article before one dropped ("l'Italie")."""
    word = word.translate(_PLAIN_LETTERS)
    if "'" in word:
        head, _, tail = word.partition("'")
        word = tail if head in _ELIDED and tail else head
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
