"""Posting progress on an action or a recommendation: the one way their RAG and status move.

post_progress() checks the user may report on the thing, checks the update makes sense
(a recommendation is only complete with evidence), then, in one transaction with the row
locked, adds the dated ProgressUpdate and brings the thing's current RAG, status and
evidence up to date. The update itself is never edited afterwards: the sequence of
updates is the quarterly history a partnership reports on.
"""

from django.db import transaction
from django.utils import timezone

from accounts.people import full_name

from .models import RAG, Action, ProgressUpdate, Recommendation, Status


class ProgressRefused(Exception):
    """An update that cannot be posted; str(exc) says why. `status` is the HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def author_name(user):
    return full_name(user)


def check_update(target, rag, status, comment, evidence):
    if rag not in RAG.values:
        raise ProgressRefused("Choose a RAG rating: red, amber, green or blue.")
    if status and status not in Status.values:
        raise ProgressRefused(f"Unknown status “{status}”.")
    if not comment.strip():
        raise ProgressRefused("Say what has happened since the last update.")
    if (
        isinstance(target, Recommendation)
        and (status or target.status) == Status.COMPLETE
        and not (evidence.strip() or target.evidence.strip())
    ):
        raise ProgressRefused(
            "A recommendation cannot be marked complete without evidence of completion."
        )


def post_progress(target, user, *, rag, comment, status="", evidence="", reported_on=None):
    """Add a progress update to an Action or a Recommendation and return it."""
    if not user.has_perm("learning.post_progress", target):
        raise ProgressRefused(
            "Only the owning agency's partner users and the partnership's review managers "
            "may post progress on this.",
            status=403,
        )
    check_update(target, rag, status, comment, evidence)
    model = type(target)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=target.pk)
        update = ProgressUpdate.objects.create(
            action=locked if model is Action else None,
            recommendation=locked if model is Recommendation else None,
            reported_on=reported_on or timezone.localdate(),
            rag=rag,
            status=status,
            comment=comment.strip(),
            evidence=evidence.strip(),
            author=user,
            author_name=author_name(user),
        )
        locked.rag = rag
        if status:
            if model is Recommendation and status == Status.COMPLETE != locked.status:
                locked.completed_on = update.reported_on
            locked.status = status
        if evidence.strip() and model is Recommendation:
            locked.evidence = evidence.strip()
        if model is Recommendation and status == Status.NOT_IMPLEMENTED:
            # The update's words are the reason for the decision (its history keeps them).
            locked.not_implemented_reason = comment.strip()
        locked.save()
    target.refresh_from_db()
    return update
