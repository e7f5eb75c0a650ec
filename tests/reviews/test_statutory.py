"""The statutory loop: the sends the law asks of a review by its kind and the law in force
(the commencement table), recording them, a direction reopening a decision not to hold a
review, the QA panel's outcomes and conditions, and a decision not to publish through
monitoring to closure."""

from datetime import date

import pytest
from django.utils import timezone

from reviews.models import (
    Direction,
    NonPublication,
    Provision,
    QaCondition,
    QaOutcome,
    QaReason,
    Review,
    ReviewEvent,
    ReviewKind,
    SarBasis,
    SendKind,
    SendMethod,
)
from reviews.stages import State
from reviews.statutory import (
    decision_letter,
    outstanding_sends,
    record_sar_basis,
    record_send,
    sends_required,
    tick_condition,
)
from reviews.terminology import review_name
from reviews.workflow import TransitionRefused, all_transitions, perform_transition
from tests.reviews.helpers import add_qa_letter, force_state, satisfy_prerequisites

pytestmark = pytest.mark.django_db

DECISION, SUBMISSION = SendKind.HOME_OFFICE_DECISION, SendKind.HOME_OFFICE_SUBMISSION
COMMISSIONER, SECRETARY = SendKind.COMMISSIONER_COPY, SendKind.SECRETARY_OF_STATE_COPY
S19_COMMENCES = date(2027, 4, 1)  # a made-up commencement date, for the test only


def commence_s19(on=S19_COMMENCES):
    Provision.objects.filter(key="vpa-2024-s19").update(in_force=True, commenced_on=on)


@pytest.mark.parametrize(
    ("kind", "s19_commenced", "on", "expected"),
    [
        # s19 is prospective: a DHR owes the Home Office steps and the s9(3B) copy only.
        (ReviewKind.DHR, False, date(2027, 6, 1), {DECISION, SUBMISSION, COMMISSIONER}),
        (ReviewKind.JOINT, False, date(2026, 6, 1), {DECISION, SUBMISSION, COMMISSIONER}),
        # Once s19 commences, the copy goes to the Secretary of State too, from that day.
        (ReviewKind.DHR, True, date(2027, 3, 31), {DECISION, SUBMISSION, COMMISSIONER}),
        (ReviewKind.DHR, True, date(2027, 4, 1), {DECISION, SUBMISSION, COMMISSIONER, SECRETARY}),
        # A SAR owes none of them (Care Act 2014, s44: no Home Office, no Commissioner).
        (ReviewKind.SAR, True, date(2027, 6, 1), set()),
    ],
)
def test_sends_required_by_kind_and_the_law_in_force(kind, s19_commenced, on, expected):
    if s19_commenced:
        commence_s19()
    assert sends_required(kind, on) == expected


def test_terminology_follows_the_commencement_of_s19(db):
    assert review_name(ReviewKind.DHR, date(2030, 1, 1)) == "Domestic Homicide Review"
    commence_s19()
    assert review_name(ReviewKind.DHR, date(2027, 3, 31)) == "Domestic Homicide Review"
    assert review_name(ReviewKind.DHR, S19_COMMENCES) == "Domestic Abuse Related Death Review"
    assert review_name(ReviewKind.JOINT, S19_COMMENCES) == (
        "Joint DARDR and Safeguarding Adults Review"
    )


def approved_dhr(cast, outcome="record_qa_approval", comment="Approved.", **details):
    """A DHR submitted to the Home Office (2026 dates), then given a QA outcome."""
    review = satisfy_prerequisites(cast.review(notified_on=date(2026, 1, 15)), cast)
    force_state(
        review,
        State.SUBMITTED_TO_HOME_OFFICE,
        decision_on=date(2026, 2, 10),
        signed_off_on=date(2026, 8, 1),
        submitted_to_home_office_on=date(2026, 8, 3),
    )
    add_qa_letter(review, cast.manager)
    return perform_transition(
        review.pk,
        outcome,
        cast.manager,
        comment=comment,
        effective_on=date(2026, 10, 5),
        details=details,
    )


