"""Template tags of the public learning pages and of the public review page."""

from django import template

from .. import public
from ..models import RAG, RAG_MEANINGS, Status

register = template.Library()


@register.inclusion_tag("learning/public/tag.html")
def rag_tag(rag):
    if not rag:
        return {}
    return {
        "text": f"{RAG(rag).label} ({RAG_MEANINGS[rag]})",
        "css": public.RAG_TAG_CLASSES[rag],
    }


@register.inclusion_tag("learning/public/tag.html")
def status_tag(status):
    if not status:
        return {}
    return {"text": Status(status).label, "css": public.STATUS_TAG_CLASSES[status]}


@register.simple_tag(takes_context=True)
def library_page(context):
    """The live learning library page (one query, cached on the request), or None."""
    from ..pages import LearningLibraryPage

    request = context.get("request")
    if request is not None and hasattr(request, "_learning_library_page"):
        return request._learning_library_page
    library = LearningLibraryPage.objects.live().public().first()
    if request is not None:
        request._learning_library_page = library
    return library


@register.simple_tag(takes_context=True)
def strategy_url(context, library, strategy):
    return library.strategy_url(strategy, context.get("request")) if library else ""


@register.simple_tag(takes_context=True)
def theme_url(context, library, theme):
    return library.theme_url(theme, context.get("request")) if library else ""


@register.inclusion_tag("learning/public/review_recommendations.html", takes_context=True)
def public_recommendations(context, review):
    """A published review's recommendations with their progress and delivering actions."""
    recommendations = public.with_progress(
        public.public_recommendations().filter(review=review).select_related("owning_agency")
    )
    return {
        "request": context.get("request"),
        "recommendations": recommendations,
        "library": library_page(context),
    }
