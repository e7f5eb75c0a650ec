from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver
from wagtail.signals import page_unpublished

from partnerships.access import seats_changed
from partnerships.models import Person

from . import agency_portal
from .models import (
    CoCommissioner,
    InformationRequest,
    PanelMembership,
    Review,
    ReviewPage,
    Timescale,
)
from .stages import OPEN
from .takedown import record_take_down


@receiver([post_save, post_delete], sender=Review)
@receiver([post_save, post_delete], sender=PanelMembership)
@receiver([post_save, post_delete], sender=CoCommissioner)
@receiver(m2m_changed, sender=Review.co_commissioners.through)
def seats_on_a_review_changed(sender, **kwargs):
    """A chair, panel member or co-commissioning partnership may have been added or removed
    (partnerships.access)."""
    seats_changed()


@receiver(m2m_changed, sender=Review.criteria.through)
def criteria_changed(sender, instance, **kwargs):
    """The review's criteria were read and kept on the object (Review.criteria_met)."""
    if isinstance(instance, Review):
        instance.forget_criteria()


@receiver(post_save, sender=Timescale)
def recompute_due_dates(sender, instance, **kwargs):
    """A changed timescale moves the due dates of every open case it applies to (its kind,
    on its guidance version)."""
    cases = Review.objects.filter(
        kind=instance.kind, guidance_id=instance.guidance_id, state__in=OPEN
    )
    for review in cases.iterator():
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
