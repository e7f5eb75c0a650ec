"""Demo: the site's own pages, plus a clearly placeholder contact address."""

from wagtail.models import Site

from .models import SiteSettings
from .site_setup import ensure_site_pages

# example.org is reserved for examples: nobody receives mail there.
DEMO_CONTACT_EMAIL = "reviews@example.org"


def load(log):
    ensure_site_pages(log)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not settings.contact_email:
        settings.contact_email = DEMO_CONTACT_EMAIL
        settings.save(update_fields=["contact_email"])
    log("Public site: home, help and support, accessibility statement and privacy notice.")


def remove(removal):
    """The demo's placeholder contact address, if nobody has replaced it (remove_demo).
    The site's pages are not fictional and stay."""
    for settings in SiteSettings.objects.filter(contact_email=DEMO_CONTACT_EMAIL):
        settings.contact_email = ""
        settings.save(update_fields=["contact_email"])
        removal.counts["website.SiteSettings contact address"] = 1
