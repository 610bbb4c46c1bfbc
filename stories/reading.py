"""What the reader's pages show, built from stored alignment rows.

Views call ``StoryReading.load(story)``: a fixed number of queries whatever the
size of the story, then plain Python. Nothing here aligns text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.db.models import Prefetch, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .alignment.compare import word_ops
from .alignment.types import DIVERGENCE_BY_VALUE, DIVERGENCES
from .models import Divergence, Passage, PassageMember, Revision, StoryAlignment
from .textdiff import Segment, segments

# Outlet colours: each carries white text at WCAG AA contrast (4.5:1 or more).
# Colour is never the only signal: every chip also shows the outlet's code.
PALETTE = [
    "#1d4ed8",
    "#b91c1c",
    "#047857",
    "#7c3aed",
    "#b45309",
    "#0e7490",
    "#be185d",
    "#4d7c0f",
    "#9a3412",
    "#4338ca",
    "#0f766e",
    "#6b21a8",
]

# The passage filters: what structure shows, then one per divergence type
# that has a filter in the core's list. Every label says it counts passages.
FILTERS = {
    "all": "All passages",
    "diverge": "Where coverage diverges",
    "unique": "Only one outlet printed",
    "omitted": "Left out by an outlet",
    **{t.filter: t.plural.capitalize() for t in DIVERGENCES if t.filter},
}
FILTER_TYPES = {t.filter: t.value for t in DIVERGENCES if t.filter}

# Swapped terms that change what a sentence says about who did what, whatever
# the story: the pairs news style guides warn about. A swap between them is a
# finding; "analyst" for "scientist" in a translation is paraphrase.
LOADED_TERMS = [
    {"war", "conflict", "crisis", "special military operation", "operation"},
    {"invasion", "invaded", "sent troops", "intervention", "incursion", "liberation"},
    {"occupied", "disputed", "annexed", "reunified", "liberated", "captured", "seized"},
    {"killed", "died", "dead", "lost their lives", "murdered", "massacred"},
    {"terrorist", "terrorists", "militant", "militants", "fighters", "rebels", "insurgents"},
    {"regime", "government", "administration", "authorities", "junta"},
    {"protesters", "rioters", "mob", "demonstrators", "activists", "thugs"},
    {"evacuation", "forced relocation", "deportation", "displacement", "expulsion"},
    {"claimed", "said", "alleged", "admitted", "insisted"},
    {"massacre", "attack", "strike", "incident", "clash", "clashes"},
]

# A term swap in the side panel shows this many outlet codes, then a count.
TERM_CODES = 8

# Past this many versions, chips collapse to the reader's picks plus "+N more".
DEFAULT_PICKS = 10


@dataclass
class VersionView:
    revision: Revision
    code: str
    colour: str
    index: int
    is_reference: bool = False

    def __post_init__(self):
        self.id: int = self.revision.pk  # read thousands of times on a big page

    @property
    def css(self) -> str:
        """The colour class (``c0`` … ``c11``) that newsdesk.css maps to PALETTE."""
        return f"c{self.index % len(PALETTE)}"

    @cached_property
    def html_label(self) -> str:
        """The outlet's name, HTML-escaped once for the chips built in Python."""
        return escape(self.label)

    @cached_property
    def html_code(self) -> str:
        return escape(self.code)

    # Cached: a big page reads each version's name thousands of times.
    @cached_property
    def article(self):
        return self.revision.article

    @cached_property
    def outlet(self):
        return self.revision.article.outlet

    @cached_property
    def label(self) -> str:
        return self.outlet.name

    @property
    def headline(self) -> str:
        return self.revision.headline or self.article.headline

    @property
    def language(self) -> str:
        """The language the version is written in ("" when unknown)."""
        return self.revision.language or self.article.language

    @property
    def group(self) -> str:
        """How the outlet picker groups versions: by derivation, else country."""
        if self.article.derived_from:
            return f"via {self.article.derived_from}"
        return self.outlet.country or "Other"


class DivergenceRow(NamedTuple):
    pk: int
    passage_id: int
    revision_id: int
    type: str
    detail: str
    data: dict


