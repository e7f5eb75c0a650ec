"""The public site's search page."""

from django.template.response import TemplateResponse

from partnerships.access import PUBLIC
from security.ratelimit import rate_limit

from .. import facets
from ..searching import run_search


@rate_limit("search")
def public_search(request):
    """Published reviews and papers only, whoever is signed in: this is the public site.
    Its breadcrumbs lead home, as for any view that is not a page (website's site_tags)."""
    context = run_search(request, PUBLIC, facets.PUBLIC_FACET_NAMES)
    return TemplateResponse(request, "search/public/search.html", context)
