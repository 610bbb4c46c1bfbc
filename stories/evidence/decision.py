"""Deciding where a new article goes: a story it shares reporting with, a
suggestion for editors when it only shares a theme, or a story of its own.

A story is judged by its single best member: the new article must be strongly
linked to one version already in the story. Weak links are never chained
(a rewrite of a rewrite joins because it is close to one member, not because
of a path of near misses)."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from .crosslang import (
    TranslationEvidence,
    TranslationRule,
    is_translation,
    shows_one_event,
    translation_evidence,
)
from .document import Document
from .event import (
    EventEvidence,
    EventRule,
    compare_events,
    event_conflict,
    names_across,
    unit_vector,
)
from .index import CandidateIndex
from .scoring import BoilerplateRule, Comparer, PairEvidence

ASSIGN = "assign"
NEW_STORY = "new_story"
# What an assignment says about the article and its story.
VERSION = "version"  # a version of the same report: shared wording, aligned sentences
INDEPENDENT = "independent"  # its own report of the same event: same what, where and when
# What an assignment rests on.
WORDING = "wording"  # shared wording and aligned sentences (reuse_score)
EVENT = "event"  # the same what, where and when (event.py)
TRANSLATION = "translation"  # sentences rendered in another language (crosslang.py)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number grouping decides with. See ``reuse_score`` and
    ``theme_score`` for how the evidence is weighed."""

    # Reuse: "a version of the same report".
    # Weighted shared 5-word runs over the shorter article at which wording
    # counts fully. Seeds: same-report links 0.125-0.19, the unrelated 004 at
    # most 0.002; 0.2 loses the RT rewrite (0.125); stock phrases between
    # stories reach 0.05-0.09.
    containment_full: float = 0.15
    min_shared_shingles: float = 6.0  # fewer is a coincidence, whatever the ratio
    # Sentences the shared wording must touch to count fully: copied
    # background touches 1-2 sentences, a version many.
    spread_full: int = 3
    # Aligned sentences + shared quotes + half the shared figures for full
    # "content" evidence (translations keep content, lose wording); 6 merged more.
    content_full: float = 8.0
    align_min: float = 0.5  # cosine for two sentences to count as aligned
    lead_cos: float = 0.35  # cosine for a lead sentence to show agreement on what happened
    lead_conflict_cos: float = 0.2  # cosine for lead sentences whose figures differ to disagree
    conflict_weight: float = 3.0  # one disagreeing pair outweighs this many agreeing ones
    no_lead_factor: float = 0.6  # reuse kept when the leads do not agree
    # Share of figures two versions have in common, at least: versions share
    # >= 1/3 of their figures, other events <= 1/4 (95th percentile).
    figures_agree_min: float = 0.25
    figures_disagree_factor: float = 0.5  # reuse kept when their figures do not agree
    # Reuse score to assign. Generated dev corpus (400 stories): 0.6 gave 5
    # merges of different events, 0.7 none, recall 0.963; the seeds' real links
    # score 0.83-1.0.
    assign: float = 0.7
    # Folding two stories needs more than assigning; the seeds' bridge scores 0.83.
    merge: float = 0.75
    suggest_reuse: float = 0.25  # reuse score worth showing an editor
    # Theme: "the same event or theme". The seeds' 004 scores 0.26-0.34 on
    # theme against the four versions, so 0.25 marks it related whichever
    # version it meets first (0.3 missed it when it arrived before the
    # original); a related link is a side-panel hint an editor can remove,
    # never a merge. (A theme alone never makes a suggestion: on the real
    # corpus the distractors of every event share its theme.)
    related_theme: float = 0.25
    theme_days: float = 7.0  # theme evidence halves every this many days apart
    # Boilerplate and search.
    site_boilerplate_docs: int = 2
    stock_phrase_slack: int = 3
    candidates: int = 30
    full_comparisons: int = 6
    full_theme: float = 0.3  # theme cosine that earns a full comparison without shared wording
    max_suggestions: int = 2
    max_related: int = 3
    # Event: "a report of the same event" (see event.py). Measured on the real
    # corpus (../shared/corpus, bench/grouping_real.py): same-event English
    # pairs have lead cosines from 0.15 up, distractors (same place or actors
    # on another occasion) reach 0.39, so likeness alone never decides; the
    # key figures and dates do.
    event_lead_cos: float = 0.15  # headline + lead TF-IDF cosine, at least
    # Rare names of one lead found in the other article. Across languages,
    # where leads share no words, these names and a key figure both leads give
    # (or a count both first sentences give) are the evidence, the names
    # compared as they carry across languages (accents and case endings
    # aside): of the real corpus's 5,214 pairs in two languages with no
    # conflict, 93 such pairs report one event and none two (37 and none
    # with the names as printed and key figures only).
    event_names: int = 2
    # Known dates further apart than this are another occasion (the siege two
    # days after the attack, the aftershock 17 days on); reports of one event
    # are dated the same day or the next.
    event_days: float = 1.0
    # Without a shared key figure, known dates within event_days, and a little
    # more likeness (two outlets' first reports of a bombing share names and
    # words, not numbers).
    event_dated_lead_cos: float = 0.2
    event_dated_names: int = 3
    # With neither a key figure nor dates: leads this alike, and neither
    # framed as a look back (event.py). On the real corpus, undated reports
    # of one event have leads 0.2-0.6 alike; distractors free of any conflict
    # reach 0.35, but a story with dated members tells them by their dates
    # (the siege two days after the attack). Three shuffles: 0.3 made no
    # wrong merge (English B-cubed F1 0.905-0.916), 0.25 made one, 0.45
    # (before) left English at 0.84.
    event_alike_cos: float = 0.3
    event_alike_names: int = 3
    # A shared key figure in leads alike at event_alike_cos needs only this
    # many rare names (an aggregator's two-sentence brief).
    event_figure_alike_names: int = 1
    event_theme: float = 0.08  # whole-article cosine below which no event is compared
    event_members: int = 12  # members of a story an event must agree with, newest first
    # Across languages (crosslang.py), through a sentence encoder: two
    # sentences render each other at this cosine, each this far ahead of
    # its runner-up. Real corpus, multilingual-e5-small: unrelated news
    # sentences 0.74-0.80, renderings 0.88-0.95; 0.86 let in the background
    # two occasions retell alike, 0.90 lost two thirds of the pairs.
    crosslang_cos: float = 0.88
    crosslang_gap: float = 0.01
    # Rendered sentences that place an article with a story in another
    # language: one is shared background as often as not.
    crosslang_sentences: int = 2
    # Share of the shorter article rendered for a translation (a version);
    # fewer is another newsroom's report of the event.
    crosslang_version_share: float = 0.5

    def translation_rule(self) -> TranslationRule:
        return TranslationRule(
            cosine=self.crosslang_cos,
            gap=self.crosslang_gap,
            sentences=self.crosslang_sentences,
            version_share=self.crosslang_version_share,
        )

    def event_rule(self) -> EventRule:
        return EventRule(
            lead_cos=self.event_lead_cos,
            names=self.event_names,
            days=self.event_days,
            dated_lead_cos=self.event_dated_lead_cos,
            dated_names=self.event_dated_names,
            alike_cos=self.event_alike_cos,
            alike_names=self.event_alike_names,
            figure_alike_names=self.event_figure_alike_names,
        )


