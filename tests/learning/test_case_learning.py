"""The case's combined chronology and learning event in the admin: who may see and
record them, the import's refusals, the exports, the history."""

import pytest
from django.urls import reverse

from learning.chronology import import_chronology
from learning.models import Finding, LearningEvent, MissedOpportunityLink
from learning.tabular import read_table, write_csv
from reviews.models import ChronologyEntry, ReviewEvent
from tests.factories import AgencyFactory, PanelMembershipFactory
from tests.files import upload
from tests.learning.factories import RecommendationFactory, ThemeFactory

HEADER = ["date", "time", "event", "missed opportunity", "note"]


@pytest.fixture
def case(cast):
    review = cast.review(chair=cast.chair, reference="DHR-CHRON")
    review.agencies.add(cast.agency)
    PanelMembershipFactory(review=review, user=cast.panel_member)
    return review


def chronology_file(rows):
    return upload("police.csv", write_csv(HEADER, rows), "text/csv")


def test_a_manager_imports_a_chronology_and_the_panel_reads_and_downloads_it(client, cast, case):
    url = reverse("learning_chronology_import", args=[case.pk])
    client.force_login(cast.manager)
    bad = chronology_file([["2025-02-30", "", "Visit.", "no", ""]])
    response = client.post(url, {"agency": cast.agency.pk, "file": bad})
    assert response.status_code == 400
    assert "Row 2: date “2025-02-30” is not a date" in response.content.decode()
    good = chronology_file(
        [
            ["2025-03-01", "10:00", "Home visit.", "yes", "Risk not assessed."],
            ["2025-01-01", "", "Call logged.", "no", ""],
        ]
    )
    response = client.post(url, {"agency": cast.agency.pk, "file": good})
    assert response.status_code == 302
    assert ChronologyEntry.objects.filter(review=case).count() == 2

    client.force_login(cast.panel_member)
    page = reverse("learning_chronology", args=[case.pk])
    response = client.get(page, {"missed": "on"})
    assert "Risk not assessed." in response.content.decode()
    assert "Call logged." not in response.content.decode()
    response = client.get(page, {"format": "docx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    # Reading is not recording: the admin turns the refusal into a redirect home.
    refused = client.post(url, {"agency": cast.agency.pk, "file": good})
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))

    for outsider in (cast.partner, cast.other_manager):
        client.force_login(outsider)
        assert client.get(page).status_code == 404


def test_a_learning_event_records_attendance_themes_and_findings_in_the_history(client, cast, case):
    theme = ThemeFactory(name="Information sharing", slug="information-sharing")
    finding = Finding.objects.create(review=case, number="1", text="Risk was not shared.")
    health = AgencyFactory(name="Northbrook Health Trust")
    client.force_login(cast.chair)
    response = client.post(
        reverse("learning_event_add", args=[case.pk]),
        {
            "held_on": "2026-02-10",
            "title": "Practitioner learning event",
            "themes": [theme.pk],
            "findings": [finding.pk],
            "notes": "",
            "attendance-TOTAL_FORMS": "2",
            "attendance-INITIAL_FORMS": "0",
            "attendance-0-agency": cast.agency.pk,
            "attendance-0-attendees": "3",
            "attendance-0-roles": "Response officers",
            "attendance-1-agency": health.pk,
            "attendance-1-attendees": "2",
            "attendance-1-roles": "GP, A&E nurse",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = LearningEvent.objects.get(review=case)
    assert event.attendee_count == 5
    assert list(event.themes.all()) == [theme] and list(event.findings.all()) == [finding]
    history = ReviewEvent.objects.get(review=case, action="learning_event_recorded")
    assert "5 attendees from 2 agencies" in history.comment
    assert str(history.effective_on) == "2026-02-10"

    client.force_login(cast.panel_member)
    page = client.get(reverse("learning_case", args=[case.pk])).content.decode()
    assert "Northbrook Health Trust (2: GP, A&amp;E nurse)" in page
    refused = client.get(reverse("learning_event_add", args=[case.pk]))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))


def test_a_missed_opportunity_links_to_a_finding_and_a_theme_not_an_ordinary_entry(
    client, cast, case
):
    table = read_table(
        write_csv(
            HEADER,
            [["2025-03-01", "", "Visit.", "yes", "Missed."], ["2025-03-02", "", "Call.", "", ""]],
        ),
        "c.csv",
    )
    import_chronology(case, cast.agency, table, cast.manager, "c.csv")
    missed, ordinary = ChronologyEntry.objects.filter(review=case).timeline()
    finding = Finding.objects.create(review=case, number="2", text="Visits did not ask.")
    theme = ThemeFactory(name="Routine enquiry", slug="routine-enquiry")
    client.force_login(cast.manager)
    for entry, data in ((missed, {"finding": finding.pk}), (missed, {"theme": theme.pk})):
        client.post(reverse("learning_chronology_link", args=[case.pk, entry.pk]), data)
    response = client.post(
        reverse("learning_chronology_link", args=[case.pk, ordinary.pk]), {"theme": theme.pk}
    )
    assert response.status_code == 404
    assert {str(link) for link in MissedOpportunityLink.objects.all()} == {
        "Finding 2",
        "Routine enquiry",
    }
    assert ReviewEvent.objects.filter(review=case, action="missed_opportunity_linked").count() == 2


def test_a_finding_is_linked_to_the_recommendations_of_its_own_case(client, cast, case):
    ours = RecommendationFactory(review=case, number="1", text="Share risk assessments.")
    theirs = RecommendationFactory(review=cast.review(), number="1")
    client.force_login(cast.manager)
    url = reverse("learning_case", args=[case.pk])
    finding = {"number": "1", "text": "Risk was not shared.", "recommendations": [theirs.pk]}
    assert client.post(url, finding).status_code == 400  # another case's recommendation
    assert client.post(url, {**finding, "recommendations": [ours.pk]}).status_code == 302
    assert list(Finding.objects.get(review=case).recommendations.all()) == [ours]
    page = client.get(url).content.decode()
    assert "Risk was not shared." in page
