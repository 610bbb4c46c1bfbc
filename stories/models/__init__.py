from .alignment import Divergence, Passage, PassageMember, StoryAlignment
from .core import Article, Feed, Outlet, Revision, SourceKind, Story
from .embeddings import SentenceEmbedding
from .grouping import GroupingDecision, GroupingFingerprint
from .work import AlignmentRequest, ScheduledJob, WorkerHeartbeat

__all__ = [
    "AlignmentRequest",
    "Article",
    "Divergence",
    "Feed",
    "GroupingDecision",
    "GroupingFingerprint",
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