def test_sends_owed_are_recorded_with_date_method_recipient_and_version(cast):
    review = approved_dhr(cast)
    owed = {entry.send: entry for entry in outstanding_sends(review)}
    assert set(owed) == {DECISION, SUBMISSION, COMMISSIONER}
    assert owed[COMMISSIONER].due_from == date(2026, 10, 5)
    assert owed[COMMISSIONER].recipient == "Domestic Abuse Commissioner"

    report = review.documents.get(kind="final_report").versions.get()
    made = record_send(
        review,
        COMMISSIONER,
        cast.manager,
        sent_on=date(2026, 10, 9),
        method=SendMethod.SECURE_EMAIL,
        recipient="Domestic Abuse Commissioner's Office",
        version=report,
    )
    record_send(
        review,
        DECISION,
        cast.manager,
        sent_on=date(2026, 2, 12),
        method=SendMethod.EMAIL,
        recipient="Home Office",
    )

    assert {entry.send for entry in outstanding_sends(review)} == {SUBMISSION}
    assert made.version == report
    event = review.events.get(action="record_send", comment__contains="Commissioner")
    assert event.effective_on == date(2026, 10, 9)
    assert "version 1" in event.comment
    letter = review.statutory_sends.get(send=DECISION).letter
    assert review.reference in letter
    assert "decided to hold a Domestic Homicide Review" in letter
    assert "10 February 2026" in letter
    assert review.pseudonym not in letter


def test_a_resubmission_owes_no_copy_to_the_commissioner(cast):
    review = approved_dhr(cast, "record_qa_resubmission", "Chronology incomplete.")
    assert COMMISSIONER not in {entry.send for entry in outstanding_sends(review)}


def test_decision_letter_of_a_decision_not_to_hold_a_review(cast):
    review = cast.review(notified_on=date(2026, 3, 2))
    perform_transition(review.pk, "refer_for_decision", cast.manager, effective_on=date(2026, 3, 3))
    review = perform_transition(
        review.pk,
        "decide_not_to_proceed",
        cast.approver,
        comment="The death did not result from violence, abuse or neglect by a person in s9(1).",
        effective_on=date(2026, 3, 30),
    )
    letter = decision_letter(review)
    assert "On 30 March 2026 the partnership decided not to hold a Domestic Homicide" in letter
    assert "by a person in s9(1)" in letter
    assert "due to be completed" not in letter


# ---------------------------------------------------------------- directed review


def test_a_direction_reopens_a_decision_not_to_hold_a_review_keeping_its_history(cast):
    review = cast.review(notified_on=date(2026, 3, 2))
    perform_transition(review.pk, "refer_for_decision", cast.manager, effective_on=date(2026, 3, 3))
    perform_transition(
        review.pk,
        "decide_not_to_proceed",
        cast.approver,
        comment="Not met.",
        effective_on=date(2026, 3, 30),
    )
    letter = add_qa_letter(review, cast.manager)

    review = perform_transition(
        review.pk,
        "reopen_on_direction",
        cast.manager,
        comment="Letter from the Home Office directing a review under s9(2).",
        effective_on=date(2026, 6, 1),
        details={"directed_by": "Secretary of State for the Home Department", "letter": letter},
    )

    assert review.state == State.COMMISSIONED
    assert review.decision_on == date(2026, 6, 1)
    assert review.completion_due_on == date(2026, 12, 1)  # six months from the direction
    assert review.decision_rationale == "Not met."  # the first decision is kept
    direction = Direction.objects.get(review=review)
    assert (direction.directed_by, direction.directed_on, direction.letter) == (
        "Secretary of State for the Home Department",
        date(2026, 6, 1),
        letter,
    )
    steps = review.events.filter(action__in=list(all_transitions()))
    actions = list(steps.values_list("action", flat=True))
    assert actions[-2:] == ["decide_not_to_proceed", "reopen_on_direction"]


def test_a_sar_cannot_be_reopened_by_a_direction_under_s9(cast):
    review = force_state(cast.review(kind=ReviewKind.SAR), State.NOT_PROCEEDING)
    with pytest.raises(TransitionRefused, match="s9"):
        perform_transition(review.pk, "reopen_on_direction", cast.manager, comment="Direction.")


# ---------------------------------------------------------------- QA outcomes


@pytest.mark.parametrize(
    ("step", "outcome", "state"),
    [
        ("record_qa_approval", QaOutcome.Outcome.APPROVED, State.QA_APPROVED),
        ("record_qa_conditional_approval", "conditional", State.QA_APPROVED),
        ("record_qa_resubmission", QaOutcome.Outcome.RESUBMIT, State.QA_RESUBMISSION_REQUESTED),
    ],
)
def test_each_qa_outcome_is_recorded_with_coded_feedback_and_its_letter(cast, step, outcome, state):
    reasons = [(QaReason.FAMILY, "Say how the family were involved."), (QaReason.EQUALITY, "")]
    review = approved_dhr(
        cast, step, "Correct the chronology.", reasons=reasons, letter_public=True
    )

    assert review.state == state
    recorded = review.qa_outcomes.get()
    assert (recorded.outcome, recorded.decided_on, recorded.letter_public) == (
        outcome,
        date(2026, 10, 5),
        True,
    )
    assert recorded.letter.document.kind == "home_office_letter"
    assert [point.reason for point in recorded.points.all()] == ["family", "equality"]


