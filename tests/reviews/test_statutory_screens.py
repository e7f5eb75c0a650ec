"""The screens of a case's statutory record, through the admin: a review manager records a
send, ticks a QA condition with its evidence, sets a SAR's basis and records the SAB
annual report's distribution; a panel member of the case can do none of it. Each record
lands in the case's history (the distribution, which belongs to no case, in the admin's
log)."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from learning.models import AnnualReportDistribution, Recipient
from partnerships.models import Partnership
from reviews.models import (
    PanelMembership,
    QaCondition,
    QaOutcome,
    ReviewEvent,
    SarBasis,
    StatutorySend,
)
from reviews.stages import State
from tests.reviews.helpers import force_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(shared_cast):
    return shared_cast


def on_panel(cast, **fields):
    review = cast.review(notified_on=date(2026, 1, 10), **fields)
    PanelMembership.objects.create(review=review, user=cast.panel_member, agency=cast.agency)
    return review


def refused(response):
    """The admin answers a refused permission by sending the user to its home page."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_recording_a_send(client, cast):
    review = force_state(on_panel(cast), State.COMMISSIONED, decision_on=date(2026, 2, 1))
    url = reverse("reviews:record_send", args=[review.pk])
    form = {
        "send": "ho_decision",
        "sent_on": "2026-02-03",
        "method": "secure_email",
        "recipient": "Home Office DHR team",
        "version": "",
    }

    panel = signed_in(client, cast.panel_member)
    assert refused(panel.get(url))
    assert refused(panel.post(url, form))
    assert not StatutorySend.objects.filter(review=review).exists()

    manager = signed_in(client, cast.manager)
    page = manager.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    assert f"{url}?send=ho_decision" in page
    assert manager.get(f"{url}?send=ho_decision").status_code == 200
    assert manager.post(url, form).status_code == 302
    made = StatutorySend.objects.get(review=review)
    assert (made.sent_on, made.recipient, made.recorded_by) == (
        date(2026, 2, 3),
        "Home Office DHR team",
        cast.manager,
    )
    assert "decided to hold" in made.letter  # generated from the case
    event = ReviewEvent.objects.get(review=review, action="record_send")
    assert event.effective_on == date(2026, 2, 3) and "Home Office DHR team" in event.comment


def test_ticking_a_qa_condition(client, cast):
    review = force_state(on_panel(cast), State.QA_APPROVED)
    outcome = QaOutcome.objects.create(
        review=review,
        outcome=QaOutcome.Outcome.APPROVED_SUBJECT_TO_CHANGES,
        decided_on=date(2026, 6, 1),
    )
    condition = QaCondition.objects.create(outcome=outcome, text="Anonymise the GP practice.")
    url = reverse("reviews:meet_condition", args=[review.pk, condition.pk])
    form = {"met_on": "2026-06-10", "evidence": "Paragraph 4.2 amended; version 3 uploaded."}

    panel = signed_in(client, cast.panel_member)
    assert refused(panel.post(url, form))
    condition.refresh_from_db()
    assert not condition.is_met

    manager = signed_in(client, cast.manager)
    assert manager.post(url, {"met_on": "2026-06-10", "evidence": ""}).status_code == 400
    assert manager.post(url, form).status_code == 302
    condition.refresh_from_db()
    assert (condition.met_on, condition.met_by) == (date(2026, 6, 10), cast.manager)
    assert ReviewEvent.objects.get(review=review, action="meet_qa_condition").comment == (
        "Anonymise the GP practice.: Paragraph 4.2 amended; version 3 uploaded."
    )


def test_setting_a_sars_basis(client, cast):
    review = on_panel(cast, kind="sar")
    url = reverse("reviews:sar_basis", args=[review.pk])
    form = {
        "basis": "mandatory",
        "needs_care_and_support": "on",
        "concern_about_joint_working": "on",
        "condition": "died",
        "decided_on": "2026-02-01",
        "rationale": "Both conditions of s44(1) met.",
    }

    panel = signed_in(client, cast.panel_member)
    assert refused(panel.post(url, form))
    assert not SarBasis.objects.filter(review=review).exists()

    manager = signed_in(client, cast.manager)
    # The criteria do not support the basis chosen: refused, with the reason.
    mismatch = manager.post(url, {**form, "condition": "neither"})
    assert mismatch.status_code == 400
    assert "Discretionary" in mismatch.content.decode()
    assert manager.post(url, form).status_code == 302
    assert review.sar_basis.basis == SarBasis.Basis.MANDATORY
    assert ReviewEvent.objects.filter(review=review, action="record_sar_basis").count() == 1
    # A DHR has no basis under s44 to record.
    dhr = on_panel(cast)
    assert manager.get(reverse("reviews:sar_basis", args=[dhr.pk])).status_code == 404


def test_recording_the_annual_reports_distribution(client, cast):
    Partnership.objects.filter(pk=cast.partnership.pk).update(kind=Partnership.Kind.SAB)
    url = (
        reverse("learning_annual_report_distribution")
        + f"?partnership={cast.partnership.pk}&year=2025"
    )
    form = {
        "recipient": Recipient.LEADER,
        "recipient_name": "Leader of the council",
        "sent_on": "2026-04-02",
        "method": "Email",
    }

    panel = signed_in(client, cast.panel_member)
    assert panel.post(url, form).status_code == 404  # no partnership library to record for
    assert not AnnualReportDistribution.objects.exists()

    manager = signed_in(client, cast.manager)
    report = manager.get(
        reverse("learning_annual_report") + f"?partnership={cast.partnership.pk}&year=2025"
    ).content.decode()
    assert reverse("learning_annual_report_distribution") in report
    assert manager.post(url, form).status_code == 302
    sent = AnnualReportDistribution.objects.get()
    assert (sent.year, sent.recipient, sent.sent_on, sent.recorded_by) == (
        2025,
        Recipient.LEADER,
        date(2026, 4, 2),
        cast.manager,
    )
    assert ModelLogEntry.objects.filter(object_id=str(sent.pk), user=cast.manager).exists()
    docx = manager.get(
        reverse("learning_annual_report") + f"?partnership={cast.partnership.pk}&year=2025"
        "&format=docx"
    )
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
