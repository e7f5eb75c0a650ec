"""Case papers: storing versions (never overwritten) and the comments on them."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from . import notifications
from .models import (
    CaseDocument,
    DocumentComment,
    DocumentVersion,
    document_upload_path,
    private_storage,
)
from .rules import can_comment_on
from .uploads import check_upload
from .workflow import record_event

MAX_COMMENT_LENGTH = 10_000


def sha256_of(uploaded_file):
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def check_audience(kind, audience):
    if audience == CaseDocument.Audience.PUBLIC and kind not in CaseDocument.PUBLISHABLE_KINDS:
        raise ValidationError(
            "Only the final anonymised report and the executive summary can be made public. "
            "Choose “panel” or “staff” for this paper."
        )


def upload_event_text(version):
    """The history is read by everyone on the case, panel included, so a staff-only
    paper is named there by its kind only, never by its title."""
    document = version.document
    if document.audience == CaseDocument.Audience.STAFF:
        return f"Staff-only paper ({document.get_kind_display()}), version {version.number}"
    return f"{document.get_kind_display()}: {document.title}, version {version.number}"


def add_version(
    review, *, uploaded_file, user, kind=None, title=None, audience=None, document=None, note=""
):
    """Check the file, store it, then record the version and its audit event.

    Either `document` (a new version of an existing paper of this case) or `kind` and
    `title` (the paper with that kind and title, created if new, with `audience`). A file
    that fails the content check raises ValidationError before anything is stored; if
    recording fails, the stored file is removed again, so nothing is half-saved."""
    if document is not None and document.review_id != review.pk:
        raise ValidationError("That paper belongs to another case.")
    if document is None:
        audience = audience or CaseDocument.Audience.PANEL
        check_audience(kind, audience)
    checked = check_upload(uploaded_file)
    storage = private_storage()
    stored_name = storage.save(document_upload_path(review.pk, checked.safe_name), uploaded_file)
    try:
        with transaction.atomic():
            if document is None:
                document, _ = CaseDocument.objects.get_or_create(
                    review=review, kind=kind, title=title, defaults={"audience": audience}
                )
            # Lock the document row so two uploads at once cannot take the same number.
            CaseDocument.objects.select_for_update().filter(pk=document.pk).first()
            latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
            version = DocumentVersion.objects.create(
                document=document,
                number=latest + 1,
                file=stored_name,
                original_filename=checked.safe_name,
                content_type=checked.content_type,
                size=uploaded_file.size,
                sha256=sha256_of(uploaded_file),
                uploaded_by=user,
                note=note,
            )
            record_event(review, user, "document_uploaded", upload_event_text(version))
    except Exception:
        storage.delete(stored_name)
        raise
    return version


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
            author_name=user.get_full_name() or user.get_username(),
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
