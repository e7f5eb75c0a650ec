"""Shared lists (agencies, themes) and people: national rows are a system administrator's;
a partnership's staff see, offer and change only their own partnership's rows and the
national ones, and a forged choice of another partnership's row is refused."""

import pytest
from django.urls import reverse

from learning.models import Action, Recommendation, Theme
from partnerships.models import Agency, Membership, Role
from reviews.models import Review
from tests.factories import AgencyFactory, user_with_role
from tests.learning.conftest import Library
from tests.learning.factories import ThemeFactory
from tests.reviews.helpers import new_case_form

pytestmark = pytest.mark.django_db


class Lists(Library):
    def __init__(self, cast):
        super().__init__(cast)
        self.national_theme = ThemeFactory(name="Housing", slug="housing")
        self.own_theme = ThemeFactory(
            name="Northbrook estates", slug="northbrook-estates", partnership=cast.partnership
        )
        self.foreign_theme = ThemeFactory(
            name="Southmere ferries", slug="southmere-ferries", partnership=cast.other_partnership
        )
        self.foreign_agency = AgencyFactory(
            name="Southmere Harbour Trust", partnership=cast.other_partnership
        )
        self.foreign_panel_member = user_with_role(
            Role.PANEL_MEMBER, cast.other_partnership, username="southmere_panel"
        )


@pytest.fixture
def lists(cast):
    return Lists(cast)


def recommendation_form(lists, **changes):
    return {
        "review": lists.published_review.pk,
        "number": "2",
        "text": "Revised text.",
        "level": "multi_agency",
        "owning_agency": lists.other_agency.pk,
        "themes": [lists.national_theme.pk, lists.own_theme.pk],
        "status": "not_started",
        "action_links-TOTAL_FORMS": "0",
        "action_links-INITIAL_FORMS": "0",
        **changes,
    }


def action_form(lists, **changes):
    return {
        "priority": lists.priority.pk,
        "reference": "1.1",
        "objective": "Revised objective.",
        "lead_agency": lists.cast.agency.pk,
        **changes,
    }


def panel_seat(user):
    return {
        "panel_memberships-TOTAL_FORMS": "1",
        "panel_memberships-0-user": user.pk,
        "panel_memberships-0-agency": "",
        "panel_memberships-0-role": "",
        "panel_memberships-0-ORDER": "",
        "panel_memberships-0-DELETE": "",
    }


# Each form, posted by the partnership's manager with one choice forged to another
# partnership's row: (url, data, what must not have happened).
FORGERIES = {
    "recommendation's owning agency": lambda lists: (
        reverse("learning_recommendations:edit", args=[lists.published_other.pk]),
        recommendation_form(lists, owning_agency=lists.foreign_agency.pk),
        lambda: Recommendation.objects.filter(text="Revised text.").exists(),
    ),
    "recommendation's theme": lambda lists: (
        reverse("learning_recommendations:edit", args=[lists.published_other.pk]),
        recommendation_form(lists, themes=[lists.national_theme.pk, lists.foreign_theme.pk]),
        lambda: Recommendation.objects.filter(text="Revised text.").exists(),
    ),
    "action's lead agency": lambda lists: (
        reverse("learning_actions:edit", args=[lists.owned_action.pk]),
        action_form(lists, lead_agency=lists.foreign_agency.pk),
        lambda: Action.objects.filter(objective="Revised objective.").exists(),
    ),
    "case's agencies": lambda lists: (
        reverse("reviews:add"),
        new_case_form(lists.cast.partnership, agencies=[lists.foreign_agency.pk]),
        lambda: Review.objects.filter(notified_on="2026-05-31").exists(),
    ),
    "case's chair": lambda lists: (
        reverse("reviews:add"),
        new_case_form(lists.cast.partnership, chair=lists.cast.other_chair.pk),
        lambda: Review.objects.filter(notified_on="2026-05-31").exists(),
    ),
    "case's panel member": lambda lists: (
        reverse("reviews:add"),
        new_case_form(lists.cast.partnership, **panel_seat(lists.foreign_panel_member)),
        lambda: Review.objects.filter(notified_on="2026-05-31").exists(),
    ),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_choice_of_another_partnership_s_row_is_refused(client, lists, forgery):
    url, data, happened = FORGERIES[forgery](lists)
    client.force_login(lists.cast.manager)

    response = client.post(url, data)

    assert response.status_code == 200, forgery  # the form again, with the refusal
    assert "Select a valid choice" in response.content.decode(), forgery
    assert not happened(), forgery


def test_the_honest_version_of_each_form_is_accepted(client, lists):
    """The forgeries above fail for their forged choice alone."""
    client.force_login(lists.cast.manager)
    for url, data, happened in [
        FORGERIES["recommendation's theme"](lists),
        FORGERIES["action's lead agency"](lists),
    ]:
        honest = {**data}
        honest.pop("themes" if "themes" in data else "lead_agency")
        assert client.post(url, honest).status_code == 302, url
        assert happened(), url


def test_a_manager_of_two_partnerships_cannot_mix_their_lists(client, lists):
    manager = lists.cast.manager
    Membership.objects.create(
        user=manager, partnership=lists.cast.other_partnership, role=Role.REVIEW_MANAGER
    )
    client.force_login(manager)
    url, data, happened = FORGERIES["recommendation's owning agency"](lists)

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Southmere Harbour Trust is another partnership&#x27;s agency." in (
        response.content.decode()
    )
    assert not happened()


