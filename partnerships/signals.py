from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .access import seats_changed
from .models import Membership, OversightBody, Partnership


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, **kwargs):
    seats_changed()


# An oversight body's members and partnerships are facts too; a new partnership joins
# what a body covering every partnership oversees.
@receiver([post_save, post_delete], sender=OversightBody)
@receiver([post_save, post_delete], sender=Partnership)
@receiver(m2m_changed, sender=OversightBody.members.through)
@receiver(m2m_changed, sender=OversightBody.partnerships.through)
def oversight_changed(sender, **kwargs):
    seats_changed()
