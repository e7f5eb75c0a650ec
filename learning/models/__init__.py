"""The learning app's models: the library's records (library), recommendations to
other bodies (bodies), a review's own action plan (review_actions), the reminders sent
(chasing), briefings and impact checks (dissemination), the public learning library page
(pages), the SAB annual report's distribution (statutory), and a case's findings,
missed-opportunity links and learning events (findings). `from learning.models import X`
works for each of them."""

from .bodies import Body, BodyRecommendation, Deadline, Outcome, SentBy, Stage
from .chasing import LearningReminder, ReminderOptOut
from .dissemination import Briefing, ImpactCheck
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
from .review_actions import ReviewAction
from .statutory import AnnualReportDistribution, Recipient

__all__ = [
    "Action",
    "AnnualReportDistribution",
    "Finding",
    "ImpactCheck",
    "LearningEvent",
    "LearningEventAttendance",
    "MissedOpportunityLink",
    "ActionQuerySet",
    "Body",
    "BodyRecommendation",
    "Briefing",
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
    "Recipient",
    "RecommendationQuerySet",
    "Status",
    "Strategy",
    "StrategyQuerySet",
    "Theme",
]
