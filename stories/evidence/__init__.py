"""Story grouping's core: evidence that two articles are versions of one report
(or only share a theme), a candidate index that keeps the work per article
flat, and the decision rules. Plain Python; no Django imports."""

from .decision import ASSIGN, INDEPENDENT, NEW_STORY, VERSION, Decision, Grouper, Link, Thresholds
from .document import Document, make_document
from .index import CandidateIndex
from .scoring import PairEvidence

__all__ = [
    "ASSIGN",
    "INDEPENDENT",
    "NEW_STORY",
    "VERSION",
    "CandidateIndex",
    "Decision",
    "Document",
    "Grouper",
    "Link",
    "PairEvidence",
    "Thresholds",
    "make_document",
]
