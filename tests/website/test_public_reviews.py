"""The published reviews index (filters, pagination) and a published review's page."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.models import Status
from reviews.models import Review, ReviewKind, ReviewPage
from reviews.public.listing import REVIEWS_PER_PAGE
from reviews.stages import State
from tests.factories import PartnershipFactory, ReviewFactory
from tests.learning.factories import RecommendationFactory, ThemeFactory

from .public_data import published_review, recommendation_with_progress

INDEX = "/reviews/"


@pytest.fixture
def reviews(home):
    north = PartnershipFactory(name="Northbrook Community Safety Partnership", slug="northbrook")
    south = PartnershipFactory(name="Southmere Safeguarding Adults Board", slug="southmere")
    housing = ThemeFactory(name="Housing", slug="housing")
    a = published_review(north, ReviewKind.DHR, datetime.date(2025, 5, 1), pseudonym="Adult A")
    b = published_review(south, ReviewKind.SAR, datetime.date(2026, 2, 1), pseudonym="Adult B")
    c = published_review(north, ReviewKind.SAR, datetime.date(2026, 6, 1), pseudonym="Adult C")
    recommendation_with_progress(b, theme=housing)
    return {"a": a, "b": b, "c": c, "north": north, "housing": housing}


def titles(response):
    return [p.title for p in response.context["page_obj"].object_list]


def test_the_index_lists_published_reviews_newest_first(client, reviews):
    response = client.get(INDEX)
    assert response.status_code == 200
    assert titles(response) == [
        "Safeguarding Adults Review: Adult C",
        "Safeguarding Adults Review: Adult B",
        "Domestic Homicide Review: Adult A",
    ]
    assert "3 reviews" in response.content.decode()


def test_unpublished_and_draft_pages_are_not_listed(client, reviews):
    ReviewFactory(partnership=reviews["north"], pseudonym="Adult Hidden")  # no page at all
    page = ReviewPage.objects.get(review=reviews["a"])
    page.unpublish()
    assert titles(client.get(INDEX)) == [
        "Safeguarding Adults Review: Adult C",
        "Safeguarding Adults Review: Adult B",
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=sar", ["Adult C", "Adult B"]),
        ("kind=dhr&kind=sar", ["Adult C", "Adult B", "Adult A"]),
        ("year=2025", ["Adult A"]),
        ("partnership=northbrook", ["Adult C", "Adult A"]),
        ("theme=housing", ["Adult B"]),
        ("kind=sar&partnership=northbrook&year=2026", ["Adult C"]),
        ("kind=dhr&year=2026", []),
    ],
)
def test_filters(client, reviews, query, expected):
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    assert [t.split(": ")[1] for t in titles(response)] == expected


def test_applied_filters_are_shown_with_a_link_that_removes_each(client, reviews):
    response = client.get(f"{INDEX}?kind=sar&partnership=northbrook")
    applied = response.context["applied_filters"]
    assert [(a.label, a.value) for a in applied] == [
        ("Type of review", "Safeguarding Adults Review"),
        ("Partnership", "Northbrook Community Safety Partnership"),
    ]
    assert applied[0].remove_url == "?partnership=northbrook"
    assert applied[1].remove_url == "?kind=sar"
    html = response.content.decode()
    assert "Partnership: Northbrook Community Safety Partnership" in html
    assert "No published review matches" not in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("kind=murder", "Choose a type of review from the list."),
        ("year=1850", "Choose a year from the list."),
        ("year=abc", "Choose a year from the list."),
        ("partnership=nowhere", "Choose a partnership from the list."),
        ("theme=unknown", "Choose a theme from the list."),
        ("partnership=%00", "Null characters are not allowed."),
    ],
)
def test_unknown_filter_values_get_a_clear_message(client, reviews, query, message):
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert message in html
    assert response.context["page_obj"] is None
    assert "Adult A" not in html


def test_the_index_and_the_public_rule_agree_on_every_way_of_not_being_public(home):
    """The index reads the public rule from the page side (ReviewIndexPage.published_pages),
    Review.objects.public() from the review side: the same reviews, whatever hides one."""
    partnership = PartnershipFactory()
    shown, unlisted, restricted, drafting, due, later = (
        published_review(partnership) for _ in range(6)
    )
    ReviewPage.objects.get(review=unlisted).unpublish()
    PageViewRestriction.objects.create(
        page=restricted.public_page, restriction_type=PageViewRestriction.LOGIN
    )
    Review.objects.filter(pk=drafting.pk).update(state=State.DRAFTING)
    today = timezone.localdate()
    Review.objects.filter(pk=due.pk).update(take_down_on=today)
    Review.objects.filter(pk=later.pk).update(take_down_on=today + datetime.timedelta(days=1))
    index = ReviewPage.objects.get(review=shown).get_parent().specific

    def both():
        listed = set(index.published_pages().values_list("review_id", flat=True))
        public = set(Review.objects.public().values_list("pk", flat=True))
        one_by_one = {
            r.pk
            for r in (shown, unlisted, restricted, drafting, due, later)
            if Review.objects.public().filter(pk=r.pk).exists()
        }
        assert listed == public == one_by_one
        return public

    assert both() == {shown.pk, later.pk}
    # A restriction on an ancestor (the index itself) hides every review below it.
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert both() == set()


def test_pagination_keeps_the_filters(client, home):
    partnership = PartnershipFactory(slug="many")
    for n in range(REVIEWS_PER_PAGE + 3):
        published_review(
            partnership, published_on=datetime.date(2026, 1, 1) + datetime.timedelta(n)
        )
    first = client.get(f"{INDEX}?partnership=many")
    assert len(titles(first)) == REVIEWS_PER_PAGE
    assert first.context["pagination"]["next"] == "?partnership=many&page=2"
    second = client.get(f"{INDEX}?partnership=many&page=2")
    assert len(titles(second)) == 3
    assert second.context["pagination"]["previous"] == "?partnership=many&page=1"
    assert client.get(f"{INDEX}?page=999").status_code == 200  # the last page, not an error
    assert client.get(f"{INDEX}?page=x").status_code == 200


def test_the_index_is_in_the_navigation_once_a_review_is_published(client, reviews):
    html = client.get("/").content.decode()
    assert 'href="/reviews/"' in html
    assert 'href="/reviews/"' in client.get("/site-map/").content.decode()


def test_the_review_page_shows_summary_recommendations_progress_and_actions(client, reviews):
    review = reviews["b"]
    recommendation = review.recommendations.get()
    action = recommendation.actions.get()
    response = client.get(ReviewPage.objects.get(review=review).url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fictional executive summary." in html
    assert recommendation.text in html
    assert 'govuk-tag govuk-tag--green">Green (on track)' in html  # the recommendation's RAG
    assert 'govuk-tag govuk-tag--yellow">Amber (at risk)' in html  # the action's RAG
    assert f"Action {action.reference} of" in html
    assert "In progress" in html
    assert '<time datetime="2026-04-02">2 April 2026</time>' in html  # latest update
    assert "This is a fictional demonstration review" in html


def test_the_review_page_shows_not_started_status_and_no_update(client, reviews):
    RecommendationFactory(review=reviews["a"], status=Status.NOT_STARTED, text="Do it.")
    html = client.get(ReviewPage.objects.get(review=reviews["a"]).url).content.decode()
    assert 'govuk-tag--grey">Not started' in html
    assert "None yet" in html
    assert "No strategy action is linked yet." in html


def test_a_review_moved_back_out_of_publication_shows_no_recommendations(client, reviews):
    """Only recommendations of published reviews are public."""
    recommendation = reviews["b"].recommendations.get()
    from tests.reviews.helpers import force_state

    force_state(reviews["b"], State.DRAFTING)
    ReviewPage.objects.get(review=reviews["b"]).unpublish()
    housing = client.get("/learning-library/themes/housing/")
    assert recommendation.text not in housing.content.decode()
