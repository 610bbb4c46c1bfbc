"""Deciding where a new article goes: a story it shares reporting with, a
suggestion for editors when it only shares a theme, or a story of its own.

A story is judged by its single best member: the new article must be strongly
linked to one version already in the story. Weak links are never chained
(a rewrite of a rewrite joins because it is close to one member, not because
of a path of near misses)."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from .document import Document
from .index import CandidateIndex
from .scoring import BoilerplateRule, Comparer, PairEvidence

ASSIGN = "assign"
NEW_STORY = "new_story"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number grouping decides with. See ``reuse_score`` and
    ``theme_score`` for how the evidence is weighed."""

    # Reuse: "a version of the same report".
    containment_full: float = 0.15  # weighted shared shingles / shorter article: counts fully
    min_shared_shingles: float = 6.0  # fewer is a coincidence, whatever the ratio
    spread_full: int = 3  # sentences the shared wording must touch to count fully
    content_full: float = 8.0  # aligned sentences + quotes + half the shared figures
    align_min: float = 0.5  # cosine for two sentences to count as aligned
    lead_cos: float = 0.35  # cosine for a lead sentence to show agreement on what happened
    lead_conflict_cos: float = 0.2  # cosine for lead sentences whose figures differ to disagree
    conflict_weight: float = 3.0  # one disagreeing pair outweighs this many agreeing ones
    no_lead_factor: float = 0.6  # reuse kept when the leads do not agree
    figures_agree_min: float = 0.25  # share of figures two versions have in common, at least
    figures_disagree_factor: float = 0.5  # reuse kept when their figures do not agree
    assign: float = 0.7  # reuse score to assign
    merge: float = 0.75  # reuse score with two stories to fold one into the other
    suggest_reuse: float = 0.25  # reuse score worth showing an editor
    # Theme: "the same event or theme".
    suggest_theme: float = 0.45
    related_theme: float = 0.25  # see NEWSDESK_GROUPING_THRESHOLDS for why
    theme_days: float = 7.0  # theme evidence halves every this many days apart
    # Boilerplate and search.
    site_boilerplate_docs: int = 2
    stock_phrase_slack: int = 3
    candidates: int = 30
    full_comparisons: int = 6
    full_theme: float = 0.3  # theme cosine that earns a full comparison without shared wording
    max_suggestions: int = 2
    max_related: int = 3


@dataclass(slots=True)
class Link:
    """The best evidence between the new article and one story."""

    story: Hashable
    reuse: float
    theme: float
    evidence: PairEvidence


@dataclass(slots=True)
class Decision:
    action: str  # ASSIGN or NEW_STORY
    story: Hashable | None  # the story assigned to
    score: float
    best: Link | None  # the link that decided (assignment) or the closest story
    merge: list[Link] = field(default_factory=list)  # stories the article shows are this one
    suggestions: list[Link] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)


def reuse_score(evidence: PairEvidence, thresholds: Thresholds) -> float:
    """0–1: how strongly the pair shares reporting.

    Two kinds of evidence, either of which can carry the decision: shared
    wording (what reprints, copies and rewrites keep) and shared content
    (aligned sentences, quotes, figures: what a translation keeps while its
    wording changes); having both counts more than either. Aligned sentences
    whose figures disagree count against: that is the same formula about
    another event, and so do two articles whose figures hardly overlap. Shared
    text without agreement on the leads is more likely recycled background
    than the same report, and counts less."""
    th = thresholds
    wording = 0.0
    if evidence.shared_shingles >= th.min_shared_shingles:
        wording = min(1.0, evidence.containment / th.containment_full)
        wording *= min(1.0, evidence.spread / th.spread_full)
    aligned = sum(aligned_weight(cosine, th) for _, _, cosine in evidence.aligned)
    support = aligned + len(evidence.quotes) + 0.5 * len(evidence.figures)
    content = min(1.0, support / th.content_full)
    score = max(wording, content, 0.5 * (wording + content) + 0.25 * min(wording, content))
    if evidence.conflicts:
        agreeing = len(evidence.aligned) + 1
        score *= agreeing / (agreeing + th.conflict_weight * len(evidence.conflicts))
    if not evidence.lead_support:
        score *= th.no_lead_factor
    agreement = evidence.figure_agreement
    if agreement is not None and agreement < th.figures_agree_min:
        score *= th.figures_disagree_factor
    return min(1.0, score)


