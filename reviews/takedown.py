"""Taking a published review down: its page, every public download, its feed entry, its
sitemap entry and its search results go in one step, and the case's history records who
did it, when and why.

    take_down(review, user, reason, *, effective_on=None, actor_name="")
    take_down_due(today=None)  -> the reviews taken down because their retention date came

Everything public about a review follows Review.objects.public(), which needs a live page:
unpublishing the page withdraws the rest at once (tests/website/test_takedown.py), and
the search rows follow the page_unpublished signal (search.signals). A page unpublished
any other way (the page editor's Unpublish, a page's expiry date) is recorded too, by
`record_take_down` (reviews.signals), with the person signed in as the actor.

A retention date (Review.take_down_on) withdraws the review from the public the day it
comes (Review.objects.public excludes it), and the daily `take_down_due_reviews` command
unpublishes its page and records it, dated the retention date.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import get_active_log_context

from .events import record_event
from .models import Review, ReviewPage
from .refusals import TransitionRefused
from .stages import PUBLISHED_STATES

ACTION = "taken_down"
RETENTION_ACTOR = "Retention schedule (take_down_due_reviews)"
EDITOR_REASON = "The public page was unpublished in the page editor."


@dataclass(frozen=True)
class TakeDown:
    """Who takes a review down, why and on which day (recorded in its history)."""

    user: object
    reason: str
    effective_on: object = None
    actor_name: str = ""


# The take-down under way in this thread, read by record_take_down.
current = ContextVar("current_take_down", default=None)


def take_down(review, user, reason, *, effective_on=None, actor_name=""):
    """Unpublish the review's public page, withdrawing everything public about it, and
    record it. `user` may be None for the retention schedule (give `actor_name`)."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise TransitionRefused("Say why the review is taken down.", status=400)
    with transaction.atomic():
        Review.objects.select_for_update().filter(pk=review.pk).first()
        page = ReviewPage.objects.filter(review=review, live=True).first()
        if page is None:
            raise TransitionRefused(
                "The review has no live public page: there is nothing to take down."
            )
        token = current.set(TakeDown(user, reason, effective_on, actor_name))
        try:
            # The caller has checked the user's right to take the review down; the page
            # permissions of the page editor do not apply.
            UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
        finally:
            current.reset(token)
    return page


def record_take_down(page):
    """Record in the case's history that its public page was unpublished (called for every
    unpublication of a ReviewPage): by take_down() with its reason, or by the page editor,
    with the person signed in."""
    how = current.get()
    if how is None:
        user = get_active_log_context().user
        how = TakeDown(user if getattr(user, "pk", None) else None, EDITOR_REASON)
    actor_name = how.actor_name
    if how.user is None and not actor_name:
        actor_name = "The system"
    record_event(
        Review.objects.get(pk=page.review_id),
        how.user,
        ACTION,
        how.reason,
        effective_on=how.effective_on,
        actor_name=actor_name,
    )


def take_down_due(today=None):
    """Take down every review whose retention date has come and whose page is still live."""
    today = today or timezone.localdate()
    due = Review.objects.filter(
        state__in=PUBLISHED_STATES, take_down_on__lte=today, public_page__live=True
    ).order_by("take_down_on", "pk")
    taken = []
    for review in due:
        take_down(
            review,
            None,
            f"Its retention date, {format_date(review.take_down_on, 'j F Y')}, has come.",
            effective_on=review.take_down_on,
            actor_name=RETENTION_ACTOR,
        )
        taken.append(review)
    return taken
