"""The two questions across languages: a translation, or another language's
report of the same event, compared through a sentence encoder.

Across languages the words are not shared, so neither question can be read
from wording. What carries over is the content: a sentence and its rendering
in another language lie close together in the encoder's space. The encoder
scores every pair of news sentences high (unrelated ones 0.74-0.80 on
multilingual-e5-small, translations 0.92-0.95), so a pair counts only when
it is both close in absolute terms and each sentence's best match is the
other, clearly ahead of its runner-up: the margin, not the level, tells a
rendering from a sentence about the same sort of thing.

Measured on the real corpus (../shared/corpus, every pair of articles in two
languages, first 40 body sentences, pairs whose dates, key figures or
process stages disagree left out): pairs of one event with two such
sentences, 41; pairs of two events, 0. With one, 67 against 23: a single
shared sentence is the background two occasions retell alike (the last
attack on the same weekly, the same street names). Without the stages, 3
pairs of two events have two: a deal's closing retells its announcement.

Plain Python with numpy; the vectors come from the caller."""

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class TranslationRule:
    """When sentences in two languages say the same thing; see
    ``Thresholds`` for the values and their reasons."""

    cosine: float
    gap: float
    sentences: int
    version_share: float


@dataclass(frozen=True, slots=True)
class TranslationEvidence:
    """What one article in another language shares with ``member``: the
    sentence pairs (index in the new article, index in the member, cosine)
    that render each other, and their share of the shorter article."""

    member: Hashable
    aligned: tuple[tuple[int, int, float], ...]
    share: float

    @property
    def cosine(self) -> float:
        """The mean cosine of the rendered pairs (0 for none)."""
        if not self.aligned:
            return 0.0
        return sum(c for _, _, c in self.aligned) / len(self.aligned)


def rendered_pairs(mine: np.ndarray, theirs: np.ndarray, rule: TranslationRule) -> list:
    """The sentence pairs of two articles that render each other: mutual
    best matches at ``rule.cosine`` or more, each ahead of the runner-up in
    its row and its column by ``rule.gap`` (a sentence close to several of
    the other's is about the topic, not a rendering of one of them).

    ``mine`` and ``theirs``: unit sentence vectors, one row per sentence."""
    if len(mine) == 0 or len(theirs) == 0:
        return []
    scores = mine @ theirs.T
    best_of_mine = scores.argmax(axis=1)
    best_of_theirs = scores.argmax(axis=0)
    pairs = []
    for i, j in enumerate(best_of_mine):
        cosine = float(scores[i, j])
        if best_of_theirs[j] != i or cosine < rule.cosine:
            continue
        if _runner_up(scores[i], j) > cosine - rule.gap:
            continue
        if _runner_up(scores[:, j], i) > cosine - rule.gap:
            continue
        pairs.append((i, int(j), round(cosine, 4)))
    return pairs


def _runner_up(row: np.ndarray, best: int) -> float:
    if len(row) < 2:
        return -1.0
    rest = np.delete(row, best)
    return float(rest.max())


def translation_evidence(
    member: Hashable, mine: np.ndarray, theirs: np.ndarray, rule: TranslationRule
) -> TranslationEvidence:
    pairs = rendered_pairs(mine, theirs, rule)
    shorter = min(len(mine), len(theirs)) or 1
    return TranslationEvidence(member, tuple(pairs), len(pairs) / shorter)


def shows_one_event(evidence: TranslationEvidence | None, rule: TranslationRule) -> bool:
    """Whether the rendered sentences are enough to place the article."""
    return evidence is not None and len(evidence.aligned) >= rule.sentences


def is_translation(evidence: TranslationEvidence, rule: TranslationRule) -> bool:
    """A rendering of the member sentence by sentence (a version of the same
    report), rather than another newsroom's report of the event."""
    return evidence.share >= rule.version_share
