"""The account audit trail: written for every account action, never changed, seen only
by system administrators."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccountEvent
from tests import otp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = AccountEvent.Kind


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True)


def test_signing_in_and_out_is_recorded_with_the_address(cast):
    device = otp.enrol(cast.manager)
    client = Client(HTTP_USER_AGENT="TestBrowser/1.0")
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": "correct horse battery staple"},
        REMOTE_ADDR="192.0.2.7",
    )
    client.post(
        reverse("accounts:verify"), {"code": otp.next_code(device)}, REMOTE_ADDR="192.0.2.7"
    )
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR="192.0.2.7")

    events = list(AccountEvent.objects.filter(user=cast.manager).order_by("pk"))
    assert [e.kind for e in events] == [Kind.LOGIN, Kind.TWO_FACTOR_VERIFIED, Kind.LOGOUT]
    assert {e.ip_address for e in events} == {"192.0.2.7"}
    assert {e.user_agent for e in events} == {"TestBrowser/1.0"}
    assert all(e.username == "manager" for e in events)


def test_a_failed_sign_in_records_the_name_typed_even_with_no_such_account(db):
    Client().post(
        reverse("wagtailadmin_login"), {"username": "ghost", "password": "nope-nope-nope"}
    )
    event = AccountEvent.objects.get(kind=Kind.LOGIN_FAILED)
    assert event.username == "ghost" and event.user is None


def test_events_outlive_the_account(cast):
    AccountEvent.objects.create(kind=Kind.LOGIN, user=cast.stranger, username="stranger")
    cast.stranger.delete()
    event = AccountEvent.objects.get(username="stranger")
    assert event.user is None


def test_administrators_read_the_trail_in_the_admin(cast, superuser):
    event = AccountEvent.objects.create(
        kind=Kind.LOCKED_OUT, username="manager", ip_address="192.0.2.7", detail="fictional"
    )
    client = Client()
    client.force_login(superuser)

    listing = client.get(reverse("account_events:index"))
    assert listing.status_code == 200
    assert "192.0.2.7" in listing.content.decode()
    filtered = client.get(reverse("account_events:index"), {"kind": Kind.LOCKED_OUT})
    assert "192.0.2.7" in filtered.content.decode()
    inspect = client.get(reverse("account_events:inspect", args=[event.pk]))
    assert inspect.status_code == 200 and "Locked out" in inspect.content.decode()
    export = client.get(reverse("account_events:index"), {"export": "csv"})
    assert export.status_code == 200 and b"192.0.2.7" in b"".join(export.streaming_content)


def test_nobody_may_add_edit_or_delete_events_in_the_admin(cast, superuser):
    event = AccountEvent.objects.create(kind=Kind.LOGIN, username="manager")
    client = Client()
    client.force_login(superuser)
    for url in [
        reverse("account_events:add"),
        reverse("account_events:edit", args=[event.pk]),
        reverse("account_events:delete", args=[event.pk]),
    ]:
        assert client.get(url).status_code in {302, 403}, url
        assert client.post(url, {"kind": Kind.LOGOUT}).status_code in {302, 403}, url
    assert AccountEvent.objects.get(pk=event.pk).kind == Kind.LOGIN
    assert AccountEvent.objects.filter(kind=Kind.LOGIN, username="manager").count() == 1


@pytest.mark.parametrize("role", ["manager", "approver", "chair", "panel_member", "partner"])
def test_only_administrators_see_the_trail(cast, role):
    event = AccountEvent.objects.create(
        kind=Kind.LOGIN, username="someone", ip_address="192.0.2.99"
    )
    client = Client()
    client.force_login(cast.everyone[role])
    for url in [
        reverse("account_events:index"),
        reverse("account_events:inspect", args=[event.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in {302, 403}
        assert b"192.0.2.99" not in response.content
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Account events" not in menu and "Sign-in lockouts" not in menu
