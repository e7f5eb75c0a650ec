"""Case papers: each paper of a case, its versions (never overwritten), the comments on
them and the case's confidential list. Files live in private storage under names nobody
can guess; reviews.papers holds what is done with them."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

# CaseDocument.Audience (who a paper is for) is not the access rule's audience.
from partnerships.access import Audience as RuleAudience
from partnerships.access import ModelAccess, ScopedQuerySet

from ..papers.vocabulary import PANEL_AUDIENCES, PUBLISHABLE_KINDS, DocumentAudience, DocumentKind
from .review import Review


def private_storage():
    return storages["private"]


def document_upload_path(review_id, filename):
    """Files are stored under an unguessable name; the original name is kept on the row."""
    return f"reviews/{review_id}/{uuid.uuid4().hex}"


def version_upload_to(version, filename):
    return document_upload_path(version.document.review_id, filename)


def public_copy_upload_to(copy, filename):
    return document_upload_path(copy.version.document.review_id, filename)


class CaseDocumentQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the papers this user may open (the access rule)."""


def paper_audience(document):
    """A staff-only paper is for the case's chair; panel and public papers for its panel."""
    return RuleAudience.PANEL if document.audience in PANEL_AUDIENCES else RuleAudience.CASE


class CaseDocument(models.Model):
    """A case paper (terms of reference, IMR, draft report...). Its content lives in versions."""

    Kind = DocumentKind
    Audience = DocumentAudience
    PANEL_AUDIENCES = PANEL_AUDIENCES
    PUBLISHABLE_KINDS = PUBLISHABLE_KINDS

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PANEL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseDocumentQuerySet.as_manager()

    access = ModelAccess(
        partnership="review__partnership_id",
        review="review_id",
        audiences={
            RuleAudience.CASE: ~Q(audience__in=PANEL_AUDIENCES),
            RuleAudience.PANEL: Q(audience__in=PANEL_AUDIENCES),
        },
        audience_of=paper_audience,
    )

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


class DocumentVersionQuerySet(models.QuerySet):
    def public(self):
        """Versions anyone may download: passed the check at publication, of a paper that
        may be public, of a public review (Review.objects.public)."""
        return (
            self.filter(
                published_at__isnull=False,
                document__audience=CaseDocument.Audience.PUBLIC,
                document__kind__in=CaseDocument.PUBLISHABLE_KINDS,
                document__review__in=Review.objects.public(),
            )
            .select_related("document")
            .order_by("-document__kind", "document__title")  # the final report first
        )

    def with_public_copy(self):
        """Only versions whose public copy is stored: what a public download serves. A
        version published before public copies existed has none until
        `manage.py regenerate_public_copies` makes it (docs/operations.md)."""
        return self.filter(public_copy__isnull=False).select_related("public_copy")


class DocumentVersion(models.Model):
    """One uploaded file. Versions are added, never overwritten."""

    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, upload_to=version_upload_to, max_length=300)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Set when this version passed the anonymisation check and was published.",
    )

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_version_number")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_public_url(self):
        """The public download's address, with the public copy's generated name (never the
        upload's name). Only for a version that has a public copy."""
        return reverse("reviews_public:document", args=[self.pk, self.public_copy.filename])


class PublicCopy(models.Model):
    """The file the public downloads for a published version: a PDF made from the upload
    at publication and checked by the publication gate (reviews.papers.public_copy), named
    from the pseudonym and the kind of paper, never after the upload. Kept in private
    storage like the upload; served only by the public download view."""

    version = models.OneToOneField(
        DocumentVersion, on_delete=models.CASCADE, related_name="public_copy"
    )
    file = models.FileField(
        storage=private_storage, upload_to=public_copy_upload_to, max_length=300
    )
    filename = models.CharField(
        max_length=120, help_text="Generated from the pseudonym and the kind of paper."
    )
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "public copy"

    def __str__(self):
        return self.filename


class DocumentComment(models.Model):
    """A comment on one version of a paper, or a reply in its thread (one level deep)."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, help_text="Kept in case the account is removed.")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name} on {self.version}"

    @property
    def thread(self):
        return self.parent or self


class ConfidentialTerm(models.Model):
    """A name or identifier that must never appear in published material (the real
    names of the victim, perpetrator and family, addresses...). Seen only by the
    partnership's staff; the publication check refuses any document containing one."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="confidential_terms")
    term = models.CharField(max_length=200)
    variants = models.JSONField(
        default=list,
        blank=True,
        help_text="Other ways the same name is written (initials, nicknames, a maiden "
        "name): each is refused at publication like the term, and reported under it.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                Lower("term"), "review", name="unique_confidential_term_per_review"
            )
        ]

    def __str__(self):
        return "Confidential term"  # never the term itself: str() ends up in logs and lists
