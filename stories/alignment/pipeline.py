"""``align()``: versions in, one merged timeline of typed passages out.

normalize → segment → match (vectors) → group (passages) → order (merged
order) → compare (word diffs and divergences). Everything is keyed on
version ids and ranked by stable keys, so the result does not depend on the
order the caller lists the versions in.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from stories.text.figures import COUNT, WEEKDAY, Figure, changed_day, figures
from stories.text.normalize import WORD, VariantTable
from stories.text.quotes import quote_spans
from stories.text.sentences import TERMINAL

from . import crosslang
from .compare import (
    Comparer,
    Comparison,
    Substitution,
    content_keys,
    label_swaps,
    membership,
    repeats,
    speaker_quotes,
    spread_swaps,
    swap_divergences,
    term_swaps,
)
from .group import Facts, Grouping, build_passages
from .match import Vectorizer, add_into, analyse, quoted_phrases
from .order import merged_order, out_of_order
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

# Rounds of taking members out of passages that break their version's
# reading order, then ordering again.
ORDER_ROUNDS = 4

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
    vectors, names = _lexical_vectors(all_sentences, same, table)
    facts = _sentence_facts(all_sentences, {vid: by_id[vid].language for vid in same})
    if reference is None:
        choice = choose_reference(versions, same=same, vectors=vectors, words=words, language=main)
        reference, reason = choice.version, choice.reason
    else:
        reason = "chosen by an editor"
    others = sorted((vid for vid in same if vid != reference), key=lambda v: (-words[v], v))
    lexical = [reference, *others]
    items = {vid: [bool(LIST_ITEM.match(s.text)) for s in all_sentences[vid]] for vid in same}
    grouping = build_passages(vectors, order=lexical, names=names, facts=facts, items=items)

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
            reference=reference,
        )
        grouping, link_scores = placed.grouping, placed.scores
    ranking = [*lexical, *linked]
    sentences = {vid: all_sentences[vid] for vid in ranking}

    order = merged_order(_sequences(grouping, sentences), ranking=ranking)
    moved: dict[int, tuple[str, int]] = {}
    for _ in range(ORDER_ROUNDS):
        loose = _out_of_order(grouping, order, sentences, lexical, vectors)
        if not loose:
            break
        grouping = _detach(grouping, loose, moved)
        order = merged_order(_sequences(grouping, sentences), ranking=ranking)
    # The lexical and the encoder's vectors are done with: let them go before
    # the passages are described, where memory peaks.
    del vectors, names, embedded
    described = _describe(
        grouping,
        order,
        versions=by_id,
        sentences=sentences,
        ranking=ranking,
        table=table,
        loaded=LoadedTerms(loaded_terms),
        link_scores=link_scores,
        moved=moved,
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


def _lexical_vectors(
    sentences: Mapping[str, tuple[Sentence, ...]], same: Sequence[str], table: VariantTable
) -> tuple[dict[str, list[dict[str, float]]], dict[str, list[frozenset[str]]]]:
    """The lexical matcher's sentence vectors and each sentence's stems used
    only as names (``match.analyse``), for the versions in ``same``.

    Both depend on the sentence's text alone (the IDF is the story's), and
    versions repeat sentences word for word (a reprint, an agency's copy):
    each distinct text is analysed once and its values are shared, read
    only, by every sentence that prints it.
    """
    analysed: dict[str, tuple[Counter[str], frozenset[str]]] = {}
    for vid in same:
        for s in sentences[vid]:
            if s.text not in analysed:
                analysed[s.text] = analyse(s.text, table)
    quoted_phrases(analysed, table)
    vectorizer = Vectorizer({vid: [analysed[s.text][0] for s in sentences[vid]] for vid in same})
    vector = {text: vectorizer.vector(counts) for text, (counts, _) in analysed.items()}
    vectors = {vid: [vector[s.text] for s in sentences[vid]] for vid in same}
    names = {vid: [analysed[s.text][1] for s in sentences[vid]] for vid in same}
    return vectors, names


# A line of a bulleted list: "- ", "• ", "* " or "▪ " before the words (not
# the long dashes, which open a quotation in some languages' copy).
LIST_ITEM = re.compile(r"\s*[-•*▪]\s")


def _sentence_facts(
    sentences: Mapping[str, tuple[Sentence, ...]], languages: Mapping[str, str]
) -> dict[str, list[Facts]]:
    """For each version of ``languages``, the days of the week each of its
    sentences names and the counts it gives (``group.Facts``), read once per
    distinct text and language and shared by the sentences that print it."""
    read: dict[tuple[str, str], Facts] = {}
    for vid, language in languages.items():
        for s in sentences[vid]:
            if (s.text, language) not in read:
                read[(s.text, language)] = _facts(s.text, language)
    return {
        vid: [read[(s.text, language)] for s in sentences[vid]]
        for vid, language in languages.items()
    }


def _facts(text: str, language: str) -> Facts:
    """The days of the week a sentence names and the counts it gives."""
    found = figures(text, language or None)
    return (
        frozenset(int(f.value) for f in found if f.kind == WEEKDAY),
        frozenset(f.key() for f in found if f.kind == COUNT),
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


def _out_of_order(
    grouping: Grouping,
    order: Sequence[int],
    sentences: Mapping[str, tuple[Sentence, ...]],
    lexical: Sequence[str],
    vectors: Mapping[str, Sequence[dict[str, float]]],
) -> list[tuple[str, int]]:
    """(version, passage) for each member that the merged order shows out of
    its version's reading order (``order.out_of_order``), for the versions
    the lexical matcher links.

    A member is worth its match with the rest of its passage, so where two
    versions arrange passages differently the loose link gives way, not a
    near-copy; a passage only its version carries cannot be out of its
    order on its own and is not weighed.
    """
    sequences = _sequences(grouping, sentences)
    place = {g: n for n, g in enumerate(order)}
    disordered = [
        version
        for version in lexical
        if any(place[a] > place[b] for a, b in itertools.pairwise(sequences[version]))
    ]
    if not disordered:
        return []
    totals: dict[int, dict[str, float]] = {}
    loose = []
    for version in disordered:
        sequence = sequences[version]
        weight = {}
        for group in set(sequence):
            if group not in totals:
                totals[group] = _total(grouping.passages[group], vectors)
            weight[group] = _member_weight(
                grouping.passages[group], version, vectors, totals[group]
            )
        loose.extend(
            (version, group)
            for group in out_of_order(sequence, order, weight)
            if weight[group] < SOLE
        )
    return loose


def _total(
    members: Sequence[tuple[str, int]], vectors: Mapping[str, Sequence[dict[str, float]]]
) -> dict[str, float]:
    total: dict[str, float] = {}
    for vid, i in members:
        if vid in vectors:
            add_into(total, vectors[vid][i])
    return total


# The weight of a passage only its version carries: more than any match.
SOLE = 2.0


def _member_weight(
    members: Sequence[tuple[str, int]],
    version: str,
    vectors: Mapping[str, Sequence[dict[str, float]]],
    total: Mapping[str, float],
) -> float:
    """Cosine of the version's member with the rest of its passage (lexical
    members only; ``total`` sums them all); SOLE when no other lexical
    version is there."""
    if all(vid == version or vid not in vectors for vid, _ in members):
        return SOLE
    own: dict[str, float] = {}
    for vid, i in members:
        if vid == version:
            add_into(own, vectors[vid][i])
    # cosine(unit(own), unit(rest)) for rest = total - own, the same float
    # operations in the same order, without building rest and its unit: own's
    # terms are all in total, so only they meet in the product.
    own_norm = math.sqrt(sum(w * w for w in own.values())) or 1.0
    rest_norm = math.sqrt(sum(r * r for r in (w - own.get(t, 0.0) for t, w in total.items())))
    rest_norm = rest_norm or 1.0
    return sum((w / own_norm) * ((total[t] - w) / rest_norm) for t, w in own.items())


def _detach(
    grouping: Grouping, loose: Sequence[tuple[str, int]], moved: dict[int, tuple[str, int]]
) -> Grouping:
    """The grouping with each loose member taken out into a passage of its
    own at its version's place, added after the existing passages (which
    keep their numbers). ``moved`` records, for each such passage, the
    version and the passage its content came from (a passage only one
    version carries is never taken out, so a moved member stays put)."""
    passages = list(grouping.passages)
    for version, group in sorted(loose):
        taken = tuple(m for m in passages[group] if m[0] == version)
        kept = tuple(m for m in passages[group] if m[0] != version)
        if not kept:
            continue  # every other member left this round: this one stays
        passages[group] = kept
        moved[len(passages)] = (version, group)
        passages.append(taken)
    return Grouping(passages=passages, folded=grouping.folded)


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
    moved: Mapping[int, tuple[str, int]] | None = None,
) -> _Described:
    """Passages in merged order (id = position), with the term swaps and
    quotes of the story.

    Two steps: each passage is compared on its own first; term swaps need
    every passage's substitutions (a swap counts when it recurs).

    A member ``moved`` out of its passage to keep its version's order is a
    passage of its own at the version's place, compared with the reference
    member of the passage it came from; that passage names it among the
    versions that carry it elsewhere (no omission).
    """
    moved = moved or {}
    reference = ranking[0]
    labels = {vid: v.name for vid, v in versions.items()}
    main = versions[reference].language
    languages = {vid: versions[vid].language or main for vid in ranking}
    lexical = {vid for vid in ranking if languages[vid] == main}
    position = {group: place for place, group in enumerate(order)}
    comparer = Comparer(table, labels, loaded, {vid: v.text for vid, v in versions.items()})
    moved_out: dict[int, dict[str, int]] = defaultdict(dict)
    for group, (version, origin) in moved.items():
        moved_out[origin][version] = position[group]

    def shares(group: int) -> dict[str, list[int]]:
        by_version: dict[str, list[int]] = defaultdict(list)
        for version, index in grouping.passages[group]:
            by_version[version].append(index)
        return by_version

    rank = {vid: n for n, vid in enumerate(ranking)}

    def ranked(by_version: Mapping[str, list[int]]) -> list[str]:
        """The versions of ``by_version`` in ``ranking``, in its order."""
        return sorted((v for v in by_version if v in rank), key=rank.__getitem__)

    def texts_of(by_version: Mapping[str, list[int]]) -> dict[str, str]:
        return {
            v: _member_text(versions[v].text, sentences[v], by_version[v])
            for v in ranked(by_version)
        }

    def own_reference(by_version, texts) -> str:
        return reference if reference in by_version else _fullest(texts, prefer=lexical)

    # Passages carried by the same versions share one tuple of those absent:
    # with many versions it is the largest thing a result holds.
    absent_from: dict[tuple[str, ...], tuple[str, ...]] = {}
    origins: dict[int, tuple[dict[str, list[int]], dict[str, str], str]] = {}
    headings = {vid: _headings(sentences[vid]) for vid in ranking}
    drafts = []
    for place, group in enumerate(order):
        by_version = shares(group)
        carriers = ranked(by_version)
        texts = texts_of(by_version)
        own = own_reference(by_version, texts)
        absent = absent_from.get(tuple(carriers))
        if absent is None:
            absent = absent_from[tuple(carriers)] = tuple(v for v in ranking if v not in by_version)
        folded = grouping.folded.get(group, {})
        elsewhere = {**moved_out.get(group, {}), **{v: position[g] for v, g in folded.items()}}
        if group in moved:
            version, origin = moved[group]
            if origin not in origins:  # many members can leave one passage
                by_origin = shares(origin)
                origin_texts = texts_of(by_origin)
                origins[origin] = by_origin, origin_texts, own_reference(by_origin, origin_texts)
            by_origin, origin_texts, source = origins[origin]
            drafts.append(
                _moved_draft(
                    comparer,
                    place,
                    version=version,
                    text=texts[version],
                    indexes=tuple(sorted(by_version[version])),
                    origin=by_origin,
                    origin_place=position[origin],
                    texts=origin_texts,
                    source=source,
                    languages=languages,
                    absent=absent,
                )
            )
            continue
        drafts.append(
            _Draft(
                place=place,
                reference=own,
                carriers=carriers,
                absent=absent,
                folded=tuple(sorted((v, position[g]) for v, g in folded.items())),
                moved=tuple(sorted(moved_out.get(group, {}).items())),
                found=_compare(
                    comparer,
                    place,
                    reference=own,
                    texts=texts,
                    sentences={v: tuple(sorted(by_version[v])) for v in carriers},
                    languages=languages,
                    link_scores=link_scores,
                    attributions={
                        v: _attribution(versions[v].text, sentences[v], by_version[v])
                        for v in carriers
                    },
                ),
                presence=[]
                if _restated(carriers, by_version, sentences, table)
                or all(headings[v][i] for v in carriers for i in by_version[v])
                else membership(
                    place,
                    carriers=carriers,
                    absent=absent,
                    total=len(ranking),
                    baseline=reference in by_version or 2 * len(carriers) > len(ranking),
                    folded=elsewhere,
                    note=all(sentences[own][i].kind == "note" for i in by_version[own]),
                    names=labels,
                ),
            )
        )
    rewrites = _own_rewrites(
        drafts, reference=reference, lexical=lexical, names=labels, table=table
    )
    speakers = _speaker_quote_changes(
        grouping,
        position,
        comparer,
        texts={vid: versions[vid].text for vid in ranking if vid in lexical},
        sentences=sentences,
        ranking=[vid for vid in ranking if vid in lexical],
        table=table,
        already={
            (d.place, x.version)
            for d in drafts
            for x in d.found.divergences
            if x.type == "quote_change"
        },
    )
    subs = [s for d in drafts for s in d.found.substitutions]
    _, established = term_swaps(subs, table, loaded)
    subs += spread_swaps(
        established,
        (
            (d.place, m.version, m.text)
            for d in drafts
            for m in d.found.members
            if m.version in lexical
        ),
        reference=reference,
        whole=versions[reference].text,
        table=table,
        loaded=loaded,
    )
    subs += _label_swaps(
        grouping,
        position,
        texts={vid: versions[vid].text for vid in ranking if vid in lexical},
        sentences=sentences,
        reference=reference,
        table=table,
    )
    terms, counted = term_swaps(subs, table, loaded)
    swaps = defaultdict(list)
    references = {d.place: d.source or d.reference for d in drafts}
    for divergence in swap_divergences(counted, labels, references):
        swaps[divergence.passage].append(divergence)
    passages = tuple(
        Passage(
            id=d.place,
            position=d.place,
            kind=_kind(len(d.carriers), len(ranking)),
            reference_version=d.reference,
            members=tuple(d.found.members),
            absent=d.absent,
            divergences=(
                *d.presence,
                *swaps[d.place],
                *d.found.divergences,
                *(divergence for _, divergence in speakers.get(d.place, ())),
                *rewrites.get(d.place, ()),
            ),
            folded=d.folded,
            moved=d.moved,
            moved_from=d.moved_from,
        )
        for d in drafts
    )
    quotes = [q for d in drafts for q in d.found.quotes]
    quotes += [quote for found in speakers.values() for quote, _ in found]
    return _Described(passages, terms, tuple(quotes))


# A version's own sentence rewrites a passage it leaves out when they share
# this many content words, REWRITE_SHARE of the passage's or more.
REWRITE_SHARED = 2
REWRITE_SHARE = 0.3


def _own_rewrites(
    drafts: Sequence[_Draft],
    *,
    reference: str,
    lexical: set[str],
    names: Mapping[str, str],
    table: VariantTable,
) -> dict[int, list[Divergence]]:
    """A sentence only its version carries that tells, in other words, a
    reference passage the version leaves out (a spun or translated copy
    whose sentences linked to nothing): a rewording at the version's
    sentence, naming the passage, beside its addition."""
    left_out: dict[str, list[tuple[_Draft, set[str]]]] = defaultdict(list)
    for d in drafts:
        member = next((m for m in d.found.members if m.version == reference), None)
        if member is None or d.moved_from is not None:
            continue
        words = content_keys(member.text, table)
        for version in d.absent:
            if version in lexical and words:
                left_out[version].append((d, words))
    found: dict[int, list[Divergence]] = defaultdict(list)
    for d in drafts:
        if len(d.carriers) != 1 or d.moved_from is not None or not d.presence:
            continue
        (version,) = d.carriers
        if version == reference or version not in lexical:
            continue
        own = content_keys(d.found.members[0].text, table)
        best, best_key = None, (0, 0.0)
        for other, words in left_out.get(version, ()):
            shared = len(own & words)
            key = (shared, shared / len(words))
            if shared >= REWRITE_SHARED and key[1] >= REWRITE_SHARE and key > best_key:
                best, best_key = other, key
        if best is None:
            continue
        text = next(m.text for m in best.found.members if m.version == reference)
        _told_elsewhere(best, version)
        found[d.place].append(
            Divergence(
                type="rewording",
                version=version,
                detail=f"{names[version]} tells in its own words what {names[reference]} "
                f"wrote in “{_opening(text)}”",
                passage=d.place,
                data={"rewrites": best.place, "shared": best_key[0]},
            )
        )
    return found


def _told_elsewhere(draft: _Draft, version: str) -> None:
    """``version`` tells ``draft``'s passage in a sentence of its own: it
    does not leave it out."""
    kept = []
    for d in draft.presence:
        if d.type == "omission" and d.version == version:
            continue
        if d.type == "addition" and version in d.data.get("left_out_by", ()):
            left = [v for v in d.data["left_out_by"] if v != version]
            d = replace(d, data={**d.data, "left_out_by": left})
        kept.append(d)
    draft.presence[:] = kept


def _opening(text: str, words: int = 10) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def _label_swaps(
    grouping: Grouping,
    position: Mapping[int, int],
    *,
    texts: Mapping[str, str],
    sentences: Mapping[str, tuple[Sentence, ...]],
    reference: str,
    table: VariantTable,
) -> list[Substitution]:
    """``compare.label_swaps`` as substitutions (listed: one is enough),
    each at the passage holding the version's sentence with the label."""
    if reference not in texts:
        return []
    place_of = {
        member: position[group]
        for group, members in enumerate(grouping.passages)
        for member in members
    }
    found = []
    for swap in label_swaps(texts, reference, table):
        at = _sentence_at(sentences[swap.version], swap.start)
        place = place_of.get((swap.version, at.index)) if at else None
        if place is not None:
            found.append(
                Substitution(
                    ref=swap.reference,
                    text=swap.label,
                    version=swap.version,
                    passage=place,
                    listed=True,
                    source=reference,
                )
            )
    return found


