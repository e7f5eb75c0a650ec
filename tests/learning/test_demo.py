"""The learning library's demo data: real plans as shipped, invented recommendations
marked so, linked to real actions and counted in the roll-ups. Loading twice is safe."""

import pytest

from learning import demo
from learning.models import Action, ProgressUpdate, Recommendation, RecommendationAction
from learning.reports import dashboard
from partnerships import demo as partnership_demo
from partnerships.demo import demo_user
from reviews.stages import State
from tests.factories import ReviewFactory
from tests.reviews.helpers import force_state

FICTIONAL_CASES = [
    ("haringey", "DEMO-16", State.PUBLISHED),
    ("haringey", "DEMO-17", State.MONITORING),
    ("haringey", "DEMO-18", State.CLOSED),
    ("northbrook", "DEMO-SAR-02", State.PUBLISHED),
]


@pytest.fixture
def demo_cases(db):
    """Stand-ins for the fictional cases reviews/demo.py creates (without its workflow)."""
    partnership_demo.load(lambda line: None)
    by_key = partnership_demo.partnerships()
    return [
        force_state(
            ReviewFactory(partnership=by_key[key], reference=reference, is_fictional=True),
            state,
        )
        for key, reference, state in FICTIONAL_CASES
    ]


def test_demo_loads_recommendations_linked_to_the_real_plans(demo_cases):
    log = []
    demo.load(log.append)

    assert Action.objects.count() == 16 + 28 + 70 + 32
    recommendations = Recommendation.objects.all()
    assert recommendations.count() == len(demo.RECOMMENDATIONS) == 6
    assert all(
        r.text.endswith("(Fictional demonstration recommendation.)") for r in recommendations
    )
    assert all(r.review.is_fictional for r in recommendations)
    assert all(u.comment.startswith("Fictional update") for u in ProgressUpdate.objects.all())
    # Real actions get no invented progress.
    assert not ProgressUpdate.objects.filter(action__isnull=False).exists()
    assert not Action.objects.exclude(rag="").exists()
    daha = Action.objects.get(strategy__slug=demo.DA_PLAN, reference="2.4")
    assert [str(r) for r in daha.recommendations.all()] == ["DEMO-16 recommendation 1"]
    assert log[-1] == "Demo recommendations: 6 created, 6 in all, all fictional."


def test_demo_partner_user_posted_on_the_recommendation_their_agency_owns(demo_cases):
    demo.load(lambda line: None)

    partner = demo_user("partner")
    update = ProgressUpdate.objects.get(author=partner)
    assert update.recommendation.owning_agency.short_name == "HfH"
    completed = Recommendation.objects.get(review__reference="DEMO-18", number="1")
    assert completed.status == "complete" and completed.evidence.startswith("Fictional evidence")


def test_demo_recommendations_count_in_the_dashboard_roll_ups(demo_cases):
    demo.load(lambda line: None)
    haringey = partnership_demo.partnerships()["haringey"]

    report = dashboard(haringey, demo_user("manager"))

    assert report.recommendations.total == 5
    assert report.recommendations.complete == 1
    assert report.recommendations.overdue >= 1
    by_strategy = {row[0]: row[1] for row in report.table("recommendations_by_strategy").rows}
    assert by_strategy["Haringey Domestic Abuse Action Plan: 2023-2028"] == 3
    assert report.actions.total == 146


def test_loading_the_demo_again_changes_nothing(demo_cases):
    demo.load(lambda line: None)
    counts = (
        Action.objects.count(),
        Recommendation.objects.count(),
        RecommendationAction.objects.count(),
        ProgressUpdate.objects.count(),
    )

    log = []
    demo.load(log.append)

    assert (
        Action.objects.count(),
        Recommendation.objects.count(),
        RecommendationAction.objects.count(),
        ProgressUpdate.objects.count(),
    ) == counts
    assert "Demo recommendations: 0 created, 6 in all, all fictional." in log
