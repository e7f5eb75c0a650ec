from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .access import seats_changed
from .models import Membership


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, **kwargs):
    seats_changed()