# A heading: a paragraph of a few words that ends no sentence.
HEADING_WORDS = 8


def _headings(sentences: Sequence[Sentence]) -> list[bool]:
    """Whether each sentence is a subhead (or a caption's title) standing as
    a paragraph of its own: a few words, no full stop. An outlet's layout,
    not content: a passage of headings alone is nobody's omission or
    addition."""
    per_paragraph = Counter(s.paragraph for s in sentences)
    return [
        per_paragraph[s.paragraph] == 1
        and len(s.text.split()) <= HEADING_WORDS
        and not s.text.rstrip().endswith(TERMINAL)
        for s in sentences
    ]


def _restated(
    carriers: Sequence[str],
    by_version: Mapping[str, list[int]],
    sentences: Mapping[str, tuple[Sentence, ...]],
    table: VariantTable,
) -> bool:
    """Whether a passage only one version carries is said word for word
    inside another of that version's sentences (a standfirst repeating the
    lead): the version adds nothing with it, and nobody leaves it out."""
    if len(carriers) != 1:
        return False
    (version,) = carriers
    own = set(by_version[version])
    text = " ".join(sentences[version][i].text for i in sorted(own))
    return any(
        repeats(text, sentence.text, table)
        for sentence in sentences[version]
        if sentence.index not in own
    )


