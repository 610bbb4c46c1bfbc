"""Which version the others are compared with, by default, and why.

The reference should be the version the others derive from, so that every
change is stated against the text it was made to: the original where the
story says so (another version derives from it), else the most central
version, whose wording is closest to all the others'. Fullness is a poor
guide: a translation, or a version padded with its own material, is often
the longest. A version in another language than the story's main one is
never the reference (its words cannot be compared with the others').
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .match import Vector, add_into, cosine, unit
from .types import VersionInput


@dataclass(frozen=True)
class Choice:
    version: str
    reason: str


def choose_reference(
    versions: Sequence[VersionInput],
    *,
    same: Sequence[str],
    vectors: Mapping[str, Sequence[Vector]],
    words: Mapping[str, int],
    language: str,
) -> Choice:
    """The default reference among ``same`` (the versions in the story's main
    ``language``, whose sentence ``vectors`` are given), with the reason a
    reader is shown."""
    names = {v.id: v.name for v in versions}
    candidates = [v for v in versions if v.id in set(same)]
    left_out = len(versions) - len(candidates)
    ids = {v.id for v in versions}
    sources = Counter(v.derived_from for v in versions if v.derived_from in ids)
    originals = [
        v for v in candidates if sources[v.id] and v.derived_from not in ids and words[v.id]
    ]
    centrality = _centrality({v.id: vectors[v.id] for v in candidates})
    pool = originals or candidates

    def rank(v: VersionInput) -> tuple:
        return (-sources[v.id], -round(centrality[v.id], 6), -words[v.id], v.id)

    chosen = min(pool, key=rank)
    if originals:
        derived = sorted(names[v.id] for v in versions if v.derived_from == chosen.id)
        verb = "derives" if len(derived) == 1 else "derive"
        reason = f"the original: {', '.join(derived)} {verb} from it"
    elif len(candidates) > 1:
        reason = "the most central version: its wording is the closest to all the others'"
    else:
        reason = "the only version" if len(versions) == 1 else "the only one in the main language"
    if left_out:
        reason += f" (versions not in {language} are never the reference)"
    return Choice(chosen.id, reason)


def _centrality(vectors: Mapping[str, Sequence[Vector]]) -> dict[str, float]:
    """Each version's summed cosine with every other version, whole text
    against whole text (the sum of one version's unit sentence vectors)."""
    documents = {}
    for vid, sentences in vectors.items():
        total: dict[str, float] = {}
        for vector in sentences:
            add_into(total, vector)
        documents[vid] = unit(total)
    # Σ_w cos(d_v, d_w) = d_v · Σ_w d_w − 1 for unit vectors: linear in versions.
    everything: dict[str, float] = {}
    for document in documents.values():
        add_into(everything, document)
    return {
        vid: cosine(document, everything) - (1.0 if document else 0.0)
        for vid, document in documents.items()
    }
