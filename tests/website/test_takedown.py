"""One meaning of public (Review.objects.public): a review whose page is taken down, or
restricted to a password, leaves every public place at once: its page, the published
reviews list, the feed, the sitemap, the learning library, public search and the
downloads of its reports. Taking down is recorded in the case's history: who, when, why,
whether it was done with take_down(), in the page editor or by the retention date."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.models.pages import ensure_library_page
from reviews.models import DocumentVersion, Review, ReviewEvent, ReviewKind
from reviews.papers.publication import renew_public_copies
from reviews.takedown import RETENTION_ACTOR, take_down
from tests.learning.factories import ThemeFactory
from tests.reviews.helpers import add_publishable_papers

from .public_data import published_review, recommendation_with_progress

PSEUDONYM = "Adult Wren"
RECOMMENDATION = "Fictional kestrelmoor housing advice."


@pytest.fixture
def review(home, cast):
    ensure_library_page()
    review = published_review(
        cast.partnership,
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


def take_down_on_the_case_page(client, review, cast):
    url = reverse("reviews:take_down", args=[review.pk])
    for outsider in [cast.chair, cast.other_manager]:
        client.force_login(outsider)
        assert client.post(url, {"reason": "Not theirs to do."}).status_code in (403, 404)
    client.force_login(cast.manager)
    assert "take-down" in client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    response = client.post(url, {"reason": "The family asked for it to be withdrawn."})
    assert response.status_code == 302
    client.logout()
    return cast.manager.get_full_name() or "manager", "The family asked for it to be withdrawn."


def take_down_in_code(client, review, cast):
    take_down(review, None, "Withdrawn by a script.", actor_name="Fictional script")
    return "Fictional script", "Withdrawn by a script."


def unpublish_in_the_page_editor(client, review, cast):
    client.force_login(cast.superuser)
    page = review.public_page
    response = client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302
    client.logout()
    return cast.superuser.get_full_name() or cast.superuser.username, "page editor"


def retention_date_passes(client, review, cast):
    today = timezone.localdate()
    Review.objects.filter(pk=review.pk).update(take_down_on=today)
    # Withdrawn from the page, its downloads, the feed and the sitemap on the day, before
    # the daily command has run; the command takes the page down and records it.
    assert not Review.objects.public().filter(pk=review.pk).exists()
    call_command("take_down_due_reviews", stdout=io.StringIO())
    return RETENTION_ACTOR, "retention date"


@pytest.mark.parametrize(
    "how",
    [
        take_down_on_the_case_page,
        take_down_in_code,
        unpublish_in_the_page_editor,
        retention_date_passes,
    ],
)
def test_taking_the_review_down_withdraws_it_everywhere_and_is_recorded(client, review, cast, how):
    before = public_places(client, review)
    actor, why = how(client, review, cast)
    assert all(before.values())
    assert public_places(client, review) == dict.fromkeys(before, False)
    review.public_page.refresh_from_db()
    assert not review.public_page.live
    event = ReviewEvent.objects.get(review=review, action="taken_down")
    assert event.actor_name == actor and why in event.comment
    # Done: the daily command finds nothing more to do.
    call_command("take_down_due_reviews", stdout=io.StringIO())
    assert ReviewEvent.objects.filter(review=review, action="taken_down").count() == 1


def test_a_retention_date_still_to_come_leaves_the_review_public(client, review):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Review.objects.filter(pk=review.pk).update(take_down_on=tomorrow)
    call_command("take_down_due_reviews", stdout=io.StringIO())
    assert review.public_page.live and Review.objects.public().filter(pk=review.pk).exists()
    assert not ReviewEvent.objects.filter(review=review, action="taken_down").exists()


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