@dataclass
class Notes:
    findings: list[str]  # one line per finding
    summary: list[str]  # what several versions do alike, one line each
    kinds: list[str] = field(default_factory=list)  # what the summary lines are about

    @property
    def label(self) -> str:
        """What the folded summary holds: "Left out, reworded (2 notes)"."""
        n = len(self.summary)
        return f"{', '.join(self.kinds).capitalize()} ({n} note{'s' if n != 1 else ''})"

    def __bool__(self) -> bool:
        return bool(self.findings or self.summary)


@dataclass
class MemberView:
    """A version's wording of a passage. ``row`` may have its text deferred:
    only the members a page shows are loaded in full (see StoryReading.load)."""

    version: VersionView
    row: PassageMember | None  # None: loaded for presence only

    @property
    def text(self) -> str:
        return self.row.text

    @property
    def ops(self) -> list:
        return self.row.diff

    @property
    def score(self) -> float:
        return self.row.score

    @property
    def is_reference(self) -> bool:
        return self.row.is_reference

    def segments(self) -> list[Segment]:
        """The member's wording with its differences from the reference marked."""
        return segments(self.ops)

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _, _ in self.ops)

    @property
    def translated_from(self) -> str | None:
        """The reference wording when this member is in another language (shown
        beside it whole, not diffed), else None."""
        ops = self.ops
        if len(ops) == 1 and ops[0][0] == "translation":
            return ops[0][1]
        return None


@dataclass
class PassageView:
    row: Passage
    members: dict[int, MemberView]
    absent: list[VersionView]
    divergences: list
    reference: VersionView
    marked: bool = True  # False: show wordings plain, the stored diffs are out of date
    inserted: bool = False  # unique, and inside the stretch its version shares
    # Every version of the story by id (shared by all passages): names for
    # divergence lines without scanning the absent list once per divergence.
    versions_by_id: dict[int, VersionView] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> int:
        return self.row.pk

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def flags(self) -> list[str]:
        return self.row.flags

    @property
    def badges(self) -> list[tuple[str, str]]:
        """(css class, label) for what the passage's badge row shows."""
        types = {d.type for d in self.divergences}
        shown = [t for t in DIVERGENCES if t.value in types and t.filter]
        return [(t.css, t.badge) for t in shown]

    def member(self, version_id) -> MemberView | None:
        return self.members.get(version_id)

    @cached_property
    def findings(self) -> list[DivergenceRow]:
        """The divergences a reader should see one by one (see ``is_finding``)."""
        return [d for d in self.divergences if is_finding(d)]

    @property
    def substantive(self) -> bool:
        """Where coverage diverges: one outlet alone printed it amid what it
        shares with others (see ``insertions``), or a version alters a quote,
        changes a figure or swaps a loaded term."""
        return self.inserted or bool(self.findings)

    def notes(self) -> Notes:
        """The passage's divergences for a reader: findings one by one; what
        versions do alike (leave the passage out, reword it, respell a name)
        summarised as one line each, naming every version."""
        findings = {d.pk for d in self.findings}
        lines = [d.detail for d in self.divergences if d.pk in findings]
        summary, kinds = [], []
        left_out = [d for d in self.divergences if d.type == "omission"]
        if left_out:
            summary.append(f"Left out by {self._names(left_out)}")
            kinds.append("left out")
        reworded = [d for d in self.divergences if d.type == "rewording"]
        if reworded:
            summary.append(f"Reworded by {self._names(reworded)}")
            kinds.append("reworded")
        swaps: dict[tuple, list] = {}
        for d in self.divergences:
            if d.type == "term_swap" and d.pk not in findings:
                swaps.setdefault((d.data.get("reference"), d.data.get("variant")), []).append(d)
        for (reference, variant), items in swaps.items():
            summary.append(f"{variant} for {reference}: {self._names(items)}")
        if swaps:
            kinds.append("terms swapped")
        return Notes(findings=lines, summary=summary, kinds=kinds)

    def _names(self, rows) -> str:
        names = list(dict.fromkeys(self._label(d.revision_id) for d in rows))
        if len(names) > 2:
            return f"{len(names)} versions ({', '.join(names)})"
        return " and ".join(names)

    def _label(self, revision_id) -> str:
        member = self.members.get(revision_id)
        if member:
            return member.version.label
        version = self.versions_by_id.get(revision_id)
        return version.label if version else "a version"

    @property
    def only(self) -> VersionView | None:
        if self.kind == "unique":
            return next(iter(self.members.values())).version
        return None


