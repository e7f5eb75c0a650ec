"""Rate limits per endpoint, counted in Django's cache.

Each endpoint has a rate in settings.RATE_LIMITS ("10/m": ten requests a minute). A
client is the signed-in user, or the address (security.client_ip) when nobody is signed
in. Over the limit the answer is 429 with a page that says when to try again.

Two ways to apply a limit:
- in code: `@rate_limit("search")` on a view function (or `method_decorator` on a class);
- for views we do not own (Wagtail's sign-in): settings.RATE_LIMITED_VIEWS maps a URL
  name to (endpoint, methods), applied by RateLimitMiddleware.

The cache must be shared by all server processes for the limit to be global: production
uses the database cache (see docs/operations.md).
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from .client_ip import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'10/m' -> (10, 60). '100/5m' -> (100, 300)."""
    count, _, period = rate.partition("/")
    number = period[:-1] or "1"
    return int(count), int(number) * PERIODS[period[-1]]


def client_key(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request) or 'unknown'}"


def hit(request, endpoint):
    """Count one request; return seconds to wait if over the limit, else 0."""
    if not settings.RATE_LIMIT_ENABLED:
        return 0
    limit, period = parse_rate(settings.RATE_LIMITS[endpoint])
    window = int(time.time() // period)
    key = f"ratelimit:{endpoint}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        return period - int(time.time()) % period
    return 0


def too_many_requests(request, retry_after):
    minutes = max(1, round(retry_after / 60))
    response = TemplateResponse(
        request,
        "security/rate_limited.html",
        {"retry_after": retry_after, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(endpoint, methods=None):
    """View decorator: limit `methods` (all when None) of the view to the endpoint's rate."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                retry_after = hit(request, endpoint)
                if retry_after:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = settings.RATE_LIMITED_VIEWS.get(match.view_name) if match else None
        if rule is None:
            return None
        endpoint, methods = rule
        if request.method in methods:
            retry_after = hit(request, endpoint)
            if retry_after:
                return too_many_requests(request, retry_after)
        return None
