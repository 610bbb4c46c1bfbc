"""One merged reading order for passages that versions arrange differently.

Each version says "this passage comes before that one" for every pair of
neighbouring passages it carries. Those statements form a precedence graph
weighted by how many versions make them. Where versions disagree the graph
has cycles; the weakest statements in each cycle are dropped (the
reference's own order wins ties), and a topological sort gives the order.
Ties in the sort go to the reference's order, then to first appearance.

Only neighbouring pairs are counted, so a version that moves one paragraph
contributes one or two contrary edges, not an edge against every passage it
jumped over: it cannot scramble the rest.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Mapping, Sequence


def merged_order(
    sequences: Mapping[str, Sequence[int]],
    *,
    ranking: Sequence[str],
) -> list[int]:
    """Passage ids in merged order.

    ``sequences`` gives each version's passages in its reading order;
    ``ranking`` lists versions by precedence (the reference first), which
    breaks every tie so the result does not depend on input order.
    """
    reference = ranking[0] if ranking else None
    passages = _first_appearances(sequences, ranking)
    weights: dict[tuple[int, int], tuple[int, int]] = {}
    for version in ranking:
        for edge in _neighbour_pairs(sequences[version]):
            count, from_reference = weights.get(edge, (0, 0))
            weights[edge] = (count + 1, from_reference or int(version == reference))
    edges = _drop_cycle_edges(passages, weights)
    anchors = _anchors(sequences, ranking, reference)
    return _topological(passages, edges, key=lambda p: (anchors[p], passages[p]))


def _first_appearances(
    sequences: Mapping[str, Sequence[int]], ranking: Sequence[str]
) -> dict[int, tuple[int, int]]:
    first: dict[int, tuple[int, int]] = {}
    for rank, version in enumerate(ranking):
        for index, passage in enumerate(sequences[version]):
            first.setdefault(passage, (rank, index))
    return first


def _neighbour_pairs(sequence: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive pairs of distinct passages, each passage at its first place."""
    seen: set[int] = set()
    order = [p for p in sequence if not (p in seen or seen.add(p))]
    return list(itertools.pairwise(order))


def _drop_cycle_edges(
    passages: Mapping[int, tuple[int, int]], weights: Mapping[tuple[int, int], tuple[int, int]]
) -> dict[int, list[int]]:
    """The graph without the weakest edges of its cycles.

    Edges between strongly connected components cannot be in a cycle and
    are kept. Inside a component, edges are added strongest first and
    skipped when they would close a cycle.
    """
    graph: dict[int, list[int]] = {p: [] for p in passages}
    for a, b in weights:
        graph[a].append(b)
    component = _components(graph)
    kept: dict[int, list[int]] = {p: [] for p in passages}
    inside: list[tuple[int, int]] = []
    for a, b in weights:
        if component[a] != component[b]:
            kept[a].append(b)
        else:
            inside.append((a, b))
    inside.sort(key=lambda e: (-weights[e][0], -weights[e][1], passages[e[0]], passages[e[1]]))
    for a, b in inside:
        if not _reaches(kept, b, a):
            kept[a].append(b)
    return kept


def _reaches(graph: Mapping[int, list[int]], start: int, goal: int) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _components(graph: Mapping[int, list[int]]) -> dict[int, int]:
    """Strongly connected components (Tarjan, iterative): node → component id."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    component: dict[int, int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = node
                    if member == node:
                        break
    return component


def _anchors(
    sequences: Mapping[str, Sequence[int]], ranking: Sequence[str], reference: str | None
) -> dict[int, float]:
    """Where each passage would sit in the reference's order.

    A reference passage sits at its own place; another sits just after the
    nearest reference passage before it in the first version carrying it, or
    just before that version's first reference passage when none comes before.
    A version sharing nothing with the reference goes after it, so an outlet's
    unrelated material does not push the story's opening down the page.
    """
    place = {p: float(i) for i, p in enumerate(sequences.get(reference, ()))} if reference else {}
    anchors = dict(place)
    end = float(len(place))
    for version in ranking:
        first = next((place[p] for p in sequences[version] if p in place), None)
        last = end if first is None else first - 0.5
        for passage in sequences[version]:
            if passage in place:
                last = place[passage]
            else:
                anchors.setdefault(passage, last + 0.5)
    return anchors


def _topological(
    passages: Mapping[int, tuple[int, int]], edges: Mapping[int, list[int]], *, key
) -> list[int]:
    indegree = dict.fromkeys(passages, 0)
    for targets in edges.values():
        for target in targets:
            indegree[target] += 1
    ready = [(key(p), p) for p, degree in indegree.items() if degree == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, passage = heapq.heappop(ready)
        order.append(passage)
        for target in edges[passage]:
            indegree[target] -= 1
            if indegree[target] == 0:
                heapq.heappush(ready, (key(target), target))
    return order


def out_of_order(
    sequence: Sequence[int],
    order: Sequence[int],
    weight: Mapping[int, float],
) -> list[int]:
    """The passages of one version that the merged ``order`` shows out of
    the version's own reading order: those outside the heaviest run of its
    passages that the merged order keeps in the version's order.

    ``sequence`` is the version's passages in its reading order (a passage
    repeated stays at its first place); ``weight`` says how much keeping
    each one in the timeline is worth (how well its member matches the
    rest of the passage). The heaviest increasing subsequence is found in
    quadratic time over the version's passages, which a version has few of.
    """
    place = {p: n for n, p in enumerate(order)}
    seen: set[int] = set()
    passages = [p for p in sequence if not (p in seen or seen.add(p))]
    if len(passages) < 2:
        return []
    # (summed weight, passages kept) of the heaviest run ending at each one:
    # at equal weight the longer run wins.
    best: list[tuple[float, int]] = []
    back: list[int] = []
    for n, p in enumerate(passages):
        own = weight.get(p, 0.0)
        best.append((own, 1))
        back.append(-1)
        for k in range(n):
            if place[passages[k]] < place[p]:
                candidate = (best[k][0] + own, best[k][1] + 1)
                if candidate > best[n]:
                    best[n] = candidate
                    back[n] = k
    end = max(range(len(passages)), key=lambda n: (best[n], -n))
    kept = set()
    while end >= 0:
        kept.add(passages[end])
        end = back[end]
    return [p for p in passages if p not in kept]
