"""A user's access facts (partnerships.access.facts_of): what memberships and seats on
reviews make of a user, read once and kept until something changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.access import EVERYTHING, PUBLIC, facts_of
from partnerships.models import Membership, Role, partnerships_managed_by
from tests.factories import PanelMembershipFactory, UserFactory


def test_memberships_become_roles_per_partnership_and_agency_seats(cast):
    facts = facts_of(cast.partner)
    assert facts.roles == {cast.partnership.pk: {Role.PARTNER}}
    assert facts.agency_seats == {(cast.partnership.pk, cast.agency.pk)}
    assert facts.partner_partnerships == {cast.partnership.pk}
    assert facts.staff_partnerships == frozenset()

    Membership.objects.create(
        user=cast.partner, partnership=cast.other_partnership, role=Role.APPROVER
    )
    facts = facts_of(cast.partner)
    assert facts.staff_partnerships == {cast.other_partnership.pk}
    assert facts.managed_partnerships == frozenset()
    # A seat as an agency's partner user is held only where the user is a partner user.
    assert facts.agency_seats == {(cast.partnership.pk, cast.agency.pk)}


def test_seats_on_reviews_are_read_when_first_needed_and_follow_changes(cast):
    review = cast.review()
    user = cast.chair
    facts = facts_of(user)
    assert facts.chaired_reviews == frozenset()

    review.chair = user
    review.save()
    PanelMembershipFactory(review=cast.review(), user=user)

    # The same user object, as a long-running command would keep it: the facts follow.
    facts = facts_of(user)
    assert review.pk in facts.chaired_reviews
    assert len(facts.panel_reviews) == 1


def test_facts_are_read_once_while_nothing_changes(cast):
    user = cast.manager
    with CaptureQueriesContext(connection) as first:
        facts_of(user).chaired_reviews  # noqa: B018 - reading the seats is the point
    with CaptureQueriesContext(connection) as again:
        for _ in range(5):
            facts_of(user).chaired_reviews  # noqa: B018
    assert len(first) == 2  # memberships, then the chaired reviews
    assert len(again) == 0


@pytest.mark.django_db
def test_visitors_inactive_users_and_administrators():
    assert facts_of(None) is PUBLIC
    assert facts_of(UserFactory(is_active=False)) is PUBLIC
    admin = UserFactory(is_superuser=True)
    assert facts_of(admin).everything and not PUBLIC.everything and EVERYTHING.everything
    assert not facts_of(UserFactory()).has_any_role


def test_partnerships_a_user_manages(cast):
    assert list(partnerships_managed_by(cast.manager)) == [cast.partnership]
    assert list(partnerships_managed_by(cast.approver)) == []
    assert set(partnerships_managed_by(cast.superuser)) == {
        cast.partnership,
        cast.other_partnership,
    }
