from .alignment import Divergence, Passage, PassageMember, StoryAlignment
from .core import Article, Feed, Outlet, Revision, SourceKind, Story
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
    "SourceKind",
    "Story",
    "StoryAlignment",
]