def aligned_weight(cosine: float, thresholds: Thresholds) -> float:
    """A pair at the alignment threshold counts half; at 0.8 and above, fully."""
    span = max(0.8 - thresholds.align_min, 0.01)
    return 0.5 + 0.5 * min(1.0, (cosine - thresholds.align_min) / span)


def theme_score(evidence: PairEvidence, thresholds: Thresholds) -> float:
    """0–1: how much the pair is about the same thing, fading with time apart."""
    score = 0.6 * evidence.theme + 0.4 * evidence.name_overlap
    if evidence.days is not None:
        score *= 0.5 ** (evidence.days / thresholds.theme_days)
    return score


class Grouper:
    """The active window's articles and their stories, and the rules placing a
    new article among them. Pure Python: the Django layer and the benchmarks
    both drive it."""

    def __init__(
        self, *, thresholds: Thresholds | None = None, index: CandidateIndex | None = None
    ):
        self.thresholds = thresholds or Thresholds()
        self.index = index or CandidateIndex()
        self.story_of: dict[Hashable, Hashable] = {}
        self.members: dict[Hashable, set[Hashable]] = {}
        self._boilerplate = BoilerplateRule(
            site_docs=self.thresholds.site_boilerplate_docs,
            slack=self.thresholds.stock_phrase_slack,
        )

    def __len__(self) -> int:
        return len(self.index)

    def add(self, doc: Document, story: Hashable, *, counted: bool = False) -> None:
        """Index ``doc`` as a member of ``story`` (``counted``: its frequencies
        were primed with ``index.count_frequencies``)."""
        if doc.key in self.story_of:
            self.remove(doc.key)
        self.index.add(doc, counted=counted)
        self._join(doc.key, story)

    def move(self, key: Hashable, story: Hashable) -> None:
        if key in self.story_of:
            self._leave(key)
            self._join(key, story)

    def merge(self, into: Hashable, other: Hashable) -> None:
        for key in list(self.members.get(other, ())):
            self.move(key, into)

    def remove(self, key: Hashable) -> None:
        self.index.remove(key)
        if key in self.story_of:
            self._leave(key)

    def _join(self, key: Hashable, story: Hashable) -> None:
        self.story_of[key] = story
        self.members.setdefault(story, set()).add(key)

    def _leave(self, key: Hashable) -> None:
        story = self.story_of.pop(key)
        keys = self.members[story]
        keys.discard(key)
        if not keys:
            del self.members[story]

    def decide(
        self,
        doc: Document,
        *,
        counted: bool = False,
        locked: Iterable[Hashable] = (),
        frozen: Iterable[Hashable] = (),
        excluded: Iterable[Hashable] = (),
    ) -> Decision:
        """Where ``doc`` belongs: ``choose`` over ``links``."""
        links = self.links(doc, counted=counted, excluded=excluded)
        return self.choose(links, locked=locked, frozen=frozen)

    def choose(
        self,
        links: list[Link],
        *,
        locked: Iterable[Hashable] = (),
        frozen: Iterable[Hashable] = (),
    ) -> Decision:
        """The decision the links call for.

        ``locked`` stories take no automatic members: strong evidence for one
        becomes a suggestion. ``frozen`` stories take members but are never
        folded into another (published ones, ones editors arranged)."""
        th = self.thresholds
        locked = frozenset(locked)
        frozen = frozenset(frozen) | locked
        strong = [link for link in links if link.reuse >= th.assign]
        # A story that cannot be folded away is the better home when there are several.
        assignable = sorted(
            (link for link in strong if link.story not in locked),
            key=lambda link: (link.story in frozen, link.reuse, link.theme),
            reverse=True,
        )
        if assignable:
            chosen, others = assignable[0], assignable[1:]
            merge = [
                link
                for link in others
                if link.reuse >= th.merge
                and link.story not in frozen
                and not self.contradict(chosen.evidence.member, link.evidence.member)
            ]
            # Strong links that are not folded in (locked, frozen, or not quite
            # strong enough to merge) go to the editors.
            rest = [link for link in strong if link is not chosen and link not in merge]
            # Stories about the same thing stay linked as related, whichever
            # article of the story happened to meet them first.
            joined = {chosen.story, *(link.story for link in merge)}
            related = sorted(
                (
                    link
                    for link in links
                    if link.story not in joined
                    and link not in rest
                    and link.theme >= th.related_theme
                ),
                key=lambda link: link.theme,
                reverse=True,
            )[: th.max_related]
            return Decision(
                ASSIGN,
                chosen.story,
                chosen.reuse,
                chosen,
                merge=merge,
                suggestions=rest[: th.max_suggestions],
                related=related,
            )
        suggestions = sorted(
            (
                link
                for link in links
                if link.reuse >= th.suggest_reuse or link.theme >= th.suggest_theme
            ),
            key=lambda link: (link.reuse >= th.assign, max(link.reuse, link.theme)),
            reverse=True,
        )[: th.max_suggestions]
        related = sorted(
            (link for link in links if link.theme >= th.related_theme),
            key=lambda link: link.theme,
            reverse=True,
        )[: th.max_related]
        best = suggestions[0] if suggestions else (related[0] if related else None)
        return Decision(NEW_STORY, None, 0.0, best, suggestions=suggestions, related=related)

    def contradict(self, key: Hashable, other: Hashable) -> bool:
        """Whether two indexed articles, compared directly, tell different events.

        A new article strongly linked to two stories suggests they are one, but
        that is a chain of two links, which this grouper never trusts on its
        own: a partial version, or a brief, whose lead and background are the
        formula a story shares with its sibling (same place, same actors, the
        same talks a few days later) links to both. Before folding one story
        into the other, an editor reads the two reports side by side and asks
        whether they disagree on the facts: matched sentences whose figures
        differ, or figures that hardly overlap. Versions of one report that
        happened to be split agree there (they only dropped or added material);
        siblings, each with its own counts and sums, do not. Leads that merely
        fail to agree are no contradiction: a translation or a rewrite
        restructures its lead, which is often why it was split off at first."""
        docs = self.index.docs
        # Both are indexed: their own frequencies are counted already.
        comparer = self._comparer(docs[key], counted=True)
        evidence = comparer.compare(docs[other], story_size=self._size_of(other))
        agreement = evidence.figure_agreement
        return bool(evidence.conflicts) or (
            agreement is not None and agreement < self.thresholds.figures_agree_min
        )

    def _comparer(self, doc: Document, *, counted: bool) -> Comparer:
        th = self.thresholds
        return Comparer(
            self.index,
            doc,
            new_counted=counted,
            boilerplate=self._boilerplate,
            align_min=th.align_min,
            lead_cos=th.lead_cos,
            lead_conflict_cos=th.lead_conflict_cos,
            decisive=2 * th.containment_full,
        )

    def _size_of(self, key: Hashable) -> int:
        return len(self.members.get(self.story_of.get(key), ())) or 1

    def links(
        self, doc: Document, *, counted: bool = False, excluded: Iterable[Hashable] = ()
    ) -> list[Link]:
        """The best link to each candidate story: each story is judged by the
        single member closest to ``doc`` in reporting, and by its closest member
        in theme. ``counted``: ``doc`` is in the index's frequencies already.
        ``excluded`` stories are left out (an editor turned them down)."""
        th = self.thresholds
        excluded = frozenset(excluded)
        comparer = self._comparer(doc, counted=counted)
        docs = self.index.docs
        glances = [
            comparer.glance(docs[key])
            for key in self.index.candidates(doc, limit=th.candidates)
            if self.story_of.get(key) not in excluded
        ]
        # The full comparison only where reuse is possible: shared wording, or a
        # theme close enough for a paraphrase; closest first.
        worth = sorted(
            (e for e in glances if e.raw_shared >= 3 or e.theme >= th.full_theme),
            key=lambda e: (e.raw_shared >= th.min_shared_shingles, e.containment, e.theme),
            reverse=True,
        )[: th.full_comparisons]
        for evidence in worth:
            comparer.compare(
                docs[evidence.member], story_size=self._size_of(evidence.member), glance=evidence
            )
        best: dict[Hashable, Link] = {}
        for evidence in glances:
            story = self.story_of[evidence.member]
            reuse = reuse_score(evidence, th) if evidence.full else 0.0
            link = Link(story, reuse, theme_score(evidence, th), evidence)
            current = best.get(story)
            if current is None:
                best[story] = link
            elif link.reuse > current.reuse:
                link.theme = max(link.theme, current.theme)
                best[story] = link
            else:
                current.theme = max(link.theme, current.theme)
        return list(best.values())
