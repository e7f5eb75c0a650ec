"""Email notifications about cases, sent with Django's mail framework.

Messages are built inside the transaction that caused them and sent only once it
commits, so a refused or rolled-back transition never sends mail. Emails leave the system, so
they carry no case content: the reference, the pseudonym, what happened and a link;
comment text and documents stay behind the login.

Each notification has templates reviews/emails/<name>_subject.txt and <name>.txt; every
message also carries an HTML alternative made from its text.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django_fsm.signals import post_transition

from partnerships.models import Role

from . import tasks
from .deadlines import Milestone
from .models import Review

logger = logging.getLogger(__name__)

_muted = contextvars.ContextVar("review_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    """Send nothing inside this block (the demo loader builds cases without mail)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def review_url(review):
    return absolute(reverse("reviews:inspect", args=[review.pk]))


def build_message(name, user, context):
    context = {"recipient": user, "site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"reviews/emails/{name}_subject.txt", context).split())
    body = render_to_string(f"reviews/emails/{name}.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[user.email])
    html = render_to_string("reviews/emails/message.html", {"subject": subject, "body": body})
    message.attach_alternative(html, "text/html")
    return message


def notify(name, recipients, **context):
    """Email each recipient (one message each, so nobody sees the others' addresses)
    once the current transaction commits."""
    if _muted.get():
        return []
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    messages = [
        build_message(name, user, context) for user in unique.values() if user.email.strip()
    ]
    if messages:
        transaction.on_commit(lambda: send(messages), robust=True)
    return messages


def send(messages):
    """Queue each message for the background worker (reviews.tasks.send_email), so no one
    waits on the mail server and a refused message is tried again."""
    for message in messages:
        html = next(
            content for content, mimetype in message.alternatives if mimetype == "text/html"
        )
        tasks.send_email.enqueue(message.subject, message.body, html, message.to)


# ---------------------------------------------------------------- who hears what


def users_with_role(review, *roles):
    return get_user_model().objects.filter(
        memberships__partnership_id=review.partnership_id, memberships__role__in=roles
    )


def panel_of(review):
    return [seat.user for seat in review.panel_memberships.select_related("user")]


def chair_assigned(review):
    notify("chair_assigned", [review.chair], review=review, review_url=review_url(review))


def draft_submitted(review):
    recipients = [*users_with_role(review, Role.REVIEW_MANAGER), *panel_of(review)]
    notify("draft_submitted", recipients, review=review, review_url=review_url(review))


def signoff_needed(review):
    notify(
        "signoff_needed",
        users_with_role(review, Role.APPROVER),
        review=review,
        review_url=review_url(review),
    )


def comment_posted(comment):
    """A new thread tells the chair; a reply tells whoever started the thread (and the
    chair, when someone else answered). Nobody is told about their own comment."""
    version = comment.version
    review = version.document.review
    if comment.parent_id is None:
        recipients = [review.chair]
    else:
        recipients = [comment.parent.author, review.chair]
    recipients = [user for user in recipients if user is not None and user.pk != comment.author_id]
    notify(
        "comment_posted",
        recipients,
        review=review,
        comment=comment,
        document=version.document,
        version=version,
        version_url=absolute(reverse("reviews:version", args=[review.pk, version.pk])),
    )


def deadline_reminder(review, kind, milestone, due_on):
    """Managers always; the chair for the review's completion; approvers for the decision."""
    roles = [Role.REVIEW_MANAGER]
    if milestone == Milestone.DECISION:
        roles.append(Role.APPROVER)
    recipients = [*users_with_role(review, *roles)]
    if milestone == Milestone.COMPLETION:
        recipients.append(review.chair)
    return notify(
        f"deadline_{kind}",
        recipients,
        review=review,
        milestone=Milestone(milestone),
        due_on=due_on,
        review_url=review_url(review),
    )


# ---------------------------------------------------------------- triggers

# Transitions that notify someone, by transition name.
ON_TRANSITION = {
    "submit_draft": draft_submitted,
    "request_signoff": signoff_needed,
}


@receiver(post_transition, sender=Review, dispatch_uid="reviews_notify_on_transition")
def notify_on_transition(sender, instance, name, **kwargs):
    if name in ON_TRANSITION and "exception" not in kwargs:
        ON_TRANSITION[name](instance)


@receiver(post_init, sender=Review, dispatch_uid="reviews_remember_chair")
def remember_chair(sender, instance, **kwargs):
    # __dict__, not the attribute: a deferred chair_id must not cost a query.
    instance._chair_id_as_loaded = instance.__dict__.get("chair_id")


@receiver(post_save, sender=Review, dispatch_uid="reviews_notify_new_chair")
def notify_new_chair(sender, instance, created, **kwargs):
    loaded = None if created else getattr(instance, "_chair_id_as_loaded", None)
    if instance.chair_id and instance.chair_id != loaded:
        chair_assigned(instance)
    instance._chair_id_as_loaded = instance.chair_id
