"""Agencies' returns: the contact of agency A on case X sees A's requests on X and
nothing else, uploads the return through the papers' upload check, and the manager sees
it arrive."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from learning.models import Finding, Recommendation
from partnerships.access import facts_of
from partnerships.models import Role
from reviews.agency_portal import chase_overdue, choose_contact, return_information
from reviews.models import (
    CaseDocument,
    ChronologyEntry,
    FamilyMember,
    InformationRequest,
    Review,
    ReviewEvent,
)
from tests.factories import (
    AgencyFactory,
    InformationRequestFactory,
    MembershipFactory,
    UserFactory,
)
from tests.files import pdf_upload, upload


@pytest.fixture
def requests(cast):
    case_x, case_y = cast.review(reference="X"), cast.review(reference="Y")
    agency_b = AgencyFactory(name="Northbrook Housing")
    contact = UserFactory(username="police_contact")
    rows = {
        "a_on_x_imr": InformationRequestFactory(review=case_x, agency=cast.agency, contact=contact),
        "a_on_x_chronology": InformationRequestFactory(
            review=case_x, agency=cast.agency, kind=InformationRequest.Kind.CHRONOLOGY
        ),
        "b_on_x": InformationRequestFactory(review=case_x, agency=agency_b),
        "a_on_y": InformationRequestFactory(review=case_y, agency=cast.agency),
    }
    return contact, case_x, rows


@pytest.mark.parametrize(
    ("name", "sees"),
    [("a_on_x_imr", True), ("a_on_x_chronology", True), ("b_on_x", False), ("a_on_y", False)],
)
def test_the_contact_of_agency_a_on_case_x_sees_only_as_requests_on_x(
    client, cast, requests, name, sees
):
    contact, case_x, rows = requests
    row = rows[name]
    assert InformationRequest.objects.visible_to(contact).filter(pk=row.pk).exists() == sees
    assert contact.has_perm("reviews.view_informationrequest", row) == sees
    client.force_login(contact)
    response = client.get(reverse("reviews_information_request", args=[row.pk]))
    assert response.status_code == (200 if sees else 404)
    assert (row.review.reference in response.content.decode()) == sees


def test_the_contact_sees_nothing_else_of_the_case(client, cast, requests):
    contact, case_x, rows = requests
    for model in (Review, CaseDocument, ChronologyEntry, FamilyMember, Finding, Recommendation):
        assert not model.objects.visible_to(contact).exists(), model
    assert not contact.has_perm("reviews.view_review", case_x)
    assert facts_of(contact).roles == {}
    client.force_login(contact)
    assert client.get(reverse("reviews:inspect", args=[case_x.pk])).status_code == 404
    listing = client.get(reverse("reviews_information_requests")).content.decode()
    linked = {
        name
        for name, row in rows.items()
        if reverse("reviews_information_request", args=[row.pk]) + '"' in listing
    }
    assert linked == {"a_on_x_imr", "a_on_x_chronology"}
    assert "Northbrook Housing" not in listing


def test_the_contact_uploads_the_return_and_the_manager_sees_it_arrive(client, cast, requests):
    contact, case_x, rows = requests
    imr = rows["a_on_x_imr"]
    url = reverse("reviews_information_request", args=[imr.pk])
    client.force_login(contact)
    refused = client.post(url, {"file": upload("imr.pdf", b"MZ not a pdf", "application/pdf")})
    assert refused.status_code == 400
    assert not CaseDocument.objects.exists()
    response = client.post(url, {"file": pdf_upload(["Fictional IMR."], name="imr.pdf")})
    assert response.status_code == 302
    imr.refresh_from_db()
    assert imr.received_on is not None and imr.returned_by == contact
    paper = CaseDocument.objects.get(review=case_x)
    assert (paper.kind, paper.audience) == (CaseDocument.Kind.IMR, CaseDocument.Audience.STAFF)
    assert ReviewEvent.objects.filter(review=case_x, action="information_returned").exists()
    # A request of another agency is not theirs to answer.
    other = reverse("reviews_information_request", args=[rows["b_on_x"].pk])
    assert client.post(other, {"file": pdf_upload(["x"])}).status_code == 404

    client.force_login(cast.manager)
    listing = client.get(reverse("reviews_information_requests")).content.decode()
    returned = listing.split("Returned")[1]
    assert "Individual management review (IMR)" in returned and "Northbrook Police" in returned


def test_the_manager_chooses_the_contact_among_the_agencys_partner_users(client, cast, requests):
    _, _, rows = requests
    request = rows["a_on_x_chronology"]
    outsider = UserFactory(username="someone_else")
    MembershipFactory(
        user=outsider, partnership=cast.other_partnership, role=Role.PARTNER, agency=cast.agency
    )
    url = reverse("reviews_information_request", args=[request.pk])
    client.force_login(cast.manager)
    assert client.post(url, {"contact": outsider.pk}).status_code == 400
    assert client.post(url, {"contact": cast.partner.pk}).status_code == 302
    request.refresh_from_db()
    assert request.contact == cast.partner
    client.force_login(cast.partner)
    assert client.get(url).status_code == 200


def test_the_contact_is_told_and_chased_once_per_due_date_and_managers_hear_of_returns(
    cast, requests, django_capture_on_commit_callbacks
):
    contact, _, rows = requests
    request = rows["a_on_x_chronology"]
    with django_capture_on_commit_callbacks(execute=True):
        choose_contact(request, cast.partner, cast.manager)
    assert [m.to for m in mail.outbox] == [[cast.partner.email]]
    assert "Chronology for X, due 1 April 2026" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        chased = chase_overdue(datetime.date(2026, 4, 2)) + chase_overdue(datetime.date(2026, 4, 3))
    # Two overdue requests have a contact (the IMR's and the chronology's): one email each.
    assert chased == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([contact.email, cast.partner.email])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return_information(request, pdf_upload(["Fictional chronology."]), cast.partner)
    assert [m.to for m in mail.outbox] == [[cast.manager.email]]
