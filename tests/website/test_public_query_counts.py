"""The reviews index, a review's page and the library pages cost a fixed number of SQL
queries whatever the number of reviews, recommendations, themes and actions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import RAG, ProgressUpdate, Status
from learning.models.pages import ensure_library_page
from reviews.models import ReviewKind
from tests.factories import PartnershipFactory
from tests.learning.factories import (
    ActionFactory,
    PriorityFactory,
    StrategyFactory,
    ThemeFactory,
    link,
)

from .public_data import published_review, recommendation_with_progress

# Wagtail's routing and the layout (navigation, breadcrumbs, settings...) included; a
# review's page also reads what bodies answered to its recommendations.
MOST_QUERIES_PER_PAGE = 21


@pytest.fixture
def world(home):
    ensure_library_page()
    partnership = PartnershipFactory(slug="nb")
    theme = ThemeFactory(name="Housing", slug="housing")
    strategy = StrategyFactory(partnership=partnership, slug="vr")
    first = published_review(partnership, pseudonym="Adult First")
    return {"partnership": partnership, "theme": theme, "strategy": strategy, "first": first}


def grow(world, count):
    """More of everything: reviews (other partnerships, kinds, years), recommendations on
    the theme with actions and progress, themes, priorities and actions on the strategy,
    and more recommendations and links on the first review."""
    for n in range(count):
        other = PartnershipFactory()
        review = published_review(
            other if n % 2 else world["partnership"],
            ReviewKind.SAR if n % 2 else ReviewKind.DHR,
            published_on=datetime.date(2020 + n % 6, 1 + n % 12, 1),
        )
        recommendation_with_progress(review, theme=world["theme"])
        recommendation_with_progress(review, theme=ThemeFactory())
        mine = recommendation_with_progress(
            world["first"], theme=world["theme"], strategy=world["strategy"]
        )
        action = ActionFactory(
            priority=PriorityFactory(strategy=world["strategy"]),
            rag=RAG.BLUE,
            status=Status.COMPLETE,
        )
        link(mine, action)
        ProgressUpdate.objects.create(
            action=action, rag=RAG.BLUE, comment="Fictional.", author_name="Fictional"
        )


def paths(world):
    return [
        "/reviews/",
        "/reviews/?kind=dhr&kind=sar&partnership=nb&theme=housing&year=2026",
        "/reviews/?page=2",
        "/reviews/?year=1850",
        world["first"].public_page.url,
        "/learning-library/",
        "/learning-library/themes/housing/",
        "/learning-library/strategies/nb/vr/",
        "/sitemap.xml",
    ]


def queries_for(client, path):
    client.get(path)  # fills the per-process caches (site root paths...)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_public_pages_cost_the_same_queries_at_two_data_sizes(
    client, world, django_assert_max_num_queries
):
    grow(world, 2)
    small = {path: queries_for(client, path) for path in paths(world)}
    too_many = {path: n for path, n in small.items() if n > MOST_QUERIES_PER_PAGE}
    assert too_many == {}

    grow(world, 25)  # past one page of the index

    for path in paths(world):
        client.get(path)
        with django_assert_max_num_queries(small[path]):
            response = client.get(path)
        assert response.status_code == 200
    assert 'href="?page=2"' in client.get("/reviews/").content.decode()  # it did grow
