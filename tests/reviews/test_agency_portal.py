"""Agencies' returns: the contact of agency A on case X sees A's requests on X and
nothing else, uploads the return through the papers' upload check, and the manager sees
it arrive."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from learning.models import Finding, Recommendation
from partnerships.access import facts_of
from partnerships.models import Person, Role
from partnerships.onboarding_services import deactivate, invite
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
from tests.files import pdf_upload, upload, xlsx_bytes


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


def test_the_named_person_hears_when_the_request_is_made_or_once_invited(
    cast, django_capture_on_commit_callbacks
):
    """The contact is one of the partnership's people: told when the request is made if
    they have an account, else once an administrator invites them; a second request to the
    agency keeps its contact; deactivated, they stop being the contact."""
    review = cast.review(reference="DHR-ASK")
    with_account = Person.objects.create(
        partnership=cast.partnership, name="Fictional Officer", agency=cast.agency
    )
    with_account.user = cast.partner
    with_account.save()
    newcomer = Person.objects.create(
        partnership=cast.partnership,
        name="Fictional Nurse",
        email="nurse@example.org",
        agency=cast.agency,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        imr = InformationRequestFactory(
            review=review, agency=cast.agency, contact_person=with_account
        )
    assert imr.contact == cast.partner
    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [
        ([cast.partner.email], "Information request")
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        chronology = InformationRequestFactory(
            review=review, agency=cast.agency, kind=InformationRequest.Kind.CHRONOLOGY
        )
    assert (chronology.contact, chronology.contact_person) == (cast.partner, with_account)
    assert [m.to for m in mail.outbox] == [[cast.partner.email]]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = InformationRequestFactory(
            review=cast.review(reference="DHR-NEW"), agency=cast.agency, contact_person=newcomer
        )
    assert waiting.contact is None and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        account = invite(newcomer, Role.PARTNER, cast.superuser)
    waiting.refresh_from_db()
    assert waiting.contact == account
    assert sorted(m.to[0] for m in mail.outbox) == ["nurse@example.org", "nurse@example.org"]
    assert InformationRequest.objects.visible_to(account).get() == waiting

    deactivate(newcomer, cast.superuser)
    waiting.refresh_from_db()
    assert waiting.contact is None


def chronology_workbook(*rows):
    header = ("date", "time", "agency", "event", "source", "missed opportunity", "note")
    return upload(
        "chronology.xlsx",
        xlsx_bytes([header, *rows]),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_a_returned_chronology_goes_into_the_combined_chronology_or_is_refused_whole(
    client, cast, requests
):
    _, case_x, rows = requests
    request = rows["a_on_x_chronology"]
    choose_contact(request, cast.partner, cast.manager)
    url = reverse("reviews_information_request", args=[request.pk])
    client.force_login(cast.partner)
    good = ("2025-01-02", "09:30", "Northbrook Police", "Fictional call-out.", "Log", "no", "")
    refused = client.post(
        url,
        {
            "file": chronology_workbook(
                good,
                ("2025-02-30", "", "", "Fictional visit.", "", "no", ""),
                ("2025-03-01", "", "Northbrook Housing", "Fictional visit.", "", "yes", ""),
            )
        },
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Row 3: date “2025-02-30” is not a date" in page
    assert "Row 4: agency “Northbrook Housing” is not Northbrook Police" in page
    assert "Row 4: a missed opportunity needs a note" in page
    request.refresh_from_db()
    assert request.received_on is None
    assert not CaseDocument.objects.exists() and not ChronologyEntry.objects.exists()

    assert client.post(url, {"file": chronology_workbook(good)}).status_code == 302
    (entry,) = ChronologyEntry.objects.filter(review=case_x)
    assert (entry.agency, entry.event, entry.happened_on) == (
        cast.agency,
        "Fictional call-out.",
        datetime.date(2025, 1, 2),
    )
    request.refresh_from_db()
    assert request.received_on is not None
    assert CaseDocument.objects.get(review=case_x).kind == CaseDocument.Kind.CHRONOLOGY
