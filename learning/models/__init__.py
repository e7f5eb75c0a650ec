"""The learning app's models: the library's records (library), recommendations to
other bodies (bodies), a review's own action plan (review_actions), the reminders sent
(chasing) and the public learning library page (pages). `from learning.models import X`
works for each of them."""

from .bodies import Body, BodyRecommendation, Deadline, Outcome, SentBy, Stage
from .chasing import LearningReminder, ReminderOptOut
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
from .review_actions import ReviewAction

__all__ = [
    "Action",
    "ActionQuerySet",
    "Body",
    "BodyRecommendation",
    "Deadline",
    "LearningReminder",
    "Outcome",
    "ReminderOptOut",
    "ReviewAction",
    "SentBy",
    "Stage",
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
