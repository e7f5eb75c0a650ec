"""Sign-in lockout (django-axes): per username and address, a clear page, audited, and
an administrator can lift it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent
from security.client_ip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = AccountEvent.Kind
PASSWORD = "correct horse battery staple"


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def locked(cast, settings):
    """cast.manager locked out from 10.0.0.1 after AXES_FAILURE_LIMIT failures."""
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "manager", "wrong password!")
    return client


def test_failures_up_to_the_limit_are_refused_with_the_usual_message(cast, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "manager", "wrong password!")
        assert response.status_code == 200
        assert "and password didn" in response.content.decode()
    assert attempt(client, "manager", PASSWORD).status_code == 302


def test_repeated_failures_lock_that_username_from_that_address(cast, locked, settings):
    response = attempt(locked, "manager", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked" in page
    assert f"{settings.AXES_FAILURE_LIMIT} failed attempts" in page
    assert "“manager”" in page and "30 minutes" in page
    assert "_auth_user_id" not in locked.session
    failed = AccountEvent.objects.filter(kind=Kind.LOGIN_FAILED, username="manager")
    # The failures that caused the lock, and the refused attempt while locked.
    assert failed.count() == settings.AXES_FAILURE_LIMIT + 1
    assert set(failed.values_list("ip_address", flat=True)) == {"10.0.0.1"}
    assert AccountEvent.objects.filter(kind=Kind.LOCKED_OUT, username="manager").exists()
    assert not AccountEvent.objects.filter(kind=Kind.LOGIN, username="manager").exists()


def test_the_lock_is_per_username_and_address(cast, locked):
    assert attempt(Client(), "manager", PASSWORD, address="10.0.0.2").status_code == 302
    assert attempt(Client(), "approver", PASSWORD, address="10.0.0.1").status_code == 302


def test_the_lock_ends_by_itself_after_the_cool_off(cast, locked, time_machine):
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=31))
    assert attempt(Client(), "manager", PASSWORD).status_code == 302


def test_an_administrator_sees_and_lifts_a_lockout(cast, locked):
    admin = UserFactory(username="root", is_superuser=True)
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("lockouts:index")).content.decode()
    assert "manager" in page and "10.0.0.1" in page
    from axes.models import AccessAttempt

    lock = AccessAttempt.objects.get(username="manager")

    response = client.post(reverse("lockouts:unlock", args=[lock.pk]), follow=True)

    assert "is unlocked" in response.content.decode()
    assert "Nobody is locked out" in response.content.decode()
    assert attempt(Client(), "manager", PASSWORD).status_code == 302
    event = AccountEvent.objects.get(kind=Kind.UNLOCKED)
    assert event.username == "manager" and "root" in event.detail


@pytest.mark.parametrize("role", ["manager", "approver", "chair"])
def test_only_administrators_may_see_or_lift_lockouts(cast, locked, role):
    from axes.models import AccessAttempt

    lock = AccessAttempt.objects.get(username="manager")
    client = Client()
    client.force_login(cast.everyone[role])

    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    page = client.get(reverse("lockouts:index"))
    assert page.status_code == 302 and page["Location"] == reverse("wagtailadmin_home")
    refused = client.post(reverse("lockouts:unlock", args=[lock.pk]))
    assert refused.status_code == 302
    assert AccessAttempt.objects.filter(pk=lock.pk).exists()
    assert not AccountEvent.objects.filter(kind=Kind.UNLOCKED).exists()


@pytest.mark.parametrize(
    "proxies, forwarded, remote, expected",
    [
        (0, "203.0.113.9", "10.0.0.1", "10.0.0.1"),
        (1, "203.0.113.9", "127.0.0.1", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "127.0.0.1", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.1.1.1", "127.0.0.1", "203.0.113.9"),
        (1, "", "127.0.0.1", "127.0.0.1"),
        (1, "not-an-address", "127.0.0.1", None),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    rf, settings, proxies, forwarded, remote, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_behind_a_proxy_a_forged_forwarded_header_cannot_dodge_the_lock(cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": "manager", "password": "wrong password!"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.9",
        )
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9",
    )
    assert response.status_code == 429
