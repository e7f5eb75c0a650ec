"""Writing a case's audit trail (reviews.models.audit.ReviewEvent)."""

from .models.audit import ReviewEvent


def record_event(review, user, action, comment="", from_state=None):
    """Write one audit event. Without from_state it records a change that is not a
    transition (an edit, an upload, a panel change)."""
    return ReviewEvent.objects.create(
        review=review,
        actor=user,
        actor_name=user.get_full_name() or user.get_username(),
        action=action,
        from_state=from_state or review.state,
        to_state=review.state,
        comment=comment,
    )
