"""Sign-in lockouts (django-axes): the page shown when locked out, and lifting a lock."""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from .events import Kind, record


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a clear page with status 429 (Too Many Requests)."""
    credentials = credentials or {}
    username = credentials.get("username") or request.POST.get("username", "")
    cool_off = get_cool_off(request)
    context = {
        "username": username,
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def current_lockouts():
    """Username+address pairs that are locked out now."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time")


def unlock(attempt, *, by, request=None):
    reset(ip=attempt.ip_address, username=attempt.username)
    record(
        Kind.UNLOCKED,
        username=attempt.username or "",
        request=request,
        detail=f"Address {attempt.ip_address}; unlocked by {by.get_username()}.",
    )
