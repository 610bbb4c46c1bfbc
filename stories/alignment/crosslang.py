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
- a *runner-up* test on both sides: the passage must lead the sentence's
  next best passage, and the sentence the passage's next best sentence, by
  RUNNER_UP, unless that runner-up is a neighbour (a passage next to it in
  a main-language version, which a sentence folding both matches alike; a
  sentence next to it, which says the other half of one sentence);
- for a sentence that splits one passage over two neighbouring sentences:
  its neighbour's passage among its two best, at the same margin;
- *context*: a sentence still unplaced takes its best or next best free
  passage when that lies, in the reference's order, between the passages
  of its placed neighbours (translations keep the order they translate).

Passages are judged by their main-language wordings only: a sentence
placed from another language is the encoder's guess, and adding it to the
centroid would pull the next version towards that guess. Folds (a sentence
carrying a neighbouring passage too) merge passages by the lexical
matcher's rule, counted together with the folds it found itself.

A sentence left without a passage starts one of its own (an addition), so
a second version in the same language can link to it.

Findings across languages are those that survive translation: figures
(read by the text layer in each wording's language), omissions and
additions (from membership, as within a language). Word diffs, term swaps
and quote wording compare only wordings in one language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
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

from .group import Grouping, merge_folds

# Nearest neighbours averaged for the margin score.
NEIGHBOURS = 4
# A mutual best pair links from this margin up: its cosine at least this
# many times the mean of both sides' nearest neighbours.
MIN_MARGIN = 1.015
# Rounds of mutual best over what is still free; after the first, a link
# needs LATER_MARGIN (the best counterpart was taken: weaker evidence).
ROUNDS = 3
LATER_MARGIN = 1.02
# A passage folds into a sentence of a passage at most this many sentences
# away in a version of the main language.
FOLD_DISTANCE = 1
# A sentence joins a neighbour's passage (a split sentence) from this margin,
# when that passage is among its two best.
SPLIT_MARGIN = 0.97
# A mutual best leads the sentence's next best passage by this factor, or
# that passage neighbours it (the sentence folds the two).
RUNNER_UP = 1.01
# Context placement looks at the sentence's best few passages.
CONTEXT_CANDIDATES = 2


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
    reference: str = "",
) -> Placed:
    """Place every sentence of the ``others`` versions (in that order) into
    the passages of ``grouping`` or into new ones.

    ``vectors`` holds, per version, one unit row per sentence (a zero row for
    a sentence without one; every version in ``others`` has all of its
    rows); ``counts`` the number of sentences of each version in ``others``;
    ``reference`` the version whose order context placement follows.
    """
    passages = [list(members) for members in grouping.passages]
    main = frozenset(version for members in passages for version, _ in members)
    dim = next(iter(vectors.values())).shape[1] if vectors else 0
    sums = np.zeros((len(passages), dim), dtype=np.float32)
    for number, members in enumerate(passages):
        for version, index in members:
            if version in vectors:
                sums[number] += vectors[version][index]
    scores: dict[tuple[str, int], float] = {}
    # Folds as (version, passage of the folding sentence, folded passage):
    # those the lexical matcher found without enough support to merge, then
    # those of the other-language versions.
    found = [
        (version, home, number)
        for number, versions in grouping.folded.items()
        for version, home in versions.items()
    ]
    for version in others:
        own = vectors[version][: counts[version]]
        centroids = _unit(sums)
        places = np.array(
            [min((i for v, i in m if v == reference), default=np.nan) for m in passages],
            dtype=float,
        )
        homes = link(
            own,
            centroids,
            near=lambda a, b: _near(passages[a], passages[b], main),
            places=places,
        )
        for passage, home in folds(own, centroids, homes).items():
            if _near(passages[passage], passages[home], main):
                found.append((version, home, passage))
        for index, row in enumerate(own):
            target = homes.get(index)
            if target is None:
                passages.append([(version, index)])
                sums = np.vstack([sums, row[None, :]])
                continue
            passages[target].append((version, index))
            scores[(version, index)] = float(centroids[target] @ row)
            if not any(v in main for v, _ in passages[target]):
                sums[target] += row
    # A translation that puts two neighbouring sentences of the reference
    # into one is the same evidence as an outlet doing it in the reference's
    # language: the two kinds of folds count together.
    return Placed(grouping=merge_folds(dict(enumerate(passages)), found), scores=scores)


