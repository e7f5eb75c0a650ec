"""Template tags of the public learning pages (and of the recommendations section they add
to a published review's page)."""

from django import template

from ..models import RAG, RAG_MEANINGS, Status
from ..models.pages import live_library_page
from ..public import library as public

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
    return live_library_page(context.get("request"))


@register.simple_tag(takes_context=True)
def strategy_url(context, library, strategy):
    return library.strategy_url(strategy, context.get("request")) if library else ""


@register.simple_tag(takes_context=True)
def theme_url(context, library, theme):
    return library.theme_url(theme, context.get("request")) if library else ""
