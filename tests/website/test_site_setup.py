from wagtail.models import Page, Site

from website import content
from website.models import HomePage, SiteSettings, StandardPage
from website.site_setup import ensure_site_pages


def test_replaces_the_welcome_page_with_the_home_page(db):
    welcome = Site.objects.get(is_default_site=True).root_page
    assert type(welcome.specific) is Page  # Wagtail's own "Welcome to your new Wagtail site!"

    home = ensure_site_pages()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(home, HomePage)
    assert site.root_page_id == home.pk
    assert site.site_name == content.SERVICE_NAME
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert home.slug == "home"
    assert home.live and home.last_published_at is not None


def test_creates_the_help_accessibility_and_privacy_pages_and_links_them_in_the_footer(db):
    home = ensure_site_pages()

    children = {page.slug: page for page in home.get_children().specific()}
    assert set(children) == {"help-and-support", "accessibility-statement", "privacy-notice"}
    assert all(isinstance(page, StandardPage) and page.live for page in children.values())
    assert children["help-and-support"].show_in_menus
    assert not children["privacy-notice"].show_in_menus
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.help_page_id == children["help-and-support"].pk
    assert site_settings.accessibility_statement_id == children["accessibility-statement"].pk
    assert site_settings.privacy_notice_id == children["privacy-notice"].pk


def test_running_again_changes_nothing_and_keeps_editors_changes(db):
    home = ensure_site_pages()
    help_page = StandardPage.objects.get(slug="help-and-support")
    help_page.intro = "Edited by an editor."
    help_page.save_revision().publish()
    pages_before = list(Page.objects.values_list("pk", "path", "slug").order_by("path"))

    again = ensure_site_pages()

    assert again.pk == home.pk
    assert list(Page.objects.values_list("pk", "path", "slug").order_by("path")) == pages_before
    assert StandardPage.objects.get(slug="help-and-support").intro == "Edited by an editor."


def test_pages_created_under_the_welcome_page_move_to_the_home_page(db):
    """Another app's demo (e.g. a reviews index) may run first and build under the welcome page."""
    welcome = Site.objects.get(is_default_site=True).root_page
    earlier = welcome.add_child(instance=StandardPage(title="Published reviews", slug="reviews"))

    home = ensure_site_pages()

    earlier.refresh_from_db()
    assert earlier.get_parent().pk == home.pk
    assert earlier.url_path == "/home/reviews/"
    assert earlier.get_url() == "/reviews/"


def test_a_custom_root_page_is_kept(db):
    site = Site.objects.get(is_default_site=True)
    custom = site.root_page.get_parent().add_child(
        instance=StandardPage(title="Our own home", slug="our-home")
    )
    site.root_page = custom
    site.save()

    root = ensure_site_pages()

    assert root.pk == custom.pk
    assert not HomePage.objects.exists()
    custom.refresh_from_db()
    assert custom.get_children().filter(slug="help-and-support").exists()
