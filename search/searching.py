"""One search from a request, as both search pages run it: the admin's Search
(search.views) and the public site's /search/ (search.public.views). Both parse the
request with SearchParams and ask the configured backend; they differ only in who is
searching (the public site always searches as the public) and in their templates."""

from .backends import get_backend
from .query import SORTS, SearchParams


def run_search(request, facts, facet_names):
    params = SearchParams.from_querydict(request.GET, allowed_facets=facet_names)
    searched = bool(params.q or params.filters)
    results = get_backend().search(params, facts, facet_names) if searched else None
    return {
        "params": params,
        "results": results,
        "messages_for_search": results.messages if results else params.messages,
        "searched": searched,
        "sorts": SORTS,
    }
