"""Versions in another language, linked to the story's passages through a
sentence encoder. Plain Python and numpy: no Django here.

The lexical matcher builds the passages of the story's main language. Each
version in another language is then placed sentence by sentence against the
passages' embedding centroids. Multilingual encoders score every pair of
news sentences on one topic high (translations 0.92-0.95 cosine, unrelated
sentences 0.74-0.79 with multilingual-e5-small), so no absolute threshold
separates them. What does is relative:

- the *margin* score of bitext mining: a pair's cosine over the mean cosine
  of each side's nearest neighbours, which discounts a sentence (or a
  passage) that is close to everything;
- *mutual best*: the sentence is the passage's best among the version's
  sentences and the passage the sentence's best;
- for a sentence whose best passage a better counterpart took, another
  round of mutual best among what is left;
- for a sentence that splits one passage over two neighbouring sentences:
  its neighbour's passage among its two best, at the same margin.

A sentence left without a passage starts one of its own (an addition), so
a second version in the same language can link to it.

Findings across languages are those that survive translation: figures
(digits read with the language's decimal mark, and small number words),
omissions and additions (from membership, as within a language). Word
diffs, term swaps and quote wording compare only wordings in one language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .group import Grouping

# Nearest neighbours averaged for the margin score.
NEIGHBOURS = 4
# A mutual best pair links from this margin up: its cosine at least this
# many times the mean of both sides' nearest neighbours.
MIN_MARGIN = 1.0
# Rounds of mutual best over what is still free; after the first, a link
# needs LATER_MARGIN (the best counterpart was taken: weaker evidence).
ROUNDS = 3
LATER_MARGIN = 1.02
# A sentence joins a neighbour's passage (a split sentence) from this margin,
# when that passage is among its two best.
SPLIT_MARGIN = 0.97


@dataclass(frozen=True)
class Placed:
    """The grouping with the other-language versions' sentences in it, and
    how each of their sentences was placed (score of its link, or None)."""

    grouping: Grouping
    scores: dict[tuple[str, int], float]


def attach(
    grouping: Grouping,
    *,
    vectors: Mapping[str, np.ndarray],
    others: Sequence[str],
    counts: Mapping[str, int],
) -> Placed:
    """Place every sentence of the ``others`` versions (in that order) into
    the passages of ``grouping`` or into new ones.

    ``vectors`` holds, per version, one unit row per sentence (a zero row for
    a sentence without one; every version in ``others`` has all of its
    rows); ``counts`` the number of sentences of each version in ``others``.
    """
    passages = [list(members) for members in grouping.passages]
    dim = next(iter(vectors.values())).shape[1] if vectors else 0
    sums = np.zeros((len(passages), dim), dtype=np.float32)
    for number, members in enumerate(passages):
        for version, index in members:
            if version in vectors:
                sums[number] += vectors[version][index]
    scores: dict[tuple[str, int], float] = {}
    for version in others:
        own = vectors[version][: counts[version]]
        centroids = _unit(sums)
        homes = link(own, centroids)
        for index, row in enumerate(own):
            target = homes.get(index)
            if target is None:
                passages.append([(version, index)])
                sums = np.vstack([sums, row[None, :]])
                continue
            passages[target].append((version, index))
            scores[(version, index)] = float(centroids[target] @ row)
            sums[target] += row
    return Placed(
        grouping=Grouping(
            passages=[tuple(sorted(members)) for members in passages],
            folded=grouping.folded,
        ),
        scores=scores,
    )


def link(sentences: np.ndarray, passages: np.ndarray) -> dict[int, int]:
    """Sentence index → passage index for one version's sentences.

    Rounds of mutual best by margin score (at least MIN_MARGIN), each over
    the sentences and passages still free, so a sentence whose best passage
    went to a better counterpart can take its next best; then sentences that
    continue a neighbour's passage (an outlet splitting one sentence in two)."""
    if len(sentences) == 0 or len(passages) == 0:
        return {}
    cos = sentences @ passages.T
    margin = _margin(cos)
    homes: dict[int, int] = {}
    for round_ in range(ROUNDS):
        floor = MIN_MARGIN if round_ == 0 else LATER_MARGIN
        free = margin.copy()
        if homes:
            free[list(homes), :] = -np.inf
            free[:, list(set(homes.values()))] = -np.inf
        best_passage = free.argmax(axis=1)
        best_sentence = free.argmax(axis=0)
        found = {
            i: int(p)
            for i, p in enumerate(best_passage)
            if i not in homes and best_sentence[p] == i and free[i, p] >= floor
        }
        if not found:
            break
        homes.update(found)
    for i in range(len(sentences)):
        if i in homes:
            continue
        top = np.argsort(-margin[i])[:2]
        for neighbour in (homes.get(i - 1), homes.get(i + 1)):
            if neighbour in top and margin[i, neighbour] >= SPLIT_MARGIN:
                homes[i] = int(neighbour)
                break
    return homes


