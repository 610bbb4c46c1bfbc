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
(read by the text layer in each wording's language), omissions and
additions (from membership, as within a language). Word diffs, term swaps
and quote wording compare only wordings in one language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from stories.text.figures import (
    AMOUNT,
    COUNT,
    MEASURE,
    PERCENT,
    YEAR,
    Figure,
    figures,
    same_figure,
)

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
# A passage folds into a sentence of a passage at most this many sentences away.
FOLD_DISTANCE = 2
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
    folded = {number: dict(versions) for number, versions in grouping.folded.items()}
    for version in others:
        own = vectors[version][: counts[version]]
        centroids = _unit(sums)
        homes = link(own, centroids)
        for passage, home in folds(own, centroids, homes).items():
            if _near(passages[passage], passages[home]):
                folded.setdefault(passage, {}).setdefault(version, home)
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
            folded=folded,
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


def folds(sentences: np.ndarray, passages: np.ndarray, homes: Mapping[int, int]) -> dict[int, int]:
    """Passage → the passage of the sentence that folds it in: a translation
    that puts two of the reference's sentences into one.

    A passage no sentence of the version went to is folded into a linked
    sentence when that sentence is the passage's best by margin (at least
    MIN_MARGIN) and the passage is the sentence's next best after its home.
    The version then gets no omission for it. (``attach`` keeps only folds
    of neighbouring passages.)"""
    if len(sentences) == 0 or len(passages) == 0:
        return {}
    margin = _margin(sentences @ passages.T)
    taken = set(homes.values())
    found = {}
    for passage in range(len(passages)):
        if passage in taken:
            continue
        i = int(margin[:, passage].argmax())
        if i not in homes or margin[i, passage] < MIN_MARGIN:
            continue
        ranked = [int(p) for p in np.argsort(-margin[i]) if int(p) != homes[i]]
        if ranked and ranked[0] == passage:
            found[passage] = homes[i]
    return found


def _near(first: Sequence[tuple[str, int]], second: Sequence[tuple[str, int]]) -> bool:
    """Whether some version has sentences of the two passages at most
    FOLD_DISTANCE apart: a translation folds neighbouring sentences."""
    members = set(second)
    return any(
        (version, index + step) in members
        for version, index in first
        for step in range(-FOLD_DISTANCE, FOLD_DISTANCE + 1)
        if step
    )


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

# Figures compared across languages: quantities. Dates, times and ordinals
# are written too differently across languages ("jeudi 1er septembre") to
# pair reliably.
_COMPARED = frozenset({AMOUNT, PERCENT, MEASURE, COUNT, YEAR})


def _same_across(a: Figure, b: Figure) -> bool:
    """Whether two figures in different languages state the same value.

    Units are words of each language ("year-old" and "años"), so only a
    currency or a percent sign has to agree; otherwise the values decide."""
    if AMOUNT in (a.kind, b.kind) or PERCENT in (a.kind, b.kind):
        return same_figure(a, b)
    return math.isclose(a.value, b.value, rel_tol=1e-9)


def figure_changes(
    reference: str, reference_language: str, text: str, language: str
) -> list[tuple[str | None, str | None]]:
    """Figures two wordings in different languages do not share, as
    (reference figure, member figure), like ``compare.number_changes``;
    figures are read by the text layer in each wording's own language.

    Only digits can go missing: a translation may spell out a number in
    words the text layer does not know, so a spelled figure is never
    reported as dropped or added, but it does match one, and one figure
    left over on each side reads as a change ("nine" to "onze")."""
    theirs = [f for f in figures(reference, reference_language or None) if f.kind in _COMPARED]
    own = [f for f in figures(text, language or None) if f.kind in _COMPARED]
    # 1 is left out: one language's "1" is another's article or pronoun
    # ("a", "one", "un"), which no figure parser should read as a number.
    dropped = _unique(
        [f for f in theirs if f.value != 1 and not any(_same_across(f, g) for g in own)]
    )
    added = _unique(
        [g for g in own if g.value != 1 and not any(_same_across(f, g) for f in theirs)]
    )
    if len(dropped) == 1 and len(added) == 1:
        return [(dropped[0].surface, added[0].surface)]
    changes: list[tuple[str | None, str | None]] = []
    changes.extend((f.surface, None) for f in dropped if not f.spelled)
    changes.extend((None, f.surface) for f in added if not f.spelled)
    return changes


def _unique(found: Sequence[Figure]) -> list[Figure]:
    seen, kept = set(), []
    for figure in found:
        if figure.key() not in seen:
            seen.add(figure.key())
            kept.append(figure)
    return kept
