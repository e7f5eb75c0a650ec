"""Two-factor set-up for the demo users: explained by load_demo, and (development
only) pre-enrolled with one shared secret that demo_code prints codes for."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

SECRET = "DEMOREVIEWSANDLEARNINGTWOFACTORS"  # noqa: S105 - the dev settings' demo secret


def test_without_the_dev_secret_demo_users_are_told_to_set_up_an_app(settings):
    settings.DEMO_TWO_FACTOR_SECRET = ""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "set up an authenticator app" in out.getvalue()
    assert not TOTPDevice.objects.exists()
    with pytest.raises(CommandError, match="only with the development settings"):
        call_command("demo_code")


def test_the_secret_needs_debug_so_production_never_pre_enrols(settings):
    settings.DEBUG = False
    settings.DEMO_TWO_FACTOR_SECRET = SECRET
    call_command("load_demo", stdout=io.StringIO())
    assert not TOTPDevice.objects.exists()


def test_in_development_demo_users_sign_in_with_the_printed_code(settings):
    settings.DEBUG = True
    settings.DEMO_TWO_FACTOR_SECRET = SECRET
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    assert "DEMO REVI EWSA NDLE ARNI NGTW OFAC TORS" in out.getvalue()
    assert TOTPDevice.objects.filter(user__username="manager", confirmed=True).count() == 1
    assert TOTPDevice.objects.filter(user__username="admin", confirmed=True).count() == 1

    code = io.StringIO()
    call_command("demo_code", stdout=code)
    client = Client()
    client.post(reverse("wagtailadmin_login"), {"username": "chair", "password": DEMO_PASSWORD})
    response = client.post(reverse("accounts:verify"), {"code": code.getvalue().strip()})

    assert response.status_code == 302
    assert client.get(reverse("reviews:index")).status_code == 200
