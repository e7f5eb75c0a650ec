"""Storing a new version of a case paper (versions are added, never overwritten)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ..events import record_event
from ..models import CaseDocument, DocumentVersion, document_upload_path, private_storage
from .uploads import check_upload


def check_audience(kind, audience):
    if audience == CaseDocument.Audience.PUBLIC and kind not in CaseDocument.PUBLISHABLE_KINDS:
        raise ValidationError(
            "Only the final anonymised report and the executive summary can be made public. "
            "Choose “panel” or “staff” for this paper."
        )


def change_audience(document, audience, user):
    """Who may read a paper, changed after it was uploaded (an executive summary uploaded
    for the panel is marked for the public when it is ready, without uploading it again).
    A paper already published stays public: it is withdrawn by unpublishing the review."""
    if audience not in CaseDocument.Audience.values:
        raise ValidationError("Choose who can read the paper.")
    check_audience(document.kind, audience)
    if audience == document.audience:
        return document
    if document.versions.filter(published_at__isnull=False).exists():
        raise ValidationError(
            "This paper is on the public site: it stays public until the review is unpublished."
        )
    with transaction.atomic():
        before = document.get_audience_display()
        document.audience = audience
        document.save(update_fields=["audience"])
        record_event(
            document.review,
            user,
            "audience_changed",
            f"{document.get_kind_display()}: who can read it changed from “{before}” to "
            f"“{document.get_audience_display()}”.",
        )
    return document


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
                sha256=checked.sha256,
                uploaded_by=user,
                note=note,
            )
            record_event(review, user, "document_uploaded", upload_event_text(version))
    except Exception:
        storage.delete(stored_name)
        raise
    return version
