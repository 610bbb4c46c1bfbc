"""The reader's view state carried in the query string, so every state has a URL
(and works without JavaScript): filter, filter outlet, picked chips, the version
read against, and one passage shown in another outlet's wording."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .alignment.compare import REWORDING, word_ops
from .reading import FILTERS, Chip, PassageView, StoryReading, VersionView
from .textdiff import Segment, kept_share, segments

MAX_ID = 2**63 - 1  # the largest primary key any database here stores


def parse_id(value) -> int | None:
    """A primary key from a query string, or None for anything that cannot be one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


# Past this many extra carriers, "+N more" links to the outlet picker instead
# of listing every chip on every passage.
MORE_CHIPS_INLINE = 8


# Chips are rendered here rather than in a template loop: a big story has
# thousands of them, and the template engine, then format_html's per-argument
# escaping, were most of the page's time. Every piece below is escaped once
# (VersionView.html_*, the URL prefixes) or is an integer id.


def chip_html(chip: Chip) -> str:
    v = chip.version
    if not chip.present:
        # A gap is a <del>: assistive technology announces it as removed, the eye
        # sees a dashed chip.
        return (
            f'<del class="chip gap" title="{v.html_label}: not in this version">{v.html_code}</del>'
        )
    pressed = "true" if chip.pressed else "false"
    css = f"chip {v.css} pressed" if chip.pressed else f"chip {v.css}"
    return (
        f'<a class="{css}" role="button" aria-pressed="{pressed}" href="{chip.href}" '
        f'hx-get="{chip.fragment}" title="{v.html_label}">{v.html_code}</a>'
    )


def chips_html(chips: list[Chip]) -> str:
    return mark_safe("".join(chip_html(c) for c in chips))  # every piece escaped above


@dataclass
class Wording:
    """How a passage body shows the chosen wording: plain, marked word by word
    against the version read against, or beside it when they share too little
    for a word diff to read (below the core's rewording threshold)."""

    segments: list[Segment]
    beside: str = ""  # the other wording, when shown side by side
    translated: bool = False  # the two are in different languages

    @property
    def side_by_side(self) -> bool:
        return bool(self.beside)


@dataclass
class PassageRow:
    """One passage as the page shows it: whose wording, against whom, which chips."""

    passage: PassageView
    shown: VersionView
    base: VersionView  # the version the wording is marked against
    chips: list[Chip]
    more: list[Chip]
    more_count: int = 0

    @property
    def member(self):
        return self.passage.member(self.shown.id)

    @property
    def marked(self) -> bool:
        return self.shown.id != self.base.id and self.passage.marked

    @cached_property
    def wording(self) -> Wording:
        member = self.member
        if not self.marked:
            return Wording([Segment("same", member.text)])
        base = self.passage.member(self.base.id)
        if self.base.language != self.shown.language and member.translated_from is not None:
            # Across languages a word diff means nothing: the two side by side.
            return Wording([Segment("same", member.text)], beside=base.text, translated=True)
        if self.base.id == self.passage.reference.id:
            ops = member.ops  # stored by the alignment
        else:
            ops = word_ops(base.text, member.text)
        if kept_share(ops) < REWORDING:
            return Wording([Segment("same", member.text)], beside=base.text)
        return Wording(segments(ops))

    def chips_html(self) -> str:
        return chips_html(self.chips)

    def more_html(self) -> str:
        return chips_html(self.more)


