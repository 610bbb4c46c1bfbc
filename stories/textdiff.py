"""Word differences as readers see them, from the alignment core's one diff
engine (``alignment.compare.word_ops``): the story page, compare, revision
history and the timeline all mark words through ``segments`` and the one
partial ``stories/_diff.html``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .alignment.compare import word_ops
from .alignment.types import WordOp


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "ins" or "del"
    text: str


def diff(old: str, new: str) -> tuple[list[Segment], str]:
    """``new`` marked against ``old``, and a summary of the change."""
    ops = word_ops(old, new)
    return segments(ops), summarize(ops)


def segments(ops: Iterable[Sequence[str]]) -> list[Segment]:
    """The new wording with its differences from the old marked: removed words
    as "del", added words as "ins". Accepts WordOps or stored [op, ref, text] lists."""
    out: list[Segment] = []
    for op, ref, text in map(_triple, ops):
        if op == "equal":
            out.append(Segment("same", text))
            continue
        if op in ("delete", "replace") and ref.strip():
            out.append(Segment("del", ref.rstrip()))
            out.append(Segment("same", " "))
        if op in ("insert", "replace") and text.strip():
            stripped = text.rstrip()
            out.append(Segment("ins", stripped))
            if len(stripped) < len(text):
                out.append(Segment("same", text[len(stripped) :]))
        elif text:
            out.append(Segment("same", text))
    return out


def _triple(op) -> tuple[str, str, str]:
    """A WordOp, or a stored [op, ref, text] list, as a plain triple."""
    return (op.op, op.ref, op.text) if isinstance(op, WordOp) else tuple(op)


def summarize(ops: Iterable[Sequence[str]]) -> str:
    """ "+3 / −2 words", counting the words each side of every change."""
    added = removed = 0
    for op, ref, text in map(_triple, ops):
        if op in ("insert", "replace"):
            added += len(text.split())
        if op in ("delete", "replace"):
            removed += len(ref.split())
    if not added and not removed:
        return "no word changes"
    return f"+{added} / −{removed} words"


def kept_share(ops: Iterable[Sequence[str]]) -> float:
    """Share of the old wording's words the new one keeps unchanged."""
    kept = total = 0
    for op, ref, _ in map(_triple, ops):
        words = len(ref.split())
        total += words
        if op == "equal":
            kept += words
    return kept / total if total else 1.0
