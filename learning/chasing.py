"""Chasing the learning library's due dates: who is reminded of what, sent by the daily
command send_learning_reminders with the case deadline emails' mail
(reviews.notifications). Each reminder is recorded (LearningReminder) and sent once per
person, due date and kind; people who opted out (ReminderOptOut) get none.

- a recommendation, a strategy's action or a review's action due within 14 days or
  overdue and not complete: the partner users of the agency that owns it in its
  partnership, or the partnership's review managers when no agency owns it;
- a recommendation sent to a body whose acknowledgement or response is due within 14
  days or overdue: the partnership's review managers (they chase the body).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Role
from reviews import notifications
from reviews.components import DUE_SOON_DAYS

from .models import (
    Action,
    BodyRecommendation,
    Deadline,
    LearningReminder,
    Recommendation,
    ReviewAction,
)
from .models.library import FINISHED_STATUSES

Kind = LearningReminder.Kind
Subject = LearningReminder.Subject


@dataclass(frozen=True)
class Due:
    subject: str
    subject_id: int
    due_on: object
    what: str
    url: str
    partnership_id: int
    agency_id: int | None


def kind_of(due_on, today):
    if due_on < today:
        return Kind.OVERDUE
    if due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return Kind.DUE_SOON
    return None


def due_items(today):
    """Every due date of the library that is overdue or due within 14 days."""
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    recommendations = (
        Recommendation.objects.filter(target_date__lte=horizon)
        .exclude(status__in=FINISHED_STATUSES)
        .select_related("review")
    )
    for r in recommendations:
        yield Due(
            Subject.RECOMMENDATION,
            r.pk,
            r.target_date,
            f"Recommendation {r.number} of {r.review.reference}",
            reverse("learning_recommendations:inspect", args=[r.pk]),
            r.review.partnership_id,
            r.owning_agency_id,
        )
    actions = (
        Action.objects.filter(due_on__lte=horizon, strategy__is_active=True)
        .exclude(status__in=FINISHED_STATUSES)
        .select_related("strategy")
    )
    for a in actions:
        yield Due(
            Subject.ACTION,
            a.pk,
            a.due_on,
            f"Action {a.reference} of {a.strategy.title}",
            reverse("learning_actions:inspect", args=[a.pk]),
            a.strategy.partnership_id,
            a.lead_agency_id,
        )
    review_actions = (
        ReviewAction.objects.filter(due_on__lte=horizon)
        .exclude(status__in=FINISHED_STATUSES)
        .select_related("review")
    )
    for a in review_actions:
        yield Due(
            Subject.REVIEW_ACTION,
            a.pk,
            a.due_on,
            f"Action {a.reference} of the action plan of {a.review.reference}",
            reverse("learning_review_actions:edit", args=[a.pk]),
            a.review.partnership_id,
            a.lead_agency_id,
        )
    sent = BodyRecommendation.objects.unanswered().select_related("body", "recommendation__review")
    subjects = {
        Deadline.ACKNOWLEDGEMENT: (Subject.BODY_ACKNOWLEDGEMENT, "acknowledgement"),
        Deadline.RESPONSE: (Subject.BODY_RESPONSE, "response"),
    }
    for s in sent:
        for deadline, due_on in s.open_deadlines():
            if due_on > horizon:
                continue
            subject, word = subjects[deadline]
            recommendation = s.recommendation
            yield Due(
                subject,
                s.pk,
                due_on,
                f"The {word} of {s.body.name} to recommendation {recommendation.number} of "
                f"{recommendation.review.reference}",
                reverse("learning_body_recommendations:edit", args=[s.pk]),
                recommendation.review.partnership_id,
                None,  # the partnership chases a body: its managers are reminded
            )


def recipients_of(due):
    users = get_user_model().objects.filter(is_active=True, learning_reminder_opt_out__isnull=True)
    if due.agency_id:
        return users.filter(
            memberships__partnership_id=due.partnership_id,
            memberships__role=Role.PARTNER,
            memberships__agency_id=due.agency_id,
        ).distinct()
    return users.filter(
        memberships__partnership_id=due.partnership_id,
        memberships__role=Role.REVIEW_MANAGER,
    ).distinct()


def send_reminders(today):
    """Remind everyone of every due date once; the number of emails sent."""
    sent = 0
    opt_out_url = notifications.absolute(reverse("learning_reminders"))
    for due in due_items(today):
        kind = kind_of(due.due_on, today)
        if kind is None:
            continue
        for user in recipients_of(due):
            try:
                with transaction.atomic():
                    _, created = LearningReminder.objects.get_or_create(
                        subject=due.subject,
                        subject_id=due.subject_id,
                        due_on=due.due_on,
                        kind=kind,
                        user=user,
                        defaults={"sent_on": today},
                    )
                    if not created:
                        continue
                    sent += len(
                        notifications.notify(
                            f"learning_{kind}",
                            [user],
                            what=due.what,
                            due_on=due.due_on,
                            url=notifications.absolute(due.url),
                            opt_out_url=opt_out_url,
                        )
                    )
            except IntegrityError:
                continue  # another run reminded this person at the same moment
    return sent
