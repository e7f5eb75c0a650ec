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
def breadcrumbs(context, include_page=False):
    """A Wagtail page's ancestors, and the page itself with `include_page` (a route below
    the page, e.g. a theme of the learning library); a view that is not a page (search,
    site map) leads back to the home page; a view may also pass its own `breadcrumbs`."""
    if "breadcrumbs" in context:
        return {"items": context["breadcrumbs"]}
    request = context.get("request")
    if request is None:
        return {"items": []}
    page = context.get("page")
    if page is None:
        return {"items": navigation.home_crumb(request)}
    items = navigation.breadcrumbs(request, page)
    if include_page:
        items = [*items, navigation.NavItem(text=page.title, href=page.get_url(request))]
    return {"items": items}
