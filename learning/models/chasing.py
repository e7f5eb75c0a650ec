"""Chasing: the reminders already sent about the learning library's due dates, and the
people who asked not to get them. The daily command send_learning_reminders (beside
reviews' send_deadline_reminders, same mail) reads them so each reminder goes once.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LearningReminder(models.Model):
    """One reminder email sent to one person about one due date."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    class Subject(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        ACTION = "action", "Action"
        REVIEW_ACTION = "review_action", "Review action"
        IMPACT_CHECK = "impact_check", "Impact re-audit"
        BODY_ACKNOWLEDGEMENT = "body_acknowledgement", "Acknowledgement from a body"
        BODY_RESPONSE = "body_response", "Response from a body"

    subject = models.CharField(max_length=30, choices=Subject.choices)
    subject_id = models.PositiveIntegerField()
    due_on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_reminders"
    )
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-sent_on", "subject", "subject_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "subject_id", "due_on", "kind", "user"],
                name="one_learning_reminder_per_due_date_and_person",
            )
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} reminder to {self.user} about "
            f"{self.get_subject_display().lower()} {self.subject_id}, due {self.due_on}"
        )


class ReminderOptOut(models.Model):
    """This person gets no learning reminders (case deadline emails are not affected)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_reminder_opt_out"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user} gets no learning reminders"
