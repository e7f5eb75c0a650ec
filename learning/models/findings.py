"""What a review found, and the practitioner learning event (SAR quality markers; Wales's
unified reviews): a case's findings with their themes; the missed opportunities of the
combined chronology (reviews.models.chronology) linked to findings and themes; the
learning event with its attendees by agency, the themes raised and the findings it
informed. For the case's staff, its chair and its panel."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from partnerships.access import Audience, ModelAccess, ScopedQuerySet
from partnerships.models import Agency
from reviews.models import ChronologyEntry, Review

from .library import Theme


def for_the_panel(obj):
    return Audience.PANEL


PANEL_ACCESS = ModelAccess(
    partnership="review__partnership_id",
    review="review_id",
    audiences={Audience.PANEL: Q()},
    audience_of=for_the_panel,
)


class CaseLearningQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the case's staff, chair and panel (the access rule)."""


class Finding(models.Model):
    """A finding of the review, as numbered in its report."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="findings")
    number = models.CharField(max_length=20)
    text = models.TextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="findings")
    recommendations = models.ManyToManyField(
        "learning.Recommendation",
        blank=True,
        related_name="findings",
        help_text="The review's recommendations that answer this finding.",
    )

    objects = CaseLearningQuerySet.as_manager()
    access = PANEL_ACCESS

    class Meta:
        ordering = ["review_id", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="unique_finding_number_per_review"
            )
        ]

    def __str__(self):
        return f"Finding {self.number}"


class MissedOpportunityLink(models.Model):
    """A missed opportunity of the combined chronology, linked to a finding or a theme."""

    entry = models.ForeignKey(
        ChronologyEntry, on_delete=models.CASCADE, related_name="learning_links"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, null=True, blank=True, related_name="opportunities"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="opportunities"
    )

    objects = CaseLearningQuerySet.as_manager()
    access = ModelAccess(
        partnership="entry__review__partnership_id",
        review="entry__review_id",
        audiences={Audience.PANEL: Q()},
        audience_of=for_the_panel,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(finding__isnull=False) | Q(theme__isnull=False),
                name="opportunity_link_names_a_finding_or_theme",
            ),
            models.UniqueConstraint(
                fields=["entry", "finding", "theme"], name="one_opportunity_link_each"
            ),
        ]

    def __str__(self):
        return str(self.finding or self.theme)

    def clean(self):
        super().clean()
        if not self.entry.missed_opportunity:
            raise ValidationError("Only a missed opportunity is linked to findings and themes.")
        if self.finding and self.finding.review_id != self.entry.review_id:
            raise ValidationError("Link a finding of the same case.")


class LearningEvent(models.Model):
    """A practitioner learning event held for the review."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="learning_events")
    held_on = models.DateField("date")
    title = models.CharField(max_length=200, default="Practitioner learning event")
    notes = models.TextField(blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="learning_events", verbose_name="themes raised"
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="learning_events", verbose_name="findings informed"
    )

    objects = CaseLearningQuerySet.as_manager()
    access = PANEL_ACCESS

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.title} on {self.held_on}"

    @property
    def attendee_count(self):
        return sum(a.attendees for a in self.attendance.all())


class LearningEventAttendance(models.Model):
    """How many practitioners of one agency attended (roles, never names)."""

    event = models.ForeignKey(LearningEvent, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    attendees = models.PositiveSmallIntegerField(default=1)
    roles = models.CharField(max_length=300, blank=True, help_text="e.g. GP, ward manager.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "agency"], name="one_attendance_per_agency")
        ]

    def __str__(self):
        return f"{self.agency}: {self.attendees}"