@dataclass
class ReadingState:
    reading: StoryReading
    filter: str = "all"
    outlet: VersionView | None = None
    picks: list[VersionView] = field(default_factory=list)
    swap: tuple[int, int] | None = None  # (passage id, version id)
    against: VersionView | None = None  # None: each passage's reference

    @classmethod
    def from_query(cls, reading: StoryReading, query) -> ReadingState:
        name = query.get("filter", "all")
        if name not in FILTERS:
            name = "all"
        outlet = reading.version_by_code(query.get("outlet", "")) if query.get("outlet") else None
        codes = [c for c in query.get("pick", "").split(",") if c]
        p, v = parse_id(query.get("p")), parse_id(query.get("v"))
        return cls(
            reading=reading,
            filter=name,
            outlet=outlet,
            picks=reading.picks(codes),
            swap=(p, v) if p and v else None,
            against=reading.version_map.get(parse_id(query.get("ref"))),
        )

    # --- links -------------------------------------------------------------
    def params(self, **changes) -> dict[str, str]:
        params = {
            "filter": self.filter if self.filter != "all" else "",
            "outlet": self.outlet.code if self.outlet else "",
            "pick": ",".join(v.code for v in self.picks) if self.custom_picks else "",
            "ref": self.against.id if self.against else "",
        }
        params.update({k: ("" if v is None else str(v)) for k, v in changes.items()})
        return {k: v for k, v in params.items() if v}

    def query(self, **changes) -> str:
        params = self.params(**changes)
        return f"?{urlencode(params)}" if params else ""

    @cached_property
    def current_query(self) -> str:
        return self.query()

    @cached_property
    def page_url(self) -> str:
        return reverse("stories:story_detail", args=[self.reading.story.slug])

    @cached_property
    def _fragment_base(self) -> str:
        return reverse("stories:passage_list", args=[self.reading.story.slug])

    @cached_property
    def _chip_prefixes(self) -> tuple[str, str, str]:
        """The escaped, attribute-ready parts every chip URL shares."""
        query = self.current_query
        page = escape(f"{self.page_url}{query}{'&' if query else '?'}")
        return page, escape(self._fragment_base), escape(query)

    def link_chip(self, chip: Chip, passage: PassageView) -> Chip:
        """Fill in the chip's two URLs, HTML-escaped (built here: hundreds of
        chips, no per-chip reverse())."""
        page, fragment, query = self._chip_prefixes
        pid, vid = int(passage.id), int(chip.version.id)
        chip.href = f"{page}p={pid}&amp;v={vid}#passage-{pid}"
        chip.fragment = f"{fragment}{pid}/{vid}/{query}"
        return chip

    @property
    def custom_picks(self) -> bool:
        return [v.id for v in self.picks] != [v.id for v in self.reading.picks(None)]

    def filter_links(self):
        counts = self.reading.counts
        for name, label in FILTERS.items():
            yield {
                "name": name,
                "label": label,
                "count": counts[name],
                "query": self.query(filter=name if name != "all" else ""),
                "current": name == self.filter,
            }

    # --- rows --------------------------------------------------------------
    def rows(self) -> list[PassageRow]:
        return [self.row(p) for p in self.reading.filtered(self.filter, self.outlet)]

    def row(self, passage: PassageView, shown: VersionView | None = None) -> PassageRow:
        base = passage.reference
        if self.against is not None and self.against.id in passage.members:
            base = self.against
        if shown is None and self.swap and self.swap[0] == passage.id:
            shown = self.reading.version_map.get(self.swap[1])
        if shown is None or shown.id not in passage.members:
            shown = base
        chips, more = self.reading.chips(passage, self.picks, shown)
        more_count = len(more)
        if more_count > MORE_CHIPS_INLINE:
            more = []
        return PassageRow(
            passage=passage,
            shown=shown,
            base=base,
            chips=[self.link_chip(c, passage) if c.present else c for c in chips],
            more=[self.link_chip(c, passage) for c in more],
            more_count=more_count,
        )

    @cached_property
    def all_query(self) -> str:
        """This view with every passage listed: where the overview's links land."""
        return self.query(filter="", outlet="")

    @property
    def filter_label(self) -> str:
        return FILTERS[self.filter]

    # --- reading against ---------------------------------------------------
    @property
    def base_label(self) -> str:
        if self.against is not None:
            return self.against.label
        return "each passage's reference"

    def coverage(self) -> list[dict]:
        """The coverage rows, each with its read-against link (the full page
        without JavaScript; htmx swaps the passage list)."""
        current = self.against or self.reading.reference
        return [
            {
                "row": row,
                "query": self.query(ref=None if row.version.is_reference else row.version.id),
                "current": row.version == current,
            }
            for row in self.reading.coverage()
        ]
