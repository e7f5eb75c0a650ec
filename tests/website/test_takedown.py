"""One meaning of public (Review.objects.public): a review whose page is taken down, or
restricted to a password, leaves every public place at once: its page, the published
reviews list, the feed, the sitemap, the learning library, public search and the
downloads of its reports; with the public pages' cache on, as in production."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.models.pages import ensure_library_page
from reviews.models import DocumentVersion, ReviewKind
from reviews.papers.publication import renew_public_copies
from tests.factories import PartnershipFactory
from tests.learning.factories import ThemeFactory
from tests.reviews.helpers import add_publishable_papers

from .public_data import published_review, recommendation_with_progress

PSEUDONYM = "Adult Wren"
RECOMMENDATION = "Fictional kestrelmoor housing advice."


@pytest.fixture(autouse=True)
def public_pages_cached(settings):
    """As in production: each place is first seen (and kept in the shared cache) while
    the review is public, so a takedown must drop the kept copies too."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def review(home, cast):
    ensure_library_page()
    review = published_review(
        PartnershipFactory(slug="nb"),
        ReviewKind.DHR,
        published_on=datetime.date(2026, 3, 1),
        pseudonym=PSEUDONYM,
    )
    recommendation_with_progress(
        review, theme=ThemeFactory(name="Housing", slug="housing"), text=RECOMMENDATION
    )
    report, _ = add_publishable_papers(review, cast.manager)
    DocumentVersion.objects.filter(pk=report.pk).update(published_at=timezone.now())
    renew_public_copies(review)  # the report's public copy: what its download serves
    # The page's signals refresh search; publish it once more to index the report too.
    review.public_page.save_revision().publish()
    return review


def public_places(client, review):
    """What each public place says about the review: True where it is shown."""
    page_url = review.public_page.url
    report = DocumentVersion.objects.filter(document__review=review, published_at__isnull=False)
    download = report.get().get_public_url()
    return {
        "page": "Fictional executive summary" in client.get(page_url).content.decode(),
        "list": PSEUDONYM in client.get("/reviews/").content.decode(),
        "feed": PSEUDONYM in client.get("/feeds/reviews/").content.decode(),
        "sitemap": page_url in client.get("/sitemap.xml").content.decode(),
        "library": RECOMMENDATION
        in client.get("/learning-library/themes/housing/").content.decode(),
        # (The page repeats the words searched for: look for the result, by its title.)
        "search": PSEUDONYM in client.get("/search/", {"q": "kestrelmoor"}).content.decode(),
        "download": client.get(download).status_code == 200,
    }


def test_a_public_review_is_in_every_public_place(client, review):
    assert public_places(client, review) == dict.fromkeys(public_places(client, review), True)


def test_unpublishing_the_page_withdraws_the_review_everywhere(client, review):
    before = public_places(client, review)
    review.public_page.unpublish()
    assert all(before.values())
    assert public_places(client, review) == dict.fromkeys(before, False)


def test_a_password_on_the_page_withdraws_the_review_everywhere(client, review):
    PageViewRestriction.objects.create(
        page=review.public_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="fictional-password",
    )
    places = public_places(client, review)
    assert places == dict.fromkeys(places, False)
    # The page answers with its password form, which does not name the review.
    password_form = client.get(review.public_page.url).content.decode()
    assert PSEUDONYM not in password_form
