"""What the learning library shows inside the reviews app's pages, registered into reviews'
hooks by learning/wagtail_hooks.py: the recommendations of a published review on its
public page, the theme filter of the published reviews list, and the same
recommendations' text for the publication gate to read (public_texts)."""

from django import forms
from django.db.models import Prefetch
from wagtail.admin.ui.components import Component

from reviews.hooks import ListingFilter
from reviews.papers.pieces import TextPiece

from ..models import Recommendation, RecommendationAction, Theme
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
            public.public_recommendations(self.review).select_related("owning_agency")
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


def public_texts(review):
    """What the review's public page and the library will show of its recommendations
    and the actions delivering them, as TextPieces naming each place: read by the
    publication gate (hook `register_public_texts`)."""
    recommendations = Recommendation.objects.filter(review=review).prefetch_related(
        Prefetch(
            "action_links",
            queryset=RecommendationAction.objects.select_related("action__strategy"),
        )
    )
    pieces = []
    for recommendation in recommendations:
        where = f"recommendation {recommendation.number}"
        pieces += [
            TextPiece(f"{text.label} ({where})", text.text)
            for text in recommendation.public_texts()
        ]
        for link in recommendation.action_links.all():
            action = link.action
            pieces += [
                TextPiece(
                    f"{text.label} (action {action.reference}, delivering {where})", text.text
                )
                for text in action.public_texts()
            ]
            pieces.append(
                TextPiece(f"the title of the strategy delivering {where}", action.strategy.title)
            )
        # The responses of the bodies it was sent to, shown on the page once answered.
        for sent in recommendation.to_bodies.select_related("body"):
            pieces += [
                TextPiece(f"the response of {sent.body.name} ({where})", sent.response_text),
                TextPiece(f"the reasons given by {sent.body.name} ({where})", sent.outcome_reasons),
            ]
    return pieces
