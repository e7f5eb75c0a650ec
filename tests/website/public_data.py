"""Published reviews, recommendations and plans for the public pages' tests."""

import datetime

from learning.models import RAG, ProgressUpdate, Status
from reviews.models import ReviewKind
from reviews.papers.publication import publish_page
from reviews.stages import State
from tests.factories import PartnershipFactory, ReviewFactory
from tests.learning.factories import (
    ActionFactory,
    PriorityFactory,
    RecommendationFactory,
    StrategyFactory,
    ThemeFactory,
    link,
)
from tests.reviews.helpers import force_state


def published_review(
    partnership=None, kind=ReviewKind.DHR, published_on=datetime.date(2026, 3, 1), **fields
):
    """A review in the published state with its live public page (the publication
    service's page step; the document gate is tested in tests/reviews)."""
    review = ReviewFactory(partnership=partnership or PartnershipFactory(), kind=kind, **fields)
    force_state(review, State.PUBLISHED, published_on=published_on)
    publish_page(review, "Fictional executive summary.\n\nA second paragraph.")
    return review


def recommendation_with_progress(review, theme=None, strategy=None, **fields):
    """A recommendation of `review` on `theme`, delivered by an action, with an update."""
    strategy = strategy or StrategyFactory(partnership=review.partnership)
    action = ActionFactory(
        priority=PriorityFactory(strategy=strategy), rag=RAG.AMBER, status=Status.IN_PROGRESS
    )
    recommendation = RecommendationFactory(review=review, rag=RAG.GREEN, **fields)
    recommendation.themes.add(theme or ThemeFactory())
    recommendation.save()  # a parental many-to-many is written on save
    link(recommendation, action)
    ProgressUpdate.objects.create(
        recommendation=recommendation,
        reported_on=datetime.date(2026, 4, 2),
        rag=RAG.GREEN,
        comment="Fictional update.",
        author_name="Fictional manager",
    )
    return recommendation
