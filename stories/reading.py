"""What the reader's pages show, built from stored alignment rows.

Views call ``StoryReading.load(story)``: a fixed number of queries whatever the
size of the story, then plain Python. Nothing here aligns text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.db.models import Prefetch, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Divergence, Passage, PassageMember, Revision, StoryAlignment

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

FILTERS = {
    "all": "All passages",
    "diverge": "Where coverage diverges",
    "unique": "Unique to an outlet",
    "omitted": "Omitted by an outlet",
    "quotes": "Altered quotes",
    "numbers": "Changed numbers",
}

FLAG_LABELS = {
    "quote_change": "altered quote",
    "number_change": "changed number",
    "term_swap": "term swap",
    "rewording": "reworded",
}

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
class Segment:
    kind: str  # "same", "ins" or "del"
    text: str


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
        out: list[Segment] = []
        for op, ref, text in self.ops:
            if op == "equal":
                out.append(Segment("same", text))
                continue
            if op in ("delete", "replace") and ref.strip():
                out.append(Segment("del", ref))
                if op == "replace":
                    out.append(Segment("same", " "))
            if op in ("insert", "replace") and text.strip():
                out.append(Segment("ins", text))
            elif text:
                out.append(Segment("same", text))
        return out

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
        """(type, label) for the divergence types worth a badge on the passage."""
        return [(f, FLAG_LABELS[f]) for f in self.flags if f in FLAG_LABELS]

    def member(self, version_id) -> MemberView | None:
        return self.members.get(version_id)

    def divergence_lines(self, *, limit: int = 6) -> list[str]:
        """The passage's divergences as sentences. What many versions do alike
        (leave the passage out, swap the same term) reads as one line."""
        groups: dict[tuple, list] = {}
        for d in self.divergences:
            if d.type == "omission":
                key = ("omission",)
            elif d.type == "term_swap":
                key = ("term_swap", d.data.get("reference"), d.data.get("variant"))
            else:
                key = ("single", d.pk)
            groups.setdefault(key, []).append(d)
        lines = []
        for key, items in groups.items():
            if len(items) <= 3:
                lines.extend(d.detail for d in items)
                continue
            names = [self._label(d.revision_id) for d in items[:3]]
            who = f"{', '.join(names)} and {len(items) - 3} more"
            if key[0] == "omission":
                lines.append(f"{len(items)} versions leave out this passage: {who}")
            else:
                lines.append(f"{len(items)} versions write {key[2]} for {key[1]}: {who}")
        if len(lines) > limit:
            lines = [*lines[: limit - 1], f"and {len(lines) - limit + 1} more"]
        return lines

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

    @cached_property
    def version_map(self) -> dict[int, VersionView]:
        return {v.id: v for v in self.versions}

    def version_by_code(self, code: str) -> VersionView | None:
        return next((v for v in self.versions if v.code == code), None)

    def passage(self, passage_id: int) -> PassageView | None:
        return next((p for p in self.passages if p.id == passage_id), None)

    # --- filters -----------------------------------------------------------
    def filtered(self, name: str, version: VersionView | None = None) -> list[PassageView]:
        def keep(p: PassageView) -> bool:
            if name == "diverge":
                return p.kind != "common" or bool(p.flags)
            if name == "unique":
                return p.kind == "unique" and (version is None or version.id in p.members)
            if name == "omitted":
                if version is not None:
                    return version.id not in p.members
                return bool(p.absent) and p.kind != "unique"
            if name == "quotes":
                return "quote_change" in p.flags
            if name == "numbers":
                return "number_change" in p.flags
            return True

        return [p for p in self.passages if keep(p)]

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
    def terms(self, *, codes: int = 8) -> list[dict]:
        """Term swaps with the versions that make them (the first few, then a count)."""
        by_id = self.version_map
        out = []
        for term in self.alignment.terms if self.alignment else []:
            versions = [by_id[v] for v in term["versions"] if v in by_id]
            if versions:
                shown = versions[:codes]
                out.append(
                    {
                        **term,
                        "version_views": shown,
                        "codes_html": codes_html(shown),
                        "more": len(versions) - codes,
                    }
                )
        return out

    def quotes(self) -> list[dict]:
        """Quotes with their renderings, identical wordings grouped together."""
        by_id = self.version_map
        out = []
        for quote in self.alignment.quotes if self.alignment else []:
            wordings: dict[str, list[VersionView]] = {}
            for r in quote["renderings"]:
                if r["version"] in by_id:
                    wordings.setdefault(r["text"], []).append(by_id[r["version"]])
            out.append(
                {
                    **quote,
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

    def summary(self) -> str:
        return summary_line(self.alignment)

    @property
    def main_language(self) -> str:
        return (self.alignment.stats or {}).get("main_language", "") if self.alignment else ""

    def matrix(self) -> Matrix:
        return coverage_matrix(self)


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
    """ "3 outlets · 12 shared passages · 5 unique · 1 altered quote" from stored stats."""
    if alignment is None:
        return "not aligned yet"
    stats = alignment.stats or {}
    kinds, types = stats.get("by_kind", {}), stats.get("by_type", {})
    parts = [plural(stats.get("versions", 0), "version")]
    shared = kinds.get("common", 0) + kinds.get("shared", 0)
    parts.append(plural(shared, "shared passage"))
    if kinds.get("unique"):
        parts.append(f"{kinds['unique']} unique")
    if types.get("quote_change"):
        parts.append(plural(types["quote_change"], "altered quote"))
    if types.get("number_change"):
        parts.append(plural(types["number_change"], "changed number"))
    if alignment.terms:
        parts.append(plural(len(alignment.terms), "term swap"))
    return " · ".join(parts)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


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


# --- the coverage matrix ------------------------------------------------------
MATRIX_CELL = 10
MATRIX_MAX_ROWS = 30  # above this, rows are groups of versions shaded by coverage


@dataclass
class MatrixCell:
    x: int
    y: int
    passage: int
    title: str
    fill: str
    opacity: float


@dataclass
class Matrix:
    width: int
    height: int
    cell: int
    row: int
    label_width: int
    rows: list[tuple[int, str]]
    cells: list[MatrixCell]

    def cells_html(self) -> str:
        """The cells as SVG links, built here: thousands of them would dominate a
        template. Titles are escaped; everything else is a number or a constant."""
        return mark_safe(
            "".join(
                f'<a href="#passage-{int(c.passage)}"><title>{escape(c.title)}</title>'
                f'<rect x="{c.x}" y="{c.y}" width="{self.cell}" height="{self.row}" '
                f'fill="{c.fill}" fill-opacity="{c.opacity}"/></a>'
                for c in self.cells
            )
        )


def coverage_matrix(reading: StoryReading) -> Matrix:
    """Passages (columns) × versions (rows); each carried cell links to its passage.

    With many versions, rows become groups ("via Bloomberg", a country) and a
    cell's shade says what share of the group carries the passage."""
    if len(reading.versions) <= MATRIX_MAX_ROWS:
        groups = [(f"{v.code} {v.label}"[:20], v.code, [v], v.colour) for v in reading.versions]
    else:
        by_group: dict[str, list[VersionView]] = {}
        for v in reading.versions:
            by_group.setdefault(v.group, []).append(v)
        groups = [
            (f"{name} ({len(vs)})"[:20], name[:20], vs, "#1d4ed8")
            for name, vs in sorted(by_group.items(), key=lambda kv: -len(kv[1]))
        ][:MATRIX_MAX_ROWS]
    label_width = 110
    # Shrink cells so a long story still fits the side panel (about 280 px).
    size = max(3, min(MATRIX_CELL, 170 // max(len(reading.passages), 1)))
    cells, rows = [], []
    for r, (label, short, members, colour) in enumerate(groups):
        y = r * MATRIX_CELL
        rows.append((y + MATRIX_CELL - 2, label))
        for c, passage in enumerate(reading.passages):
            share = sum(1 for v in members if v.id in passage.members) / len(members)
            if not share:
                continue
            cells.append(
                MatrixCell(
                    x=label_width + c * size,
                    y=y,
                    passage=passage.id,
                    title=f"{short} {c + 1}",
                    fill=colour,
                    opacity=round(0.25 + 0.75 * share, 2),
                )
            )
    return Matrix(
        width=label_width + len(reading.passages) * size,
        height=max(len(groups), 1) * MATRIX_CELL,
        cell=size - 1,
        row=MATRIX_CELL - 1,
        label_width=label_width,
        rows=rows,
        cells=cells,
    )
