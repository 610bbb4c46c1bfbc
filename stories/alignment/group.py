"""Passages across all versions at once, in time close to linear.

Versions are taken one at a time: the reference first, then the fullest.
Each sentence is scored against the centroids of the passages built so far,
found through an inverted index whose posting lists are capped, so a common
word never makes a sentence look at every passage. Then, per version:

1. links: mutual best pairs, or either side's best when strong
   (``match.select_links``), less weak matches to a passage giving another
   day and other counts (``_drop_other_events``); a sentence goes to the
   best passage it links to;
2. context: a weakly matching sentence goes where its neighbours went, or
   where a sentence it matches about as well already is (``_place_by_context``),
   or, between neighbours in two side-by-side passages, to the one of them
   it matches best, or to a passage its version skips while carrying the
   passages on both sides, one of them beside it (``_place_between``);
3. folds: a sentence that also carries a nearby passage nothing else in its
   version carries is noted as folding it (``_folds``);
4. a sentence still without a passage starts one.

Folds merge two passages at the end only when enough of their versions
fold them (``merge_folds``). Merging on the spot would let any one outlet
that joins two sentences glue them for everyone: among hundreds of
versions, nearly every neighbouring pair.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .match import (
    MIN_SCORE,
    QUOTED,
    STRONG,
    Vector,
    add_into,
    best_per_col,
    best_per_row,
    cosine,
    select_links,
    unit,
)

# Candidate search: a term's posting list keeps the first POSTING_CAP
# passages (those of the fullest versions); CANDIDATES get an exact score.
POSTING_CAP = 48
CANDIDATES = 12
# Below STRONG, a score counts only with MIN_SHARED words in common.
MIN_SHARED = 2.5
# Context placement and folds accept scores from LOCAL_SCORE when the best
# candidate leads its runner-up clearly (runner-up at most RUNNER_UP times
# the best).
LOCAL_SCORE = 0.09
RUNNER_UP = 0.5
# A peer (a second sentence of a version in one passage, away from the
# first) needs MIN_SCORE, PEER_SHARE of the first one's score, and a
# runner-up at most PEER_RUNNER_UP times its own.
PEER_SHARE = 0.6
PEER_RUNNER_UP = 0.7
# A fold must raise the sentence's score by FOLD_GAIN (as a factor) and lie
# within FOLD_DISTANCE sentences; it merges passages once FOLD_SHARE of the
# smaller passage's versions fold it.
FOLD_GAIN = 1.08
FOLD_DISTANCE = 2
FOLD_SHARE = 0.25
# A reference member with a one-sentence gap takes in that sentence's
# passage while it spans at most MAX_RUN sentences.
MAX_RUN = 3
# Rounds of settling which piece each run of a divided passage joins.
PIECE_ROUNDS = 3
# What a sentence says of when and how many: the days of the week it names
# (Monday 1 to Sunday 7) and the counts it gives, as canonical figures
# ("ten" and "10" alike), read by the caller (``pipeline``).
Facts = tuple[frozenset[int], frozenset[str]]
NO_FACTS: Facts = (frozenset(), frozenset())
# How far apart (in sentences of one version) two passages may sit for a
# third, between them, to count as local; a local passage takes a weakly
# linked sentence from a far one when it matches LOCAL_SHARE as well.
BETWEEN = 3
LOCAL_SHARE = 0.75

Prefer = Callable[[int, int], float]


@dataclass(frozen=True)
class Grouping:
    """Passages as sorted (version, sentence index) tuples, and for each
    passage the versions that fold it into another passage's sentence
    without enough support to merge the two (passage index → version →
    index of the passage holding that sentence)."""

    passages: list[tuple[tuple[str, int], ...]]
    folded: dict[int, dict[str, int]]


@dataclass
class _Passage:
    anchor: float
    seed: Vector
    members: list[tuple[str, int]] = field(default_factory=list)
    member_set: set[tuple[str, int]] = field(default_factory=set)
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    days: set[int] = field(default_factory=set)
    counts: set[str] = field(default_factory=set)

    def add(
        self, member: tuple[str, int], vector: Mapping[str, float], facts: Facts = NO_FACTS
    ) -> None:
        self.members.append(member)
        self.member_set.add(member)
        self.days.update(facts[0])
        self.counts.update(facts[1])
        centroid = self.centroid
        dot = 0.0
        for term, weight in vector.items():
            old = centroid.get(term, 0.0)
            dot += old * weight
            centroid[term] = old + weight
        self.norm2 += 2.0 * dot + sum(w * w for w in vector.values())

    def score(self, vector: Mapping[str, float]) -> float:
        centroid = self.centroid
        dot = sum(w * centroid.get(term, 0.0) for term, w in vector.items())
        return dot / math.sqrt(self.norm2) if self.norm2 > 0 else 0.0

    def other_event(self, facts: Facts) -> bool:
        """Whether a sentence naming ``facts`` gives another day than every
        sentence of the passage and none of their counts."""
        days, counts = facts
        return (
            bool(days and counts and self.days and self.counts)
            and days.isdisjoint(self.days)
            and counts.isdisjoint(self.counts)
        )

    def shares_quoted_run(self, vector: Mapping[str, float]) -> bool:
        """Whether the sentence and the passage print a run of quoted words
        in common (``match.quoted_phrases``)."""
        return any(term.startswith(QUOTED) and term in self.centroid for term in vector)

    def shared_words(self, vector: Mapping[str, float], names: frozenset[str]) -> float:
        """How many words the sentence shares with the passage, a name
        counting half."""
        return sum(
            0.5 if term in names else 1.0
            for term in vector
            if " " not in term and term in self.centroid
        )

    def fold_gain(self, other: _Passage, vector: Mapping[str, float]) -> float:
        """How much better ``vector`` matches the two passages' first wordings
        put together than this passage's first wording alone.

        First wordings, not centroids: a centroid collects every outlet's
        paraphrase and with them the names they all repeat, which is what a
        false fold shares.
        """
        alone = cosine(vector, self.seed)
        joined = dict(self.seed)
        add_into(joined, other.seed)
        return cosine(vector, unit(joined)) / alone if alone > 0 else 0.0


@dataclass
class _Index:
    """Term → passage ids, capped at the first POSTING_CAP passages."""

    postings: dict[str, list[int]] = field(default_factory=dict)

    def add(self, passage: int, terms) -> None:
        for term in terms:
            posting = self.postings.setdefault(term, [])
            if len(posting) < POSTING_CAP and passage not in posting:
                posting.append(passage)


def build_passages(
    vectors: Mapping[str, Sequence[Vector]],
    *,
    order: Sequence[str],
    names: Mapping[str, Sequence[frozenset[str]]] | None = None,
    facts: Mapping[str, Sequence[Facts]] | None = None,
    items: Mapping[str, Sequence[bool]] | None = None,
    min_score: float = MIN_SCORE,
    local_score: float = LOCAL_SCORE,
    strong: float = STRONG,
) -> Grouping:
    """Group every sentence of every version into passages.

    ``vectors`` holds each version's sentence vectors, ``names`` the stems
    each sentence uses only as names (``match.analyse``), ``facts`` the days
    and counts each names (see ``Facts``), ``items`` whether each is a line
    of a bulleted list; ``order`` is the order versions are taken in (it
    must not depend on the caller's input order).
    """
    passages: dict[int, _Passage] = {}
    index = _Index()
    folds: list[tuple[str, int, int]] = []
    for version in order:
        sentences = vectors[version]
        count = max(len(sentences), 1)
        own_names = names[version] if names else [frozenset()] * len(sentences)
        own_facts = facts[version] if facts else [NO_FACTS] * len(sentences)
        scores = {
            i: _candidate_scores(v, own_names[i], passages, index, place=i / count, strong=strong)
            for i, v in enumerate(sentences)
        }
        prefer = _closeness(passages, count)
        links = select_links(scores, prefer=prefer, min_score=min_score, strong=strong)
        _drop_other_events(links, scores, own_facts, passages, strong=strong)
        home = _homes(links, scores)
        _prefer_local(home, links, scores, sentences, own_names, passages, strong=strong)
        _place_by_quotes(home, scores, sentences, passages, local_score=local_score)
        _place_by_context(
            home,
            scores,
            prefer=prefer,
            local_score=local_score,
            peer_score=min_score,
            items=items[version] if items else (),
        )
        _place_between(home, scores, passages, prefer=prefer, items=items[version] if items else ())
        links.update(
            _folds(home, sentences, scores, passages, prefer=prefer, min_score=local_score)
        )
        for i, vector in enumerate(sentences):
            target = home.get(i)
            if target is None:
                target = len(passages)
                passages[target] = _Passage(anchor=i / count, seed=vector)
            passages[target].add((version, i), vector, own_facts[i])
            index.add(target, vector)
        folds.extend((version, home[i], pid) for i, pid in sorted(links) if pid != home[i])
    return _contiguous(
        _fill_reference_gaps(
            merge_folds({pid: p.members for pid, p in passages.items()}, folds),
            order[0] if order else "",
        ),
        vectors,
    )


def _drop_other_events(
    links: set[tuple[int, int]],
    scores: Mapping[int, dict[int, float]],
    facts: Sequence[Facts],
    passages: Mapping[int, _Passage],
    *,
    strong: float,
) -> None:
    """Forget a weak match (below ``strong``) to a passage whose sentences
    give another day of the week and other counts than the sentence.

    A running story reports each day's events in one template ("air strikes
    killed nine civilians in the town on Friday", "... killed four on
    Monday"): such sentences share most of their words and say different
    things. A rewrite of one sentence changes one of the two at most (a
    toll updated for the same day's attack, a day corrected for the same
    toll), so a pair that differs in both, and matches weakly, reports
    another event.

    The match is forgotten after the links are chosen: it still stands in
    the way of a sentence that matches the passage even less well (another
    sentence of the template, with no day to tell).
    """
    for i, row in scores.items():
        if facts[i][0] and facts[i][1]:
            for pid in [pid for pid, score in row.items() if score < strong]:
                if passages[pid].other_event(facts[i]):
                    del row[pid]
                    links.discard((i, pid))


def _contiguous(grouping: Grouping, vectors: Mapping[str, Sequence[Vector]]) -> Grouping:
    """Keep each version's share of a passage a run of adjacent sentences.

    A member that collects sentences from several places of its version (a
    lede and a later sentence repeating its words, a dek restating the
    body) links the wrong things together, hides what a version left out
    and breaks its reading order. Such a version shows that the passage
    holds more than one piece of content: its runs become the seeds of
    that many passages, and every other sentence of the passage goes with
    the seed it matches best (pieces are checked again in turn). The first
    piece keeps the passage's number and the others come after the existing
    passages, so those keep their ids.
    """
    passages = list(grouping.passages)
    split: set[int] = set()
    number = 0
    while number < len(passages):
        pieces = _pieces(passages[number], vectors)
        if len(pieces) > 1:
            split.add(number)
            passages[number] = pieces[0]
            passages.extend(pieces[1:])
        else:
            number += 1
    if not split:
        return grouping
    folded = {
        number: {v: g for v, g in versions.items() if g not in split}
        for number, versions in grouping.folded.items()
        if number not in split
    }
    return Grouping(passages=passages, folded=folded)


def _fill_reference_gaps(grouping: Grouping, reference: str) -> Grouping:
    """Join the passage of a reference sentence that sits alone between two
    reference sentences of one passage (an outlet folded sentences 4 and 6
    into one) to that passage, when the member stays at most MAX_RUN
    sentences long: the fold is still found, and the reference's member is
    a run again."""
    where = {member: n for n, members in enumerate(grouping.passages) for member in members}
    into: dict[int, int] = {}
    for n, members in enumerate(grouping.passages):
        own = sorted(i for version, i in members if version == reference)
        runs = _runs(own)
        if len(runs) < 2 or own[-1] - own[0] + 1 > MAX_RUN:
            continue
        for before, after in itertools.pairwise(runs):
            for i in range(before[-1] + 1, after[0]):
                into.setdefault(where[(reference, i)], n)
    if not into:
        return grouping

    def root(n: int) -> int:
        seen = set()
        while n in into and n not in seen:
            seen.add(n)
            n = into[n]
        return n

    groups: dict[int, list[tuple[str, int]]] = {}
    for n, members in enumerate(grouping.passages):
        groups.setdefault(root(n), []).extend(members)
    number = {r: k for k, r in enumerate(sorted(groups))}
    folded: dict[int, dict[str, int]] = {}
    for n, versions in grouping.folded.items():
        for version, g in versions.items():
            if root(n) != root(g):
                folded.setdefault(number[root(n)], {}).setdefault(version, number[root(g)])
    return Grouping(passages=[tuple(sorted(groups[r])) for r in sorted(groups)], folded=folded)


def _pieces(
    members: tuple[tuple[str, int], ...], vectors: Mapping[str, Sequence[Vector]]
) -> list[tuple[tuple[str, int], ...]]:
    """The passage's members divided at the version with the most runs.

    Each run of another version goes, whole, to the piece whose other
    members it matches best, starting from the seeds alone and settling in
    a few rounds (so a near-copy decides where the sentence it copies goes,
    not a paraphrase that happens to share a word with a seed).
    """
    by_version: dict[str, list[int]] = defaultdict(list)
    for version, i in members:
        by_version[version].append(i)
    runs = {version: _runs(sorted(indexes)) for version, indexes in by_version.items()}
    seeder = min(runs, key=lambda v: (-len(runs[v]), v))
    if len(runs[seeder]) < 2:
        return [members]

    def joined(version: str, run: Sequence[int]) -> Vector:
        total: dict[str, float] = {}
        for i in run:
            add_into(total, vectors[version][i])
        return unit(total)

    seeds = [joined(seeder, run) for run in runs[seeder]]
    units = [
        (version, run, joined(version, run))
        for version in sorted(runs)
        if version != seeder
        for run in runs[version]
    ]
    choice = [max(range(len(seeds)), key=lambda k: (cosine(v, seeds[k]), -k)) for *_, v in units]
    # One run at a time, each move counted at once: two runs that copy each
    # other, weighed together, would otherwise swap pieces round after round.
    totals = [dict(seed) for seed in seeds]
    for (_, _, vector), k in zip(units, choice, strict=True):
        add_into(totals[k], vector)
    for _ in range(PIECE_ROUNDS):
        moved = False
        for n, (_, _, vector) in enumerate(units):
            k = choice[n]
            own = dict(totals[k])
            for term, weight in vector.items():
                own[term] -= weight
            centroids = [unit(own) if j == k else unit(t) for j, t in enumerate(totals)]
            best = max(range(len(seeds)), key=lambda j: (cosine(vector, centroids[j]), j == k, -j))
            if best != k:
                totals[k] = own
                add_into(totals[best], vector)
                choice[n] = best
                moved = True
        if not moved:
            break
    owner = _settle_seeds(seeds, units, choice)
    pieces: list[list[tuple[str, int]]] = [[(seeder, i) for i in run] for run in runs[seeder]]
    for (version, run, _), k in zip(units, choice, strict=True):
        pieces[owner[k]].extend((version, i) for i in run)
    return [tuple(sorted(piece)) for piece in pieces]


def _settle_seeds(
    seeds: Sequence[Vector], units: Sequence[tuple[str, Sequence[int], Vector]], choice: list[int]
) -> list[int]:
    """Which seed each settled group of runs goes with (group k → seed).

    The runs are settled one at a time from the seeds alone, so the seed
    the first of them leant to keeps the group that gathers round it, even
    when its other runs all match another seed better (a reference sentence
    leaning to an outlet's sentence that shares a stock phrase with it,
    while the other outlets' near-copies of the reference lean to the
    outlet's rewrite of it). The groups are what the other versions agree
    on; each goes with the seed that matches them together best: two seeds
    swap groups while that raises their summed match.
    """
    groups: list[dict[str, float]] = [{} for _ in seeds]
    for (_, _, vector), k in zip(units, choice, strict=True):
        add_into(groups[k], vector)
    together = [unit(group) if group else {} for group in groups]
    owner = list(range(len(seeds)))
    swapped = True
    while swapped:
        swapped = False
        for a, b in itertools.combinations(range(len(seeds)), 2):
            kept = cosine(seeds[owner[a]], together[a]) + cosine(seeds[owner[b]], together[b])
            crossed = cosine(seeds[owner[b]], together[a]) + cosine(seeds[owner[a]], together[b])
            if crossed > kept + 1e-12:
                owner[a], owner[b] = owner[b], owner[a]
                swapped = True
    return owner


def _runs(indexes: Sequence[int]) -> list[list[int]]:
    """Sorted sentence indexes cut into runs of consecutive ones."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _closeness(passages: Mapping[int, _Passage], count: int) -> Prefer:
    """Tie-break for equal scores: the passage whose first sentence sat at
    the most similar relative place (so repeated sentences pair in order)."""

    def distance(i: int, pid: int) -> float:
        return abs(i / count - passages[pid].anchor)

    return distance


def _homes(
    links: set[tuple[int, int]], scores: Mapping[int, Mapping[int, float]]
) -> dict[int, int]:
    """Each linked sentence's passage: the best-scoring of those it links to."""
    home: dict[int, int] = {}
    for i, pid in sorted(links):
        if i not in home or scores[i][pid] > scores[i][home[i]]:
            home[i] = pid
    return home


def _prefer_local(
    home: dict[int, int],
    links: set[tuple[int, int]],
    scores: Mapping[int, dict[int, float]],
    vectors: Sequence[Vector],
    names: Sequence[frozenset[str]],
    passages: Mapping[int, _Passage],
    *,
    strong: float,
) -> None:
    """A weak link to a far passage gives way to the passage of a neighbour.

    A sentence whose best link is below ``strong`` and whose neighbours on
    both sides (up to two places away) are linked sits between two anchors
    of its version: a rewrite of the passage it sits in, or of one of the
    passages between its neighbours', far likelier than of a passage the
    outlet would have had to move it from (what a weak far match shares is
    mostly the story's names and beat words). It goes to the best of those
    local passages it shares a word with; with none, it keeps its link.
    """
    for i in sorted(home):
        pid = home[i]
        if scores[i][pid] >= strong:
            continue
        before = next((home[j] for j in (i - 1, i - 2) if j in home), None)
        after = next((home[j] for j in (i + 1, i + 2) if j in home), None)
        if before is None or after is None:
            continue
        first, last = passages[before], passages[after]
        local = {before, after} | {
            other for other in scores[i] if _between(passages[other], first, last)
        }
        if pid in local:
            continue
        vector = vectors[i]
        found = {
            other: passages[other].score(vector)
            for other in local
            if passages[other].shared_words(vector, names[i]) >= 1.0
        }
        found = {other: s for other, s in found.items() if s >= LOCAL_SHARE * scores[i][pid]}
        if not found:
            continue
        chosen = max(sorted(found), key=lambda other: found[other])
        links.discard((i, pid))
        links.add((i, chosen))
        scores[i][chosen] = found[chosen]
        home[i] = chosen


def _between(passage: _Passage, first: _Passage, last: _Passage) -> bool:
    """Whether the version that opened ``passage`` has ``first`` just before
    it and ``last`` just after (within BETWEEN sentences each way)."""
    version, k = passage.members[0]
    return any((version, k - d) in first.member_set for d in range(1, BETWEEN + 1)) and any(
        (version, k + d) in last.member_set for d in range(1, BETWEEN + 1)
    )


def _place_by_quotes(
    home: dict[int, int],
    scores: Mapping[int, Mapping[int, float]],
    vectors: Sequence[Vector],
    passages: Mapping[int, _Passage],
    *,
    local_score: float,
) -> None:
    """An unplaced sentence sharing a run of quoted words with one passage
    only (``match.quoted_phrases``) joins it, from ``local_score``.

    The words a speaker said, quoted in part by one outlet and printed by
    another, mark one remark however differently the rest is worded ("will
    stay at the site 'until the end of the month'" and "experts remain
    until the end of the month to finish the survey"), which is what lets
    a rewrite that shares nothing else with the report find it.
    """
    for i, row in scores.items():
        if i in home:
            continue
        found = [
            pid
            for pid, score in row.items()
            if score >= local_score and passages[pid].shares_quoted_run(vectors[i])
        ]
        if len(found) == 1:
            home[i] = found[0]


def _place_by_context(
    home: dict[int, int],
    scores: Mapping[int, Mapping[int, float]],
    *,
    prefer: Prefer,
    local_score: float,
    peer_score: float,
    items: Sequence[bool] = (),
) -> None:
    """Place a weakly matching sentence where its neighbours point.

    An unplaced sentence between two sentences of its version that went to
    one passage joins that passage when it matches it at all (from
    ``local_score``): an outlet's rewrite of the middle of a passage it
    keeps, whatever far passage it shares a few words with; the member
    stays a run of the version. Otherwise it joins its best passage when a
    sentence of its version at most two places away already went there (an outlet split a
    sentence, or reworded one between two it kept), provided its runner-up
    is either far behind or also one of those neighbours' passages. Away
    from its neighbours it needs a peer: a match about as good as the
    sentence already in the passage (an outlet said the same thing twice,
    in a dek and in the body).

    A line of a bulleted list (``items``) is one fact of its own: an outlet
    splits no sentence over two bullets, so it gets no neighbour's support.

    Weak best matches with no such support are mostly same-beat sentences
    carrying other facts (the same names, another event); order is used
    only locally, so a version that moves a paragraph moves this evidence
    with it.
    """
    best = best_per_row(scores, prefer=prefer, min_score=local_score)
    changed = True
    while changed:
        changed = False
        placed: dict[int, float] = {}
        for i, pid in home.items():
            placed[pid] = max(placed.get(pid, 0.0), scores[i][pid])
        for i, ((score, pid), (runner_up, second)) in sorted(best.items()):
            if i in home:
                continue
            around = home.get(i - 1)
            if (
                around is not None
                and around == home.get(i + 1)
                and scores[i].get(around, 0.0) >= local_score
            ):
                home[i] = around
                changed = True
                continue
            if pid not in placed:
                continue
            local = (
                set()
                if i < len(items) and items[i]
                else {home[j] for j in (i - 2, i - 1, i + 1, i + 2) if j in home}
            )
            clear = runner_up <= RUNNER_UP * score
            if (pid in local and (clear or second in local)) or (
                score >= peer_score
                and score >= PEER_SHARE * placed[pid]
                and runner_up <= PEER_RUNNER_UP * score
            ):
                home[i] = pid
                changed = True


def _place_between(
    home: dict[int, int],
    scores: Mapping[int, Mapping[int, float]],
    passages: Mapping[int, _Passage],
    *,
    prefer: Prefer,
    items: Sequence[bool] = (),
) -> None:
    """Place an unplaced sentence by what lies between its neighbours, on its
    best match however weak (below ``local_score``; the match still needs
    MIN_SHARED words in common, ``_candidate_scores``).

    1. Its neighbours went to two passages that sit side by side (the
       version that opened the second has the first just before it): it
       joins the one of the two it matches best, when that is its clear best
       match. Nothing of the story lies between such neighbours: the
       sentence is the outlet's own addition or a rewrite of one of the two
       (an outlet splitting a long sentence, the half it reworded sharing
       few words with it), and a best match with one of them, with no far
       passage close behind, says which.
    2. Its best match is a passage its version skips while carrying the
       passages on both sides of it (in the order of the version that opened
       it), one of them in a sentence next to this one: it fills that gap.
       Outlets rewriting a report keep its run of content and reword some of
       it past recognition (or swap two sentences), so a version holding a
       passage's two neighbours has the missing one there, reworded.

    A line of a bulleted list (``items``) is a fact of its own, no half of a
    split sentence nor a rewrite in place: it gets no such support (as in
    ``_place_by_context``).
    """
    rows = [
        (i, best)
        for i, best in sorted(best_per_row(scores, prefer=prefer).items())
        if not (i < len(items) and items[i])
    ]
    for i, ((score, pid), (runner_up, second)) in rows:
        before, after = home.get(i - 1), home.get(i + 1)
        if i in home or before is None or after is None or before == after:
            continue
        version, k = passages[after].members[0]
        if (version, k - 1) not in passages[before].member_set:
            continue
        pair = {before, after}
        if pid in pair and (runner_up <= RUNNER_UP * score or second in pair):
            home[i] = pid

    taken = set(home.values())

    def held(member: tuple[str, int]) -> bool:
        return any(member in passages[pid].member_set for pid in taken)

    for i, ((_, pid), _) in rows:
        if i in home or pid in taken:
            continue
        version, k = passages[pid].members[0]
        if not (held((version, k - 1)) and held((version, k + 1))):
            continue
        beside = {home[j] for j in (i - 1, i + 1) if j in home}
        if any((version, k + d) in passages[n].member_set for n in beside for d in (-1, 1)):
            home[i] = pid
            taken.add(pid)


def _folds(
    home: Mapping[int, int],
    vectors: Sequence[Vector],
    scores: Mapping[int, Mapping[int, float]],
    passages: Mapping[int, _Passage],
    *,
    prefer: Prefer,
    min_score: float,
) -> list[tuple[int, int]]:
    """(sentence, passage) pairs where a sentence also carries a passage that
    nothing else in its version carries: an outlet folding two sentences
    into one.

    The passage must sit near the sentence's own (within two sentences in
    some version), have no close runner-up, and explain the sentence better
    together with its home than the home does alone; the last test is what
    keeps a shared name ("Mark Rutte said") from passing for a fold.
    """
    taken = set(home.values())
    open_scores = {
        i: {pid: s for pid, s in row.items() if pid not in taken} for i, row in scores.items()
    }
    folds = []
    best = best_per_col(open_scores, prefer=prefer, min_score=min_score)
    for pid, ((score, i), (runner_up, _)) in sorted(best.items()):
        if i not in home or runner_up > RUNNER_UP * score:
            continue
        own = passages[home[i]]
        if own.fold_gain(passages[pid], vectors[i]) >= FOLD_GAIN and _near(
            passages[pid], own, FOLD_DISTANCE
        ):
            folds.append((i, pid))
    return folds


def merge_folds(
    passages: Mapping[int, Sequence[tuple[str, int]]], folds: Sequence[tuple[str, int, int]]
) -> Grouping:
    """The passages (id → members) joined where enough versions fold them
    into one sentence; ``folds`` holds (version, passage of the folding
    sentence, passage folded in). The folds that merge nothing stay folds:
    the version gets no omission for the passage it folded."""
    groups = _fold_groups(passages, folds)
    group_of = {pid: number for number, group in enumerate(groups) for pid in group}
    folded: dict[int, dict[str, int]] = {}
    for version, own, other in folds:
        if group_of[own] != group_of[other]:
            folded.setdefault(group_of[other], {}).setdefault(version, group_of[own])
    return Grouping(
        passages=[
            tuple(sorted(member for pid in group for member in passages[pid])) for group in groups
        ],
        folded=folded,
    )


def _fold_groups(
    passages: Mapping[int, Sequence[tuple[str, int]]], folds: Sequence[tuple[str, int, int]]
) -> list[list[int]]:
    """Join passages that enough versions fold into one sentence.

    One outlet folding two sentences together is evidence that they carry one
    piece of content, but among hundreds of versions some outlet folds almost
    every neighbouring pair: a fold merges two passages only when at least
    FOLD_SHARE of the versions carrying the smaller one do it.
    """
    parent = {pid: pid for pid in passages}

    def find(pid: int) -> int:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    carriers = {pid: len({version for version, _ in members}) for pid, members in passages.items()}
    folding: dict[tuple[int, int], set[str]] = defaultdict(set)
    for version, own, other in folds:
        folding[min(own, other), max(own, other)].add(version)
    for (first, second), versions in sorted(folding.items()):
        if len(versions) >= FOLD_SHARE * min(carriers[first], carriers[second]):
            a, b = find(first), find(second)
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for pid in sorted(passages):
        groups.setdefault(find(pid), []).append(pid)
    return list(groups.values())


def _candidate_scores(
    vector: Vector,
    names: frozenset[str],
    passages: dict[int, _Passage],
    index: _Index,
    *,
    place: float,
    strong: float,
) -> dict[int, float]:
    """Exact scores against the passages most likely to match.

    Candidates are ranked by the part of the score the posting lists give,
    ties going to the passage nearest the sentence's relative ``place`` (a
    version that repeats one sentence many times keeps its copies apart).
    Below ``strong`` a score counts only with MIN_SHARED words in common
    (names counting half), or a run of quoted words in common
    (``match.quoted_phrases``: three words in a row, which say more than
    scattered ones): a short sentence sharing two words ("However, political
    sensitivities persist.") or a caption sharing a name can score high
    without saying the same thing.
    """
    partial: dict[int, float] = {}
    for term in vector:
        weight = vector[term]
        for pid in index.postings.get(term, ()):
            partial[pid] = partial.get(pid, 0.0) + weight * passages[pid].centroid[term]
    best = heapq.nlargest(
        CANDIDATES,
        partial,
        key=lambda pid: (partial[pid], -abs(place - passages[pid].anchor), -pid),
    )
    scores = {}
    for pid in best:
        passage = passages[pid]
        score = passage.score(vector)
        if score >= strong or (
            score > 0
            and (
                passage.shared_words(vector, names) >= MIN_SHARED
                or passage.shares_quoted_run(vector)
            )
        ):
            scores[pid] = score
    return scores


def _near(first: _Passage, second: _Passage, distance: int) -> bool:
    """Whether some version has the two passages within ``distance`` sentences."""
    if len(first.members) > len(second.members):
        first, second = second, first
    steps = [step for step in range(-distance, distance + 1) if step]
    return any(
        (version, i + step) in second.member_set for version, i in first.members for step in steps
    )
