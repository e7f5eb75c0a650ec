"""The audit trail of a review."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from security.records import AppendOnlyModel

from ..stages import State
from .review import Review

# The history's sentence for each event that is not a step of the workflow.
EVENT_SENTENCES = {
    "created": "Opened the case",
    "edited": "Changed the case's details",
    "document_uploaded": "Uploaded a paper",
    "comment_posted": "Commented on a draft",
    "comment_replied": "Replied to a comment on a draft",
    "confidential_term_added": "Added a confidential term",
    "confidential_term_changed": "Changed a confidential term's variants",
    "confidential_term_removed": "Removed a confidential term",
    "audience_changed": "Changed who can read a paper",
    "submission_pack_downloaded": "Downloaded the Home Office submission pack",
    "chair_chosen": "Appointed the independent chair",
    "panel_member_added": "Added a panel member",
    "panel_member_removed": "Removed a panel member",
    "information_request_added": "Requested information from an agency",
}


class ReviewEvent(AppendOnlyModel):
    """One line of a case's audit trail. Written once; never edited or deleted.

    Two dates: `occurred_at` is when it was recorded here; `effective_on` is the day it
    happened (a step recorded late, or imported from a past review's history, carries the
    real date). Milestones, due dates and every figure read `effective_on`."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, help_text="Kept in case the account is removed.")
    occurred_at = models.DateTimeField(
        "recorded at", default=timezone.now, db_index=True, help_text="When it was recorded."
    )
    effective_on = models.DateField(
        "date", default=timezone.localdate, db_index=True, help_text="The day it happened."
    )
    imported = models.BooleanField(
        default=False,
        help_text="Written by an import of a review's past history, not taken in this system.",
    )
    action = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=40, choices=State.choices, blank=True)
    comment = models.TextField(blank=True)

    records_name = "Audit events"

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action}"

    @property
    def description(self):
        """What happened, as a sentence (the action code is for machines)."""
        return EVENT_SENTENCES.get(self.action) or self.action.replace("_", " ").capitalize()

    @property
    def is_transition(self):
        return self.from_state != self.to_state
