"""``align()``: versions in, one merged timeline of typed passages out.

normalize → segment → match (vectors) → group (passages) → order (merged
order) → compare (word diffs and divergences). Everything is keyed on
version ids and ranked by stable keys, so the result does not depend on the
order the caller lists the versions in.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from stories.text.normalize import WORD, VariantTable

from . import crosslang
from .compare import Comparer, Comparison, membership, swap_divergences, term_swaps
from .group import Grouping, build_passages
from .match import Vectorizer, analyse
from .order import merged_order
from .reference import choose_reference
from .segment import segment
from .terms import LoadedTerms
from .types import (
    Alignment,
    Divergence,
    Member,
    Passage,
    Quote,
    Sentence,
    TermSwap,
    VersionInput,
    WordOp,
)

# A sentence's vector from a sentence encoder, or None: (version id, text) → vector.
Embedding = Callable[[str, str], Sequence[float] | None]


def align(
    versions: Sequence[VersionInput],
    *,
    reference: str | None = None,
    variants: Mapping[str, str] | None = None,
    loaded_terms: Sequence[tuple[str, str]] = (),
    embedding: Embedding | None = None,
) -> Alignment:
    """Align the versions of one story.

    ``reference`` is the version the others are compared with (default:
    ``reference.choose_reference``, the original or the most central version
    in the story's main language; the result says which and why). ``variants``
    adds spelling pairs ({"Kiev": "Kyiv"}) to the built-in table: they match
    as equal and are reported as term swaps. ``loaded_terms`` adds pairs of
    wordings that carry a stance (("invaded", "sent troops")) to
    ``terms.LOADED_TERMS``: reported as term swaps wherever they meet.

    Versions in the main language (the reference's, else the language most
    versions are in) are linked by the lexical matcher. A version in another
    language is linked through ``embedding(version id, sentence text)``, a
    unit sentence vector or None, when it gives a vector for every one of its
    sentences; otherwise it is left out and listed in ``unaligned``.
    """
    by_id = _by_id(versions, reference)
    table = VariantTable.with_extra(variants)
    words = {v.id: len(WORD.findall(v.text)) for v in versions}
    main = _main_language(versions, reference, words)
    same = sorted(v.id for v in versions if v.language in ("", main))
    all_sentences = {vid: segment(vid, by_id[vid].text) for vid in by_id}
    analysed = {vid: [analyse(s.text, table) for s in all_sentences[vid]] for vid in same}
    vectorizer = Vectorizer({vid: [counts for counts, _ in analysed[vid]] for vid in same})
    vectors = {vid: [vectorizer.vector(counts) for counts, _ in analysed[vid]] for vid in same}
    names = {vid: [only_names for _, only_names in analysed[vid]] for vid in same}
    if reference is None:
        choice = choose_reference(versions, same=same, vectors=vectors, words=words, language=main)
        reference, reason = choice.version, choice.reason
    else:
        reason = "chosen by an editor"
    others = sorted((vid for vid in same if vid != reference), key=lambda v: (-words[v], v))
    lexical = [reference, *others]
    grouping = build_passages(vectors, order=lexical, names=names)

    foreign = sorted((vid for vid in by_id if vid not in same), key=lambda v: (-words[v], v))
    embedded = _embedded(embedding, all_sentences, lexical, foreign)
    linked = [vid for vid in foreign if vid in embedded]
    unaligned = tuple(vid for vid in foreign if vid not in embedded)
    link_scores: dict[tuple[str, int], float] = {}
    if linked:
        placed = crosslang.attach(
            grouping,
            vectors=embedded,
            others=linked,
            counts={vid: len(all_sentences[vid]) for vid in linked},
        )
        grouping, link_scores = placed.grouping, placed.scores
    ranking = [*lexical, *linked]
    sentences = {vid: all_sentences[vid] for vid in ranking}

    order = merged_order(_sequences(grouping, sentences), ranking=ranking)
    described = _describe(
        grouping,
        order,
        versions=by_id,
        sentences=sentences,
        ranking=ranking,
        table=table,
        loaded=LoadedTerms(loaded_terms),
        link_scores=link_scores,
    )
    return Alignment(
        versions=tuple(v.id for v in versions),
        reference=reference,
        reference_reason=reason,
        sentences={v.id: all_sentences[v.id] for v in versions},
        passages=described.passages,
        terms=described.terms,
        quotes=described.quotes,
        annotations=tuple((v.id, a) for v in versions for a in v.annotations),
        divergences=tuple(d for p in described.passages for d in p.divergences),
        main_language=main,
        unaligned=unaligned,
    )


def _main_language(
    versions: Sequence[VersionInput], reference: str | None, words: Mapping[str, int]
) -> str:
    """The reference's language, else the one most versions are in (ties: more
    words, then the code); "" when no version says."""
    if reference is not None:
        chosen = next(v.language for v in versions if v.id == reference)
        if chosen:
            return chosen
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for v in versions:
        if v.language:
            tally[v.language][0] += 1
            tally[v.language][1] += words[v.id]
    if not tally:
        return ""
    return min(tally, key=lambda language: (-tally[language][0], -tally[language][1], language))


def _embedded(
    embedding: Embedding | None,
    sentences: Mapping[str, tuple[Sentence, ...]],
    lexical: Sequence[str],
    foreign: Sequence[str],
) -> dict[str, np.ndarray]:
    """Sentence vectors, one row per sentence: for the main-language versions
    whatever is there (a zero row where none is), for the other versions only
    when every sentence has one."""
    if embedding is None or not foreign:
        return {}
    found: dict[str, np.ndarray] = {}
    for vid in (*lexical, *foreign):
        rows = [embedding(vid, s.text) for s in sentences[vid]]
        if vid in foreign and (not rows or any(r is None for r in rows)):
            continue
        present = [np.asarray(r, dtype=np.float32) for r in rows if r is not None]
        if not present:
            continue
        zero = np.zeros_like(present[0])
        found[vid] = np.vstack([zero if r is None else np.asarray(r, np.float32) for r in rows])
    if not any(vid in found for vid in foreign) or not any(vid in found for vid in lexical):
        return {}
    return found


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
    loaded: LoadedTerms,
    link_scores: Mapping[tuple[str, int], float],
) -> _Described:
    """Passages in merged order (id = position), with the term swaps and
    quotes of the story.

    Two steps: each passage is compared on its own first; term swaps need
    every passage's substitutions (a swap counts when it recurs).
    """
    reference = ranking[0]
    labels = {vid: v.name for vid, v in versions.items()}
    main = versions[reference].language
    languages = {vid: versions[vid].language or main for vid in ranking}
    lexical = {vid for vid in ranking if languages[vid] == main}
    position = {group: place for place, group in enumerate(order)}
    comparer = Comparer(table, labels, loaded, {vid: v.text for vid, v in versions.items()})
    drafts = []
    for place, group in enumerate(order):
        by_version: dict[str, list[int]] = defaultdict(list)
        for version, index in grouping.passages[group]:
            by_version[version].append(index)
        carriers = [v for v in ranking if v in by_version]
        texts = {v: _member_text(versions[v].text, sentences[v], by_version[v]) for v in carriers}
        own = reference if reference in by_version else _fullest(texts, prefer=lexical)
        absent = [v for v in ranking if v not in by_version]
        folded = grouping.folded.get(group, {})
        drafts.append(
            _Draft(
                place=place,
                reference=own,
                carriers=carriers,
                absent=absent,
                folded=tuple(sorted((v, position[g]) for v, g in folded.items())),
                found=_compare(
                    comparer,
                    place,
                    reference=own,
                    texts=texts,
                    sentences={v: tuple(sorted(by_version[v])) for v in carriers},
                    languages=languages,
                    link_scores=link_scores,
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
    subs = [s for d in drafts for s in d.found.substitutions]
    terms, counted = term_swaps(subs, table, loaded)
    swaps = defaultdict(list)
    references = {d.place: d.reference for d in drafts}
    for divergence in swap_divergences(counted, labels, references):
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


def _fullest(texts: Mapping[str, str], *, prefer=frozenset()) -> str:
    """The member with the most words (ties: lowest version id), among those
    in ``prefer`` (the main language's) when any is."""
    chosen = [v for v in texts if v in prefer] or list(texts)
    return min(chosen, key=lambda v: (-len(WORD.findall(texts[v])), v))


def _compare(
    comparer: Comparer,
    place: int,
    *,
    reference: str,
    texts: Mapping[str, str],
    sentences: Mapping[str, tuple[int, ...]],
    languages: Mapping[str, str],
    link_scores: Mapping[tuple[str, int], float],
) -> Comparison:
    """The comparer's findings for the members in the reference member's
    language; the members in other languages shown whole, with the figures
    they do not share (``crosslang.figure_changes``)."""
    language = languages[reference]
    found = comparer.compare(
        place,
        reference=reference,
        texts={v: t for v, t in texts.items() if languages[v] == language},
        sentences=sentences,
    )
    across = [v for v in texts if languages[v] != language]
    if not across:
        return found
    kept = {m.version: m for m in found.members}
    ref_text = texts[reference]
    for version in across:
        scores = [link_scores.get((version, i), 0.0) for i in sentences[version]]
        kept[version] = Member(
            version,
            sentences[version],
            texts[version],
            round(sum(scores) / len(scores), 3),
            (WordOp("translation", ref_text, texts[version]),),
            False,
        )
        found.divergences += comparer.figure_divergences(
            place,
            version,
            crosslang.figure_changes(ref_text, language, texts[version], languages[version]),
        )
    found.members = [kept[v] for v in texts]
    return found


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
