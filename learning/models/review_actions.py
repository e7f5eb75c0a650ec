"""A review's own action plan: actions that belong to a review rather than to one of the
partnership's strategies, with the same owners, dates, RAG, progress and evidence as a
strategy's actions (learning.models.library.Action), and progress posted the same way
(ProgressUpdate.review_action).

Until the review is published its plan is for the staff, the chair and the agency that
leads each action; once published it joins the partnership's library.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships.access import Audience, ModelAccess, ScopedQuerySet
from partnerships.models import Agency
from reviews.models import Review
from reviews.stages import PUBLISHED_STATES

from .library import FINISHED_STATUSES, RAG, Recommendation, Status


class ReviewActionQuerySet(ScopedQuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(status__in=FINISHED_STATUSES)


class ReviewAction(models.Model):
    """One row of a review's action plan."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="review_actions")
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_actions",
        help_text="The review's recommendation this action delivers.",
    )
    reference = models.CharField(max_length=30, help_text="Unique in the review's plan.")
    objective = models.TextField()
    key_deliverables = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    due_on = models.DateField("due (end) date", null=True, blank=True)
    lead = models.TextField(blank=True, help_text="Lead officer(s) or group, as written.")
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_review_actions",
        help_text="The agency that owns this action: its partner users may post progress.",
    )
    partners = models.TextField(blank=True)
    expected_outcomes = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    evidence = models.TextField("evidence of completion", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewActionQuerySet.as_manager()

    access = ModelAccess(
        partnership="review__partnership_id",
        review="review_id",
        owner_agency="lead_agency_id",
        audiences={
            Audience.LIBRARY: Q(review__state__in=PUBLISHED_STATES),
            Audience.AGENCY: ~Q(review__state__in=PUBLISHED_STATES),
        },
        audience_of=lambda action: (
            Audience.LIBRARY if action.review.state in PUBLISHED_STATES else Audience.AGENCY
        ),
    )

    class Meta:
        ordering = ["review_id", "reference", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "reference"], name="unique_action_reference_per_review"
            ),
            models.CheckConstraint(
                condition=~Q(status="complete") | ~Q(evidence=""),
                name="complete_review_action_has_evidence",
            ),
        ]

    def __str__(self):
        summary = self.objective if len(self.objective) <= 80 else self.objective[:77] + "…"
        return f"{self.review.reference} action {self.reference} {summary}"

    def get_admin_url(self):
        return reverse("learning_review_actions:edit", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            errors["due_on"] = "The due date is before the start date."
        if self.status == Status.COMPLETE and not self.evidence.strip():
            errors["evidence"] = "An action cannot be marked complete without evidence."
        if (
            self.recommendation_id
            and self.review_id
            and self.recommendation.review_id != self.review_id
        ):
            errors["recommendation"] = "Choose a recommendation of the same review."
        if errors:
            raise ValidationError(errors)

    def has_history(self):
        return self.progress_updates.exists()

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(self.due_on and self.due_on < today and self.status not in FINISHED_STATUSES)
