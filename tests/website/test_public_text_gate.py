"""Every public text of a published review meets the gate when it changes: the pseudonym
and summary, the page's title, address and descriptions (in the page editor too),
recommendations and the actions delivering them (and linking them), imports, and
publication itself. A refusal names the field and the term, and nothing is stored.

The terms are found however they are typed: a declared variant, a non-breaking hyphen,
a zero-width space, a Cyrillic look-alike letter."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data

from learning.importing import ImportRefused
from learning.models import Action, Recommendation, RecommendationAction
from learning.recommendation_files import import_recommendations
from learning.tabular import Table
from reviews.models import Review, ReviewPage
from reviews.papers.confidential import add_confidential_term
from reviews.papers.public_text import PublicTextRefused
from reviews.papers.publication import PublicationRefused
from reviews.stages import State
from reviews.workflow import perform_transition
from tests.factories import PartnershipFactory, UserFactory
from tests.learning.factories import ActionFactory, PriorityFactory, RecommendationFactory
from tests.reviews.helpers import add_publishable_papers, approved_for_publication

from .public_data import published_review, recommendation_with_progress

TERM = "Marjorie Fictitia"
VARIANT = "Madge"
# How the term reaches the public unnoticed by a plain comparison.
NON_BREAKING_HYPHEN = "Marjorie\u2011Fictitia"
ZERO_WIDTH = "Marjorie Fict\u200bitia"
CYRILLIC_A = "M\u0430rjorie Fictitia"


@pytest.fixture
def public(home):
    review = published_review(PartnershipFactory(), pseudonym="Adult Wren")
    add_confidential_term(review, TERM, UserFactory(), variants=VARIANT)
    recommendation = recommendation_with_progress(review, text="Fictional housing advice.")
    return {
        "review": review,
        "page": ReviewPage.objects.get(review=review),
        "recommendation": recommendation,
        "action": recommendation.actions.get(),
    }


def fresh(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.mark.parametrize(
    "target, field, value, label",
    [
        ("review", "pseudonym", TERM, "the pseudonym"),
        ("review", "summary", f"Seen by {VARIANT} on the day.", "summary"),
        ("page", "title", NON_BREAKING_HYPHEN, "the page title"),
        ("page", "search_description", f"About {CYRILLIC_A}.", "the search description"),
        ("page", "seo_title", ZERO_WIDTH, "browsers"),
        ("page", "slug", "marjorie-fictitia", "web address"),
        ("recommendation", "text", f"Tell {ZERO_WIDTH}'s GP.", "recommendation's text"),
        ("recommendation", "number", VARIANT, "recommendation's number"),
        ("action", "objective", f"Visit {NON_BREAKING_HYPHEN}.", "the action's text"),
        ("action", "lead", f"{CYRILLIC_A}, housing officer", "the action's lead"),
    ],
)
def test_a_public_text_holding_a_term_is_refused_and_nothing_is_stored(
    client, public, target, field, value, label
):
    obj = public[target]
    before = getattr(fresh(obj), field)
    setattr(obj, field, value)
    # (A live page's save runs full_clean, which gathers the refusal into its own error.)
    with pytest.raises(ValidationError) as refused:
        obj.save()
    messages = refused.value.message_dict[field]
    assert any(f"“{TERM}”" in m and label in m for m in messages), messages
    assert getattr(fresh(obj), field) == before
    # The form path: the model's clean() reports the same, beside the field.
    with pytest.raises(PublicTextRefused) as cleaned:
        obj.clean()
    assert field in cleaned.value.message_dict
    feed = client.get("/feeds/reviews/").content.decode()
    assert "Adult Wren" in feed and "Marjorie" not in feed


def test_clean_changes_and_unpublished_cases_are_not_held_up(public):
    review = public["review"]
    review.pseudonym = "Adult Heron"
    review.save()
    assert fresh(review).pseudonym == "Adult Heron"
    draft = Review.objects.create(
        partnership=review.partnership, kind=review.kind, notified_on=review.notified_on
    )
    add_confidential_term(draft, TERM, UserFactory())
    draft.pseudonym = TERM  # refused at publication (the gate), not while drafting
    draft.save()


def test_linking_an_action_that_names_a_term_to_a_published_recommendation_is_refused(public):
    action = ActionFactory(
        priority=PriorityFactory(strategy=public["action"].strategy),
        objective=f"Support {VARIANT}.",
    )
    link = RecommendationAction(recommendation=public["recommendation"], action=action)
    with pytest.raises(PublicTextRefused, match=f"“{TERM}” \\(written “{VARIANT}”\\)"):
        link.save()
    assert not RecommendationAction.objects.filter(action=action).exists()


def test_the_page_editor_refuses_to_publish_a_term(admin_client, public):
    page = public["page"]
    revisions = page.revisions.count()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": "",
            "search_description": f"What happened to {NON_BREAKING_HYPHEN}.",
            "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"},
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"“{TERM}” appears in the search description" in html
    page = fresh(page)
    assert page.search_description == "" and page.revisions.count() == revisions
    assert "Marjorie" not in admin_client.get(page.url).content.decode()


def test_importing_a_recommendation_that_names_a_term_stores_nothing(public):
    review = public["review"]
    header = ["review_reference", "number", "text", "level"]
    rows = [
        [review.reference, "9", "Fictional clean recommendation.", "multi_agency"],
        [review.reference, "10", f"Ask {CYRILLIC_A}.", "multi_agency"],
    ]
    table = Table(
        header, [(n, dict(zip(header, row, strict=True))) for n, row in enumerate(rows, 2)]
    )
    with pytest.raises(ImportRefused) as refused:
        import_recommendations(review.partnership, table)
    assert any(TERM in str(error) for error in refused.value.errors)
    assert not Recommendation.objects.filter(review=review, number__in=["9", "10"]).exists()


@pytest.mark.django_db
def test_publication_reads_the_recommendations_and_their_actions(cast, home):
    review = approved_for_publication(cast, TERM)
    review.confidential_terms.update(variants=[VARIANT])
    add_publishable_papers(review, cast.manager)
    recommendation = RecommendationFactory(review=review, text="Fictional clean advice.")
    action = ActionFactory(
        priority=PriorityFactory(strategy__partnership=review.partnership),
        objective=f"Support {VARIANT}'s family.",
    )
    RecommendationAction.objects.create(recommendation=recommendation, action=action)
    with pytest.raises(PublicationRefused, match=f"written “{VARIANT}”.*the action's text"):
        perform_transition(review.pk, "publish", cast.manager, comment="Publish.")
    review.refresh_from_db()
    assert review.state == State.QA_APPROVED
    assert not ReviewPage.objects.filter(review=review).exists()
    assert Action.objects.filter(pk=action.pk).exists()
