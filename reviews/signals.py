from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Review, Timescale
from .stages import OPEN


@receiver(post_save, sender=Timescale)
def recompute_due_dates(sender, instance, **kwargs):
    """A changed timescale moves the due dates of every open case of that kind."""
    for review in Review.objects.filter(kind=instance.kind, state__in=OPEN).iterator():
        review.refresh_deadlines()
        Review.objects.filter(pk=review.pk).update(
            decision_due_on=review.decision_due_on, completion_due_on=review.completion_due_on
        )
