from .alignment import Divergence, Passage, PassageMember, StoryAlignment
from .core import Article, Feed, Outlet, Revision, SourceKind, Story
from .embeddings import SentenceEmbedding
from .grouping import GroupingDecision

__all__ = [
    "Article",
    "Divergence",
    "Feed",
    "GroupingDecision",
    "Outlet",
    "Passage",
    "PassageMember",
    "Revision",
    "SentenceEmbedding",
    "SourceKind",
    "Story",
    "StoryAlignment",
]
