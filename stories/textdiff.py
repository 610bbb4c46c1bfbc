"""Word-level differences between two texts, for revision history."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

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


def changes_html(changes: list[Change]) -> str:
    """Render changes with <del> and <ins>; every piece of text is escaped."""
    parts = []
    for change in changes:
        if change.op == "equal":
            parts.append(format_html("{}", change.new))
            continue
        if change.old.strip():
            parts.append(format_html('<del class="diff-del">{}</del>', change.old))
        if change.new.strip():
            parts.append(format_html('<ins class="diff-ins">{}</ins>', change.new))
    return format_html_join("", "{}", ((p,) for p in parts))


def summarize(changes: list[Change]) -> str:
    added = sum(len(c.new.split()) for c in changes if c.op in ("insert", "replace"))
    removed = sum(len(c.old.split()) for c in changes if c.op in ("delete", "replace"))
    if not added and not removed:
        return "no word changes"
    return f"+{added} / −{removed} words"
