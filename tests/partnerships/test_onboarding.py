"""Onboarding in the admin: a system administrator creates a partnership and names its
administrator; the administrator adds agencies and people, invites one to an account,
changes their role and deactivates them, all audited; and reaches nothing of another
partnership (the matrix, over every URL the onboarding viewsets mount)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.access import allows, facts_of
from partnerships.models import Agency, Membership, Partnership, Role
from partnerships.onboarding import OnboardingEvent, PartnershipAgency, Person
from partnerships.onboarding_admin import OnboardingGroup
from partnerships.viewsets import ScopedModelViewSet
from tests.cast import ROLES
from tests.factories import user_with_role
from tests.partnerships.test_access_matrix import MISSING_PK, object_urls

pytestmark = pytest.mark.django_db


def test_a_new_partnership_sets_itself_up(client, cast):
    client.force_login(cast.superuser)
    response = client.post(
        reverse("partnerships:add"),
        {
            "name": "Eastwick Community Safety Partnership",
            "slug": "eastwick",
            "kind": Partnership.Kind.JOINT,
            "administrators": "Dana Field, dana@eastwick.example",
        },
    )
    assert response.status_code == 302, response.content
    eastwick = Partnership.objects.get(slug="eastwick")
    admin = Membership.objects.get(partnership=eastwick, role=Role.PARTNERSHIP_ADMIN).user
    assert not admin.has_usable_password()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)

    # The invited administrator sets a password through the link.
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    client.post(
        form.request["PATH_INFO"],
        {"new_password1": "a long pass phrase 42", "new_password2": "a long pass phrase 42"},
    )
    admin.refresh_from_db()
    assert admin.has_usable_password()

    client.force_login(admin)
    client.post(
        reverse("partnership_agencies:add"),
        {"partnership": eastwick.pk, "new_agency": "Eastwick Police"},
    )
    police = Agency.objects.get(name="Eastwick Police")
    client.post(
        reverse("partnership_people:add"),
        {
            "partnership": eastwick.pk,
            "name": "Lee Marsh",
            "email": "lee@police.example",
            "agency": police.pk,
            "panel_role": "Police representative",
        },
    )
    lee = Person.objects.get(name="Lee Marsh")
    assert lee.user is None  # a panel member recorded without an account
    account = reverse("partnership_people:account", args=[lee.pk])
    client.post(account, {"action": "invite", "role": Role.PANEL_MEMBER})
    lee.refresh_from_db()
    assert lee.user.memberships.get().role == Role.PANEL_MEMBER
    client.post(account, {"action": "role", "role": Role.PARTNER})
    assert list(lee.user.memberships.values_list("role", "agency")) == [(Role.PARTNER, police.pk)]
    client.post(account, {"action": "deactivate", "role": ""})
    lee.user.refresh_from_db()
    assert not lee.user.memberships.exists() and not lee.user.is_active

    assert list(
        OnboardingEvent.objects.filter(partnership=eastwick)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "partnership_created",
        "invited",
        "administrator_named",
        "agency_added",
        "person_added",
        "invited",
        "role_changed",
        "deactivated",
    ]


class People:
    """Each onboarding row in the cast's partnership and in the other one, and an
    administrator of each."""

    def __init__(self, cast):
        self.admin = user_with_role(Role.PARTNERSHIP_ADMIN, cast.partnership, username="padmin")
        self.other_admin = user_with_role(
            Role.PARTNERSHIP_ADMIN, cast.other_partnership, username="other_padmin"
        )
        self.rows = {}
        for key, partnership in (("own", cast.partnership), ("other", cast.other_partnership)):
            self.rows[f"{key}_person"] = Person.objects.create(
                partnership=partnership, name=f"{key} person"
            )
            self.rows[f"{key}_agency"] = PartnershipAgency.objects.create(
                partnership=partnership, agency=Agency.objects.create(name=f"{key} agency")
            )
            self.rows[f"{key}_event"] = OnboardingEvent.objects.create(
                partnership=partnership, actor_name="x", action="person_added", subject="x"
            )

    def users(self, cast):
        return {
            **{role: cast.user(role) for role in ROLES},
            "admin": self.admin,
            "other_admin": self.other_admin,
        }


def onboarding_viewsets():
    return [
        item for item in OnboardingGroup().registerables if isinstance(item, ScopedModelViewSet)
    ]


def test_a_partnership_admin_reaches_only_their_own_partnerships_people(client, cast):
    people = People(cast)
    checked = 0
    for who, user in people.users(cast).items():
        client.force_login(user)
        for viewset in onboarding_viewsets():
            rows = [obj for obj in people.rows.values() if type(obj) is viewset.model]
            missing = {
                name: client.get(url).status_code
                for name, url in object_urls(viewset, viewset.model(pk=MISSING_PK)).items()
            }
            listed = client.get(reverse(f"{viewset.url_namespace}:index"))
            for obj in rows:
                want = allows(facts_of(user), type(obj).access.scope(obj))
                own = obj.partnership == cast.partnership
                if who in {"admin", "other_admin"}:
                    assert want == (own == (who == "admin")), (who, obj)
                elif who not in {"superuser", "manager", "approver", "other_manager"}:
                    assert not want, (who, obj)  # chairs, panels, partners: no one's people
                for name, url in object_urls(viewset, obj).items():
                    status = client.get(url).status_code
                    assert status < 500, (who, url)
                    if want:
                        assert status != 404, (who, url, status)
                    else:
                        assert status == missing[name], (who, url, status)
                    checked += 1
                if listed.status_code == 200 and not isinstance(obj, OnboardingEvent):
                    assert (str(obj) in listed.content.decode()) == want, (who, obj)
        # The partnership's settings are the system administrator's.
        edit = client.get(reverse("partnerships:edit", args=[cast.partnership.pk]))
        assert (edit.status_code == 200) == (who == "superuser"), who
        # The account page of another partnership's person is a 404.
        other = people.rows["other_person"]
        account = client.get(reverse("partnership_people:account", args=[other.pk]))
        assert (account.status_code == 200) == (who in {"other_admin", "superuser"}), who
    assert checked > 50
