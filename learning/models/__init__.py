"""The learning app's models: the library's records (library) and the public learning
library page (pages); a case's findings, missed-opportunity links and learning events
(findings). `from learning.models import X` works for each of them."""

from .findings import (
    Finding,
    LearningEvent,
    LearningEventAttendance,
    MissedOpportunityLink,
)
from .library import (
    RAG,
    RAG_MEANINGS,
    Action,
    ActionQuerySet,
    Level,
    Priority,
    ProgressUpdate,
    Recommendation,
    RecommendationAction,
    RecommendationQuerySet,
    Status,
    Strategy,
    StrategyQuerySet,
    Theme,
)
from .pages import LearningLibraryPage

__all__ = [
    "Action",
    "Finding",
    "LearningEvent",
    "LearningEventAttendance",
    "MissedOpportunityLink",
    "ActionQuerySet",
    "LearningLibraryPage",
    "Level",
    "Priority",
    "ProgressUpdate",
    "RAG",
    "RAG_MEANINGS",
    "Recommendation",
    "RecommendationAction",
    "RecommendationQuerySet",
    "Status",
    "Strategy",
    "StrategyQuerySet",
    "Theme",
]