@dataclass(slots=True)
class Link:
    """The best evidence between the new article and one story."""

    story: Hashable
    reuse: float
    theme: float
    evidence: PairEvidence
    event: EventEvidence | None = None  # the member that best shows one event, if any
    conflict: str = ""  # why some member of the story tells another event, or ""
    # The member in another language whose sentences best render this
    # article's (weigh_translations), if any.
    translation: TranslationEvidence | None = None
    across: bool = False  # ``event`` was read across languages (names and key figures)

    @property
    def same_event(self) -> bool:
        return self.event is not None and self.event.same and not self.conflict


@dataclass(slots=True)
class Decision:
    action: str  # ASSIGN or NEW_STORY
    story: Hashable | None  # the story assigned to
    coverage: str = VERSION  # VERSION or INDEPENDENT, for an assignment
    basis: str = WORDING  # what an assignment rests on: WORDING, EVENT or TRANSLATION
    score: float = 0.0
    best: Link | None = None  # the link that decided (assignment) or the closest story
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


def decision_score(link: Link, basis: str) -> float:
    """The figure an assignment is logged with: its reuse score, its leads'
    likeness for an event match, the rendered sentences' mean cosine for a
    match across languages."""
    if basis == TRANSLATION:
        return link.translation.cosine
    if basis == EVENT:
        return link.event.lead_cosine
    return link.reuse