def test_choice_lists_offer_only_national_rows_and_the_partnership_s_own(client, lists):
    client.force_login(lists.cast.manager)
    pages = {
        "recommendation": reverse("learning_recommendations:edit", args=[lists.published_other.pk]),
        "action": reverse("learning_actions:edit", args=[lists.owned_action.pk]),
        "case": reverse("reviews:add"),
    }
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert "Northbrook Police" in page, name
        assert "Southmere Harbour Trust" not in page, name
        assert "southmere_panel" not in page, name
    page = client.get(pages["recommendation"]).content.decode()
    assert "Housing" in page and "Northbrook estates" in page
    assert "Southmere ferries" not in page


@pytest.mark.parametrize("model", [Theme, Agency])
def test_national_rows_are_changed_by_a_system_administrator_only(client, lists, model):
    if model is Theme:
        national, own, namespace = lists.national_theme, lists.own_theme, "learning_themes"
        data = {"name": "Renamed", "slug": "renamed", "description": ""}
    else:
        national = AgencyFactory(name="National Probation Service")
        own = AgencyFactory(name="Northbrook Housing Trust", partnership=lists.cast.partnership)
        namespace = "agencies"
        data = {"name": "Renamed", "short_name": ""}
    client.force_login(lists.cast.manager)

    response = client.post(
        reverse(f"{namespace}:edit", args=[national.pk]),
        {**data, "partnership": lists.cast.partnership.pk},
    )

    assert response.status_code in (302, 403) and response.get("Location") != reverse(
        f"{namespace}:index"
    )
    national.refresh_from_db()
    assert national.name != "Renamed" and national.partnership is None
    # Another partnership's row is not even there for them.
    foreign = lists.foreign_theme if model is Theme else lists.foreign_agency
    assert client.get(reverse(f"{namespace}:edit", args=[foreign.pk])).status_code == 404
    # Their own partnership's row is theirs to change; the national one, the
    # administrator's.
    response = client.post(
        reverse(f"{namespace}:edit", args=[own.pk]),
        {**data, "partnership": lists.cast.partnership.pk},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Renamed"
    client.force_login(lists.cast.superuser)
    data = {**data, "name": "Renamed nationally", "slug": "renamed-nationally"}
    response = client.post(reverse(f"{namespace}:edit", args=[national.pk]), data)
    assert response.status_code == 302
    national.refresh_from_db()
    assert national.name == "Renamed nationally" and national.partnership is None
