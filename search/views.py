"""Search pages: the public site's /search/ and the admin's Search. Both parse the request
with SearchParams and ask the configured backend; they differ only in who is searching
(the public site always searches as the public) and in their templates."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from pages import navigation
from security.ratelimit import rate_limit

from . import facets
from .access import Access
from .backends import get_backend
from .query import SORTS, SearchParams


def run_search(request, access, facet_names):
    params = SearchParams.from_querydict(request.GET, allowed_facets=facet_names)
    searched = bool(params.q or params.filters)
    results = get_backend().search(params, access, facet_names) if searched else None
    return {
        "params": params,
        "results": results,
        "messages_for_search": results.messages if results else params.messages,
        "searched": searched,
        "sorts": SORTS,
    }


@rate_limit("search")
def public_search(request):
    """Published reviews and papers only, whoever is signed in: this is the public site."""
    context = run_search(request, Access.PUBLIC_ONLY, facets.PUBLIC_FACET_NAMES)
    context["breadcrumbs"] = navigation.home_crumb(request)
    return TemplateResponse(request, "search/public_search.html", context)


@login_required
@rate_limit("search")
def admin_search(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    context = run_search(request, Access.for_user(request.user), facets.FACET_NAMES)
    return TemplateResponse(request, "search/admin/search.html", context)


@login_required
def similar(request, pk=None):
    """Recommendations of earlier reviews like one recommendation, or like a draft text."""
    from learning.models import Recommendation

    from .lessons import similar_recommendations

    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    recommendation = None
    if pk is not None:
        recommendation = get_object_or_404(
            Recommendation.objects.visible_to(request.user).select_related("review"), pk=pk
        )
        text = recommendation.text
    else:
        text = request.GET.get("text", "")[:5000]
    matches = similar_recommendations(request.user, text, recommendation) if text.strip() else []
    return TemplateResponse(
        request,
        "search/admin/similar.html",
        {"recommendation": recommendation, "text": text, "matches": matches},
    )


@login_required
def recurring(request):
    from .lessons import recurring_lessons

    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return TemplateResponse(
        request, "search/admin/recurring.html", {"groups": recurring_lessons(request.user)}
    )
