"""Each public page costs the same number of SQL queries however much the site holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.stages import State
from tests.factories import ReviewFactory
from tests.reviews.helpers import force_state
from website.models import StandardPage

PATHS = [
    "/",
    "/help-and-support/",
    "/accessibility-statement/",
    "/privacy-notice/",
    "/help-and-support/topic-0/",
    "/site-map/",
    "/sitemap.xml",
    "/feeds/reviews/",
    "/no-such-page/",
]
# A ceiling, so that a page cannot quietly become expensive while staying constant. Wagtail's
# routing costs about one query per level of the URL: the deepest page here is 3 levels down.
MOST_QUERIES_PER_PAGE = 14


def grow(home, start, count):
    """More of everything a page might list: menu sections, sub-pages, published reviews."""
    help_page = StandardPage.objects.get(slug="help-and-support")
    for n in range(start, start + count):
        home.add_child(
            instance=StandardPage(title=f"Section {n}", slug=f"section-{n}", show_in_menus=True)
        )
        help_page.add_child(
            instance=StandardPage(title=f"Topic {n}", slug=f"topic-{n}", show_in_menus=True)
        )
        review = ReviewFactory(pseudonym=f"Adult {n}", is_fictional=True)
        force_state(review, State.PUBLISHED, published_on=datetime.date(2026, 1, 1))
        home.refresh_from_db()


def queries_for(client, path):
    client.get(path)  # first request fills the per-process caches (site root paths...)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code in (200, 404), path
    return len(captured)


@pytest.mark.parametrize("path", PATHS)
def test_query_count_does_not_grow_with_the_data(client, home, path, django_assert_max_num_queries):
    grow(home, 0, 1)
    small = queries_for(client, path)
    assert small <= MOST_QUERIES_PER_PAGE, f"{path}: {small} queries"

    grow(home, 1, 15)

    client.get(path)
    with django_assert_max_num_queries(small):
        response = client.get(path)
    assert response.status_code in (200, 404)
    if path == "/":
        assert (
            response.content.decode().count('class="govuk-service-navigation__item') == 19
        )  # home, help, 16 sections and search
