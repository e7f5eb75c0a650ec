"""Staff views for case papers: upload, download, comments, confidential terms and the
Home Office pack (the public download of published reports is reviews.public.views).

Views find the case with reviews.lookups.visible_review_or_404 and the paper in
`CaseDocument.objects.visible_to(user)`: a case or paper the user may not see is a plain
404, whatever id is guessed. Files are always sent as attachments with nosniff, from
private storage, under the checked name recorded at upload.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from partnerships.rules import is_review_chair

from ..events import record_event
from ..forms import (
    CommentForm,
    ConfidentialTermForm,
    ConfidentialVariantsForm,
    DocumentUploadForm,
)
from ..lookups import visible_review_or_404
from ..models import CaseDocument, ConfidentialTerm, DocumentComment, DocumentVersion
from ..rules import (
    can_download_submission_pack,
    can_manage_confidential_terms,
    can_reply_to_comment,
    can_start_comment,
    can_upload_papers,
)
from . import confidential, submission
from .comments import post_comment
from .downloads import attachment
from .versions import change_audience


def visible_version_or_404(request, review, version_pk):
    return get_object_or_404(
        DocumentVersion.objects.select_related("document", "uploaded_by"),
        pk=version_pk,
        document__review=review,
        document__in=CaseDocument.objects.visible_to(request.user),
    )


def error_sentences(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def papers_context(review, user):
    """What the case page's papers, terms and pack sections need (see
    reviews/includes/papers.html). The upload is reviews.views.PaperUploadView: a refused
    one shows the case page again with its form as entered."""
    documents = (
        CaseDocument.objects.visible_to(user)
        .filter(review=review)
        .prefetch_related("versions__uploaded_by", "versions__comments")
    )
    can_upload = can_upload_papers.test(user, review)
    can_manage_terms = can_manage_confidential_terms.test(user, review)
    context = {
        "documents": documents,
        "can_upload": can_upload,
        "audiences": CaseDocument.Audience.choices,
        "upload_form": DocumentUploadForm(review=review, user=user) if can_upload else None,
        "can_manage_terms": can_manage_terms,
        "can_download_pack": (
            can_download_submission_pack.test(user, review) and submission.pack_is_available(review)
        ),
    }
    if can_manage_terms:
        terms = review.confidential_terms.select_related("added_by")
        context["confidential_terms"] = [
            (term, ConfidentialVariantsForm(initial={"variants": "\n".join(term.variants)}))
            for term in terms
        ]
        context["term_form"] = ConfidentialTermForm()
    return context


class DocumentAudienceView(View):
    """POST: change who can read a paper (those who may upload papers may)."""

    def post(self, request, pk, document_pk):
        review = visible_review_or_404(request, pk)
        if not can_upload_papers.test(request.user, review):
            raise Http404
        document = get_object_or_404(review.documents, pk=document_pk)
        try:
            change_audience(document, request.POST.get("audience", ""), request.user)
        except ValidationError as refusal:
            messages.error(request, f"Nothing was changed. {error_sentences(refusal)}")
        else:
            messages.success(
                request, f"{document.title} can now be read by: {document.get_audience_display()}."
            )
        return redirect(reverse("reviews:inspect", args=[review.pk]) + "#documents-heading")


class DocumentDownloadView(View):
    def get(self, request, pk, version_pk):
        review = visible_review_or_404(request, pk)
        version = visible_version_or_404(request, review, version_pk)
        return attachment(version.file.open("rb"), version.original_filename, version.content_type)


class DocumentVersionView(View):
    """One version of a paper, with its comment threads: where the panel comments and
    the chair answers."""

    template_name = "reviews/document_version.html"

    def get(self, request, pk, version_pk):
        review = visible_review_or_404(request, pk)
        version = visible_version_or_404(request, review, version_pk)
        document = version.document
        threads = (
            version.comments.filter(parent__isnull=True)
            .select_related("author")
            .prefetch_related("replies__author")
        )
        context = {
            "review": review,
            "document": document,
            "version": version,
            "versions": document.versions.select_related("uploaded_by"),
            "threads": threads,
            "can_start_thread": can_start_comment.test(request.user, review),
            "can_reply": can_reply_to_comment.test(request.user, review),
            "comment_form": CommentForm(),
            "is_chair": is_review_chair.test(request.user, review),
        }
        return TemplateResponse(request, self.template_name, context)


class CommentCreateView(View):
    def post(self, request, pk, version_pk):
        review = visible_review_or_404(request, pk)
        version = visible_version_or_404(request, review, version_pk)
        form = CommentForm(request.POST)
        parent = None
        if form.is_valid() and form.cleaned_data["parent"]:
            parent = get_object_or_404(
                DocumentComment, pk=form.cleaned_data["parent"], version=version
            )
        try:
            post_comment(version, request.user, request.POST.get("body", ""), parent=parent)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as refusal:
            messages.error(request, f"Nothing was posted. {error_sentences(refusal)}")
        else:
            messages.success(request, "Reply posted." if parent else "Comment posted.")
        return redirect("reviews:version", pk=review.pk, version_pk=version.pk)


class ConfidentialTermsMixin:
    def get_review(self, request, pk):
        review = visible_review_or_404(request, pk)
        if not can_manage_confidential_terms.test(request.user, review):
            raise Http404
        return review


class ConfidentialTermAddView(ConfidentialTermsMixin, View):
    def post(self, request, pk):
        review = self.get_review(request, pk)
        form = ConfidentialTermForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            confidential.add_confidential_term(
                review,
                form.cleaned_data["term"],
                request.user,
                variants=form.cleaned_data["variants"],
            )
        except ValidationError as refusal:
            messages.error(request, f"The term was not added. {error_sentences(refusal)}")
        else:
            messages.success(request, "Added to the confidential list.")
        return redirect("reviews:inspect", pk=review.pk)


class ConfidentialTermVariantsView(ConfidentialTermsMixin, View):
    def post(self, request, pk, term_pk):
        review = self.get_review(request, pk)
        term = get_object_or_404(ConfidentialTerm, pk=term_pk, review=review)
        form = ConfidentialVariantsForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            confidential.change_variants(term, form.cleaned_data["variants"], request.user)
        except ValidationError as refusal:
            messages.error(request, f"The spellings were not changed. {error_sentences(refusal)}")
        else:
            messages.success(request, "The other spellings were saved.")
        return redirect("reviews:inspect", pk=review.pk)


class ConfidentialTermDeleteView(ConfidentialTermsMixin, View):
    def post(self, request, pk, term_pk):
        review = self.get_review(request, pk)
        term = get_object_or_404(ConfidentialTerm, pk=term_pk, review=review)
        confidential.remove_confidential_term(term, request.user)
        messages.success(request, "Removed from the confidential list.")
        return redirect("reviews:inspect", pk=review.pk)


class SubmissionPackView(View):
    def get(self, request, pk):
        review = visible_review_or_404(request, pk)
        if not can_download_submission_pack.test(request.user, review):
            raise Http404
        try:
            pack = submission.build_pack(review)
        except submission.PackUnavailable as refusal:
            messages.error(request, str(refusal))
            return redirect("reviews:inspect", pk=review.pk)
        record_event(
            review, request.user, "submission_pack_downloaded", "Home Office submission pack."
        )
        return attachment(pack, submission.pack_filename(review), "application/zip")