@dataclass
class Chip:
    version: VersionView
    present: bool
    pressed: bool
    href: str = ""  # the whole page in this state (no JavaScript needed)
    fragment: str = ""  # the passage body alone, for htmx


@dataclass
class StoryReading:
    story: object
    alignment: StoryAlignment | None
    versions: list[VersionView] = field(default_factory=list)
    passages: list[PassageView] = field(default_factory=list)
    stale: bool = False  # versions left the story since it was aligned
    # Versions in another language than the story's that no encoder linked.
    unaligned: list = field(default_factory=list)
    # True when they wait for their sentence vectors, False when no encoder is installed.
    unaligned_pending: bool = False

    @classmethod
    def load(cls, story, *, passage_id=None, texts_for=(), all_texts=False) -> StoryReading:
        """Load the stored alignment in a fixed number of queries.

        Member texts and diffs are loaded for reference members and for the
        versions in ``texts_for`` (or every member with ``all_texts``); the rest
        carry only what chips and filters need. ``passage_id`` loads one passage.

        Versions whose article has left the story since it was aligned are
        hidden at once (the realignment that follows the move is queued)."""
        alignment = StoryAlignment.objects.filter(story=story).first()
        reading = cls(story=story, alignment=alignment)
        if alignment is None:
            return reading
        revisions = list(
            Revision.objects.filter(alignments=alignment)
            .select_related("article__outlet", "article__derived_from_article__outlet")
            .defer("body", "raw", "html", "stripped", "annotations")
            .order_by("article__published_at", "article__created_at", "pk")
        )
        current = [r for r in revisions if r.article.story_id == story.pk]
        reading.stale = len(current) != len(revisions)
        left_out = set((alignment.stats or {}).get("unaligned", ()))
        reading.unaligned = [r for r in current if r.pk in left_out]
        reading.unaligned_pending = (alignment.stats or {}).get(
            "unaligned_because"
        ) == "vectors pending"
        current = [r for r in current if r.pk not in left_out]
        passages = Passage.objects.filter(alignment=alignment).order_by("position")
        if passage_id is not None:
            passages = passages.filter(pk=passage_id)
        shown_members = PassageMember.objects.order_by("pk")
        if not (all_texts or reading.stale):
            shown_members = shown_members.filter(
                Q(is_reference=True) | Q(revision_id__in=list(texts_for))
            )
        passages = passages.prefetch_related(
            Prefetch("members", queryset=shown_members, to_attr="shown_members"),
        )
        # Divergences as plain rows: a big story has thousands.
        divergences = Divergence.objects.filter(alignment=alignment)
        if passage_id is not None:
            divergences = divergences.filter(passage_id=passage_id)
        found: dict[int, list[DivergenceRow]] = {}
        for row in divergences.order_by("pk").values_list(*DivergenceRow._fields):
            found.setdefault(row[1], []).append(DivergenceRow(*row))
        # Who carries which passage: plain tuples, cheap even at 200 versions.
        carriers = PassageMember.objects.filter(passage__alignment=alignment)
        if passage_id is not None:
            carriers = carriers.filter(passage_id=passage_id)
        reading._build(
            current,
            passages,
            carriers.values_list("passage_id", "revision_id").order_by("pk"),
            found,
        )
        if passage_id is None:
            reading._mark_insertions()
        return reading

    def _build(self, revisions, passages, carriers, divergences):
        reference_id = self.alignment.reference_revision_id
        # The reference first, then by publication: codes and colours stay put.
        revisions.sort(key=lambda r: r.pk != reference_id)
        codes = outlet_codes([r.article.outlet.name for r in revisions])
        self.versions = [
            VersionView(
                revision=r,
                code=codes[i],
                colour=PALETTE[i % len(PALETTE)],
                index=i,
                is_reference=r.pk == reference_id,
            )
            for i, r in enumerate(revisions)
        ]
        by_id = self.version_map
        carried_by: dict[int, list[int]] = {}
        for passage_pk, revision_pk in carriers:
            carried_by.setdefault(passage_pk, []).append(revision_pk)
        for row in passages:
            shown = {m.revision_id: m for m in row.shown_members}
            members = {
                rid: MemberView(version=by_id[rid], row=shown.get(rid))
                for rid in carried_by.get(row.pk, ())
                if rid in by_id
            }
            if not members:
                continue  # only versions that have left the story carried it
            reference = by_id.get(row.reference_revision_id) or next(iter(members.values())).version
            self.passages.append(
                PassageView(
                    row=row,
                    members=members,
                    absent=[v for v in self.versions if v.id not in members],
                    divergences=[d for d in divergences.get(row.pk, ()) if d.revision_id in by_id],
                    reference=reference,
                    marked=not self.stale,
                    versions_by_id=by_id,
                )
            )

    def _mark_insertions(self) -> None:
        for i in insertions([set(p.members) for p in self.passages]):
            self.passages[i].inserted = True

    @property
    def reference(self) -> VersionView | None:
        """The version the stored alignment marks differences against."""
        return next((v for v in self.versions if v.is_reference), None)

    @cached_property
    def version_map(self) -> dict[int, VersionView]:
        return {v.id: v for v in self.versions}

    def version_by_code(self, code: str) -> VersionView | None:
        return next((v for v in self.versions if v.code == code), None)

    def passage(self, passage_id: int) -> PassageView | None:
        return next((p for p in self.passages if p.id == passage_id), None)

    # --- filters -----------------------------------------------------------
    def filtered(self, name: str, version: VersionView | None = None) -> list[PassageView]:
        return [p for p in self.passages if keeps(p, name, version)]

    @cached_property
    def counts(self) -> dict[str, int]:
        """Passages each filter keeps: what the filter links, the summary, the
        JSON's ``counts`` and the CSV (one row per divergence) all agree on."""
        return {name: len(self.filtered(name)) for name in FILTERS}

    # --- chips -------------------------------------------------------------
    def picks(self, codes: list[str] | None) -> list[VersionView]:
        """The versions whose chips show on every passage."""
        if codes:
            picked = [v for v in self.versions if v.code in codes]
            if picked:
                return picked
        return self.versions[:DEFAULT_PICKS]

    def chips(self, passage: PassageView, picked: list[VersionView], shown: VersionView):
        """Chips for the picked versions (present or a gap), and the other carriers."""
        visible = [Chip(v, v.id in passage.members, v.id == shown.id) for v in picked]
        picked_ids = {v.id for v in picked}
        more = [
            Chip(v, True, v.id == shown.id)
            for v in self.versions
            if v.id in passage.members and v.id not in picked_ids
        ]
        return visible, more

    # --- side panels and summaries ------------------------------------------
    # Terms, quotes and annotations name versions and passages by id: only
    # the versions still in the story, and the passages they still carry, are
    # kept, so the page, the JSON and the CSV never name a version they lack.
    def terms(self) -> list[dict]:
        return self._terms

    def quotes(self) -> list[dict]:
        return self._quotes

    def coverage(self) -> list[CoverageRow]:
        return self._coverage

    @cached_property
    def _coverage(self) -> list[CoverageRow]:
        return coverage_rows(self)

    @cached_property
    def _terms(self) -> list[dict]:
        """Term swaps with the versions that make them (the first few, then a count)."""
        by_id, codes = self.version_map, TERM_CODES
        out = []
        for term in self.alignment.terms if self.alignment else []:
            versions = [by_id[v] for v in term["versions"] if v in by_id]
            if versions:
                shown = versions[:codes]
                out.append(
                    {
                        **term,
                        "versions": [v.id for v in versions],
                        "version_views": shown,
                        "codes_html": codes_html(shown),
                        "more": len(versions) - codes,
                        "loaded": loaded_swap(term["reference"], term["variant"]),
                    }
                )
        return out

    @cached_property
    def _quotes(self) -> list[dict]:
        """Quotes with their renderings, identical wordings grouped together."""
        by_id, shown = self.version_map, self.passage_ids
        out = []
        for quote in self.alignment.quotes if self.alignment else []:
            if quote.get("passage") is not None and quote["passage"] not in shown:
                continue
            renderings = [r for r in quote["renderings"] if r["version"] in by_id]
            wordings: dict[str, list[VersionView]] = {}
            for r in renderings:
                wordings.setdefault(r["text"], []).append(by_id[r["version"]])
            if not renderings:
                continue
            out.append(
                {
                    **quote,
                    "renderings": renderings,
                    "altered": bool(quote["altered"]) and len(wordings) > 1,
                    "wordings": [
                        {"text": t, "versions": vs, "codes_html": codes_html(vs)}
                        for t, vs in wordings.items()
                    ],
                }
            )
        return out

    def annotations(self) -> list[dict]:
        by_id = self.version_map
        return [
            {**a, "version_view": by_id[a["version"]]}
            for a in (self.alignment.annotations if self.alignment else [])
            if a["version"] in by_id
        ]

    @cached_property
    def passage_ids(self) -> set[int]:
        return {p.id for p in self.passages}

    def summary(self) -> str:
        if self.alignment is None:
            return summary_line(None)
        counts = self.counts
        return count_line(
            versions=len(self.versions),
            passages=counts["all"],
            unique=counts["unique"],
            by_type={v: counts[f] for f, v in FILTER_TYPES.items()},
            terms=len(self.terms()),
            diverge=counts["diverge"],
        )

    def compare_rows(self, a: VersionView, b: VersionView) -> list[dict]:
        """Passage rows for compare: ``b``'s wording marked against ``a``'s."""
        rows = []
        for passage in self.passages:
            left, right = passage.member(a.id), passage.member(b.id)
            if left or right:
                marked = segments(word_ops(left.text, right.text)) if left and right else None
                rows.append({"passage": passage, "left": left, "right": right, "segments": marked})
        return rows

    # --- the overview --------------------------------------------------------
    def role(self, v: VersionView) -> str:
        """What the version is to the story, from what the articles record:
        "original", "independent report", "translation of X", "reprint of X",
        "rewrite of X" or "from X" (where the record says no more)."""
        via = v.article.via
        if not via:
            name = v.label.casefold()
            derived = any(x.article.via.casefold() == name for x in self.versions if x is not v)
            return "original" if derived else "independent report"
        source = next((x for x in self.versions if x.label.casefold() == via.casefold()), None)
        language = v.language or v.outlet.language
        if source is not None:
            source_language = source.language or source.outlet.language
            if language and source_language and language != source_language:
                return f"translation of {via}"
            if source.is_reference:
                return f"{'reprint' if self._reprints_reference(v) else 'rewrite'} of {via}"
        elif language and language != self.main_language:
            return f"translation of {via}"
        return f"from {via}"

    def _reprints_reference(self, v: VersionView) -> bool:
        """Carries nearly every passage of the reference, adds none, rewords none."""
        reference = [p for p in self.passages if p.reference.is_reference]
        carried = sum(1 for p in reference if v.id in p.members)
        own = any(p.kind == "unique" and v.id in p.members for p in self.passages)
        reworded = any(
            d.revision_id == v.id and d.type == "rewording"
            for p in self.passages
            for d in p.divergences
        )
        return bool(reference) and carried >= 0.9 * len(reference) and not own and not reworded

    @cached_property
    def main_language(self) -> str:
        """The story's language: the alignment's record, else most versions'."""
        stored = (self.alignment.stats or {}).get("main_language") if self.alignment else ""
        if stored:
            return stored
        languages = Counter(v.language or v.outlet.language for v in self.versions)
        languages.pop("", None)
        return languages.most_common(1)[0][0] if languages else ""

    def overview(self) -> Overview:
        rows = self.coverage()
        groups: dict[str, list[CoverageRow]] = {}
        for row in rows:
            groups.setdefault(row.role.split(" of ")[0], []).append(row)
        dated = [v for v in self.versions if v.article.published_at]
        first_at = min((v.article.published_at for v in dated), default=None)
        return Overview(
            rows=rows,
            roles=[(role, [r.version for r in members]) for role, members in groups.items()],
            languages=sorted({v.language or v.outlet.language or "unknown" for v in self.versions}),
            first=[v for v in dated if v.article.published_at == first_at],
            undated=len(self.versions) - len(dated),
            findings=self.key_findings(),
        )

    def key_findings(self, *, per_kind: int = 2, most: int = 9) -> list[Finding]:
        """The few divergences that matter most, each pointing at its passage:
        altered quotes, changed figures, loaded term swaps, then what one outlet
        alone printed or alone left out."""
        found: list[Finding] = []
        quotes = [q for q in self.quotes() if q["altered"] and q.get("passage")]
        for q in quotes[:per_kind]:
            first, *others = q["wordings"]
            who = ", ".join(v.label for w in others for v in w["versions"])
            found.append(
                Finding(
                    "quote_change",
                    "Altered quote",
                    f"{who} word this quote differently: “{_clip(first['text'])}”",
                    q["passage"],
                )
            )
        figures = [
            (p, d) for p in self.passages for d in p.divergences if d.type == "number_change"
        ]
        for p, d in figures[:per_kind]:
            found.append(Finding("number_change", "Changed figure", d.detail, p.id))
        for term in [t for t in self.terms() if t["loaded"]][:per_kind]:
            passage = next(
                (
                    p
                    for p in self.passages
                    for d in p.divergences
                    if d.type == "term_swap"
                    and d.data.get("reference") == term["reference"]
                    and d.data.get("variant") == term["variant"]
                ),
                None,
            )
            if passage is not None:
                who = ", ".join(v.label for v in term["version_views"])
                text = f"{who}: {term['variant']} for {term['reference']}"
                found.append(Finding("term_swap", "Loaded term", text, passage.id))
        alone: dict[int, list[PassageView]] = {}
        dropped: dict[int, list[PassageView]] = {}
        for p in self.passages:
            if p.kind == "unique":
                alone.setdefault(next(iter(p.members)), []).append(p)
            elif len(self.versions) >= 3 and len(p.absent) == 1:
                dropped.setdefault(p.absent[0].id, []).append(p)
        by_id = self.version_map
        for rid, passages in sorted(alone.items(), key=lambda kv: -len(kv[1]))[:per_kind]:
            text = f"{by_id[rid].label} alone printed {plural(len(passages), 'passage')}"
            found.append(Finding("unique", "Only one outlet", text, passages[0].id, by_id[rid]))
        for rid, passages in sorted(dropped.items(), key=lambda kv: -len(kv[1]))[:per_kind]:
            text = (
                f"{by_id[rid].label} alone left out {plural(len(passages), 'passage')} "
                "every other version carries"
            )
            found.append(Finding("omission", "Left out", text, passages[0].id, by_id[rid]))
        return found[:most]


