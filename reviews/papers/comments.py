"""Comments on a version of a case paper: the panel and staff comment, the chair answers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.people import full_name

from .. import notifications
from ..events import record_event
from ..models import DocumentComment
from ..rules import can_comment_on
from .versions import upload_event_text

MAX_COMMENT_LENGTH = 10_000


def post_comment(version, user, body, parent=None):
    """A panel member or staff comment on a version, or a reply in its thread (the chair
    answers here). Raises PermissionDenied for someone who may not, ValidationError for
    an empty or misplaced comment."""
    document = version.document
    if not can_comment_on(user, document, parent):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write something before posting.")
    if "\x00" in body:  # no database can store it (PostgreSQL refuses it outright)
        raise ValidationError("A comment cannot contain null characters.")
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationError(f"A comment can be at most {MAX_COMMENT_LENGTH} characters long.")
    if parent is not None and (parent.version_id != version.pk or parent.parent_id is not None):
        raise ValidationError("Replies go under a comment on the same version.")
    with transaction.atomic():
        comment = DocumentComment.objects.create(
            version=version,
            parent=parent,
            author=user,
            author_name=full_name(user),
            body=body,
        )
        record_event(
            document.review,
            user,
            "comment_replied" if parent else "comment_posted",
            f"On {upload_event_text(version)}.",
        )
        notifications.comment_posted(comment)
    return comment
