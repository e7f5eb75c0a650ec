"""Case work around a review: its panel, the information requested from agencies, the
pauses for parallel proceedings and the deadline reminders already sent.

The case is named by its label ("reviews.Review"): the case's own queries (who sits on
its panel) need these models, so they must not need the case's module in turn.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey

from partnerships.access import Audience, ModelAccess, ScopedQuerySet
from partnerships.models import Agency

from ..deadlines import Milestone


class PanelMembership(models.Model):
    review = ParentalKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="panel_memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_panel_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(
        max_length=100, blank=True, help_text="e.g. panel member, specialist adviser."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="one_panel_seat_per_person")
        ]

    def __str__(self):
        return f"{self.user} on {self.review}"


class InformationRequestQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the case's staff and chair, and the agency's contact on the case
    (the access rule: Audience.REQUEST)."""


class InformationRequest(models.Model):
    """An IMR, chronology or summary requested from an agency, with its due date.

    `contact` is the agency's person answering it: their account sees the agency's
    requests on this case (reviews.agency_portal), and nothing else of the case."""

    class Kind(models.TextChoices):
        SCOPING = "scoping", "Scoping return"
        CHRONOLOGY = "chronology", "Chronology"
        IMR = "imr", "Individual management review (IMR)"
        SUMMARY = "summary", "Summary of involvement"

    review = ParentalKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="information_requests"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="information_requests"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    requested_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,  # chosen on the request's own page, among the agency's people
        related_name="information_requests_to_answer",
    )
    contact_person = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
        verbose_name="agency contact",
        help_text="The agency's person answering it, from the partnership's people. If they "
        "have an account they are emailed at once; if not, once a partnership administrator "
        "invites them. Left blank: the agency's contact for this case's earlier requests.",
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    returned_document = models.ForeignKey(
        "reviews.CaseDocument",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        help_text="The paper the agency's return was stored as.",
    )

    chased_for = models.DateField(
        null=True,
        editable=False,
        help_text="The due date the contact was last chased for (once per due date).",
    )

    objects = InformationRequestQuerySet.as_manager()

    access = ModelAccess(
        partnership="review__partnership_id",
        review="review_id",
        owner_agency="agency_id",
        audiences={Audience.REQUEST: Q()},
        audience_of=lambda request: Audience.REQUEST,
    )

    class Meta:
        ordering = ["due_on"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.agency}"

    def is_overdue(self, today=None):
        return self.received_on is None and self.due_on < (today or timezone.localdate())


class Pause(models.Model):
    """A period during which parallel proceedings stopped the case's clock."""

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["started_on"]

    def __str__(self):
        return f"Paused {self.started_on}–{self.ended_on or 'now'}"


class DeadlineReminder(models.Model):
    """A deadline email already sent, so the daily command sends each one once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="reminders")
    milestone = models.CharField(max_length=20, choices=Milestone.choices)
    due_on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "milestone", "due_on", "kind"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.review}, due {self.due_on}"
