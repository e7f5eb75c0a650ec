"""Template tags for the public site's layout (site/templates/base.html)."""

from django import template
from django.conf import settings

from reviews.models import Review

from .. import navigation

register = template.Library()

# A neutral page that gives no hint of what the visitor was reading.
DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


@register.simple_tag
def quick_exit_url():
    return getattr(settings, "QUICK_EXIT_URL", DEFAULT_QUICK_EXIT_URL)


@register.simple_tag(takes_context=True)
def service_name(context):
    """The Wagtail site's name, or the default name when there is no request (500 page)."""
    return navigation.site_name(context.get("request"))


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    home = navigation.site_root(request)
    return home.get_url(request) if home else "/"


@register.simple_tag
def demo_data_present():
    """True while fictional demonstration cases exist: the phase banner says so."""
    return Review.objects.filter(is_fictional=True).exists()


@register.inclusion_tag("includes/service_navigation.html", takes_context=True)
def service_navigation(context):
    request = context.get("request")
    items = navigation.service_navigation(request, context.get("page")) if request else []
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """A Wagtail page's ancestors; a view that is not a page passes its own `breadcrumbs`."""
    if "breadcrumbs" in context:
        return {"items": context["breadcrumbs"]}
    request = context.get("request")
    page = context.get("page")
    return {"items": navigation.breadcrumbs(request, page) if request and page else []}
