from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from wagtail.signals import page_unpublished

from partnerships.access import seats_changed
from partnerships.models import Person

from . import agency_portal
from .models import InformationRequest, PanelMembership, Review, ReviewPage, Timescale
from .stages import OPEN
from .takedown import record_take_down


@receiver([post_save, post_delete], sender=Review)
@receiver([post_save, post_delete], sender=PanelMembership)
def seats_on_a_review_changed(sender, **kwargs):
    """A chair or panel member may have been added or removed (partnerships.access)."""
    seats_changed()


@receiver(post_save, sender=Timescale)
def recompute_due_dates(sender, instance, **kwargs):
    """A changed timescale moves the due dates of every open case of that kind."""
    for review in Review.objects.filter(kind=instance.kind, state__in=OPEN).iterator():
        review.refresh_deadlines()
        Review.objects.filter(pk=review.pk).update(
            decision_due_on=review.decision_due_on, completion_due_on=review.completion_due_on
        )


@receiver(page_unpublished, sender=ReviewPage)
def review_page_unpublished(sender, instance, **kwargs):
    """Taking a review down is recorded in its history, however the page was unpublished."""
    record_take_down(instance)


@receiver(post_init, sender=InformationRequest, dispatch_uid="reviews_remember_contact_person")
def remember_contact_person(sender, instance, **kwargs):
    # __dict__, not the attribute: a deferred field must not cost a query.
    instance._contact_person_as_loaded = instance.__dict__.get("contact_person_id")


@receiver(post_save, sender=InformationRequest, dispatch_uid="reviews_request_contact")
def information_request_saved(sender, instance, created, raw=False, **kwargs):
    """However a request is made (the case's form, an import, the demo), its contact is
    set and told (reviews.agency_portal)."""
    if not raw:
        agency_portal.request_made_or_changed(instance, created)


@receiver(post_save, sender=Person, dispatch_uid="reviews_contact_invited")
def person_saved(sender, instance, raw=False, **kwargs):
    """An invitation gives a named contact their account; deactivation takes it away."""
    if not raw:
        agency_portal.person_changed(instance)
