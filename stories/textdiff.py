"""Word-level differences between two texts, for revision history."""

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Change:
    op: str  # "equal", "insert", "delete" or "replace"
    old: str
    new: str


def word_changes(old: str, new: str) -> list[Change]:
    """The edit script turning ``old`` into ``new``, word by word (whitespace kept)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [
        Change(op, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def summarize(changes: list[Change]) -> str:
    added = sum(len(c.new.split()) for c in changes if c.op in ("insert", "replace"))
    removed = sum(len(c.old.split()) for c in changes if c.op in ("delete", "replace"))
    if not added and not removed:
        return "no word changes"
    return f"+{added} / −{removed} words"
