"""Writing a case's audit trail (reviews.models.audit.ReviewEvent)."""

from django.utils import timezone

from accounts.people import full_name

from .models.audit import ReviewEvent


def record_event(
    review,
    user,
    action,
    comment="",
    from_state=None,
    effective_on=None,
    imported=False,
    actor_name="",
):
    """Write one audit event. Without from_state it records a change that is not a
    transition (an edit, an upload, a panel change). `effective_on` is the day it
    happened (today unless given); the time it is recorded is always now. `user` may be
    None for what the system does on its own (give `actor_name`)."""
    if user is not None:
        actor_name = user.get_full_name() or user.get_username()
    return ReviewEvent.objects.create(
        review=review,
        actor=user,
        actor_name=full_name(user) if user is not None else (actor_name or "The system"),
        action=action,
        from_state=from_state or review.state,
        to_state=review.state,
        comment=comment,
        effective_on=effective_on or timezone.localdate(),
        imported=imported,
    )