def suggestion_confidence(link: Link) -> float:
    """How sure a suggestion is, 0-1: its reuse score, or for an event match
    with little shared wording, its leads' likeness."""
    event = link.event.lead_cosine if link.same_event else 0.0
    return max(link.reuse, min(1.0, event))


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
        self,
        *,
        thresholds: Thresholds | None = None,
        index: CandidateIndex | None = None,
        span_days: float | None = None,
    ):
        """``span_days``: two articles whose known dates are further apart are
        never compared (the window's span: a window that also holds what was
        imported at the same time meets old captures of other years)."""
        self.thresholds = thresholds or Thresholds()
        self.span_days = span_days
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

        A version of a report joins its story (and may show two stories are
        one: they are folded together). Failing that, an independent report of
        the same event joins the event's story, marked as independent
        coverage; it never folds stories (one account agreeing with two is a
        chain, not proof). Otherwise the article starts its own story.

        ``locked`` stories take no automatic members: strong evidence for one
        becomes a suggestion. ``frozen`` stories take members but are never
        folded into another (published ones, ones editors arranged).

        Suggestions are what an editor can accept without checking twice:
        shared reporting that fell short of assigning, or a locked story's
        strong case, and never a story some member of which tells another
        event (figures or dates disagree). Ranked by confidence."""
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
        coverage, basis = VERSION, WORDING
        if not assignable:
            assignable = sorted(
                (link for link in links if link.same_event and link.story not in locked),
                key=lambda link: (link.story in frozen, link.event.lead_cosine),
                reverse=True,
            )
            coverage, basis = INDEPENDENT, EVENT
        if not assignable:
            rule = th.translation_rule()
            assignable = sorted(
                (
                    link
                    for link in links
                    if shows_one_event(link.translation, rule)
                    and not link.conflict
                    and link.story not in locked
                ),
                key=lambda link: (
                    link.story in frozen,
                    len(link.translation.aligned),
                    link.translation.cosine,
                ),
                reverse=True,
            )
            if assignable:
                basis = TRANSLATION
                coverage = (
                    VERSION if is_translation(assignable[0].translation, rule) else INDEPENDENT
                )
        if assignable:
            chosen, others = assignable[0], assignable[1:]
            merge = [
                link
                for link in others
                if basis == WORDING
                and link.reuse >= th.merge
                and link.story not in frozen
                and not self.contradict(chosen.evidence.member, link.evidence.member)
            ]
            joined = {chosen.story, *(link.story for link in merge)}
            # Strong links that are not folded in (locked, frozen, or not quite
            # strong enough to merge) go to the editors.
            rest = self._suggestions(
                [link for link in links if link.story not in joined], chosen=chosen
            )
            # Stories about the same thing stay linked as related, whichever
            # article of the story happened to meet them first.
            related = self._related(
                [link for link in links if link.story not in joined and link not in rest]
            )
            return Decision(
                ASSIGN,
                chosen.story,
                coverage=coverage,
                basis=basis,
                score=decision_score(chosen, basis),
                best=chosen,
                merge=merge,
                suggestions=rest,
                related=related,
            )
        suggestions = self._suggestions(links)
        related = self._related(links)
        best = suggestions[0] if suggestions else (related[0] if related else None)
        return Decision(NEW_STORY, None, best=best, suggestions=suggestions, related=related)

    def _suggestions(self, links: list[Link], *, chosen: Link | None = None) -> list[Link]:
        th = self.thresholds
        worth = [
            link
            for link in links
            if not link.conflict
            and (link.reuse >= th.suggest_reuse or link.same_event)
            and (chosen is None or link.reuse >= th.assign)
        ]
        return sorted(worth, key=suggestion_confidence, reverse=True)[: th.max_suggestions]

    def _related(self, links: list[Link]) -> list[Link]:
        th = self.thresholds
        return sorted(
            (link for link in links if link.theme >= th.related_theme),
            key=lambda link: link.theme,
            reverse=True,
        )[: th.max_related]

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
        if self.span_days is not None:
            glances = [e for e in glances if e.days is None or e.days <= self.span_days]
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
        links = list(best.values())
        self._weigh_events(doc, links, themes={e.member: e.theme for e in glances})
        return links

    def weigh_translations(
        self, doc: Document, links: list[Link], *, mine, theirs: dict[Hashable, object]
    ) -> None:
        """For each story of ``links``: its member in another language whose
        sentences best render ``doc``'s, and whether any member tells
        another event (dates or key figures). ``mine``: ``doc``'s unit
        sentence vectors; ``theirs``: the same for the members in another
        language, by key (members missing there are not compared).

        Called only when the links found no home: across languages the
        lexical evidence cannot speak, and the encoder costs more."""
        rule = self.thresholds.translation_rule()
        event_rule = self.thresholds.event_rule()
        docs = self.index.docs
        for link in links:
            members = [key for key in self.members.get(link.story, ()) if key in theirs]
            if not members:
                continue
            best = None
            for key in members[: self.thresholds.event_members]:
                evidence = translation_evidence(key, mine, theirs[key], rule)
                if best is None or (len(evidence.aligned), evidence.cosine) > (
                    len(best.aligned),
                    best.cosine,
                ):
                    best = evidence
            link.translation = best
            if not link.conflict and shows_one_event(best, rule):
                for key in self._dated_first(link.story):
                    if conflict := event_conflict(doc, docs[key], rule=event_rule):
                        link.conflict = conflict
                        break
            elif not link.conflict and link.event is None:
                self._weigh_event_across(doc, link, members)

    def _weigh_event_across(self, doc: Document, link: Link, members: list[Hashable]) -> None:
        """An independent report in another language: its lead and a member's
        share no words, but the names and key figures the text layer reads in
        every language. The same rare names (spelled as they carry across
        languages: accents and case endings aside) and a key figure both
        leads give (a magnitude, a result, a price, or a count both first
        sentences give: "Chapter 11", "150 on board"), with no member
        telling another event, show one event (see ``Thresholds.event_names``)."""
        event_rule = self.thresholds.event_rule()
        docs = self.index.docs
        idf = self.index.idf
        vector = unit_vector(doc.lead_terms, idf)
        found = None
        for key in self._dated_first(link.story):
            evidence = compare_events(doc, docs[key], idf=idf, rule=event_rule, vector=vector)
            if evidence.conflict:
                link.conflict = evidence.conflict
                return
            if key not in members or not evidence.shared_figures:
                continue
            evidence.names = names_across(doc, docs[key])
            if len(evidence.names) >= event_rule.names and (
                found is None or len(evidence.names) > len(found.names)
            ):
                found = evidence
        if found is not None:
            found.same = True
            link.event = found
            link.across = True

    def _dated_first(self, story: Hashable) -> list[Hashable]:
        """The members of ``story`` an event must agree with, dated ones first
        (a known date is the surest word on which occasion it reports)."""
        docs = self.index.docs
        return sorted(
            self.members[story], key=lambda key: docs[key].published is not None, reverse=True
        )[: self.thresholds.event_members]

    def one_event_across(self, links: list[Link], story: Hashable) -> list[Link]:
        """The stories among ``links`` (weighed by ``weigh_translations``)
        that an article of ``story`` shows, across languages, to report its
        event: rendered sentences or the names-and-figure rule, no member of
        theirs telling another event. Two stories of one event in two
        languages often form before either meets the other; a version of one
        that reads as the other's event is the bridge."""
        rule = self.thresholds.translation_rule()
        return [
            link
            for link in links
            if link.story != story
            and not link.conflict
            and (shows_one_event(link.translation, rule) or (link.across and link.same_event))
        ]

    def _weigh_events(self, doc: Document, links: list[Link], *, themes: dict) -> None:
        """For each story close enough in theme: its member that best shows
        the same event as ``doc``, and whether any member tells another."""
        th = self.thresholds
        rule = th.event_rule()
        idf = self.index.idf
        vector = unit_vector(doc.lead_terms, idf)
        docs = self.index.docs
        for link in links:
            near = [key for key in self.members.get(link.story, ()) if key in themes]
            if not near or max(themes[key] for key in near) < th.event_theme:
                continue
            members = sorted(
                self.members[link.story],
                key=lambda key: (key in themes, docs[key].published is not None),
                reverse=True,
            )[: th.event_members]
            for key in members:
                evidence = compare_events(doc, docs[key], idf=idf, rule=rule, vector=vector)
                if evidence.conflict:
                    link.conflict = evidence.conflict
                    link.event = evidence
                    break
                if evidence.same and (
                    link.event is None or evidence.lead_cosine > link.event.lead_cosine
                ):
                    link.event = evidence