def _speaker_quote_changes(
    grouping: Grouping,
    position: Mapping[int, int],
    comparer: Comparer,
    *,
    texts: Mapping[str, str],
    sentences: Mapping[str, tuple[Sentence, ...]],
    ranking: Sequence[str],
    table: VariantTable,
    already: set[tuple[int, str]],
) -> dict[int, list[tuple[Quote, Divergence]]]:
    """The quotations a version words differently from another version
    quoting the same speaker (``compare.speaker_quotes``), each at the
    passage holding the sentence with most of its quotation, unless that
    passage already reports an altered quote of the version."""
    place_of = {
        member: position[group]
        for group, members in enumerate(grouping.passages)
        for member in members
    }
    found: dict[int, list[tuple[Quote, Divergence]]] = defaultdict(list)
    for change in speaker_quotes(texts, ranking, table):
        start, end = change.quote.start, change.quote.end
        overlap = {
            s.index: min(end, s.end) - max(start, s.start)
            for s in sentences[change.version]
            if s.end > start and s.start < end
        }
        index = min(overlap, key=lambda i: (-overlap[i], i)) if overlap else None
        place = place_of.get((change.version, index))
        if place is None or (place, change.version) in already:
            continue
        already.add((place, change.version))
        quote = Quote(
            passage=place,
            altered=True,
            renderings=(
                (change.source, change.source_quote.text),
                (change.version, change.quote.text),
            ),
        )
        found[place].append((quote, comparer.speaker_quote_change(place, change)))
    return found


