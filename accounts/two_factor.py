"""Two-factor authentication: enrolling an authenticator app, checking codes, recovery
codes. Views call these; nothing else touches django-otp's devices.

Every account must pass a second factor before it reaches the admin, case papers or
downloads (accounts.middleware). A user proves it with a TOTP code from an
authenticator app, or with one of their single-use recovery codes.
"""

import re
import time
from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .events import Kind, record

APP_DEVICE_NAME = "Authenticator app"
TOTP_DIGITS = 6
RECOVERY_DEVICE_NAME = "Recovery codes"


def normalise(code):
    """Codes are accepted with spaces or hyphens, in either case."""
    return re.sub(r"[\s-]", "", code or "").lower()


class Throttled(Exception):
    """Too many wrong codes: django-otp makes the user wait (the wait doubles each time)."""


def refuse_if_throttled(devices):
    if any(not device.verify_is_allowed()[0] for device in devices):
        raise Throttled


def is_enrolled(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_device(user):
    """The not-yet-confirmed authenticator device shown on the enrolment page. The same
    one is reused until confirmed, so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def manual_key(device):
    """The secret as base32 in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    """The otpauth:// URI as an inline SVG (no script, no external image: CSP-safe)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def code_at(device, when=None):
    """The six-digit code `device` shows at time `when` (now by default)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if when is None else when
    return f"{totp.token():0{device.digits}d}"


def new_recovery_codes(user):
    """Replace the user's recovery codes; returns the new ones (shown to the user once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def is_recovery_device(device):
    return isinstance(device, StaticDevice)


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


def confirm_enrolment(request, code):
    """Check the first code from the new app. On success the device is confirmed,
    recovery codes are issued (returned, to show once) and this session counts as
    verified. Returns None if the code is wrong; raises Throttled while the user must
    wait after wrong codes."""
    user = request.user
    device = pending_device(user)
    refuse_if_throttled([device])
    if not device.verify_token(normalise(code)):
        record(Kind.TWO_FACTOR_FAILED, user=user, request=request, detail="During set-up.")
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
        codes = new_recovery_codes(user)
        record(Kind.TWO_FACTOR_ENROLLED, user=user, request=request)
    passed(request, device)
    return codes


def passed(request, device):
    """The second factor is passed: the session counts as verified, under a new session
    id (as Django gives one at sign-in), so an id seen before this point is worth
    nothing afterwards."""
    django_otp.login(request, device)
    request.session.cycle_key()


def verify(request, code):
    """Check a code at sign-in: an authenticator code, or a recovery code (used up).
    On success the session counts as verified; returns the device, else None. Raises
    Throttled while the user must wait after wrong codes."""
    user = request.user
    code = normalise(code)
    # Six digits is an app code, anything else a recovery code: each kind is checked
    # (and throttled) on its own, so a mistyped recovery code does not lock the app out.
    if code.isdigit() and len(code) == TOTP_DIGITS:
        devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    refuse_if_throttled(devices)
    for device in devices:
        if not device.verify_token(code):
            continue
        if isinstance(device, TOTPDevice):
            record(Kind.TWO_FACTOR_VERIFIED, user=user, request=request)
        else:
            left = remaining_recovery_codes(user)
            record(
                Kind.RECOVERY_CODE_USED,
                user=user,
                request=request,
                detail=f"{left} recovery code(s) left.",
            )
        passed(request, device)
        return device
    record(Kind.TWO_FACTOR_FAILED, user=user, request=request)
    return None


def end_sessions(user):
    """Sign `user` out everywhere (database sessions)."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()


def reset(user, *, by=""):
    """Remove every second factor of `user` (lost phone and codes) and end their
    sessions: at their next sign-in they set up an authenticator app again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        end_sessions(user)
        record(Kind.TWO_FACTOR_RESET, user=user, detail=f"By {by}." if by else "")
