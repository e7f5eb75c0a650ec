"""Public Wagtail pages for published reviews.

Pages are made by publication (reviews.publication), never by hand: the page editor
cannot create a ReviewPage and does not offer the executive summary for editing, so
nothing reaches the public without passing the anonymisation check.
"""

from django.db import models
from wagtail.models import Page
from wagtail.search import index


class ReviewIndexPage(Page):
    """The list of published reviews."""

    intro = models.TextField(blank=True)

    subpage_types = ["reviews.ReviewPage"]
    template = "reviews/public/review_index_page.html"

    class Meta:
        verbose_name = "published reviews index"

    def get_context(self, request, *args, **kwargs):
        from .public_listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


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

    def get_context(self, request, *args, **kwargs):
        from .models import Review

        context = super().get_context(request, *args, **kwargs)
        context["review"] = Review.objects.select_related("partnership").get(pk=self.review_id)
        context["public_documents"] = self.public_documents
        return context

    @property
    def summary_paragraphs(self):
        return [p for p in self.executive_summary.split("\n\n") if p.strip()]

    @property
    def public_documents(self):
        from .models import DocumentVersion

        return DocumentVersion.objects.public().filter(document__review_id=self.review_id)
