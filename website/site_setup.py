"""Give a new installation its home page and the pages every public site needs.

`ensure_site_pages()` is idempotent: it replaces Wagtail's "Welcome to your new Wagtail
site!" page with a HomePage (keeping anything already created under it), then adds the
help, accessibility and privacy pages if they are missing. Pages that exist are never
overwritten: once created, their content belongs to the editors.
"""

import copy

from wagtail.models import Page, Site

from . import content
from .models import HomePage, SiteSettings, StandardPage


def ensure_site_pages(log=None):
    log = log or (lambda message: None)
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = install_home_page(site, log)
    pages = {spec.slug: ensure_page(home, spec, log) for spec in content.CONTENT_PAGES}
    if isinstance(home, HomePage) and not home.body:
        home.body = content.home_body(pages[content.HELP.slug].pk)
        home.save_revision().publish()
    if not site.site_name:
        site.site_name = content.SERVICE_NAME
        site.save(update_fields=["site_name"])
    link_footer_pages(site, pages)
    return home


def install_home_page(site, log):
    root = site.root_page.specific
    if isinstance(root, HomePage):
        return root
    if type(root) is not Page:
        log(f"Kept the site's root page: it is a {type(root).__name__}, not the welcome page.")
        return root
    welcome = root
    welcome.slug = "wagtail-welcome"  # free "home" for the new page; the welcome page goes
    welcome.save()
    home = HomePage(
        title=content.HOME.title,
        slug=content.HOME.slug,
        intro=content.HOME.intro,
        search_description=content.HOME.search_description,
    )
    welcome.get_parent().add_child(instance=home)
    home.save_revision().publish()
    for child in list(welcome.get_children()):  # e.g. a reviews index created before us
        child.move(home, pos="last-child")
    Site.objects.filter(root_page=welcome).update(root_page=home)
    welcome.delete()
    home.refresh_from_db()
    log(f"Home page: replaced Wagtail's welcome page with “{home.title}”.")
    return home


def ensure_page(parent, spec, log):
    existing = parent.get_children().filter(slug=spec.slug).first()
    if existing is not None:
        return existing.specific
    page = StandardPage(
        title=spec.title,
        slug=spec.slug,
        intro=spec.intro,
        search_description=spec.search_description,
        show_in_menus=spec.show_in_menus,
        body=copy.deepcopy(spec.body),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    log(f"Page created: {spec.title}.")
    return page


def link_footer_pages(site, pages):
    settings = SiteSettings.for_site(site)
    wanted = {
        "help_page": pages[content.HELP.slug],
        "accessibility_statement": pages[content.ACCESSIBILITY.slug],
        "privacy_notice": pages[content.PRIVACY.slug],
    }
    changed = [name for name, page in wanted.items() if getattr(settings, f"{name}_id") is None]
    for name in changed:
        setattr(settings, name, wanted[name])
    if changed or settings.pk is None:
        settings.save()
    return settings
