"""Names: capitalised words and runs of them ("Vladimir Putin", "Notre-Dame
de Paris"), as news prints people, places and organisations.

A capitalised word that opens a sentence says nothing (every sentence
starts with one), so it counts only inside a run that goes on ("Vladimir
Putin met…") and never when it is a stopword ("The", "In", "Según").
"""

from __future__ import annotations

import re

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
