"""Two-factor authentication in tests.

Every account must pass a second factor before it reaches the admin. So that tests can
keep using `client.force_login(user)` (and `client.login(...)`), tests/conftest.py makes
both produce a session that has passed it, through `verified_force_login` below. Tests
about the second factor itself use `force_login_without_second_factor`.

Browser tests that sign in through the real forms use `enrol(user)` and
`next_code(device)` to type a valid code (`code_at(device, when)` for any time).
"""

import time

from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import APP_DEVICE_NAME, code_at

# Django's own methods, kept before conftest replaces them.
plain_force_login = Client.force_login
plain_login = Client.login


def enrol(user):
    """The user's confirmed authenticator device, created if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device


def next_code(device):
    """A code the server will accept now: the current one, or (if that was already
    used, since each code works once) the next one, which is within the tolerance."""
    device.refresh_from_db()
    now = time.time()
    for offset in range(0, device.tolerance + 1):
        when = now + offset * device.step
        if (int(when) - device.t0) // device.step > device.last_t:
            return code_at(device, when)
    raise AssertionError("Every code in the tolerance window has been used; wait a step.")


def mark_verified(client, device):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def verified_force_login(client, user, backend=None):
    plain_force_login(client, user, backend)
    mark_verified(client, enrol(user))


def verified_login(client, **credentials):
    # django-axes needs a request to check lockouts; Client.login does not pass one.
    credentials.setdefault("request", HttpRequest())
    if not plain_login(client, **credentials):
        return False
    user_id = client.session["_auth_user_id"]
    mark_verified(client, enrol(TOTPDevice.user.field.related_model.objects.get(pk=user_id)))
    return True


def force_login_without_second_factor(client, user):
    """Password accepted, second factor not yet given: what a user has between the two."""
    plain_force_login(client, user)


def manual_key_of(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")
