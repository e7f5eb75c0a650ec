"""Dissemination and impact: how the learning of a review was spread, and whether it
changed anything once the recommendation was done.

Briefing is a partnership's record of one piece of dissemination (a learning briefing, a
training session, a policy change) with its audience and date, linked to the
recommendations it covers. It belongs to the partnership's library: its staff, its
partner agencies and the bodies overseeing it read it; another partnership sees nothing.
Which of the linked recommendations a reader is shown still follows each
recommendation's own access.

ImpactCheck follows a completed recommendation: the measure that should show a
difference, when it is re-audited, and the result. "Complete" means the evidence of
delivery; the impact check asks whether practice changed (the Domestic Abuse
Commissioner's "Learning from loss", 2025, found completion rarely checked).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships.access import ModelAccess, ScopedQuerySet
from partnerships.models import Partnership

from .library import (
    LIBRARY_ONLY,
    Recommendation,
    Status,
    in_library,
    recommendation_audiences,
)


class BriefingQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the briefings of the partnerships whose library they read."""


class Briefing(models.Model):
    """A learning briefing, training session or policy change spreading a review's learning."""

    class Kind(models.TextChoices):
        BRIEFING = "briefing", "Learning briefing"
        TRAINING = "training", "Training"
        POLICY_CHANGE = "policy_change", "Policy or procedure change"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="briefings")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BRIEFING)
    audience = models.CharField(
        max_length=300,
        help_text="Who it was for, e.g. 'Front-line police officers' or 'GP practices'.",
    )
    delivered_on = models.DateField(
        help_text="When it was given or issued (a policy change: when it took effect)."
    )
    people_reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people it reached, if known."
    )
    summary = models.TextField(blank=True, help_text="What it said or changed.")
    link = models.URLField(
        blank=True, help_text="Where the briefing, course or policy can be read, if online."
    )
    recommendations = models.ManyToManyField(
        Recommendation,
        related_name="briefings",
        help_text="The recommendations of the partnership's reviews it covers.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefingQuerySet.as_manager()

    access = ModelAccess(
        partnership="partnership_id", audiences=LIBRARY_ONLY, audience_of=in_library
    )

    class Meta:
        ordering = ["-delivered_on", "title"]

    def __str__(self):
        return f"{self.title} ({self.delivered_on:%d %b %Y})"

    def get_admin_url(self):
        return reverse("learning_briefings:edit", args=[self.pk])

    def has_history(self):
        return False


class ImpactCheckQuerySet(ScopedQuerySet):
    """`visible_to(user)`: as the recommendation (the access rule)."""

    def due(self, today=None):
        today = today or timezone.localdate()
        return self.filter(re_audit_on__lte=today, checked_on__isnull=True)


class ImpactCheck(models.Model):
    """After a recommendation is complete: what should show it worked, and did it."""

    class Outcome(models.TextChoices):
        SHOWN = "shown", "Impact shown"
        PARTLY = "partly", "Some impact"
        NOT_SHOWN = "not_shown", "No impact shown"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="impact_checks"
    )
    measure = models.TextField(
        help_text="What will show a difference, e.g. 'an audit of 20 case files shows "
        "routine enquiry about domestic abuse'."
    )
    re_audit_on = models.DateField("re-audit date")
    checked_on = models.DateField(
        "date checked", null=True, blank=True, help_text="Blank until the re-audit is done."
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    result = models.TextField(blank=True, help_text="What the re-audit found.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImpactCheckQuerySet.as_manager()

    access = ModelAccess(
        partnership="recommendation__review__partnership_id",
        review="recommendation__review_id",
        owner_agency="recommendation__owning_agency_id",
        audiences=recommendation_audiences("recommendation__"),
        audience_of=lambda check: check.recommendation.audience,
    )

    class Meta:
        ordering = ["recommendation_id", "re_audit_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(checked_on__isnull=False)
                | (models.Q(outcome="") & models.Q(result="")),
                name="impact_result_only_once_checked",
            )
        ]

    def __str__(self):
        return f"Impact check of {self.recommendation}, re-audit {self.re_audit_on:%d %b %Y}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.refuse_before_completion()
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("learning_impact_checks:edit", args=[self.pk])

    def has_history(self):
        return self.checked_on is not None

    def refuse_before_completion(self):
        """An impact check follows completion: refused on a recommendation not complete."""
        if self.recommendation_id and self.recommendation.status != Status.COMPLETE:
            raise ValidationError(
                {
                    "recommendation": "An impact check follows completion: this "
                    "recommendation is not complete."
                }
            )

    def clean(self):
        super().clean()
        self.refuse_before_completion()
        errors = {}
        if (self.outcome or self.result.strip()) and not self.checked_on:
            errors["checked_on"] = "Record when the re-audit was done."
        if self.checked_on and not self.outcome:
            errors["outcome"] = "Say what the re-audit found."
        completed = self.recommendation_id and self.recommendation.completed_on
        if completed and self.re_audit_on and self.re_audit_on < completed:
            errors["re_audit_on"] = "The re-audit comes after the recommendation was completed."
        if errors:
            raise ValidationError(errors)