def link(
    sentences: np.ndarray,
    passages: np.ndarray,
    near: Callable[[int, int], bool] | None = None,
    places: np.ndarray | None = None,
) -> dict[int, int]:
    """Sentence index → passage index for one version's sentences.

    Rounds of mutual best by margin score (at least MIN_MARGIN), each over
    the sentences and passages still free, so a sentence whose best passage
    went to a better counterpart can take its next best; then sentences that
    continue a neighbour's passage (an outlet splitting one sentence in two).

    A mutual best must also lead the runners-up by RUNNER_UP (as a factor):
    the sentence's next best passage, unless ``near(best, runner-up)`` says
    the two passages are neighbours (a sentence carrying both, a fold,
    matches them alike), and the passage's next best sentence, unless it is
    the sentence's neighbour (one sentence said in two)."""
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
        found = {}
        for i, p in enumerate(best_passage):
            p = int(p)
            if i in homes or best_sentence[p] != i or free[i, p] < floor:
                continue
            if _clear(free[i], p, near) and _clear(free[:, p], i, _adjacent):
                found[i] = p
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
    if places is not None:
        _place_between(margin, homes, places)
    return homes


def _place_between(margin: np.ndarray, homes: dict[int, int], places: np.ndarray) -> None:
    """A sentence still without a passage whose best or next best free
    passage lies between the passages of its linked neighbours, in the
    reference's order, takes it (from MIN_MARGIN): a translation keeps the
    order of what it translates, so its neighbours vouch for a link the
    margins alone leave open. ``places`` is each passage's place in the
    reference (NaN where the reference has no sentence)."""
    taken = set(homes.values())
    linked = sorted(homes)
    for i in range(len(margin)):
        if i in homes:
            continue
        before = [homes[j] for j in linked if j < i]
        after = [homes[j] for j in linked if j > i]
        if not before or not after:
            continue
        low, high = places[before[-1]], places[after[0]]
        if not (np.isfinite(low) and np.isfinite(high)) or low >= high:
            continue
        for p in np.argsort(-margin[i])[:CONTEXT_CANDIDATES]:
            p = int(p)
            if p not in taken and margin[i, p] >= MIN_MARGIN and low < places[p] < high:
                homes[i] = p
                taken.add(p)
                break


def _adjacent(first: int, second: int) -> bool:
    return abs(first - second) == 1


def _clear(row: np.ndarray, best: int, near: Callable[[int, int], bool] | None) -> bool:
    """Whether ``best`` leads the row's runner-up by RUNNER_UP, or the
    runner-up is a neighbour of ``best`` (``near``)."""
    if len(row) < 2:
        return True
    ranked = np.argpartition(-row, 1)[:2]
    runner = int(ranked[0] if ranked[0] != best else ranked[1])
    if not np.isfinite(row[runner]) or row[best] >= RUNNER_UP * row[runner]:
        return True
    return near is not None and near(best, runner)


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


def _near(
    first: Sequence[tuple[str, int]], second: Sequence[tuple[str, int]], main: frozenset[str]
) -> bool:
    """Whether a version in the story's main language has sentences of the
    two passages at most FOLD_DISTANCE apart: a translation folds
    neighbouring sentences of what it translates. (The other-language
    versions' places are the encoder's guesses, not evidence of order.)"""
    members = {m for m in second if m[0] in main}
    return any(
        (version, index + step) in members
        for version, index in first
        if version in main
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
# pair reliably. Days of the week are compared apart, for every member alike
# (``pipeline._day_changes``).
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
