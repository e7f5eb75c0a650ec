"""What the learning library shows inside the reviews app's pages, registered into reviews'
hooks by learning/wagtail_hooks.py: the recommendations of a published review on its
public page, and the theme filter of the published reviews list."""

from django import forms
from wagtail.admin.ui.components import Component

from reviews.hooks import ListingFilter

from ..models import Recommendation, Theme
from ..models.pages import live_library_page
from . import library as public


class PublishedRecommendationsSection(Component):
    """A published review's recommendations with their progress and delivering actions."""

    template_name = "learning/public/review_recommendations.html"

    def __init__(self, request, review):
        self.request = request
        self.review = review  # the Review shown on the page

    def get_context_data(self, parent_context=None):
        recommendations = public.with_progress(
            public.public_recommendations()
            .filter(review=self.review)
            .select_related("owning_agency")
        )
        return {
            "request": self.request,
            "recommendations": public.public_responses(self.review, recommendations),
            "library": live_library_page(self.request),
        }


def theme_field():
    return forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All themes",
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )


def with_theme(pages, theme):
    # A subquery, not a join: a review with several recommendations on the theme is
    # listed once, and the count needs no DISTINCT.
    reviews = Recommendation.objects.filter(themes=theme).values("review_id")
    return pages.filter(review_id__in=reviews)


THEME_FILTER = ListingFilter(name="theme", field=theme_field, apply=with_theme)