def insertions(carriers: list[set]) -> set[int]:
    """Indexes of the passages one version alone prints *inside* the stretch it
    shares with others: passages in merged order (``carriers``: who carries
    each), a unique one kept when the same version carries a shared passage
    before it and one after. What a version prints past the others' ends (a
    longer cut, its own background, a capture that runs on) is an addition
    too, but not where coverage diverges."""
    shared: dict = {}
    for i, who in enumerate(carriers):
        if len(who) > 1:
            for v in who:
                first, last = shared.get(v, (i, i))
                shared[v] = (min(first, i), max(last, i))
    found = set()
    for i, who in enumerate(carriers):
        if len(who) == 1:
            (v,) = who
            first, last = shared.get(v, (i, i))
            if first < i < last:
                found.add(i)
    return found


def keeps(p: PassageView, name: str, version: VersionView | None = None) -> bool:
    """Whether the passage filter ``name`` (a key of FILTERS) keeps ``p``."""
    if name == "diverge":
        return p.substantive
    if name == "unique":
        return p.kind == "unique" and (version is None or version.id in p.members)
    if name == "omitted":
        if version is not None:
            return version.id not in p.members
        return any(d.type == "omission" for d in p.divergences)
    if name in FILTER_TYPES:
        return any(d.type == FILTER_TYPES[name] for d in p.divergences)
    return True


