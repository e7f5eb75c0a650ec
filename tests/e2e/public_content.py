"""What the public pages show in the browser tests: a published review with its papers,
recommendations and their progress, and a strategy in the learning library."""

import datetime

from learning.models import RAG, ProgressUpdate, Status
from learning.models.pages import ensure_library_page
from reviews.models import ReviewKind
from reviews.papers.publication import publish_review
from reviews.stages import State
from tests.factories import PartnershipFactory, ReviewFactory, UserFactory
from tests.learning.factories import (
    ActionFactory,
    PriorityFactory,
    RecommendationFactory,
    StrategyFactory,
    ThemeFactory,
    link,
)
from tests.reviews.helpers import add_publishable_papers, force_state

REVIEW_PATH = "/reviews/adult-a-dhr-2025-004/"
THEME_PATH = "/learning-library/themes/information-sharing/"
STRATEGY_PATH = "/learning-library/strategies/northbrook/community-safety-strategy/"


def add_public_content():
    ensure_library_page()
    partnership = PartnershipFactory(
        name="Northbrook Community Safety Partnership", slug="northbrook"
    )
    review = ReviewFactory(
        partnership=partnership,
        kind=ReviewKind.DHR,
        reference="DHR-2025-004",
        pseudonym="Adult A",
    )
    add_publishable_papers(review, UserFactory(username="publisher"))
    force_state(review, State.PUBLISHED, published_on=datetime.date(2026, 2, 12))
    publish_review(review)

    strategy = StrategyFactory(
        partnership=partnership,
        title="Northbrook Community Safety Strategy 2024–2028 (fictional)",
        slug="community-safety-strategy",
        governing_body="Northbrook Community Safety Partnership Board",
    )
    priority = PriorityFactory(strategy=strategy, number="1", title="Reduce domestic abuse")
    sharing = ActionFactory(
        priority=priority,
        reference="1.1",
        objective="Agree an information-sharing protocol between housing, police and health.",
        lead="Community Safety Manager",
        due_period="Q4",
        rag=RAG.AMBER,
        status=Status.IN_PROGRESS,
    )
    ActionFactory(
        priority=priority,
        reference="1.2",
        objective="Train front-line staff to ask about domestic abuse.",
        rag=RAG.BLUE,
        status=Status.COMPLETE,
    )
    theme = ThemeFactory(name="Information sharing", slug="information-sharing")
    recommendation = RecommendationFactory(
        review=review,
        number="1",
        text="Agencies should share information about risk with each other promptly.",
        rag=RAG.GREEN,
        status=Status.IN_PROGRESS,
    )
    recommendation.themes.add(theme)
    recommendation.save()
    link(recommendation, sharing)
    ProgressUpdate.objects.create(
        recommendation=recommendation,
        reported_on=datetime.date(2026, 4, 2),
        rag=RAG.GREEN,
        status=Status.IN_PROGRESS,
        comment="Fictional update: the draft protocol is out for comment.",
        author_name="Fictional manager",
    )
    RecommendationFactory(
        review=review,
        number="2",
        text="The partnership should write to the Home Office about national guidance.",
        status=Status.NOT_STARTED,
    )
    return review
