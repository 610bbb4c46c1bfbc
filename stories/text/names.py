"""Names: capitalised words and runs of them ("Vladimir Putin", "Notre-Dame
de Paris"), as news prints people, places and organisations.

A capitalised word that opens a sentence says nothing (every sentence
starts with one), so it counts only inside a run that goes on ("Vladimir
Putin met…") and never when it is a stopword ("The", "In", "Según").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Label:
    """What a text calls a person where it names them: the words before the
    name ("Harbour master Ines Vidal", "Ferry owner Tom Berg") or an
    apposition after it ("Ines Vidal, the port's chief officer,").
    ``person`` is the name's last two words; ``start`` where the label
    begins."""

    person: str
    label: str
    start: int


# Words a label before a name may have, none a stopword, at least one capitalised.
_LABEL_WORDS = 4
_BEFORE = re.compile(r"(?<![^\s(])([^\W\d_][\w'’-]*)\s+$")
_WORD_SPAN = re.compile(r"\S+")
# Characters before a name within which one label word is looked for.
_LABEL_REACH = 60
_APPOSITION_AFTER = re.compile(r"\s*,\s*(?:the|a|an)\s+([^,.;:()“”\"«»]{3,80}?)\s*[,.;]")
# A reporting verb makes the words a clause ("Reuters quoted X"; "X, the
# agency said"), not a label.
_REPORTING = re.compile(
    r"(?i)\b(?:said|says|told|tells|reported|reports|quoted|quotes|added|adds|stated|"
    r"announced|confirmed|noted|wrote|writes|cited|cites)\b"
)


def name_labels(text: str, lang: str | None = None) -> list[Label]:
    """The labels ``text`` gives the people it names with two words or more."""
    found = []
    for match in _RUN.finditer(text):
        words = list(_WORD_SPAN.finditer(match.group()))
        if len(words) < 2:
            continue
        at = match.start() + words[-2].start()
        person = " ".join(w.group() for w in words[-2:])
        before, start = [], at
        while len(before) < _LABEL_WORDS:
            # Only the few words before the name are read, never the text's
            # whole run up to it.
            window = max(0, start - _LABEL_REACH)
            word = _BEFORE.search(text, window, start)
            if word is None or is_stopword(word.group(1), lang):
                break
            before.insert(0, word.group(1))
            start = word.start(1)
        label = " ".join(before)
        if before and any(w[:1].isupper() for w in before) and not _REPORTING.search(label):
            found.append(Label(person, label, start))
        after = _APPOSITION_AFTER.match(text, match.end())
        if after and not _REPORTING.search(after.group(1)):
            found.append(Label(person, after.group(1), after.start(1)))
    return found
