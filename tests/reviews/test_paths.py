"""The full DHR and SAR paths, step by step, with the audit trail they leave."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import ReviewEvent, ReviewKind
from reviews.stages import State
from reviews.workflow import all_transitions, perform_transition
from tests.reviews.helpers import add_qa_letter, satisfy_prerequisites

DHR_PATH = [
    ("refer_for_decision", "manager", State.DECISION_PENDING),
    ("decide_to_proceed", "approver", State.COMMISSIONED),
    ("appoint_chair", "manager", State.CHAIR_APPOINTED),
    ("establish_panel", "chair", State.PANEL_ESTABLISHED),
    ("start_information_gathering", "chair", State.INFORMATION_GATHERING),
    ("start_drafting", "chair", State.DRAFTING),
    ("submit_draft", "chair", State.DRAFT_SUBMITTED),
    ("begin_panel_review", "manager", State.PANEL_REVIEW),
    ("return_to_drafting", "chair", State.DRAFTING),
    ("submit_draft", "chair", State.DRAFT_SUBMITTED),
    ("begin_panel_review", "manager", State.PANEL_REVIEW),
    ("request_signoff", "manager", State.PARTNERSHIP_SIGNOFF),
    ("sign_off", "approver", State.SIGNED_OFF),
    ("submit_to_home_office", "manager", State.SUBMITTED_TO_HOME_OFFICE),
    ("record_qa_resubmission", "manager", State.QA_RESUBMISSION_REQUESTED),
    ("resume_drafting_for_qa", "chair", State.DRAFTING),
    ("submit_draft", "chair", State.DRAFT_SUBMITTED),
    ("begin_panel_review", "manager", State.PANEL_REVIEW),
    ("request_signoff", "manager", State.PARTNERSHIP_SIGNOFF),
    ("sign_off", "approver", State.SIGNED_OFF),
    ("submit_to_home_office", "manager", State.SUBMITTED_TO_HOME_OFFICE),
    ("record_qa_approval", "manager", State.QA_APPROVED),
    ("publish", "manager", State.PUBLISHED),
    ("start_monitoring", "manager", State.MONITORING),
    ("close", "approver", State.CLOSED),
]

SAR_PATH = [
    ("refer_for_decision", "manager", State.DECISION_PENDING),
    ("decide_to_proceed", "manager", State.COMMISSIONED),
    ("appoint_chair", "manager", State.CHAIR_APPOINTED),
    ("establish_panel", "manager", State.PANEL_ESTABLISHED),
    ("start_information_gathering", "manager", State.INFORMATION_GATHERING),
    ("start_drafting", "manager", State.DRAFTING),
    ("submit_draft", "chair", State.DRAFT_SUBMITTED),
    ("begin_panel_review", "manager", State.PANEL_REVIEW),
    ("request_signoff", "manager", State.PARTNERSHIP_SIGNOFF),
    ("sign_off", "approver", State.SIGNED_OFF),
    ("publish", "manager", State.PUBLISHED),
    ("start_monitoring", "manager", State.MONITORING),
    ("close", "manager", State.CLOSED),
]


def transition_events(review):
    """The case's workflow steps (uploads and other edits are audited too)."""
    return ReviewEvent.objects.filter(review=review, action__in=list(all_transitions()))


def run_path(cast, review, path):
    for number, (step, actor, expected) in enumerate(path, start=1):
        if step.startswith("record_qa_"):
            add_qa_letter(review, cast.manager)  # the QA outcome comes with its letter
        review = perform_transition(
            review.pk, step, getattr(cast, actor), comment=f"Step {number} of the test path."
        )
        assert review.state == expected, f"after {step}"
    return review


@pytest.mark.django_db
def test_full_dhr_path_with_panel_and_home_office_loops(cast):
    review = satisfy_prerequisites(cast.review(kind=ReviewKind.DHR), cast)

    review = run_path(cast, review, DHR_PATH)

    today = timezone.localdate()
    assert review.decision_on == today
    assert review.chair_appointed_on == today
    assert review.signed_off_on == today
    assert review.submitted_to_home_office_on == today
    assert review.published_on == today
    assert review.closed_on == today
    events = list(transition_events(review))
    assert [e.action for e in events] == [step for step, _, _ in DHR_PATH]
    assert [e.to_state for e in events] == [expected for _, _, expected in DHR_PATH]
    assert events[0].from_state == State.NOTIFIED
    assert events[1].actor == cast.approver
    assert events[8].comment == "Step 9 of the test path."


@pytest.mark.django_db
def test_full_sar_path_skips_the_home_office(cast):
    review = satisfy_prerequisites(cast.review(kind=ReviewKind.SAR), cast)

    review = run_path(cast, review, SAR_PATH)

    assert review.state == State.CLOSED
    assert review.submitted_to_home_office_on is None
    assert transition_events(review).count() == len(SAR_PATH)


@pytest.mark.django_db
def test_joint_review_follows_the_home_office_path(cast):
    review = satisfy_prerequisites(cast.review(kind=ReviewKind.JOINT), cast)
    review = run_path(cast, review, DHR_PATH[:13])
    assert review.state == State.SIGNED_OFF
    review = perform_transition(review.pk, "submit_to_home_office", cast.manager)
    assert review.state == State.SUBMITTED_TO_HOME_OFFICE


@pytest.mark.django_db
def test_decision_not_to_proceed_records_the_rationale(cast):
    review = cast.review(notified_on=datetime.date(2026, 2, 1))
    perform_transition(review.pk, "refer_for_decision", cast.manager)
    review = perform_transition(
        review.pk, "decide_not_to_proceed", cast.approver, comment="Criteria of s9 not met."
    )
    assert review.state == State.NOT_PROCEEDING
    assert review.decision_rationale == "Criteria of s9 not met."
    assert review.decision_on == timezone.localdate()
