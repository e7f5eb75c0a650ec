import datetime
import xml.etree.ElementTree as ET

from reviews.models import Review
from reviews.papers.publication import publish_page
from reviews.stages import State
from tests.factories import PartnershipFactory, ReviewFactory
from tests.reviews.helpers import force_state

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the site's own output, not untrusted data


def published_review(pseudonym, published_on, state=State.PUBLISHED, **kwargs):
    """A review in `state` with its live public page."""
    review = ReviewFactory(pseudonym=pseudonym, **kwargs)
    force_state(review, State.PUBLISHED, published_on=published_on)
    publish_page(review, "Fictional executive summary.")
    return force_state(review, state)


def entries(client):
    response = client.get("/feeds/reviews/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return parse_xml(response.content).findall(f"{ATOM}entry")


def test_feed_lists_published_reviews_newest_first(client, home):
    partnership = PartnershipFactory(name="Northbrook Community Safety Partnership")
    published_review("Adult A", datetime.date(2026, 3, 1), partnership=partnership)
    published_review("Adult B", datetime.date(2026, 5, 1), state=State.MONITORING)
    published_review("Adult C", datetime.date(2026, 4, 1), state=State.CLOSED)

    titles = [entry.findtext(f"{ATOM}title") for entry in entries(client)]

    assert titles == [
        "Adult B: Domestic Homicide Review",
        "Adult C: Domestic Homicide Review",
        "Adult A: Domestic Homicide Review",
    ]
    first_a = entries(client)[-1]
    assert first_a.findtext(f"{ATOM}published") == "2026-03-01T00:00:00+00:00"
    assert "Northbrook Community Safety Partnership" in first_a.findtext(f"{ATOM}summary")


def test_feed_never_shows_unpublished_cases(client, home):
    for state in (State.NOTIFIED, State.DRAFTING, State.QA_APPROVED, State.NOT_PROCEEDING):
        force_state(ReviewFactory(pseudonym=f"Secret {state}"), state)

    assert entries(client) == []
    assert b"Secret" not in client.get("/feeds/reviews/").content


def test_feed_leaves_out_a_published_case_without_a_publication_date(client, home):
    published_review("Adult E", datetime.date(2026, 6, 1))
    published_review("Adult F", None)

    titles = [entry.findtext(f"{ATOM}title") for entry in entries(client)]

    assert titles == ["Adult E: Domestic Homicide Review"]


def test_feed_shows_only_the_anonymised_pseudonym_never_the_summary(client, home):
    published_review(
        "Adult D", datetime.date(2026, 2, 1), summary="Circumstances not for the feed."
    )
    body = client.get("/feeds/reviews/").content.decode()
    assert "Adult D" in body
    assert "Circumstances not for the feed" not in body
    assert Review.objects.get().reference not in body


def test_feed_entries_link_to_the_review_s_public_page(client, home):
    review = published_review("Adult F", datetime.date(2026, 2, 1))
    (entry,) = entries(client)
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{review.public_page.url}"
    assert client.get(link).status_code == 200
    assert entry.findtext(f"{ATOM}id") == f"tag:testserver,2026-02-01:review-{review.pk}"


def test_a_review_whose_page_is_taken_down_leaves_the_feed_and_the_sitemap(client, home):
    review = published_review("Adult G", datetime.date(2026, 2, 1))
    page_path = review.public_page.url
    sitemap = client.get("/sitemap.xml").content.decode()
    assert page_path in sitemap and len(entries(client)) == 1

    review.public_page.unpublish()

    assert entries(client) == []
    assert page_path not in client.get("/sitemap.xml").content.decode()
    assert client.get(page_path).status_code == 404


def test_a_live_page_of_a_review_that_is_no_longer_published_is_not_public(client, home):
    review = published_review("Adult H", datetime.date(2026, 2, 1))
    page_path = review.public_page.url
    force_state(review, State.QA_APPROVED)  # e.g. a correction of the record

    assert entries(client) == []
    assert page_path not in client.get("/sitemap.xml").content.decode()
    assert client.get(page_path).status_code == 404


def test_feed_is_limited_to_the_newest_twenty(client, home):
    for day in range(1, 26):
        published_review(f"Adult {day}", datetime.date(2026, 1, day))
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(client)]
    assert len(titles) == 20
    assert titles[0].startswith("Adult 25:")


def test_sitemap_lists_live_public_pages(client, home):
    from website.models import StandardPage

    home.add_child(instance=StandardPage(title="Draft", slug="draft", live=False))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in parse_xml(response.content).iter(f"{SITEMAP}loc")]
    paths = sorted(loc.split("localhost", 1)[1] for loc in locations)
    assert paths == [
        "/",
        "/accessibility-statement/",
        "/help-and-support/",
        "/privacy-notice/",
    ]


def test_control_characters_in_a_pseudonym_leave_the_feed_well_formed(client, home):
    # Stored before the form refused them (an import, an old record): the feed drops them.
    published_review("Adult\x0b E\x1b\x7f", datetime.date(2026, 2, 1))

    titles = [entry.findtext(f"{ATOM}title") for entry in entries(client)]

    assert titles == ["Adult E: Domestic Homicide Review"]