def _moved_draft(
    comparer: Comparer,
    place: int,
    *,
    version: str,
    text: str,
    indexes: tuple[int, ...],
    origin: Mapping[str, list[int]],
    origin_place: int,
    texts: Mapping[str, str],
    source: str,
    languages: Mapping[str, str],
    absent: Sequence[str],
) -> _Draft:
    """A member moved out of passage ``origin_place`` (whose members' texts
    are ``texts``, its reference member ``source``'s): its own passage, its
    findings those of comparing it with that passage's reference member
    (each noting where that passage is), and no addition (other versions
    carry it)."""
    member = Member(version, indexes, text, 1.0, comparer.ops(text, text), True)
    found = Comparison(members=[member], substitutions=[], divergences=[], quotes=[])
    if languages[source] == languages[version]:
        compared = comparer.compare(
            place,
            reference=source,
            texts={source: texts[source], version: text},
            sentences={source: tuple(sorted(origin[source])), version: indexes},
        )
        found.substitutions = compared.substitutions
        found.divergences = [
            replace(d, data={**d.data, "moved_from": origin_place})
            for d in compared.divergences
            if d.version == version
        ]
        found.quotes = compared.quotes
    return _Draft(
        place=place,
        reference=version,
        carriers=[version],
        absent=tuple(absent),
        folded=(),
        moved=(),
        found=found,
        presence=[],
        source=source,
        moved_from=origin_place,
    )


