"""What the public may read of the learning library, and how it is fetched.

Strategies and their action plans are public documents: all of them are shown. A
recommendation is shown only once its review is published and its public page is live.
Every function here costs a fixed number of queries whatever the library holds.
"""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q

from reviews.models import Review
from reviews.papers.confidential import review_terms
from reviews.papers.gate import check_text
from reviews.papers.pieces import TextPiece

from ..models.bodies import BodyRecommendation
from ..models.library import (
    RAG,
    Action,
    Priority,
    Recommendation,
    RecommendationAction,
    Status,
    Theme,
)


def public_review(review=None):
    """Rows of a public review (Review.objects.public: the one meaning of public); of that
    one review only if given (the rule is then checked for it alone, not for every public
    review)."""
    reviews = Review.objects.public()
    if review is not None:
        reviews = reviews.filter(pk=review.pk)
    return Q(review__in=reviews)


# GOV.UK tag colours. Amber is GOV.UK's yellow tag: its orange tag's contrast is lower.
RAG_TAG_CLASSES = {
    RAG.RED: "govuk-tag--red",
    RAG.AMBER: "govuk-tag--yellow",
    RAG.GREEN: "govuk-tag--green",
    RAG.BLUE: "govuk-tag--blue",
}
STATUS_TAG_CLASSES = {
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.IN_PROGRESS: "govuk-tag--light-blue",
    Status.ON_HOLD: "govuk-tag--orange",
    Status.COMPLETE: "govuk-tag--green",
    Status.NOT_IMPLEMENTED: "govuk-tag--purple",
}


def public_recommendations(review=None):
    return Recommendation.objects.filter(public_review(review))


def with_progress(recommendations):
    """Recommendations with their themes, the latest progress date and the linked actions
    (with their strategy and partnership): three queries for any number of them."""
    return recommendations.annotate(
        latest_update_on=Max("progress_updates__reported_on")
    ).prefetch_related(
        "themes",
        Prefetch(
            "action_links",
            queryset=RecommendationAction.objects.select_related(
                "action__strategy__partnership"
            ).order_by("action__strategy__title", "action__position", "action__pk"),
        ),
    )


def themes_with_counts():
    """Every theme that has at least one public recommendation, with how many."""
    return (
        Theme.objects.annotate(
            public_count=Count(
                "recommendations",
                filter=Q(recommendations__review__in=Review.objects.public()),
            )
        )
        .filter(public_count__gt=0)
        .order_by("name")
    )


def theme_recommendations(theme):
    return (
        with_progress(public_recommendations().filter(themes=theme))
        .select_related("review__partnership", "review__public_page", "owning_agency")
        .order_by("-review__published_on", "review_id", "number")
    )


def strategy_actions(strategy):
    """The strategy's priorities, each with its actions in plan order (two queries)."""
    return Priority.objects.filter(strategy=strategy).prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.annotate(
                latest_update_on=Max("progress_updates__reported_on")
            ).order_by("position", "pk"),
        )
    )


# ---------------------------------------------------------------- responses from bodies


def public_responses(review, recommendations):
    """Attach to each recommendation of a public review `public_responses`: what the bodies
    it was sent to answered, with the outcome and implementation status. The response
    text goes through the public-text path: read for the case's confidential terms
    (reviews.papers.gate.check_text) and left out, with a note, when any is found."""
    recommendations = list(
        recommendations.annotate(
            sent_to_a_body=Exists(
                BodyRecommendation.objects.filter(
                    recommendation=OuterRef("pk"), sent_on__isnull=False
                )
            )
        )
    )
    if not any(r.sent_to_a_body for r in recommendations):  # no query for what is not there
        for recommendation in recommendations:
            recommendation.public_responses = []
        return recommendations
    sent = (
        BodyRecommendation.objects.filter(
            recommendation__in=[r.pk for r in recommendations], sent_on__isnull=False
        )
        .filter(public_review_of("recommendation__"))
        .select_related("body")
        .order_by("body__name")
    )
    terms = None
    by_recommendation = {}
    for row in sent:
        text, reasons = row.response_text.strip(), row.outcome_reasons.strip()
        withheld = False
        if text or reasons:
            if terms is None:
                terms = review_terms(review)
            pieces = [
                TextPiece(f"the response of {row.body.name}", text),
                TextPiece(f"the reasons given by {row.body.name}", reasons),
            ]
            withheld = check_text(pieces, terms) is not None
        by_recommendation.setdefault(row.recommendation_id, []).append(
            {
                "body": row.body.name,
                "code": row.body.code,
                "stage_code": row.stage().value,
                "outcome_code": row.outcome,
                "implementation_code": row.implementation_status,
                "sent_on": row.sent_on,
                "responded_on": row.responded_on,
                "stage": row.stage().label,
                "outcome": row.get_outcome_display(),
                "reasons": "" if withheld else reasons,
                "response": "" if withheld else text,
                "withheld": withheld,
                "implementation": row.get_implementation_status_display(),
            }
        )
    for recommendation in recommendations:
        recommendation.public_responses = by_recommendation.get(recommendation.pk, [])
    return recommendations


def public_review_of(prefix):
    return Q(**{f"{prefix}review__in": Review.objects.public()})
