"""The values the alignment core takes and returns.

Frozen dataclasses holding tuples, so a result can be cached, hashed into a
task key or compared in a test without anyone mutating it on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANNOTATION_TYPES = ("editorial_note", "omission_marker")
# "translation": a member in another language than its passage's reference
# member, shown whole beside it (a word diff across languages means nothing).
WORD_OPS = ("equal", "insert", "delete", "replace", "translation")
PASSAGE_KINDS = ("common", "shared", "unique")


@dataclass(frozen=True)
class DivergenceType:
    """One kind of typed difference, and everything that shows it.

    ``label`` is the editors' name (the model's choice label); ``badge`` and
    ``plural`` are what readers read; ``filter`` names the story page's passage
    filter for it ("" when none); ``css`` is the class newsdesk.css styles;
    ``substantive`` says whether it alone makes a passage one where coverage
    diverges (an omission or a reworded sentence is summarised instead).
    """

    value: str
    label: str
    badge: str
    plural: str
    filter: str = ""
    substantive: bool = False

    @property
    def css(self) -> str:
        return f"flag-{self.value}"


# The one list: the model's choices, the reader's filters, badges and styles
# are all read from here.
DIVERGENCES = (
    DivergenceType("omission", "Omission", "left out", "passages left out"),
    DivergenceType("addition", "Addition", "added", "passages added"),
    DivergenceType("term_swap", "Term swap", "term swap", "term swaps", filter="terms"),
    DivergenceType(
        "quote_change",
        "Quote change",
        "altered quote",
        "altered quotes",
        filter="quotes",
        substantive=True,
    ),
    DivergenceType(
        "number_change",
        "Number change",
        "changed figure",
        "changed figures",
        filter="numbers",
        substantive=True,
    ),
    DivergenceType("rewording", "Rewording", "reworded", "reworded passages"),
)
DIVERGENCE_TYPES = tuple(t.value for t in DIVERGENCES)
DIVERGENCE_BY_VALUE = {t.value: t for t in DIVERGENCES}


@dataclass(frozen=True)
class Annotation:
    """Something ingest took out of a body: an editor's note or a "<...>" cut.

    ``position`` is the character offset in the body where it stood.
    """

    type: str
    text: str
    position: int | None = None


@dataclass(frozen=True)
class VersionInput:
    """One version of the story: its id, body text, a human label ("RT"),
    the language it is written in (ISO 639-1; "" when unknown, taken as the
    story's main language) and the id of the version of the story it was
    made from ("" when none or unknown; it guides the default reference)."""

    id: str
    text: str
    label: str = ""
    annotations: tuple[Annotation, ...] = ()
    language: str = ""
    derived_from: str = ""

    @property
    def name(self) -> str:
        """What detail sentences call this version."""
        return self.label or self.id


@dataclass(frozen=True)
class Sentence:
    """A segment of one version; ``start``/``end`` are offsets in its text.

    ``kind`` is "text", or "note" for an editor's parenthetical such as
    "(… – Approx. InoSMI)" left in the body.
    """

    version: str
    index: int
    paragraph: int
    text: str
    start: int
    end: int
    kind: str = "text"


@dataclass(frozen=True)
class WordOp:
    """One step of the word diff from the passage's reference member to a member.

    ``text`` is the member's exact surface text for the span (spacing
    included), so joining the ``text`` of a member's ops gives its text back.
    """

    op: str
    ref: str
    text: str


@dataclass(frozen=True)
class Member:
    """One version's share of a passage."""

    version: str
    sentences: tuple[int, ...]
    text: str
    score: float
    ops: tuple[WordOp, ...]
    is_reference: bool


@dataclass(frozen=True)
class Divergence:
    """A typed difference; ``passage`` is a Passage.id, or None for the story."""

    type: str
    version: str
    detail: str
    passage: int | None
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "version": self.version, "detail": self.detail}


@dataclass(frozen=True)
class Passage:
    """Sentences of several versions that carry the same content.

    ``position`` is the place in the merged order; ``kind`` is "common"
    (every version), "shared" (two or more) or "unique" (one). ``folded``
    lists absent versions that fold this content into a sentence of another
    passage, as (version, that passage's id); they get no omission.
    """

    id: int
    position: int
    kind: str
    reference_version: str
    members: tuple[Member, ...]
    absent: tuple[str, ...]
    divergences: tuple[Divergence, ...]
    folded: tuple[tuple[str, int], ...] = ()
    moved: tuple[tuple[str, int], ...] = ()
    moved_from: int | None = None

    @property
    def reference_member(self) -> Member:
        return next(m for m in self.members if m.is_reference)

    def member(self, version: str) -> Member | None:
        return next((m for m in self.members if m.version == version), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "position": self.position,
            "kind": self.kind,
            "members": [
                {"version": m.version, "text": m.text, "score": m.score} for m in self.members
            ],
            "absent": list(self.absent),
            "divergences": [d.to_dict() for d in self.divergences],
        }


@dataclass(frozen=True)
class TermSwap:
    """A substitution that recurs across the story (or is a known variant)."""

    reference: str
    variant: str
    versions: tuple[str, ...]
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "variant": self.variant,
            "versions": list(self.versions),
            "count": self.count,
        }


@dataclass(frozen=True)
class Quote:
    """One quotation as each member of a passage renders it."""

    passage: int
    altered: bool
    renderings: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage": self.passage,
            "altered": self.altered,
            "renderings": [{"version": v, "text": t} for v, t in self.renderings],
        }


@dataclass(frozen=True)
class Alignment:
    """The whole result: passages in merged order plus story-level findings.

    ``main_language`` is the language the reference is in; ``unaligned``
    lists the versions in another language that no sentence encoder could
    link, and that no passage therefore holds."""

    versions: tuple[str, ...]
    reference: str
    reference_reason: str
    sentences: dict[str, tuple[Sentence, ...]] = field(hash=False)
    passages: tuple[Passage, ...]
    terms: tuple[TermSwap, ...]
    quotes: tuple[Quote, ...]
    annotations: tuple[tuple[str, Annotation], ...]
    divergences: tuple[Divergence, ...]
    main_language: str = ""
    unaligned: tuple[str, ...] = ()

    def passage(self, passage_id: int) -> Passage:
        return next(p for p in self.passages if p.id == passage_id)

    def carried(self, passage: Passage) -> tuple[Member, ...]:
        """Every member carrying the passage's content: its own, and those
        of versions that print it elsewhere in their order (``moved``)."""
        elsewhere = (
            member
            for version, at in passage.moved
            if (member := self.passage(at).member(version)) is not None
        )
        return (*passage.members, *elsewhere)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (no word ops or sentence offsets)."""
        return {
            "passages": [p.to_dict() for p in self.passages],
            "terms": [t.to_dict() for t in self.terms],
            "quotes": [q.to_dict() for q in self.quotes],
            "annotations": [
                {"version": version, "type": a.type, "text": a.text}
                for version, a in self.annotations
            ],
        }
