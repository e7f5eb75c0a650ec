"""The public site from the shared cache (website.cache): visitors get kept pages with a
CSP that needs no nonce; staff never get one; an edit drops them. Takedowns with the
cache on are in test_takedown.py."""

import datetime

import pytest
from django.test import Client

from reviews.models import ReviewKind
from reviews.takedown import take_down
from tests import redis_server
from tests.factories import PartnershipFactory
from website.models import StandardPage

from .public_data import published_review


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def review(home):
    return published_review(
        PartnershipFactory(slug="cache"),
        ReviewKind.DHR,
        published_on=datetime.date(2026, 3, 1),
        pseudonym="Adult Heron",
    )


def test_a_visitor_is_served_the_kept_page_which_runs_no_inline_script(client, review):
    first = client.get("/reviews/")
    second = client.get("/reviews/")
    assert "X-Cache" not in first
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "Adult Heron" in second.content.decode()
    for response in (first, second):
        assert "nonce" not in response["Content-Security-Policy"]
        assert "<script>" not in response.content.decode()
        assert "<script nonce" not in response.content.decode()


def test_signed_in_staff_never_get_a_kept_page_nor_leave_one(cast, review):
    staff = Client()
    staff.force_login(cast.manager)
    assert "X-Cache" not in staff.get("/reviews/")
    assert "X-Cache" not in staff.get("/reviews/")
    visitor = Client()
    assert "X-Cache" not in visitor.get("/reviews/")  # the staff's page was not kept


def test_an_edit_drops_the_kept_pages(client, review):
    pages = [review.public_page.url, "/reviews/", "/feeds/reviews/"]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    review.summary = "Fictional summary, corrected."
    review.save()
    assert ["X-Cache" in client.get(url) for url in pages] == [False] * len(pages)


def test_a_kept_not_found_page_gives_way_to_a_page_published_at_its_address(client, home):
    assert client.get("/new-guidance/").status_code == 404
    kept = client.get("/new-guidance/")
    assert kept.status_code == 404 and kept["X-Cache"] == "hit"
    page = home.add_child(instance=StandardPage(title="New guidance", slug="new-guidance"))
    page.save_revision().publish()
    response = client.get("/new-guidance/")
    assert response.status_code == 200 and "X-Cache" not in response


@redis_server.needs_redis
def test_with_redis_as_the_shared_cache_a_takedown_drops_the_kept_pages(
    settings, client, review, cast
):
    """Production with REDIS_URL: the same pages kept and dropped, in a real Redis."""
    with redis_server.throwaway_redis() as url:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        pages = [review.public_page.url, "/reviews/", "/feeds/reviews/"]
        for address in pages:
            client.get(address)
            assert client.get(address)["X-Cache"] == "hit"
        take_down(review, cast.manager, "Fictional request from the family.")
        assert client.get(review.public_page.url).status_code == 404
        for address in pages[1:]:
            response = client.get(address)
            assert "X-Cache" not in response
            assert "Adult Heron" not in response.content.decode()
