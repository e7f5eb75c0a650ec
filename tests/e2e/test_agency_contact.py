"""An agency's contact answers an information request in a real browser: named on the
request as one of the partnership's people, emailed when it is made, signs in with two
factors, follows the email's link, uploads the chronology, which joins the case's combined
chronology, and cannot open anything else of the case."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import Person
from reviews.models import ChronologyEntry, InformationRequest
from tests.cast import Cast
from tests.factories import InformationRequestFactory, UserFactory
from tests.files import xlsx_bytes
from tests.otp import enrol

from .test_review_scenario import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_agency_contact_signs_in_and_answers_a_request(visitor, tmp_path):
    cast = Cast()
    review = cast.review(reference="DHR-E2E")
    contact = UserFactory(username="police_contact", first_name="Fictional", last_name="Officer")
    person = Person.objects.create(
        partnership=cast.partnership, name="Fictional Officer", agency=cast.agency
    )
    person.user = contact
    person.save()
    mail.outbox.clear()
    request = InformationRequestFactory(
        review=review,
        agency=cast.agency,
        kind=InformationRequest.Kind.CHRONOLOGY,
        due_on=datetime.date.today() + datetime.timedelta(days=10),
        contact_person=person,
    )
    # The first email, sent when the request was made, carries the request's address.
    (message,) = mail.outbox
    assert message.to == [contact.email]
    link = re.search(r"https?://\S+", message.body).group(0)
    path = reverse("reviews_information_request", args=[request.pk])
    assert link.endswith(path)

    enrol(contact)
    page = sign_in(visitor, contact)
    page.goto(path)
    expect(page.get_by_test_id("received")).to_have_text("Not yet")
    expect(page.get_by_text("DHR-E2E")).to_be_visible()
    workbook = tmp_path / "chronology.xlsx"
    workbook.write_bytes(
        xlsx_bytes(
            [
                ("date", "agency", "event", "missed opportunity", "note"),
                ("2025-01-02", "Northbrook Police", "Fictional call-out.", "yes", "No referral."),
            ]
        )
    )
    page.get_by_label("File").set_input_files(str(workbook))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Received: thank you.")).to_be_visible()
    expect(page.get_by_test_id("received")).not_to_have_text("Not yet")

    entry = ChronologyEntry.objects.get(review=review)
    assert (entry.event, entry.missed_opportunity) == ("Fictional call-out.", True)
    # Nothing else of the case: its page answers as if it did not exist.
    response = page.goto(reverse("reviews:inspect", args=[review.pk]))
    assert response.status == 404
