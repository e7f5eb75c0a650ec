"""The learning app's models: the library's records (library), the public learning
library page (pages) and the SAB annual report's distribution (statutory).
`from learning.models import X` works for each of them."""

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
from .statutory import AnnualReportDistribution, Recipient

__all__ = [
    "Action",
    "AnnualReportDistribution",
    "ActionQuerySet",
    "LearningLibraryPage",
    "Level",
    "Priority",
    "ProgressUpdate",
    "RAG",
    "RAG_MEANINGS",
    "Recommendation",
    "RecommendationAction",
    "Recipient",
    "RecommendationQuerySet",
    "Status",
    "Strategy",
    "StrategyQuerySet",
    "Theme",
]
