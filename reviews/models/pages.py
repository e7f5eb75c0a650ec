"""Public Wagtail pages for published reviews.

Pages are made by publication (reviews.papers.publication), never by hand: the page editor
cannot create a ReviewPage and does not offer the executive summary for editing, so
nothing reaches the public without passing the publication gate (reviews.papers.gate).
What the page editor does offer (title, address, search description, browser title) is
read for the case's confidential terms when it changes (ReviewPage.clean, run by the
editor's form and by every save of a live page: a change is refused before it is stored).
"""

from django.db import models
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page
from wagtail.search import index

from ..papers.public_text import changed_texts, refuse_public_text
from ..public.listing import listing_context
from .papers import ConfidentialTerm, DocumentVersion
from .review import Review, public_page_rule, public_review_rule


class ReviewIndexPage(Page):
    """The list of published reviews."""

    intro = models.TextField(blank=True)

    subpage_types = ["reviews.ReviewPage"]
    template = "reviews/public/review_index_page.html"

    class Meta:
        verbose_name = "published reviews index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self.published_pages(), Review.objects.public()))
        return context

    def published_pages(self):
        """The pages of public reviews (Review.objects.public) listed here.

        The rule of public() read from the page side, in one flat query: a review has one
        page, so "the page of a review in public()" is "a page passing public_page_rule()
        whose review passes public_review_rule()". Asked as `review__in=public()`, the
        database would evaluate the rule for every public review inside each query."""
        return ReviewPage.objects.child_of(self).filter(
            public_page_rule(), public_review_rule("review__")
        )


class ReviewPage(Page):
    """One published review: its anonymised executive summary and reports to download."""

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.PROTECT, related_name="public_page"
    )
    executive_summary = models.TextField(
        help_text="Text of the executive summary as published, after the anonymisation check."
    )

    parent_page_types = ["reviews.ReviewIndexPage"]
    subpage_types = []
    is_creatable = False
    template = "reviews/public/review_page.html"
    search_fields = Page.search_fields + [index.SearchField("executive_summary")]

    class Meta:
        verbose_name = "published review"

    # What the page shows the public of itself, by field (as a refusal names it).
    PUBLIC_TEXT = {
        "title": "the page title",
        "seo_title": "the title shown in browsers and search engines",
        "search_description": "the search description",
        "slug": "the page's web address (slug)",
        "executive_summary": "the executive summary",
    }

    def clean(self):
        super().clean()
        # Only what changed: a page is never kept live, or kept from being taken down,
        # by text that was checked when it was published.
        refuse_public_text(
            changed_texts(self, self.PUBLIC_TEXT),
            ConfidentialTerm.objects.filter(review_id=self.review_id),
        )

    def public_review(self):
        """The review, if it is public (Review.objects.public); else None."""
        return (
            Review.objects.public().select_related("partnership").filter(pk=self.review_id).first()
        )

    def serve(self, request, *args, **kwargs):
        # A live page of a review that is not public (e.g. its state was corrected after
        # publication) is not served: public means the same everywhere.
        self.review_shown = self.public_review()
        if self.review_shown is None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        review = getattr(self, "review_shown", None)  # set by serve; a preview has none
        if review is None:
            review = Review.objects.select_related("partnership").get(pk=self.review_id)
        context["review"] = review
        context["public_documents"] = self.public_documents
        # Sections other apps show on the page, after the executive summary: components
        # (template_name + get_context_data) appended by the hook below.
        context["sections"] = []
        for construct in hooks.get_hooks("construct_review_page_context"):
            construct(request, self, context)
        return context

    @property
    def summary_paragraphs(self):
        return [p for p in self.executive_summary.split("\n\n") if p.strip()]

    @property
    def public_documents(self):
        """The published versions whose public copy is stored: what the page offers."""
        return (
            DocumentVersion.objects.public()
            .with_public_copy()
            .filter(document__review_id=self.review_id)
        )
