"""The access rule itself, on scopes alone: each grant, its audiences and its keys."""

import pytest

from partnerships.access import (
    EVERYTHING,
    GRANTS,
    PUBLIC,
    Audience,
    Facts,
    Scope,
    allows,
)
from partnerships.models import Role

NORTH, SOUTH = 1, 2
REVIEW, OTHER_REVIEW = 10, 11
POLICE, HEALTH = 20, 21


def scope(audience, partnership=NORTH, review=REVIEW, owner=None, public=False):
    return Scope(frozenset({partnership}), review, owner, audience, public)


MANAGER = Facts(user_id=1, roles={NORTH: frozenset({Role.REVIEW_MANAGER})})
APPROVER = Facts(user_id=2, roles={NORTH: frozenset({Role.APPROVER})})
CHAIR = Facts(
    user_id=3, roles={NORTH: frozenset({Role.CHAIR})}, chaired_reviews=frozenset({REVIEW})
)
PANEL = Facts(
    user_id=4, roles={NORTH: frozenset({Role.PANEL_MEMBER})}, panel_reviews=frozenset({REVIEW})
)
PARTNER = Facts(
    user_id=5,
    roles={NORTH: frozenset({Role.PARTNER})},
    agency_seats=frozenset({(NORTH, POLICE)}),
)
OVERSIGHT = Facts(user_id=6, overseen_partnerships=frozenset({NORTH}))

# The police's contact for REVIEW's information requests: no role at all.
CONTACT = Facts(user_id=6, agency_contacts=frozenset({(REVIEW, POLICE)}))

# (facts, audience, owner) -> allowed, for a row of NORTH's review REVIEW.
EXPECTED = {
    "manager": (MANAGER, {a: True for a in Audience}),
    "approver": (APPROVER, {a: True for a in Audience}),
    "chair": (CHAIR, {a: True for a in Audience}),
    "panel": (
        PANEL,
        {
            Audience.CASE: False,
            Audience.PANEL: True,
            Audience.AGENCY: False,
            Audience.SHARED: False,
            Audience.LIBRARY: False,
            Audience.REQUEST: False,
            Audience.PEOPLE: False,
        },
    ),
    "partner": (
        PARTNER,
        {
            Audience.CASE: False,
            Audience.PANEL: False,
            Audience.AGENCY: False,
            Audience.SHARED: False,
            Audience.LIBRARY: True,
            Audience.REQUEST: False,
            Audience.PEOPLE: False,
        },
    ),
    "oversight": (
        OVERSIGHT,
        {
            Audience.CASE: False,
            Audience.PANEL: False,
            Audience.AGENCY: False,
            Audience.SHARED: True,
            Audience.LIBRARY: True,
            Audience.REQUEST: False,
            Audience.PEOPLE: False,
        },
    ),
    "visitor": (PUBLIC, {a: False for a in Audience}),
    "administrator": (EVERYTHING, {a: True for a in Audience}),
}


@pytest.mark.parametrize("who", EXPECTED)
@pytest.mark.parametrize("audience", list(Audience))
def test_each_role_sees_the_audiences_the_rule_grants_it(who, audience):
    facts, expected = EXPECTED[who]
    assert allows(facts, scope(audience)) is expected[audience]


@pytest.mark.parametrize("who", ["manager", "approver", "chair", "panel", "partner", "oversight"])
@pytest.mark.parametrize("audience", list(Audience))
def test_nothing_of_another_partnership_or_review(who, audience):
    facts, _ = EXPECTED[who]
    assert not allows(facts, scope(audience, partnership=SOUTH, review=OTHER_REVIEW))


def test_an_owning_agency_reads_its_own_rows_before_the_library_does():
    assert allows(PARTNER, scope(Audience.AGENCY, owner=POLICE))
    assert not allows(PARTNER, scope(Audience.AGENCY, owner=HEALTH))
    # The seat is held in one partnership: the same agency elsewhere is not enough.
    assert not allows(PARTNER, scope(Audience.AGENCY, partnership=SOUTH, owner=POLICE))


@pytest.mark.parametrize(
    ("audience", "review", "owner", "allowed"),
    [
        (Audience.REQUEST, REVIEW, POLICE, True),
        (Audience.REQUEST, REVIEW, HEALTH, False),  # another agency's request on the case
        (Audience.REQUEST, OTHER_REVIEW, POLICE, False),  # the agency's request elsewhere
        (Audience.REQUEST, REVIEW, None, False),
        *((audience, REVIEW, POLICE, False) for audience in Audience if audience != "request"),
    ],
)
def test_an_agency_contact_sees_its_agencys_requests_on_its_case_only(
    audience, review, owner, allowed
):
    assert allows(CONTACT, scope(audience, review=review, owner=owner)) is allowed


def test_public_rows_are_for_everyone():
    for facts, _ in EXPECTED.values():
        assert allows(facts, scope(Audience.CASE, partnership=SOUTH, public=True))


def test_a_row_of_two_partnerships_is_seen_by_the_staff_of_either():
    joint = Scope(frozenset({NORTH, SOUTH}), REVIEW, None, Audience.PANEL)
    south_manager = Facts(user_id=9, roles={SOUTH: frozenset({Role.REVIEW_MANAGER})})
    assert allows(MANAGER, joint) and allows(south_manager, joint)


def test_every_grant_names_facts_that_exist_and_explains_itself():
    for grant in GRANTS:
        assert hasattr(Facts(), grant.fact), grant.fact
        assert set(grant.keys) <= {"partnership", "review", "owner_agency"}
        assert grant.audiences <= set(Audience) and grant.audiences
        assert grant.why.endswith(".")
