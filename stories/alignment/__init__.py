"""Text alignment for many versions of one story. Plain Python: no Django here.

from stories.alignment import align, VersionInput

result = align([VersionInput("a", text_a, label="RT"), VersionInput("b", text_b)])
"""

from .pipeline import align
from .types import (
    Alignment,
    Annotation,
    Divergence,
    Member,
    Passage,
    Quote,
    Sentence,
    TermSwap,
    VersionInput,
    WordOp,
)

__all__ = [
    "Alignment",
    "Annotation",
    "Divergence",
    "Member",
    "Passage",
    "Quote",
    "Sentence",
    "TermSwap",
    "VersionInput",
    "WordOp",
    "align",
]
