"""Where the public search page is, once the search app provides one: the attack, fuzz
and load tests add it to their lists when it exists."""

from django.urls import Resolver404, resolve

SEARCH_PATH = "/search/"


def search_path():
    """SEARCH_PATH if a view of its own answers there, else None. (Wagtail's page route
    matches any path; it does not count. No database access: tests call this while
    collecting.)"""
    try:
        match = resolve(SEARCH_PATH)
    except Resolver404:
        return None
    return None if match.url_name == "wagtail_serve" else SEARCH_PATH
