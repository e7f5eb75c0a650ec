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


ROLES = [
    "manager",
    "approver",
    "chair",
    "panel_member",
    "partner",
    "other_manager",
    "other_chair",
    "stranger",
    "superuser",
]


def new_case_form(partnership, **fields):
    """POST data of the admin's new-case form, with empty panel and request formsets."""
    return {
        "partnership": partnership.pk,
        "kind": "dhr",
        "notified_on": "2026-05-31",
        "panel_memberships-TOTAL_FORMS": "0",
        "panel_memberships-INITIAL_FORMS": "0",
        "information_requests-TOTAL_FORMS": "0",
        "information_requests-INITIAL_FORMS": "0",
        **fields,
    }
