"""Who finds what: the role x material matrix, and a private word in an unpublished draft
that no one else ever sees in results, snippets or facet counts."""

import pytest

from learning.models import Status
from partnerships.access import PUBLIC, facts_of
from search.models import SearchEntry
from tests.factories import PanelMembershipFactory
from tests.learning.factories import ActionFactory, RecommendationFactory, StrategyFactory

from .conftest import PRIVATE_WORD, search

pytestmark = pytest.mark.django_db

ACTION_WORD = "quillfeather"
RECOMMENDATION_WORD = "brambleward"


@pytest.fixture
def material(cast, draft):
    PanelMembershipFactory(review=draft, user=cast.panel_member, agency=cast.agency)
    RecommendationFactory(
        review=draft,
        text=f"Agencies should record {RECOMMENDATION_WORD} concerns.",
        owning_agency=cast.agency,
        status=Status.IN_PROGRESS,
    )
    ActionFactory(
        priority__strategy=StrategyFactory(partnership=cast.partnership),
        objective=f"Deliver the {ACTION_WORD} programme.",
    )
    return draft


# Which kinds of row each person finds for each word. Unpublished case: the staff-only
# draft paper is hidden from the panel; the recommendation is seen by staff, the chair and
# the owning agency's partner user; the action by the partnership's library readers.
EXPECTED = {
    "manager": ({"review", "document"}, {"recommendation"}, {"action"}),
    "approver": ({"review", "document"}, {"recommendation"}, {"action"}),
    "chair": ({"review", "document"}, {"recommendation"}, set()),
    "panel_member": ({"review"}, set(), set()),
    "partner": (set(), {"recommendation"}, {"action"}),
    "other_manager": (set(), set(), set()),
    "other_chair": (set(), set(), set()),
    "stranger": (set(), set(), set()),
}


@pytest.mark.parametrize("who", EXPECTED)
def test_role_matrix(cast, material, who):
    user = cast.everyone[who]
    found = [
        {hit.kind for hit in search(user, f"q={word}").hits}
        for word in (PRIVATE_WORD, RECOMMENDATION_WORD, ACTION_WORD)
    ]
    assert tuple(found) == EXPECTED[who]


@pytest.mark.parametrize("who", ["anonymous", *EXPECTED])
def test_queryset_agrees_with_search_results(cast, material, who):
    access = PUBLIC if who == "anonymous" else facts_of(cast.everyone[who])
    results = search(access, "type=review&type=document&type=recommendation&type=action")
    assert results.total == SearchEntry.objects.permitted(access).count()


@pytest.mark.parametrize("who", ["anonymous", "other_manager", "other_chair", "stranger"])
def test_private_draft_word_leaks_nowhere(cast, material, published, who):
    access = PUBLIC if who == "anonymous" else facts_of(cast.everyone[who])
    found = search(access, f"q={PRIVATE_WORD}")
    assert found.total == 0 and found.hits == [] and found.facets == []
    # Nor through the facets of a search that does find something: the draft case's
    # age band (25-34) is counted for no one who may not see the case.
    everything = search(access, "")
    assert everything.total == 0 or all(
        value.value != "25-34" for facet in everything.facets for value in facet.values
    )
    for hit in search(access, "q=adult").hits + search(access, "q=draft").hits:
        assert PRIVATE_WORD not in str(hit.snippet) and PRIVATE_WORD not in hit.title


def test_the_panel_sees_the_case_but_not_its_staff_only_draft(cast, material):
    results = search(cast.panel_member, f"q={PRIVATE_WORD}")
    assert [hit.kind for hit in results.hits] == ["review"]
    age = {f.name: f for f in results.facets}["age_band"]
    assert [(v.value, v.count) for v in age.values] == [("25-34", 1)]


def test_superusers_find_everything(cast, material, published):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    assert search(admin, f"q={PRIVATE_WORD}").total == 2
