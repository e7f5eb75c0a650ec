"""The admin's search pages: Search, similar recommendations and recurring lessons."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from learning.models import Recommendation
from partnerships.access import facts_of
from security.ratelimit import rate_limit

from . import facets
from .lessons import recurring_lessons, similar_recommendations
from .searching import run_search


@login_required
@rate_limit("search")
def admin_search(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    context = run_search(request, facts_of(request.user), facets.FACET_NAMES)
    return TemplateResponse(request, "search/admin/search.html", context)


@login_required
def similar(request, pk=None):
    """Recommendations of earlier reviews like one recommendation, or like a draft text."""
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
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    # ?across=country: every partnership's published recommendations join the user's own.
    national = request.GET.get("across") == "country"
    return TemplateResponse(
        request,
        "search/admin/recurring.html",
        {"groups": recurring_lessons(request.user, national=national), "national": national},
    )