def loaded_swap(reference: str | None, variant: str | None) -> bool:
    """Whether a swap trades one loaded term for another (see LOADED_TERMS)."""
    a, b = (reference or "").strip().casefold(), (variant or "").strip().casefold()
    return a != b and any(a in terms and b in terms for terms in LOADED_TERMS)


def is_finding(d) -> bool:
    """A divergence a reader should meet one by one: a substantive type (an
    altered quote, a changed figure) or a swap of loaded terms."""
    kind = DIVERGENCE_BY_VALUE.get(d.type)
    if kind is not None and kind.substantive:
        return True
    return d.type == "term_swap" and loaded_swap(d.data.get("reference"), d.data.get("variant"))


def codes_html(versions: list[VersionView]) -> str:
    """Small outlet code badges, each followed by a space, built here rather than
    in a template loop (side panels list hundreds on a big story). Labels and
    codes are escaped once (VersionView.html_*); css is a constant class."""
    return mark_safe(
        "".join(
            f'<span class="code small {v.css}" title="{v.html_label}">{v.html_code}</span> '
            for v in versions
        )
    )


def summary_line(alignment) -> str:
    """ "4 versions · 47 passages · 10 printed by one outlet only · 8 with an
    altered quote" from the stored stats: every number says what it counts."""
    if alignment is None:
        return "not aligned yet"
    stats = alignment.stats or {}
    return count_line(
        versions=stats.get("versions", 0),
        passages=stats.get("passages", 0),
        unique=stats.get("by_kind", {}).get("unique", 0),
        by_type=stats.get("passages_by_type", {}),
        terms=len(alignment.terms),
    )


