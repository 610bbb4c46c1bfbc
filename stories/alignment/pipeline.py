"""``align()``: versions in, one merged timeline of typed passages out.

normalize → segment → match (vectors) → group (passages) → order (merged
order) → compare (word diffs and divergences). Everything is keyed on
version ids and ranked by stable keys, so the result does not depend on the
order the caller lists the versions in.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .compare import Comparer, Comparison, membership, swap_divergences, term_swaps
from .group import Grouping, build_passages
from .match import Vectorizer, analyse
from .normalize import WORD, VariantTable
from .order import merged_order
from .segment import segment
from .types import Alignment, Divergence, Passage, Quote, Sentence, TermSwap, VersionInput


def align(
    versions: Sequence[VersionInput],
    *,
    reference: str | None = None,
    variants: Mapping[str, str] | None = None,
) -> Alignment:
    """Align the versions of one story.

    ``reference`` is the version the others are compared with (default: the
    one with the most words, ties broken by id). ``variants`` adds spelling
    pairs ({"Kiev": "Kyiv"}) to the built-in table: they match as equal and
    are reported as term swaps.
    """
    by_id = _by_id(versions, reference)
    table = VariantTable.with_extra(variants)
    words = {v.id: len(WORD.findall(v.text)) for v in versions}
    reference = reference or min(by_id, key=lambda vid: (-words[vid], vid))
    others = sorted((vid for vid in by_id if vid != reference), key=lambda v: (-words[v], v))
    ranking = [reference, *others]

    sentences = {vid: segment(vid, by_id[vid].text) for vid in ranking}
    analysed = {vid: [analyse(s.text, table) for s in sentences[vid]] for vid in ranking}
    vectorizer = Vectorizer({vid: [counts for counts, _ in a] for vid, a in analysed.items()})
    vectors = {vid: [vectorizer.vector(counts) for counts, _ in a] for vid, a in analysed.items()}
    names = {vid: [only_names for _, only_names in a] for vid, a in analysed.items()}
    grouping = build_passages(vectors, order=ranking, names=names)

    order = merged_order(_sequences(grouping, sentences), ranking=ranking)
    described = _describe(
        grouping,
        order,
        versions=by_id,
        sentences=sentences,
        ranking=ranking,
        table=table,
    )
    return Alignment(
        versions=tuple(v.id for v in versions),
        reference=reference,
        sentences={v.id: sentences[v.id] for v in versions},
        passages=described.passages,
        terms=described.terms,
        quotes=described.quotes,
        annotations=tuple((v.id, a) for v in versions for a in v.annotations),
        divergences=tuple(d for p in described.passages for d in p.divergences),
    )


def _by_id(versions: Sequence[VersionInput], reference: str | None) -> dict[str, VersionInput]:
    if not versions:
        raise ValueError("align() needs at least one version")
    by_id = {v.id: v for v in versions}
    if len(by_id) != len(versions):
        raise ValueError("version ids must be unique")
    if reference is not None and reference not in by_id:
        raise ValueError(f"reference {reference!r} is not one of the versions")
    return by_id


def _sequences(
    grouping: Grouping, sentences: Mapping[str, tuple[Sentence, ...]]
) -> dict[str, list[int]]:
    """Each version's passages (group numbers) in its reading order."""
    where = {member: group for group, members in enumerate(grouping.passages) for member in members}
    return {vid: [where[(vid, s.index)] for s in sents] for vid, sents in sentences.items()}


def _describe(
    grouping: Grouping,
    order: Sequence[int],
    *,
    versions: Mapping[str, VersionInput],
    sentences: Mapping[str, tuple[Sentence, ...]],
    ranking: Sequence[str],
    table: VariantTable,
) -> _Described:
    """Passages in merged order (id = position), with the term swaps and
    quotes of the story.

    Two steps: each passage is compared on its own first; term swaps need
    every passage's substitutions (a swap counts when it recurs).
    """
    reference = ranking[0]
    labels = {vid: v.name for vid, v in versions.items()}
    position = {group: place for place, group in enumerate(order)}
    comparer = Comparer(table, labels)
    drafts = []
    for place, group in enumerate(order):
        by_version: dict[str, list[int]] = defaultdict(list)
        for version, index in grouping.passages[group]:
            by_version[version].append(index)
        carriers = [v for v in ranking if v in by_version]
        texts = {v: _member_text(versions[v].text, sentences[v], by_version[v]) for v in carriers}
        own = reference if reference in by_version else _fullest(texts)
        absent = [v for v in ranking if v not in by_version]
        folded = grouping.folded.get(group, {})
        drafts.append(
            _Draft(
                place=place,
                reference=own,
                carriers=carriers,
                absent=absent,
                folded=tuple(sorted((v, position[g]) for v, g in folded.items())),
                found=comparer.compare(
                    place,
                    reference=own,
                    texts=texts,
                    sentences={v: tuple(sorted(by_version[v])) for v in carriers},
                ),
                presence=membership(
                    place,
                    carriers=carriers,
                    absent=absent,
                    total=len(ranking),
                    baseline=reference in by_version or 2 * len(carriers) > len(ranking),
                    folded=folded,
                    note=all(sentences[own][i].kind == "note" for i in by_version[own]),
                    names=labels,
                ),
            )
        )
    terms, counted = term_swaps([s for d in drafts for s in d.found.substitutions], table)
    swaps = defaultdict(list)
    for divergence in swap_divergences(counted, labels):
        swaps[divergence.passage].append(divergence)
    passages = tuple(
        Passage(
            id=d.place,
            position=d.place,
            kind=_kind(len(d.carriers), len(ranking)),
            reference_version=d.reference,
            members=tuple(d.found.members),
            absent=tuple(d.absent),
            divergences=(*d.presence, *swaps[d.place], *d.found.divergences),
            folded=d.folded,
        )
        for d in drafts
    )
    return _Described(passages, terms, tuple(q for d in drafts for q in d.found.quotes))


@dataclass(frozen=True)
class _Draft:
    place: int
    reference: str
    carriers: list[str]
    absent: list[str]
    folded: tuple[tuple[str, int], ...]
    found: Comparison
    presence: list[Divergence]


@dataclass(frozen=True)
class _Described:
    passages: tuple[Passage, ...]
    terms: tuple[TermSwap, ...]
    quotes: tuple[Quote, ...]


def _kind(carried: int, total: int) -> str:
    if carried == total:
        return "common"
    return "shared" if carried > 1 else "unique"


def _fullest(texts: Mapping[str, str]) -> str:
    """The member with the most words (ties: lowest version id)."""
    return min(texts, key=lambda v: (-len(WORD.findall(texts[v])), v))


def _member_text(text: str, sentences: tuple[Sentence, ...], indexes: list[int]) -> str:
    """A member's sentences as printed where they follow each other in one
    paragraph, joined by a space elsewhere."""
    chosen = [sentences[i] for i in sorted(indexes)]
    parts = [chosen[0].text]
    for previous, sentence in itertools.pairwise(chosen):
        together = sentence.index == previous.index + 1 and sentence.paragraph == previous.paragraph
        parts.append(text[previous.end : sentence.start] if together else " ")
        parts.append(sentence.text)
    return "".join(parts)
