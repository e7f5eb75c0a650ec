"""The public site served from the cache that all workers share (settings.CACHES: in
production the database cache table, or Redis with REDIS_URL), so a spike of visitors
after a review is published reads stored pages instead of rendering each one.

What is cached: the full response to a GET from a visitor without a session cookie
(anyone signed in carries one, so staff never receive a cached page), when it is a 200 or
a 404 that sets no cookie and is not streamed (downloads are files, read each time after
their own check). Nothing else: no admin page, no POST, no page that set a CSRF cookie.
A 404 is kept because a review taken down while it is news goes on being asked for, and
its "not found" page costs as much to render as any other; the next publication voids
it like every other kept page.

Invalidation is by generation: every kept page records the generation current when its
rendering began, and any change to what the public site may show (a publication, an
edit, an unpublication, a takedown, a view restriction: website.signals) starts a new
one, so every kept page is void at once and none can outlive a takedown. The generation
changes twice: at once, and again when the transaction commits, so a page rendered from
the old rows while the change was being committed is never served under the new one. A
visit reads the generation and the page in one round trip to the cache (get_many).

Public pages carry no inline scripts (site/static/site/js/): a cached page is served to
many people, and a per-response CSP nonce cannot be. PUBLIC_PAGE_CACHE_SECONDS bounds
how long a page is kept (0 turns the cache off; the test settings do, except in the
tests of the cache itself).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

GENERATION_KEY = "public-pages:generation"
KEY_PREFIX = "public-pages:page"
UNCACHED_PREFIXES = ("/admin/", "/documents/")
KEPT_STATUSES = {200, 404}


def generation():
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache.get(GENERATION_KEY)
    return current


def start_new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def public_content_changed():
    """Drop every cached public page, now and again once the change is committed (once
    per transaction, however many rows it saves)."""
    start_new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        function is start_new_generation for _, function, _ in connection.run_on_commit
    ):
        transaction.on_commit(start_new_generation, robust=True)


def page_key(request):
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"{KEY_PREFIX}:{address}"


def may_use_cache(request):
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
        and not request.path.startswith(settings.STATIC_URL)  # WhiteNoise serves those
    )


def may_keep(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in KEPT_STATUSES
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def stored(response, current_generation):
    headers = {
        name: value for name, value in response.items() if name.lower() not in {"set-cookie"}
    }
    return {
        "generation": current_generation,
        "content": response.content,
        "status": response.status_code,
        "headers": headers,
    }


def restored(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Cache"] = "hit"
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        entry = found.get(key)
        if entry is not None and entry.get("generation") == current:
            return restored(entry)
        response = self.get_response(request)
        if may_keep(response):
            cache.set(key, stored(response, current), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response