def count_line(*, versions, passages, unique, by_type, terms, diverge=None) -> str:
    """The one wording of a story's counts, for the story list and the story page."""
    parts = [plural(versions, "version"), plural(passages, "passage")]
    if diverge is not None:
        parts.append(f"{diverge} where coverage diverges")
    if unique:
        parts.append(f"{unique} printed by one outlet only")
    for kind in DIVERGENCES:
        if kind.filter and kind.value != "term_swap" and by_type.get(kind.value):
            parts.append(f"{by_type[kind.value]} with {article(kind.badge)}")
    if terms:
        parts.append(plural(terms, "term swapped", "terms swapped"))
    return " · ".join(parts)


def article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def outlet_codes(names: list[str]) -> list[str]:
    """Short, distinct codes for the legend: "RT", "CA" (Caliber.Az), "TS" …"""
    codes: list[str] = []
    seen: set[str] = set()
    for name in names:
        words = re.findall(r"[A-Za-z]+", name) or ["X"]
        number = "".join(re.findall(r"\d+", name))[:4]  # "Channel 4" → "C4", not "C"
        if len(words) == 1:
            base = words[0][:2] if not words[0].isupper() else words[0][:3]
        else:
            base = "".join(w[0] for w in words[:3])
        base = (base[:1] + number if number else base).upper()
        code, n = base, 2
        while code in seen:
            code = f"{base}{n}"
            n += 1
        seen.add(code)
        codes.append(code)
    return codes