def test_approval_subject_to_changes_blocks_publication_until_each_change_is_ticked(cast):
    review = approved_dhr(
        cast,
        "record_qa_conditional_approval",
        "- Remove the victim's employer's name.\n\n- Add the date of the inquest.",
    )
    first, second = QaCondition.objects.filter(outcome__review=review)
    assert first.text == "Remove the victim's employer's name."

    tick_condition(first, cast.manager, evidence="Version 2 of the report, para 4.1.")
    with pytest.raises(TransitionRefused, match="tick each change"):
        perform_transition(review.pk, "publish", cast.manager)
    with pytest.raises(TransitionRefused, match="evidence"):
        tick_condition(second, cast.manager, evidence=" ")

    tick_condition(second, cast.manager, evidence="Added at para 1.3.", met_on=date(2026, 10, 20))
    review = perform_transition(review.pk, "publish", cast.manager)

    assert review.state == State.PUBLISHED
    assert review.events.filter(action="meet_qa_condition").count() == 2
    assert review.state != State.DRAFTING  # no panel and sign-off loop


# ---------------------------------------------------------------- not published


@pytest.mark.parametrize("kind", [ReviewKind.SAR, ReviewKind.DHR])
def test_a_decision_not_to_publish_leads_to_monitoring_and_closure(cast, kind):
    review = satisfy_prerequisites(cast.review(kind=kind), cast)
    force_state(review, State.SIGNED_OFF if kind == ReviewKind.SAR else State.QA_APPROVED)

    review = perform_transition(
        review.pk,
        "decide_not_to_publish",
        cast.approver,
        comment="Publication would identify a child of the family.",
        details={"approved_by": "Chair of the partnership", "summary_published": True},
    )
    review = perform_transition(review.pk, "start_monitoring", cast.manager)
    review = perform_transition(review.pk, "close", cast.approver, comment="Actions complete.")

    assert review.state == State.CLOSED_UNPUBLISHED
    assert review.closed_on == timezone.localdate()
    assert review.published_on is None
    assert not Review.objects.public().filter(pk=review.pk).exists()
    decision = NonPublication.objects.get(review=review)
    assert (decision.approved_by, decision.summary_published, decision.recorded_by) == (
        "Chair of the partnership",
        True,
        cast.approver,
    )
    assert list(ReviewEvent.objects.filter(review=review).values_list("to_state", flat=True))[
        -3:
    ] == [State.NOT_PUBLISHED, State.MONITORING_UNPUBLISHED, State.CLOSED_UNPUBLISHED]


def test_a_dhr_is_not_left_unpublished_before_the_home_office_approves_it(cast):
    review = force_state(cast.review(kind=ReviewKind.DHR), State.SIGNED_OFF)
    with pytest.raises(TransitionRefused, match="quality assurance panel"):
        perform_transition(review.pk, "decide_not_to_publish", cast.manager, comment="Reason.")


# ---------------------------------------------------------------- SAR basis


@pytest.mark.parametrize(
    ("basis", "needs", "concern", "condition", "refusal"),
    [
        ("mandatory", True, True, "died", None),
        ("mandatory", True, True, "alive", None),
        ("discretionary", True, False, "died", None),  # no concern about joint working
        ("discretionary", True, True, "neither", None),
        ("discretionary", True, True, "alive", "Mandatory"),  # s44(1) met: the board must
        ("mandatory", True, False, "died", "Discretionary"),
        ("discretionary", False, False, "neither", "needs for care and support"),
    ],
)
def test_sar_mandatory_or_discretionary_by_the_s44_criteria(
    cast, basis, needs, concern, condition, refusal
):
    review = cast.review(kind=ReviewKind.SAR)
    record = {
        "basis": basis,
        "needs_care_and_support": needs,
        "concern": concern,
        "condition": condition,
        "on": date(2026, 2, 1),
    }
    if refusal:
        with pytest.raises(TransitionRefused, match=refusal):
            record_sar_basis(review, cast.manager, **record)
        assert not SarBasis.objects.filter(review=review).exists()
    else:
        recorded = record_sar_basis(review, cast.manager, **record)
        assert review.sar_basis == recorded
        assert review.events.filter(action="record_sar_basis").exists()


def test_the_case_page_lists_the_sends_owed_and_the_conditions(client, cast):
    review = approved_dhr(cast, "record_qa_conditional_approval", "Add the inquest's date.")
    client.force_login(cast.manager)

    html = client.get(review.get_admin_url()).content.decode()

    assert "Copy of the report to the Domestic Abuse Commissioner" in html
    assert "Domestic Violence, Crime and Victims Act 2004, s9(3B)-(3C)" in html
    assert "Add the inquest&#x27;s date.: <strong>not yet made</strong>" in html
