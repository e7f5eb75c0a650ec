"""Cases for the search tests: one published review and one case still in drafting whose
papers and summary hold a private word that must never leak."""

import pytest

from partnerships.access import Facts, facts_of
from reviews.models import CaseDocument
from reviews.people_vocabulary import PairRelationship
from reviews.stages import State
from reviews.workflow import perform_transition
from search.backends import DatabaseBackend
from search.query import SearchParams
from tests.factories import add_pair
from tests.files import pdf_upload
from tests.reviews.helpers import add_paper, add_publishable_papers, force_state

PRIVATE_WORD = "zanzibarquill"  # appears only in the draft case's private material
PUBLIC_PHRASE = "missed chances to share information"


def search(access_or_user, querystring="", backend=None):
    from django.http import QueryDict

    params = SearchParams.from_querydict(QueryDict(querystring))
    facts = access_or_user if isinstance(access_or_user, Facts) else facts_of(access_or_user)
    return (backend or DatabaseBackend()).search(params, facts)


@pytest.fixture
def published(cast):
    """A DHR published through the workflow: public page, published papers."""
    review = cast.review(chair=cast.chair, pseudonym="Adult Q")
    add_pair(review, PairRelationship.CURRENT_PARTNER)
    force_state(review, State.QA_APPROVED)
    add_publishable_papers(review, cast.manager)
    return perform_transition(review.pk, "publish", cast.manager, comment="Publish.")


@pytest.fixture
def draft(cast):
    """A case in drafting with the private word in its summary and an unpublished draft."""
    review = cast.review(
        chair=cast.chair,
        pseudonym="Adult Z",
        summary=f"Confidential notes mention {PRIVATE_WORD}.",
    )
    add_pair(review, victim={"age": 30})  # the 25-34 band
    force_state(review, State.DRAFTING)
    add_paper(
        review,
        CaseDocument.Kind.DRAFT_OVERVIEW_REPORT,
        cast.manager,
        pdf_upload([f"Draft overview report naming {PRIVATE_WORD} in a draft."], name="d.pdf"),
        audience=CaseDocument.Audience.STAFF,
    )
    review.refresh_from_db()
    return review