# --- who carries the story ---------------------------------------------------


@dataclass
class Finding:
    """One line of the overview's "what differs most", pointing at a passage."""

    kind: str  # a divergence type, or "unique"
    label: str
    text: str
    passage: int
    version: VersionView | None = None  # for "only one outlet" and "left out"

    @property
    def css(self) -> str:
        return f"flag-{self.kind}"


@dataclass
class Overview:
    rows: list
    roles: list[tuple[str, list[VersionView]]]
    languages: list[str]
    first: list[VersionView]
    undated: int
    findings: list[Finding]


def _clip(text: str, words: int = 24) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


@dataclass
class CoverageRow:
    """One version in the coverage overview: its role and what it carries."""

    version: VersionView
    role: str
    carried: int
    alone: int
    left_out: int
    cells: list[bool]  # passage by passage, in merged order: carried or not

    def bar_html(self) -> str:
        """The row's bar, one span per passage, built here: a big story has
        thousands of cells. Only constant classes go in; nothing to escape."""
        on = f'<span class="on {self.version.css}"></span>'
        return mark_safe("".join(on if carried else "<span></span>" for carried in self.cells))


def coverage_rows(reading: StoryReading) -> list[CoverageRow]:
    counts = {v.id: Counter() for v in reading.versions}
    cells = {v.id: [] for v in reading.versions}
    for p in reading.passages:
        for v in reading.versions:
            cells[v.id].append(v.id in p.members)
        for rid in p.members:
            counts[rid]["carried"] += 1
            if p.kind == "unique":
                counts[rid]["alone"] += 1
        for d in p.divergences:
            if d.type == "omission":
                counts[d.revision_id]["left_out"] += 1
    return [
        CoverageRow(
            version=v,
            role=reading.role(v),
            carried=counts[v.id]["carried"],
            alone=counts[v.id]["alone"],
            left_out=counts[v.id]["left_out"],
            cells=cells[v.id],
        )
        for v in reading.versions
    ]