@dataclass(frozen=True)
class _Draft:
    place: int
    reference: str
    carriers: list[str]
    absent: tuple[str, ...]
    folded: tuple[tuple[str, int], ...]
    moved: tuple[tuple[str, int], ...]
    found: Comparison
    presence: list[Divergence]
    # The reference member a moved member is compared with, and where it is.
    source: str = ""
    moved_from: int | None = None


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
    attributions: Mapping[str, str],
) -> Comparison:
    """The comparer's findings for the members in the reference member's
    language; the members in other languages shown whole, with the figures
    they do not share (``crosslang.figure_changes``); and, in every language,
    the day of the week a member changes (``_day_changes``)."""
    language = languages[reference]
    found = comparer.compare(
        place,
        reference=reference,
        texts={v: t for v, t in texts.items() if languages[v] == language},
        sentences=sentences,
    )
    found.divergences += _day_changes(comparer, place, reference, texts, languages, attributions)
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


def _day_changes(
    comparer: Comparer,
    place: int,
    reference: str,
    texts: Mapping[str, str],
    languages: Mapping[str, str],
    attributions: Mapping[str, str],
) -> list[Divergence]:
    """number_change findings for the day of the week each member gives
    where the reference member gives another (``figures.changed_day``), in
    any language ("jeudi" is Thursday). A member's day is the one its
    sentences name, or the attribution of a quotation they carry."""

    def days(version: str) -> list[Figure]:
        language = languages.get(version) or None
        return [
            f
            for part in (texts[version], attributions.get(version, ""))
            for f in figures(part, language)
            if f.kind == WEEKDAY
        ]

    theirs = days(reference)
    found: list[Divergence] = []
    for version in texts:
        if version != reference and (day := changed_day(theirs, days(version))):
            found += comparer.figure_divergences(place, version, [(day[0].surface, day[1].surface)])
    return found


