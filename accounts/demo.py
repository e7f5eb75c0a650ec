"""Two-factor authentication for the demo users.

By default they set up an authenticator app at first sign-in, like everyone. For a
local review, dev settings may set DEMO_TWO_FACTOR_SECRET (never used in production:
it needs DEBUG): every demo user is then enrolled with that one shared secret, so one
entry in any authenticator app (or `python manage.py demo_code`) signs in as any of
them.
"""

from base64 import b32decode

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from .two_factor import APP_DEVICE_NAME, manual_key


def demo_secret():
    secret = getattr(settings, "DEMO_TWO_FACTOR_SECRET", "")
    return secret if settings.DEBUG and secret else ""


def demo_device_key(secret):
    padded = secret + "=" * (-len(secret) % 8)
    return b32decode(padded.upper()).hex()


def enrol_demo_users(usernames, log):
    """Called by the partnerships app's demo loader once it has made the demo users."""
    secret = demo_secret()
    if not secret:
        log(
            "Two-factor authentication: each demo user will be asked to set up an "
            "authenticator app (any TOTP app) at first sign-in and shown recovery codes."
        )
        return
    key = demo_device_key(secret)
    for user in get_user_model().objects.filter(username__in=usernames):
        TOTPDevice.objects.filter(user=user).exclude(key=key).delete()
        TOTPDevice.objects.get_or_create(
            user=user, key=key, defaults={"name": APP_DEVICE_NAME, "confirmed": True}
        )
    device = TOTPDevice(key=key)
    log(
        "Two-factor authentication (demo only): every demo user shares one authenticator "
        f"secret. Add it to any TOTP app as key {manual_key(device)} (time-based, "
        "6 digits), or print the current code with: python manage.py demo_code"
    )
