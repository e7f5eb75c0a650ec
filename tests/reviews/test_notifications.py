"""Email notifications: the right people, once the transaction commits, never the
content of comments, and deadline reminders once per deadline."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from partnerships.models import Role
from reviews import notifications
from reviews.models import CaseDocument, DeadlineReminder
from reviews.papers.comments import post_comment
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition
from tests.factories import PanelMembershipFactory, user_with_role
from tests.reviews.helpers import add_paper, force_state


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def emails_of(*users):
    return sorted(user.email for user in users)


@pytest.fixture
def case(cast):
    review = cast.review(chair=cast.chair, pseudonym="Adult Q")
    PanelMembershipFactory(review=review, user=cast.panel_member, agency=cast.agency)
    mail.outbox.clear()
    return review


@pytest.mark.django_db
def test_the_chair_hears_when_assigned(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review = cast.review(chair=cast.chair, pseudonym="Adult Q")
    assert recipients() == emails_of(cast.chair)
    message = mail.outbox[0]
    assert review.reference in message.subject
    assert f"/admin/reviews/inspect/{review.pk}/" in message.body
    assert message.alternatives[0][1] == "text/html"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.summary = "Edited."
        review.save()
    assert mail.outbox == []  # same chair: nothing new

    new_chair = user_with_role(Role.CHAIR, cast.partnership, username="chair_two")
    with django_capture_on_commit_callbacks(execute=True):
        review.chair = new_chair
        review.save()
    assert recipients() == emails_of(new_chair)


@pytest.mark.django_db
def test_draft_submitted_tells_managers_and_the_panel(
    cast, case, django_capture_on_commit_callbacks
):
    add_paper(case, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    force_state(case, State.DRAFTING)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(case.pk, "submit_draft", cast.chair)
    assert recipients() == emails_of(cast.manager, cast.panel_member)
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert "Draft report submitted" in mail.outbox[0].subject


@pytest.mark.django_db
def test_signoff_needed_tells_the_approvers(cast, case, django_capture_on_commit_callbacks):
    force_state(case, State.PANEL_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(case.pk, "request_signoff", cast.manager)
    assert recipients() == emails_of(cast.approver)
    assert mail.outbox[0].subject == f"Sign-off needed: {case.reference}"


@pytest.mark.django_db
def test_a_refused_step_sends_nothing(cast, case, django_capture_on_commit_callbacks):
    force_state(case, State.DRAFTING)  # no draft uploaded: submit_draft is refused
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        perform_transition(case.pk, "submit_draft", cast.chair)
    assert mail.outbox == []


@pytest.mark.django_db
def test_comments_tell_the_chair_and_replies_tell_the_commenter(
    cast, case, django_capture_on_commit_callbacks
):
    version = add_paper(
        case, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair, title="Adult Q's <draft>"
    )

    with django_capture_on_commit_callbacks(execute=True):
        thread = post_comment(version, cast.panel_member, "Section 4 misses the GP contact.")
    assert recipients() == emails_of(cast.chair)
    assert mail.outbox[0].subject == f"New comment on Adult Q's <draft> ({case.reference})"
    html = mail.outbox[0].alternatives[0][0]
    assert "Adult Q&#x27;s &lt;draft&gt;" in html and "<draft>" not in html
    assert "Section 4" not in mail.outbox[0].body  # comment text stays behind the login
    assert f"/documents/{version.pk}/" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(version, cast.chair, "Added in version 2.", parent=thread)
    assert recipients() == emails_of(cast.panel_member)
    assert mail.outbox[0].subject.startswith("Reply on")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(version, cast.manager, "Agreed with the panel.", parent=thread)
    assert recipients() == emails_of(cast.chair, cast.panel_member)


@pytest.mark.django_db
def test_muted_sends_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        cast.review(chair=cast.chair)
    assert mail.outbox == []


@pytest.mark.django_db
def test_users_without_an_email_address_are_skipped(cast, case, django_capture_on_commit_callbacks):
    type(cast.panel_member).objects.filter(pk=cast.panel_member.pk).update(email="")
    force_state(case, State.PANEL_REVIEW)
    add_paper(case, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    force_state(case, State.DRAFTING)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(case.pk, "submit_draft", cast.chair)
    assert recipients() == emails_of(cast.manager)


# ---------------------------------------------------------------- deadline reminders


def run_reminders(day, capture):
    with capture(execute=True):
        call_command("send_deadline_reminders", date=day.isoformat(), stdout=io.StringIO())


@pytest.mark.django_db
def test_decision_deadline_reminders(cast, django_capture_on_commit_callbacks):
    review = cast.review(notified_on=datetime.date(2026, 1, 15))  # decision due 15 Feb
    assert review.decision_due_on == datetime.date(2026, 2, 15)
    mail.outbox.clear()

    run_reminders(datetime.date(2026, 1, 20), django_capture_on_commit_callbacks)
    assert mail.outbox == []  # 26 days away

    run_reminders(datetime.date(2026, 2, 5), django_capture_on_commit_callbacks)
    assert recipients() == emails_of(cast.manager, cast.approver)
    assert "due 15 February 2026" in mail.outbox[0].subject

    mail.outbox.clear()
    run_reminders(datetime.date(2026, 2, 5), django_capture_on_commit_callbacks)  # same day
    run_reminders(datetime.date(2026, 2, 6), django_capture_on_commit_callbacks)  # next day
    assert mail.outbox == []

    run_reminders(datetime.date(2026, 2, 16), django_capture_on_commit_callbacks)
    assert recipients() == emails_of(cast.manager, cast.approver)
    assert mail.outbox[0].subject.startswith("Overdue:")
    mail.outbox.clear()
    run_reminders(datetime.date(2026, 2, 16), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert DeadlineReminder.objects.filter(review=review).count() == 2


@pytest.mark.django_db
def test_completion_reminders_go_to_managers_and_the_chair(
    cast, django_capture_on_commit_callbacks
):
    review = cast.review(chair=cast.chair)
    force_state(review, State.DRAFTING, decision_on=datetime.date(2026, 2, 1))
    review.save()
    assert review.completion_due_on == datetime.date(2026, 8, 1)
    other = cast.review(partnership=cast.other_partnership)  # overdue decision elsewhere
    mail.outbox.clear()

    run_reminders(datetime.date(2026, 8, 2), django_capture_on_commit_callbacks)

    assert recipients() == emails_of(cast.manager, cast.chair, cast.other_manager)
    assert DeadlineReminder.objects.get(review=review).kind == DeadlineReminder.Kind.OVERDUE
    assert DeadlineReminder.objects.get(review=other).milestone == "decision"


@pytest.mark.django_db
def test_a_moved_deadline_is_reminded_again(cast, django_capture_on_commit_callbacks):
    review = cast.review(notified_on=datetime.date(2026, 1, 15))
    mail.outbox.clear()
    run_reminders(datetime.date(2026, 2, 10), django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert sent == 2
    type(review).objects.filter(pk=review.pk).update(notified_on=datetime.date(2026, 1, 20))
    review.refresh_from_db()
    review.save()  # decision now due 20 February
    run_reminders(datetime.date(2026, 2, 10), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2 * sent
