"""Role x object x action matrix for the learning library.

The specification is written out below; each cell is checked three ways: the rules
(user.has_perm), the permission policies' querysets (what listings show and what detail
pages open), and, for views, the HTTP answer (another partnership's object is a 404)."""

import pytest

from learning.models import Action, Recommendation, Strategy
from learning.permissions import (
    action_permission_policy,
    recommendation_permission_policy,
    strategy_permission_policy,
)
from tests.cast import ROLES

STAFF = {"manager", "approver", "superuser"}

# Who may see each object.
CAN_VIEW = {
    "strategy": STAFF | {"partner"},
    "foreign_strategy": {"other_manager", "superuser"},
    "owned_action": STAFF | {"partner"},
    "other_action": STAFF | {"partner"},
    "foreign_action": {"other_manager", "superuser"},
    # Published review: its chair and every partner user of the partnership.
    "published_owned": STAFF | {"chair", "partner"},
    "published_other": STAFF | {"chair", "partner"},
    # Unpublished review: staff, the chair and the owning agency's partner users only.
    "draft_owned": STAFF | {"chair", "partner"},
    "draft_other": STAFF | {"chair"},
    "foreign_recommendation": {"other_manager", "other_chair", "superuser"},
}
# Who may change (and, with no history, delete) each object.
CAN_CHANGE = {
    name: {"other_manager", "superuser"} if name.startswith("foreign") else {"manager", "superuser"}
    for name in CAN_VIEW
}
# Who may post progress: the partnership's managers and the owning agency's partner users.
CAN_POST = {
    "owned_action": {"manager", "partner", "superuser"},
    "other_action": {"manager", "superuser"},
    "foreign_action": {"other_manager", "superuser"},
    "published_owned": {"manager", "partner", "superuser"},
    "published_other": {"manager", "superuser"},
    "draft_owned": {"manager", "partner", "superuser"},
    "draft_other": {"manager", "superuser"},
    "foreign_recommendation": {"other_manager", "superuser"},
}

POLICIES = {
    Strategy: strategy_permission_policy,
    Action: action_permission_policy,
    Recommendation: recommendation_permission_policy,
}


def all_objects(library):
    return {**library.strategies, **library.actions, **library.recommendations}


def test_the_specification_covers_every_object(db, library):
    assert set(CAN_VIEW) == set(all_objects(library))
    assert set(CAN_POST) == set(library.actions) | set(library.recommendations)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_view_change_delete_rules_and_querysets_agree_with_the_specification(library, role):
    user = library.user(role)
    for name, obj in all_objects(library).items():
        model = type(obj)
        label = model._meta.model_name
        policy = POLICIES[model]
        expected = {
            "view": role in CAN_VIEW[name],
            "change": role in CAN_CHANGE[name],
            "delete": role in CAN_CHANGE[name],
        }
        for action, allowed in expected.items():
            assert user.has_perm(f"learning.{action}_{label}", obj) is allowed, (name, action)
            in_queryset = policy.queryset_for(user, action).filter(pk=obj.pk).exists()
            assert in_queryset is allowed, (name, action)
        assert model.objects.visible_to(user).filter(pk=obj.pk).exists() is expected["view"], name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_managers_and_the_owning_agency_may_post_progress(library, role):
    user = library.user(role)
    for name, obj in {**library.actions, **library.recommendations}.items():
        assert user.has_perm("learning.post_progress", obj) is (role in CAN_POST[name]), name


@pytest.mark.django_db
def test_nothing_with_history_can_be_deleted(library):
    from learning.progress import post_progress
    from tests.learning.factories import link

    manager = library.cast.manager
    post_progress(library.owned_action, manager, rag="green", comment="On track.")
    link(library.draft_other, library.other_action)
    post_progress(library.published_other, manager, rag="amber", comment="Slipping.")

    for obj in (
        library.strategy,
        library.owned_action,
        library.other_action,
        library.published_other,
    ):
        assert not manager.has_perm(f"learning.delete_{obj._meta.model_name}", obj)
        policy = POLICIES[type(obj)]
        assert not policy.queryset_for(manager, "delete").filter(pk=obj.pk).exists()
    # Without history they still can be.
    assert manager.has_perm("learning.delete_recommendation", library.draft_owned)


@pytest.mark.django_db
def test_a_partner_user_is_an_owner_only_in_the_partnership_where_they_represent_the_agency(
    library,
):
    # The foreign action and recommendation are owned by the partner's own agency, but in
    # a partnership where the partner holds no seat.
    partner = library.cast.partner
    assert not partner.has_perm("learning.post_progress", library.foreign_action)
    assert not partner.has_perm("learning.view_recommendation", library.foreign_recommendation)
