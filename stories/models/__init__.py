from .alignment import Divergence, Passage, PassageMember, StoryAlignment
from .core import Article, Feed, Outlet, Revision, SourceKind, Story
from .embeddings import SentenceEmbedding
from .grouping import GroupingDecision
from .work import AlignmentRequest, ScheduledJob, WorkerHeartbeat

__all__ = [
    "AlignmentRequest",
    "Article",
    "Divergence",
    "Feed",
    "GroupingDecision",
    "Outlet",
    "Passage",
    "PassageMember",
    "Revision",
    "ScheduledJob",
    "SentenceEmbedding",
    "SourceKind",
    "Story",
    "StoryAlignment",
    "WorkerHeartbeat",
]
