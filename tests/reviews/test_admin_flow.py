"""A review manager takes a case from notification to publication through the admin only."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Person
from reviews.demo import minimal_pdf
from reviews.stages import State
from tests.factories import AgencyFactory
from tests.reviews.helpers import new_case_form


def edit_form_data(client, review):
    """The edit form's current values, as the browser would post them back."""
    page = client.get(reverse("reviews:edit", args=[review.pk])).content.decode()
    data = {}
    for tag, name, value in re.findall(
        r'(<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>)', page
    ):
        if 'type="checkbox"' not in tag:
            data[name] = value
        elif " checked" in tag:  # a ticked box of a list of them
            data.setdefault(name, []).append(value)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
        if chosen:
            data[name] = chosen if len(chosen) > 1 else chosen[0]
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        data[name] = value.strip()
    for key in [k for k in data if k.startswith("csrf")]:
        del data[key]
    return data


def upload(client, review, kind, title, audience="panel"):
    paper = SimpleUploadedFile(f"{kind}.pdf", minimal_pdf(title), content_type="application/pdf")
    response = client.post(
        reverse("reviews:upload", args=[review.pk]),
        {"kind": kind, "title": title, "audience": audience, "file": paper},
    )
    assert response.status_code == 302
    assert review.documents.filter(kind=kind, versions__isnull=False).exists()


def take(client, review, step, comment="Recorded by the review manager."):
    response = client.post(
        reverse("reviews:transition", args=[review.pk, step]),
        {"comment": comment, "expected_state": review.state},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    review.refresh_from_db()
    return review


@pytest.mark.django_db
def test_review_manager_moves_a_case_from_notified_to_published_in_the_admin(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        reverse("reviews:add"),
        new_case_form(
            cast.partnership,
            summary="Fictional case for the admin walk-through.",
            notified_on=datetime.date.today().isoformat(),
        ),
    )
    assert response.status_code == 302
    review = cast.partnership.reviews.get()

    review = take(client, review, "refer_for_decision")
    review = take(client, review, "decide_to_proceed", "Criteria of s9 met.")

    # The request names its agency contact, one of the partnership's people.
    officer = Person.objects.create(
        partnership=cast.partnership, name="Fictional Officer", agency=cast.agency
    )
    officer.user = cast.partner
    officer.save()
    housing = Person.objects.create(
        partnership=cast.partnership,
        name="Fictional Housing Officer",
        agency=AgencyFactory(name="Northbrook Homes"),
    )
    data = edit_form_data(client, review)
    data.update(
        {
            "chair": str(cast.chair.pk),
            "pseudonym": "Adult Z",
            "terms_of_reference": "Fictional terms of reference.",
            "panel_memberships-TOTAL_FORMS": "1",
            "panel_memberships-0-user": str(cast.panel_member.pk),
            "panel_memberships-0-agency": str(cast.agency.pk),
            "panel_memberships-0-role": "Panel member",
            "panel_memberships-0-id": "",
            "panel_memberships-0-ORDER": "",
            "information_requests-TOTAL_FORMS": "1",
            "information_requests-0-agency": str(cast.agency.pk),
            "information_requests-0-kind": "imr",
            "information_requests-0-requested_on": "2026-02-01",
            "information_requests-0-due_on": "2026-03-01",
            "information_requests-0-received_on": "",
            "information_requests-0-contact_person": str(housing.pk),
            "information_requests-0-id": "",
            "information_requests-0-ORDER": "",
        }
    )
    # Another agency's person is not this request's contact.
    refused = client.post(reverse("reviews:edit", args=[review.pk]), data)
    assert refused.status_code == 200 and not review.information_requests.exists()
    data["information_requests-0-contact_person"] = str(officer.pk)
    response = client.post(reverse("reviews:edit", args=[review.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    review.refresh_from_db()
    assert review.information_requests.get().contact == cast.partner
    assert review.chair == cast.chair
    assert review.panel_memberships.count() == 1

    for step in (
        "appoint_chair",
        "establish_panel",
        "start_information_gathering",
        "start_drafting",
    ):
        review = take(client, review, step)

    upload(client, review, "draft_overview_report", "Draft overview report")
    for step in (
        "submit_draft",
        "begin_panel_review",
        "request_signoff",
        "sign_off",
    ):
        review = take(client, review, step)
    upload(client, review, "executive_summary", "Executive summary", audience="public")
    upload(client, review, "action_plan", "Action plan")
    review = take(client, review, "submit_to_home_office")
    upload(client, review, "home_office_letter", "QA panel letter", audience="staff")
    review = take(client, review, "record_qa_approval")
    upload(client, review, "final_report", "Overview report", audience="public")
    response = client.post(
        reverse("reviews:family", args=[review.pk]), {"notice_given_on": "2026-01-05"}
    )
    assert response.status_code == 302
    review = take(client, review, "publish")

    assert review.state == State.PUBLISHED
    actions = list(review.events.values_list("action", flat=True))
    assert actions[:2] == ["created", "refer_for_decision"]
    assert "edited" in actions and "document_uploaded" in actions
    assert actions[-1] == "publish"
