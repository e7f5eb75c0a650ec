"""The statutory loop of a review: which sends the law asks of it, recording them, the
Home Office's letter of the decision, the QA panel's outcomes and conditions, a decision
not to publish and a direction to hold a review.

Which sends a review owes is read from the SendRule and Provision tables
(reviews.models.statutory): a send is owed once its trigger date is set on the case, if a
provision asking for it is in force on that date. Nothing here names an Act: commencing
the Victims and Prisoners Act 2024, s19 is one date typed into its Provision row.

The record_* functions are side effects of transitions (reviews.workflow.SIDE_EFFECTS):
they run in the transition's transaction and read what the step carries in `details`:

    record_qa_outcome         reasons=[(code, text), ...], letter_public=bool
                              (conditions: one per line of the comment, for approval
                              subject to changes)
    record_non_publication    approved_by=str, summary_published=bool
    record_direction          directed_by=str, letter=DocumentVersion
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .events import record_event
from .models.papers import DocumentVersion
from .models.statutory import (
    Direction,
    NonPublication,
    QaCondition,
    QaFeedback,
    QaOutcome,
    SarBasis,
    SendKind,
    SendRule,
    StatutorySend,
    Trigger,
)
from .models.vocabulary import KIND_CRITERIA
from .papers.vocabulary import DocumentKind
from .refusals import TransitionRefused
from .terminology import review_name

QA_OUTCOMES = {
    "record_qa_approval": QaOutcome.Outcome.APPROVED,
    "record_qa_conditional_approval": QaOutcome.Outcome.APPROVED_SUBJECT_TO_CHANGES,
    "record_qa_resubmission": QaOutcome.Outcome.RESUBMIT,
}
APPROVALS = (QaOutcome.Outcome.APPROVED, QaOutcome.Outcome.APPROVED_SUBJECT_TO_CHANGES)


# ---------------------------------------------------------------- which sends are owed


def rules_in_force(criteria, trigger_dates):
    """The SendRule rows of these criteria (Criterion keys: a review's `criterion_keys`)
    whose provision is in force on the date of their trigger. `trigger_dates`: {trigger
    field: date or None}."""
    rules = SendRule.objects.filter(review_kind__in=sorted(criteria)).select_related("provision")
    return [
        rule
        for rule in rules
        if trigger_dates.get(rule.trigger) is not None
        and rule.provision.in_force_on(trigger_dates[rule.trigger])
    ]


def sends_required(review_kind, on, also=()):
    """The sends a review of this kind (meeting the criteria `also` too) owes when every
    trigger happens on `on`: the commencement table read for one date (what the tests and
    the docs' table show)."""
    dates = dict.fromkeys(SendRule.objects.values_list("trigger", flat=True), on)
    criteria = {*KIND_CRITERIA.get(review_kind, ()), *also}
    return {rule.send for rule in rules_in_force(criteria, dates)}


@dataclass
class OwedSend:
    send: str
    label: str
    recipient: str
    due_from: object
    citations: list
    made: list  # the StatutorySend rows recorded for it

    @property
    def done(self):
        return bool(self.made)


def owed_sends(review):
    """Every send this case owes now, with what was recorded for each."""
    approved = review.qa_outcomes.filter(outcome__in=APPROVALS).exists()
    dates = {trigger: getattr(review, trigger) for trigger in Trigger.values}
    owed = {}
    for rule in rules_in_force(review.criterion_keys, dates):
        if rule.only_after_approval and not approved:
            continue
        entry = owed.setdefault(
            rule.send,
            OwedSend(
                rule.send,
                SendKind(rule.send).label,
                rule.recipient,
                dates[rule.trigger],
                [],
                [],
            ),
        )
        entry.citations.append(rule.provision.citation)
    for made in review.statutory_sends.filter(send__in=list(owed)):
        owed[made.send].made.append(made)
    return sorted(owed.values(), key=lambda entry: (entry.due_from, entry.send))


def outstanding_sends(review):
    return [entry for entry in owed_sends(review) if not entry.done]


def record_send(review, send, user, *, sent_on, method, recipient, version=None, letter=""):
    """Record a send made (and write it into the case's audit trail)."""
    if sent_on > timezone.localdate():
        raise TransitionRefused("A send cannot be dated in the future.", status=400)
    if version is not None and version.document.review_id != review.pk:
        raise TransitionRefused("That paper belongs to another case.", status=400)
    if send == SendKind.HOME_OFFICE_DECISION and not letter:
        letter = decision_letter(review)
    with transaction.atomic():
        made = StatutorySend.objects.create(
            review=review,
            send=send,
            sent_on=sent_on,
            method=method,
            recipient=recipient,
            version=version,
            letter=letter,
            recorded_by=user,
        )
        what = SendKind(send).label
        if version is not None:
            what += f" ({version.document.title}, version {version.number})"
        record_event(review, user, "record_send", f"{what}, to {recipient}", effective_on=sent_on)
    return made


def human_date(value):
    return format_date(value, "j F Y") if value else "not recorded"


def decision_letter(review):
    """The letter telling the Home Office of the partnership's decision, from the case's
    data. Names no one: the case is identified by its reference."""
    name = review_name(review.kind, review.decision_on or review.notified_on)
    holding = review.state != "not_proceeding"
    decided = "decided to hold" if holding else "decided not to hold"
    lines = [
        "To: Home Office, Domestic Homicide Review team",
        f"From: {review.partnership}",
        f"Our reference: {review.reference}",
        "",
        f"Notification of a decision: {name}",
        "",
        f"The partnership was notified of a death on {human_date(review.notified_on)}"
        + (
            f" (the death occurred on {human_date(review.date_of_death)})."
            if review.date_of_death
            else "."
        ),
        f"On {human_date(review.decision_on)} the partnership {decided} a {name}.",
        "",
        "Reasons for the decision:",
        review.decision_rationale or "(not recorded)",
    ]
    if holding and review.completion_due_on:
        lines += [
            "",
            f"The review is due to be completed by {human_date(review.completion_due_on)}.",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------- transition records


def latest_letter(review):
    return (
        DocumentVersion.objects.filter(
            document__review=review, document__kind=DocumentKind.HOME_OFFICE_LETTER
        )
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def record_qa_outcome(review, step):
    outcome = QaOutcome.objects.create(
        review=review,
        outcome=QA_OUTCOMES[step.name],
        decided_on=step.effective_on,
        feedback=step.comment,
        letter=latest_letter(review),
        letter_public=bool(step.detail("letter_public", False)),
    )
    for code, text in step.detail("reasons", ()):
        QaFeedback.objects.create(outcome=outcome, reason=code, text=text)
    if outcome.outcome == QaOutcome.Outcome.APPROVED_SUBJECT_TO_CHANGES:
        for line in step.comment.splitlines():
            if line.strip(" -•*\t"):
                QaCondition.objects.create(outcome=outcome, text=line.strip(" -•*\t"))


def tick_condition(condition, user, *, evidence, met_on=None):
    """Record that a QA condition was met, with its evidence."""
    if not evidence.strip():
        raise TransitionRefused("Say how the change was made (the evidence).", status=400)
    if condition.is_met:
        raise TransitionRefused("That change is already recorded as made.")
    condition.met_on = met_on or timezone.localdate()
    condition.evidence = evidence.strip()
    condition.met_by = user
    condition.save()
    record_event(
        condition.outcome.review,
        user,
        "meet_qa_condition",
        f"{condition.text}: {condition.evidence}",
        effective_on=condition.met_on,
    )
    return condition


def record_non_publication(review, step):
    NonPublication.objects.create(
        review=review,
        decided_on=step.effective_on,
        reason=step.comment,
        approved_by=step.detail("approved_by")
        or step.user.get_full_name()
        or step.user.get_username(),
        summary_published=bool(step.detail("summary_published", False)),
        recorded_by=step.user,
    )


def record_direction(review, step):
    Direction.objects.create(
        review=review,
        directed_by=step.detail("directed_by") or "Secretary of State (Home Office)",
        directed_on=step.effective_on,
        letter=step.detail("letter"),
        note=step.comment,
        recorded_by=step.user,
    )


# ---------------------------------------------------------------- SARs


def record_sar_basis(
    review, user, *, basis, needs_care_and_support, concern, condition, on, rationale=""
):
    """Record whether a SAR is mandatory or discretionary, refusing a basis the criteria
    recorded do not support (Care Act 2014, s44)."""
    if not review.held_under_care_act:
        raise TransitionRefused(
            "Only a review that meets the criteria of a SAR is held under the Care Act, s44."
        )
    recorded = SarBasis(
        review=review,
        basis=basis,
        needs_care_and_support=needs_care_and_support,
        concern_about_joint_working=concern,
        condition=condition,
        decided_on=on,
        rationale=rationale,
    )
    expected = recorded.expected_basis
    if expected is None:
        raise TransitionRefused(
            "Section 44 covers only an adult with needs for care and support: no SAR can be "
            "held on these criteria.",
            status=400,
        )
    if expected != basis:
        raise TransitionRefused(
            f"On the criteria recorded the review is {SarBasis.Basis(expected).label}, not "
            f"{SarBasis.Basis(basis).label}.",
            status=400,
        )
    with transaction.atomic():
        SarBasis.objects.filter(review=review).delete()
        recorded.save()
        record_event(review, user, "record_sar_basis", str(recorded), effective_on=on)
    return recorded
