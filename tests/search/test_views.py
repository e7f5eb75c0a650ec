"""The public /search/ page and the admin's Search: results, bad input, access, queries."""

import pytest
from django.urls import reverse

from tests.learning.factories import RecommendationFactory

from .conftest import PRIVATE_WORD, PUBLIC_PHRASE

pytestmark = pytest.mark.django_db
PUBLIC = "/search/"


def test_the_public_page_finds_published_reviews_with_marked_snippets(client, published):
    response = client.get(PUBLIC, {"q": PUBLIC_PHRASE})
    assert response.status_code == 200
    html = response.content.decode()
    assert published.public_page.title in html
    assert "<mark>missed</mark>" in html
    assert 'name="kind" type="checkbox" value="dhr"' in html
    assert 'href="' + published.public_page.url + '"' in html


def test_the_public_page_never_shows_private_words_even_to_staff(client, cast, published, draft):
    for user in (None, cast.manager):
        if user:
            client.force_login(user)
        response = client.get(PUBLIC, {"q": PRIVATE_WORD})
        assert response.status_code == 200
        html = response.content.decode()
        assert "No results" in html
        assert "<mark>" not in html and "search-results" not in html
        # The words typed are echoed back (title, box, summary), and nowhere else.
        assert html.count(PRIVATE_WORD) == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "x" * 5000}, "longer than 200 characters"),
        ({"q": "housing", "page": "999999999999"}, "up to page 1000"),
        ({"q": "housing", "page": "two"}, "not a number"),
        ({"q": "housing", "page": "-3"}, "start at 1"),
        ({"q": "housing", "colour": "red"}, "“colour” is not a filter"),
        ({"q": "housing", "kind": "murder"}, "“murder” is not a value"),
        ({"q": "housing", "theme": "no-such-theme"}, "“no-such-theme” is not a value"),
        ({"q": "housing", "sort": "random"}, "not a way to sort"),
        ({"q": '"") OR 1=1 -- NEAR(*'}, "No results"),
        ({"q": "&&& ***"}, "punctuation alone"),
        ({"q": PUBLIC_PHRASE, "page": "7"}, "There is no page 7"),
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(client, published, query, message):
    response = client.get(PUBLIC, query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_messages_are_escaped(client, published):
    response = client.get(PUBLIC, {"q": "housing", "<script>alert(1)</script>": "x"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_public_search_query_count_is_bounded(client, published, django_assert_max_num_queries):
    # The search itself: 3 vocabulary lookups, one statement for the total, the facets
    # and the page's ids, then the page of hits; the rest is the site's layout (site,
    # settings, navigation), the same on every page.
    client.get(PUBLIC, {"q": PUBLIC_PHRASE})
    with django_assert_max_num_queries(16):
        response = client.get(PUBLIC, {"q": PUBLIC_PHRASE, "kind": "dhr"})
    assert response.status_code == 200


def test_admin_search_shows_staff_their_private_material(client, cast, draft):
    client.force_login(cast.manager)
    response = client.get(reverse("search_admin:search"), {"q": PRIVATE_WORD})
    assert response.status_code == 200
    assert f"<mark>{PRIVATE_WORD}</mark>" in response.content.decode()
    assert "Private" in response.content.decode()


def test_admin_search_hides_other_partnerships_material(client, cast, draft):
    client.force_login(cast.other_manager)
    response = client.get(reverse("search_admin:search"), {"q": PRIVATE_WORD})
    assert response.status_code == 200
    assert "No results" in response.content.decode()
    assert f"<mark>{PRIVATE_WORD}</mark>" not in response.content.decode()


def test_admin_search_needs_a_sign_in(client):
    response = client.get(reverse("search_admin:search"), {"q": "x"})
    assert response.status_code == 302


def test_admin_search_query_count_is_bounded(
    client, cast, draft, published, django_assert_max_num_queries
):
    client.force_login(cast.manager)
    client.get(reverse("wagtailadmin_home"))  # session and menus warmed
    with django_assert_max_num_queries(40):
        response = client.get(reverse("search_admin:search"), {"q": PRIVATE_WORD, "page": "1"})
    assert response.status_code == 200


def test_both_views_are_rate_limited(client, settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "2/m"}
    statuses = [client.get(PUBLIC, {"q": "housing"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_result_pages_link_to_each_other_keeping_the_search(client, cast, draft):
    for n in range(90):  # 90 results: 5 pages of 20
        RecommendationFactory(review=draft, text=f"Fictional kestrelword advice {n}.")
    client.force_login(cast.manager)
    url = reverse("search_admin:search")
    first = client.get(url, {"q": "kestrelword", "type": "recommendation"})
    pagination = first.context["results"].pagination
    assert pagination["previous"] is None
    assert pagination["next"] == "?q=kestrelword&page=2&type=recommendation"
    assert [item.get("number") for item in pagination["items"]] == [1, 2, None, 5]
    assert 'aria-current="page">1</a>' in first.content.decode()
    assert "govuk-pagination__item--ellipses" in first.content.decode()
    third = client.get(url, {"q": "kestrelword", "type": "recommendation", "page": "3"})
    pagination = third.context["results"].pagination
    assert pagination["previous"] == "?q=kestrelword&page=2&type=recommendation"
    assert [item.get("number") for item in pagination["items"]] == [1, 2, 3, 4, 5]
    assert 'href="?q=kestrelword&amp;page=4&amp;type=recommendation"' in third.content.decode()


def test_the_admin_sidebar_search_box_leads_a_manager_to_a_search_they_may_use(client, cast):
    """It searched the site's pages, which answered managers "you do not have permission"."""
    client.force_login(cast.manager)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_admin:search") in home.split("wagtail.sidebar.SearchModule")[1][:300]
