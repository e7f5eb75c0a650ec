"""Helpers to build cases in any state for tests."""

from reviews.models import PanelMembership, Review
from reviews.workflow import perform_transition
from tests.factories import DocumentVersionFactory, InformationRequestFactory


def force_state(review, state, **fields):
    """Put a case straight into `state` (test set-up only: bypasses the workflow)."""
    Review.objects.filter(pk=review.pk).update(state=state, **fields)
    review.refresh_from_db()
    return review


def satisfy_prerequisites(review, cast):
    """Give a case everything any transition's conditions ask for."""
    review.chair = cast.chair
    review.terms_of_reference = "Fictional terms of reference."
    review.save()
    PanelMembership.objects.get_or_create(
        review=review, user=cast.panel_member, defaults={"agency": cast.agency}
    )
    InformationRequestFactory(review=review, agency=cast.agency)
    DocumentVersionFactory(document__review=review, number=1)
    return review


def walk(review, steps, user, comment="Recorded in test."):
    for name in steps:
        review = perform_transition(review.pk, name, user, comment=comment)
    return review