# A quotation is followed this many sentences on for its attribution.
QUOTE_RUN = 2


def _attribution(text: str, sentences: Sequence[Sentence], indexes: Sequence[int]) -> str:
    """The attribution of a quotation that a member's sentences carry but do
    not hold whole. News copy splits a long quotation over sentences and
    attributes it once, where it closes ("... nobody can tell yet," the
    minister told reporters on Friday) or where it opens; who spoke, and on
    which day, holds for each of its sentences. The words outside the marks of the
    sentence, in the member's paragraph, that closes the quotation after the
    member or opens it before."""
    if not indexes:
        return ""
    first, last = sentences[min(indexes)], sentences[max(indexes)]
    parts = []
    for start, end in quote_spans(text):
        if start < last.end < end and _runs_on(last, closing := _sentence_at(sentences, end)):
            parts.append(text[end : closing.end])
        if start < first.start < end and _runs_on(opening := _sentence_at(sentences, start), first):
            parts.append(text[opening.start : start])
    return " ".join(parts)


def _runs_on(earlier: Sentence | None, later: Sentence | None) -> bool:
    """Whether one quotation can run from ``earlier`` on to ``later``: the
    same paragraph, at most QUOTE_RUN sentences on."""
    return (
        earlier is not None
        and later is not None
        and earlier.paragraph == later.paragraph
        and 0 < later.index - earlier.index <= QUOTE_RUN
    )


def _sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= offset <= s.end), None)


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
