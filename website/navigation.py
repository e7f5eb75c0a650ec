"""The service navigation and breadcrumbs, computed once per request.

The navigation is the home page followed by its live, public children with
"Show in menus" ticked, in the order editors give them in the page tree. Sections
from other apps (published reviews, learning library) join it by being created
under the home page with show_in_menus=True; the search view ends it.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from .content import SERVICE_NAME


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False  # this is the page being shown
    active: bool = False  # the page being shown is inside this section
    description: str = ""


def current_site(request):
    """The Wagtail site serving this request, or None (no request: the 500 page)."""
    return Site.find_for_request(request) if request is not None else None


def site_name(request):
    """The public service's name: the Wagtail site's, else the default (e.g. on the 500 page)."""
    site = current_site(request)
    return (site and site.site_name) or SERVICE_NAME


def site_root(request):
    """The home page of the site serving this request (cached on the request)."""
    if request is None:
        return None
    if not hasattr(request, "_site_root_page"):
        site = current_site(request)
        request._site_root_page = site.root_page if site else None
    return request._site_root_page


def menu_pages(request):
    """The home page's live, public menu children: one query, cached on the request."""
    if not hasattr(request, "_site_menu_pages"):
        home = site_root(request)
        request._site_menu_pages = (
            list(home.get_children().live().public().in_menu()) if home else []
        )
    return request._site_menu_pages


def service_navigation(request, current_page=None):
    home = site_root(request)
    if home is None:
        return []
    items = [
        NavItem(
            text="Home",
            href=home.get_url(request),
            current=_is(current_page, home),
        )
    ]
    for page in menu_pages(request):
        items.append(
            NavItem(
                text=page.title,
                href=page.get_url(request),
                current=_is(current_page, page),
                active=_inside(current_page, page),
                description=page.search_description,
            )
        )
    items.extend(search_item(request))
    return items


def search_item(request):
    """Search is a view, not a page: it ends the menu wherever the search app is routed."""
    try:
        href = reverse("search")
    except NoReverseMatch:
        return []
    return [NavItem(text="Search", href=href, current=request.path == href)]


def breadcrumbs(request, page):
    """Ancestors of `page` from the site's home page down to its parent."""
    home = site_root(request)
    if not isinstance(page, Page) or home is None or page.depth <= home.depth:
        return []
    ancestors = page.get_ancestors().filter(depth__gte=home.depth, path__startswith=home.path)
    return [
        NavItem(text="Home" if a.pk == home.pk else a.title, href=a.get_url(request))
        for a in ancestors
    ]


def home_crumb(request):
    """Breadcrumbs for a view that is not a page (site map, search): back to the home page."""
    home = site_root(request)
    return [NavItem(text="Home", href=home.get_url(request))] if home else []


def _is(current_page, page):
    return isinstance(current_page, Page) and current_page.pk == page.pk


def _inside(current_page, page):
    return (
        isinstance(current_page, Page)
        and current_page.pk != page.pk
        and current_page.path.startswith(page.path)
    )
