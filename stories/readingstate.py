"""The reader's view state carried in the query string, so every state has a URL
(and works without JavaScript): filter, filter outlet, picked chips, and one
passage shown in another outlet's wording."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from .reading import FILTERS, Chip, PassageView, StoryReading, VersionView


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class PassageRow:
    """One passage as the page shows it: whose wording, which chips."""

    passage: PassageView
    shown: VersionView
    chips: list[Chip]
    more: list[Chip]

    @property
    def member(self):
        return self.passage.member(self.shown.id)


@dataclass
class ReadingState:
    reading: StoryReading
    filter: str = "all"
    outlet: VersionView | None = None
    picks: list[VersionView] = field(default_factory=list)
    swap: tuple[int, int] | None = None  # (passage id, version id)

    @classmethod
    def from_query(cls, reading: StoryReading, query) -> ReadingState:
        name = query.get("filter", "all")
        if name not in FILTERS:
            name = "all"
        outlet = reading.version_by_code(query.get("outlet", "")) if query.get("outlet") else None
        codes = [c for c in query.get("pick", "").split(",") if c]
        p, v = _int(query.get("p")), _int(query.get("v"))
        return cls(
            reading=reading,
            filter=name,
            outlet=outlet,
            picks=reading.picks(codes),
            swap=(p, v) if p and v else None,
        )

    # --- links -------------------------------------------------------------
    def params(self, **changes) -> dict[str, str]:
        params = {
            "filter": self.filter if self.filter != "all" else "",
            "outlet": self.outlet.code if self.outlet else "",
            "pick": ",".join(v.code for v in self.picks) if self.custom_picks else "",
        }
        params.update({k: ("" if v is None else str(v)) for k, v in changes.items()})
        return {k: v for k, v in params.items() if v}

    def query(self, **changes) -> str:
        params = self.params(**changes)
        return f"?{urlencode(params)}" if params else ""

    @property
    def custom_picks(self) -> bool:
        return [v.id for v in self.picks] != [v.id for v in self.reading.picks(None)]

    def filter_links(self):
        for name, label in FILTERS.items():
            yield {
                "name": name,
                "label": label,
                "query": self.query(filter=name if name != "all" else ""),
                "current": name == self.filter,
            }

    # --- rows --------------------------------------------------------------
    def rows(self) -> list[PassageRow]:
        return [self.row(p) for p in self.reading.filtered(self.filter, self.outlet)]

    def row(self, passage: PassageView, shown: VersionView | None = None) -> PassageRow:
        if shown is None and self.swap and self.swap[0] == passage.id:
            shown = self.reading.version_map.get(self.swap[1])
        if shown is None or shown.id not in passage.members:
            shown = passage.reference
        chips, more = self.reading.chips(passage, self.picks, shown)
        return PassageRow(passage=passage, shown=shown, chips=chips, more=more)
