"""Recommendations to other bodies: a review's recommendation addressed to a government
department, a national body, a regulator, another partnership or an agency outside the
partnership, followed from the letter to the answer and on to implementation.

Body is the maintained list of addressees (seeded with national bodies by the learning
migration; administrators add more). BodyRecommendation is one recommendation sent to
one body: when and how it was sent, the acknowledgement and response due and received,
the response and its outcome, then the body's implementation status and evidence.

No statute sets how quickly a body must answer a review; the due dates default to the
body's own expectation (`acknowledgement_days`, `response_days`) counted from the date
sent, and can be set by hand for each letter.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships.access import ModelAccess, ScopedQuerySet

from .library import Recommendation, Status, recommendation_audiences


class Body(models.Model):
    """A body recommendations can be addressed to."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "Government department"
        NATIONAL_BODY = "national_body", "National body"
        REGULATOR = "regulator", "Regulator or inspectorate"
        COMMISSIONER = "commissioner", "Commissioner"
        PARTNERSHIP = "partnership", "Another partnership"
        AGENCY = "agency", "Agency outside the partnership"

    code = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Short stable code used in open data, e.g. home-office. Never change it.",
    )
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    address = models.TextField(blank=True, help_text="Postal address for letters.")
    email = models.EmailField(blank=True)
    website = models.CharField(max_length=200, blank=True, help_text="Its web address.")
    acknowledgement_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days after sending by which an acknowledgement is expected."
    )
    response_days = models.PositiveSmallIntegerField(
        default=56, help_text="Days after sending by which a response is expected."
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop offering it.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name


class SentBy(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PORTAL = "portal", "Online portal"
    MEETING = "meeting", "Meeting"


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Stage(models.TextChoices):
    """Where a recommendation sent to a body stands (worked out from its dates)."""

    NOT_SENT = "not_sent", "Not sent"
    AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement", "Awaiting acknowledgement"
    ACKNOWLEDGEMENT_OVERDUE = "acknowledgement_overdue", "Acknowledgement overdue"
    AWAITING_RESPONSE = "awaiting_response", "Awaiting response"
    RESPONSE_OVERDUE = "response_overdue", "Response overdue"
    ANSWERED = "answered", "Answered"


class Deadline(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    RESPONSE = "response", "Response"


class BodyRecommendationQuerySet(ScopedQuerySet):
    """`visible_to(user)`: as the recommendation (the access rule)."""

    def sent(self):
        return self.filter(sent_on__isnull=False)

    def unanswered(self):
        return self.sent().filter(responded_on__isnull=True)

    def response_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.unanswered().filter(response_due_on__lt=today)


class BodyRecommendation(models.Model):
    """One recommendation of a review, sent to one body, and what became of it."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="to_bodies"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="recommendations")
    sent_on = models.DateField(null=True, blank=True, help_text="Blank until it is sent.")
    sent_by = models.CharField("sent how", max_length=20, choices=SentBy.choices, blank=True)
    sent_reference = models.CharField(
        max_length=200, blank=True, help_text="Letter reference or the address it went to."
    )
    acknowledgement_due_on = models.DateField(
        null=True, blank=True, help_text="Left blank, worked out from the body's expectation."
    )
    acknowledged_on = models.DateField(null=True, blank=True)
    response_due_on = models.DateField(
        null=True, blank=True, help_text="Left blank, worked out from the body's expectation."
    )
    responded_on = models.DateField(null=True, blank=True)
    response_text = models.TextField(
        blank=True,
        help_text="The body's response. Shown on the public page of the published review "
        "once checked for the case's confidential terms.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(
        blank=True, help_text="The body's reasons, required when it is not (fully) accepted."
    )
    implementation_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    implementation_evidence = models.TextField(
        blank=True, help_text="What shows the body has done it. Required to mark it complete."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BodyRecommendationQuerySet.as_manager()

    access = ModelAccess(
        partnership="recommendation__review__partnership_id",
        review="recommendation__review_id",
        owner_agency="recommendation__owning_agency_id",
        audiences=recommendation_audiences("recommendation__"),
        audience_of=lambda sent: sent.recommendation.audience,
    )

    class Meta:
        ordering = ["recommendation_id", "body__name"]
        verbose_name = "recommendation to a body"
        verbose_name_plural = "recommendations to bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "body"], name="one_letter_per_recommendation_body"
            ),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=False) | Q(responded_on__isnull=True),
                name="answered_only_once_sent",
            ),
            models.CheckConstraint(
                condition=~Q(implementation_status="complete") | ~Q(implementation_evidence=""),
                name="body_implementation_complete_has_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.recommendation} to {self.body}"

    def save(self, *args, **kwargs):
        if self.sent_on:
            if self.acknowledgement_due_on is None:
                self.acknowledgement_due_on = self.sent_on + timedelta(
                    days=self.body.acknowledgement_days
                )
            if self.response_due_on is None:
                self.response_due_on = self.sent_on + timedelta(days=self.body.response_days)
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("learning_body_recommendations:edit", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        sent = self.sent_on
        for field in ("acknowledged_on", "responded_on"):
            value = getattr(self, field)
            if value and not sent:
                errors[field] = "Record the date it was sent first."
            elif value and sent and value < sent:
                errors[field] = "This is before the date it was sent."
        if sent and not self.sent_by:
            errors["sent_by"] = "Say how it was sent."
        if self.outcome and not self.responded_on:
            errors["responded_on"] = "Record when the response came."
        if self.outcome in (Outcome.PARTLY, Outcome.NOT_ACCEPTED) and not (
            self.outcome_reasons.strip()
        ):
            errors["outcome_reasons"] = "Give the body's reasons."
        if (
            self.implementation_status == Status.COMPLETE
            and not self.implementation_evidence.strip()
        ):
            errors["implementation_evidence"] = "Complete needs evidence."
        if errors:
            raise ValidationError(errors)

    def has_history(self):
        """Once sent, the record stays."""
        return self.sent_on is not None

    def stage(self, today=None):
        today = today or timezone.localdate()
        if not self.sent_on:
            return Stage.NOT_SENT
        if self.responded_on:
            return Stage.ANSWERED
        if self.response_due_on and self.response_due_on < today:
            return Stage.RESPONSE_OVERDUE
        if self.acknowledged_on:
            return Stage.AWAITING_RESPONSE
        if self.acknowledgement_due_on and self.acknowledgement_due_on < today:
            return Stage.ACKNOWLEDGEMENT_OVERDUE
        return Stage.AWAITING_ACKNOWLEDGEMENT

    def open_deadlines(self):
        """(Deadline, due date) still waiting for the body: what reminders chase."""
        if not self.sent_on or self.responded_on:
            return []
        deadlines = []
        if not self.acknowledged_on and self.acknowledgement_due_on:
            deadlines.append((Deadline.ACKNOWLEDGEMENT, self.acknowledgement_due_on))
        if self.response_due_on:
            deadlines.append((Deadline.RESPONSE, self.response_due_on))
        return deadlines

    def days_to_response(self):
        if self.sent_on and self.responded_on:
            return (self.responded_on - self.sent_on).days
        return None
