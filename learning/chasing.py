"""Chasing the learning library's due dates: who is reminded of what, sent by the daily
command send_learning_reminders with the case deadline emails' mail
(reviews.notifications). Each reminder is recorded (LearningReminder) and sent once per
person, due date and kind; people who opted out (ReminderOptOut) get none.

- a recommendation, a strategy's action or a review's action due within 14 days or
  overdue and not finished: the partner users of the agency that owns it in its
  partnership; the partnership's review managers when no agency owns it, or when the
  agency has nobody with an account there to hear it;
- an impact check whose re-audit is due within 14 days or overdue with no result: the
  partnership's review managers;
- a recommendation sent to a body whose acknowledgement or response is due within 14
  days or overdue: the partnership's review managers (they chase the body).
"""

from dataclasses import dataclass
from datetime import timedelta
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from partnerships.models import Role
from reviews import notifications
from reviews.components import DUE_SOON_DAYS

from .models import (
    Action,
    BodyRecommendation,
    Deadline,
    ImpactCheck,
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


@dataclass(frozen=True)
class Chased:
    """A kind of record with a due date that reminders chase while it is `pending`."""

    subject: str
    model: type
    due_field: str
    pending: Q
    related: str
    partnership: str  # attribute path to the partnership's id
    agency: str | None  # attribute naming the owning agency's id (None: the managers)
    url_name: str
    describe: object

    def items(self, horizon):
        rows = (
            self.model.objects.filter(self.pending, **{f"{self.due_field}__lte": horizon})
            .select_related(self.related)
            .order_by("pk")
        )
        for obj in rows:
            yield Due(
                self.subject,
                obj.pk,
                getattr(obj, self.due_field),
                self.describe(obj),
                reverse(self.url_name, args=[obj.pk]),
                attrgetter(self.partnership)(obj),
                getattr(obj, self.agency) if self.agency else None,
            )


UNFINISHED = ~Q(status__in=FINISHED_STATUSES)

CHASED = (
    Chased(
        Subject.RECOMMENDATION,
        Recommendation,
        "target_date",
        UNFINISHED,
        "review",
        "review.partnership_id",
        "owning_agency_id",
        "learning_recommendations:inspect",
        lambda r: f"Recommendation {r.number} of {r.review.reference}",
    ),
    Chased(
        Subject.ACTION,
        Action,
        "due_on",
        # A plan kept for reference is no longer delivered: its actions are not chased.
        UNFINISHED & Q(strategy__is_active=True),
        "strategy",
        "strategy.partnership_id",
        "lead_agency_id",
        "learning_actions:inspect",
        lambda a: f"Action {a.reference} of {a.strategy.title}",
    ),
    Chased(
        Subject.REVIEW_ACTION,
        ReviewAction,
        "due_on",
        UNFINISHED,
        "review",
        "review.partnership_id",
        "lead_agency_id",
        "learning_review_actions:edit",
        lambda a: f"Action {a.reference} of the action plan of {a.review.reference}",
    ),
    Chased(
        Subject.IMPACT_CHECK,
        ImpactCheck,
        "re_audit_on",
        Q(checked_on__isnull=True),
        "recommendation__review",
        "recommendation.review.partnership_id",
        None,
        "learning_impact_checks:edit",
        lambda c: (
            f"The impact re-audit of recommendation {c.recommendation.number} of "
            f"{c.recommendation.review.reference}"
        ),
    ),
)

BODY_DEADLINES = {
    Deadline.ACKNOWLEDGEMENT: (Subject.BODY_ACKNOWLEDGEMENT, "acknowledgement"),
    Deadline.RESPONSE: (Subject.BODY_RESPONSE, "response"),
}


def due_items(today):
    """Every due date of the library that is overdue or due within 14 days."""
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    for chased in CHASED:
        yield from chased.items(horizon)
    sent = BodyRecommendation.objects.unanswered().select_related("body", "recommendation__review")
    for s in sent:
        for deadline, due_on in s.open_deadlines():
            if due_on > horizon:
                continue
            subject, word = BODY_DEADLINES[deadline]
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
    """The owning agency's partner users in the partnership; the review managers when no
    agency owns it or the agency has nobody there (so nothing goes unchased). People who
    opted out are left out, with no one in their place."""
    active = get_user_model().objects.filter(is_active=True)
    people = active.none()
    if due.agency_id:
        people = active.filter(
            memberships__partnership_id=due.partnership_id,
            memberships__role=Role.PARTNER,
            memberships__agency_id=due.agency_id,
        )
    if not people.exists():
        people = active.filter(
            memberships__partnership_id=due.partnership_id,
            memberships__role=Role.REVIEW_MANAGER,
        )
    return people.filter(learning_reminder_opt_out__isnull=True).distinct()


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