def _margin(cos: np.ndarray) -> np.ndarray:
    """Ratio margin: cos(x, y) over the mean of x's and y's neighbour means."""
    k_rows = min(NEIGHBOURS, cos.shape[1])
    k_cols = min(NEIGHBOURS, cos.shape[0])
    rows = -np.sort(-cos, axis=1)[:, :k_rows].mean(axis=1)
    cols = -np.sort(-cos, axis=0)[:k_cols, :].mean(axis=0)
    return cos / ((rows[:, None] + cols[None, :]) / 2.0)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


# ---------------------------------------------------------------- figures

# Languages that write a decimal comma and group thousands with a dot or a
# space ("1.500", "2,5", "70 000"); English and most others write "1,500", "2.5".
DECIMAL_COMMA = frozenset(
    [
        "af",
        "bg",
        "ca",
        "cs",
        "da",
        "de",
        "el",
        "es",
        "et",
        "eu",
        "fi",
        "fr",
        "gl",
        "hr",
        "hu",
        "id",
        "is",
        "it",
        "lt",
        "lv",
        "nl",
        "no",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sq",
        "sr",
        "sv",
        "tr",
        "uk",
        "vi",
    ]
)
# Number words up to twelve in the languages news versions most often come in:
# a translation writes "tres" where the original printed "3".
SMALL_NUMBERS = {
    "en": "one two three four five six seven eight nine ten eleven twelve",
    "es": "uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "pt": "um dois três quatro cinco seis sete oito nove dez onze doze",
    "fr": "un deux trois quatre cinq six sept huit neuf dix onze douze",
    "it": "uno due tre quattro cinque sei sette otto nove dieci undici dodici",
    "de": "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
}
_WORD_VALUES = {
    language: {word: float(n) for n, word in enumerate(words.split(), 1)}
    for language, words in SMALL_NUMBERS.items()
}
# Articles that are also "one" ("un", "uno", "um", "one" as a pronoun) say
# nothing about figures.
_NOT_FIGURES = frozenset({"one", "un", "uno", "um", "eins"})
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:(?:[.,]|[ \u00a0\u202f])\d{3})+(?:[.,]\d+)?(?!\w)"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])"
)
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Figure:
    value: float
    surface: str
    spelled: bool  # a number word, not digits


def figures(text: str, language: str) -> tuple[Figure, ...]:
    """Figures in ``text``: digits read with the language's separators, and
    number words up to twelve where the language's are known."""
    comma = language in DECIMAL_COMMA
    found = [
        Figure(value, match.group(), False)
        for match in _NUMBER.finditer(text)
        if (value := _value(match.group(), decimal_comma=comma)) is not None
    ]
    words = _WORD_VALUES.get(language, {})
    for match in _WORDS.finditer(text):
        word = match.group().casefold()
        if word in words and word not in _NOT_FIGURES:
            found.append(Figure(words[word], match.group(), True))
    return tuple(found)


def _value(surface: str, *, decimal_comma: bool) -> float | None:
    """The number a figure's digits write. A separator before exactly three
    digits is ambiguous ("1.500" is 1500 in Spanish, 1.5 in English): the
    language decides. Any other is unambiguous ("2.5", "1.500.000", "1,500.75")."""
    text = re.sub(r"[ \u00a0\u202f]", "", surface)
    marks = re.findall(r"[.,]", text)
    if not marks:
        return float(text)
    last = max(text.rfind("."), text.rfind(","))
    head, tail = re.sub(r"[.,]", "", text[:last]), text[last + 1 :]
    if len(set(marks)) == 2:
        return float(f"{head}.{tail}")
    if len(marks) > 1:
        return float(head + tail)
    if len(tail) != 3:
        return float(f"{head}.{tail}")
    grouping = (marks[0] == ".") == decimal_comma
    return float(head + tail) if grouping else float(f"{head}.{tail}")


def figure_changes(
    reference: str, reference_language: str, text: str, language: str
) -> list[tuple[str | None, str | None]]:
    """Figures two wordings in different languages do not share, as
    (reference figure, member figure), like ``compare.number_changes``.

    Only digits can go missing: a translation may spell out a small number
    in words this module does not know, so a spelled figure is never
    reported as dropped or added, but it does match one, and one figure
    left over on each side reads as a change ("nine" to "onze").
    """
    theirs = figures(reference, reference_language)
    own = figures(text, language)
    their_values = {f.value for f in theirs}
    own_values = {f.value for f in own}
    # 1 is left out: one language's "1" is another's article or pronoun
    # ("a", "one", "un"), which no figure parser should read as a number.
    dropped = _unique([f for f in theirs if f.value not in own_values and f.value != 1])
    added = _unique([f for f in own if f.value not in their_values and f.value != 1])
    # One figure out on each side reads as a change of that figure.
    if len(dropped) == 1 and len(added) == 1:
        return [(dropped[0].surface, added[0].surface)]
    changes: list[tuple[str | None, str | None]] = []
    changes.extend((f.surface, None) for f in dropped if not f.spelled)
    changes.extend((None, f.surface) for f in added if not f.spelled)
    return changes


def _unique(found: Sequence[Figure]) -> list[Figure]:
    seen, kept = set(), []
    for figure in found:
        if figure.value not in seen:
            seen.add(figure.value)
            kept.append(figure)
    return kept
