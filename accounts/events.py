"""Writing account events: the one function every part of accounts/ calls."""

from security.client_ip import client_ip

from .models import AccountEvent

Kind = AccountEvent.Kind


def record(kind, *, user=None, username="", request=None, detail=""):
    if user is not None and not username:
        username = user.get_username()
    ip_address = user_agent = None
    if request is not None:
        ip_address = client_ip(request)
        user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return AccountEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=(username or "")[:150],
        ip_address=ip_address or None,
        user_agent=user_agent or "",
        detail=detail[:300],
    )
