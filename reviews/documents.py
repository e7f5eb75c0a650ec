"""Storing case documents: every upload is a new version; nothing is overwritten."""

import hashlib

from django.db import transaction
from django.db.models import Max

from .models import CaseDocument, DocumentVersion, document_upload_path, private_storage
from .workflow import record_event


def sha256_of(uploaded_file):
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def add_version(review, *, kind, title, uploaded_file, user, note=""):
    """Store the file, then record the version and its audit event in one transaction.
    If recording fails, the stored file is removed again, so nothing is half-saved."""
    storage = private_storage()
    stored_name = storage.save(document_upload_path(review.pk, uploaded_file.name), uploaded_file)
    try:
        with transaction.atomic():
            document, _ = CaseDocument.objects.get_or_create(review=review, kind=kind, title=title)
            # Lock the document row so two uploads at once cannot take the same number.
            CaseDocument.objects.select_for_update().filter(pk=document.pk).first()
            latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
            version = DocumentVersion.objects.create(
                document=document,
                number=latest + 1,
                file=stored_name,
                original_filename=uploaded_file.name,
                content_type=getattr(uploaded_file, "content_type", "")
                or "application/octet-stream",
                size=uploaded_file.size,
                sha256=sha256_of(uploaded_file),
                uploaded_by=user,
                note=note,
            )
            record_event(
                review,
                user,
                "document_uploaded",
                f"{document.get_kind_display()}: {title}, version {version.number}",
            )
    except Exception:
        storage.delete(stored_name)
        raise
    return version
