"""The public pages render in the GOV.UK layout with navigation, breadcrumbs and quick exit."""

import re

import pytest
from django.test import override_settings
from django.views.defaults import server_error
from wagtail.models import Site

from reviews.models import Review
from tests.factories import ReviewFactory
from website.models import SiteSettings, StandardPage

EXIT_URL = "https://www.bbc.co.uk/weather"


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/", "/help-and-support/", "/accessibility-statement/", "/privacy-notice/", "/site-map/"],
)
def test_every_public_page_has_the_layout(client, home, path):
    html = get(client, path)
    assert '<html lang="en-GB" class="govuk-template">' in html
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    assert "/static/govuk/application.css" in html
    assert "/static/site/js/site.js" in html  # which imports GOV.UK Frontend
    assert 'class="govuk-service-navigation"' in html
    # Quick exit: the component and the skip link, both plain links without JavaScript.
    assert html.count(f'href="{EXIT_URL}"') == 2
    assert html.count('rel="nofollow noreferrer"') == 2
    assert 'data-module="govuk-exit-this-page"' in html
    assert "target=" not in html
    assert 'href="/accessibility-statement/"' in html
    assert 'href="/privacy-notice/"' in html
    assert 'href="/site-map/"' in html


def test_no_cdn_or_other_site_is_asked_for_anything(client, home):
    html = get(client, "/")
    for tag in ("<script", "<link"):
        for chunk in html.split(tag)[1:]:
            attributes = chunk.split(">", 1)[0]
            assert "http" not in attributes.replace('type="application/atom+xml"', ""), attributes


def test_navigation_lists_home_then_the_menu_pages_in_tree_order(client, home):
    reviews = home.add_child(
        instance=StandardPage(title="Published reviews", slug="reviews", show_in_menus=True)
    )
    reviews.move(home, pos="first-child")
    home.add_child(instance=StandardPage(title="Not in menus", slug="hidden"))
    home.add_child(
        instance=StandardPage(title="Draft section", slug="draft", show_in_menus=True, live=False)
    )

    html = get(client, "/")
    nav = html.split('<ul class="govuk-service-navigation__list"', 1)[1].split("</ul>", 1)[0]

    hrefs = re.findall(r'class="govuk-service-navigation__link" href="([^"]+)"', nav)
    assert hrefs == ["/", "/reviews/", "/help-and-support/", "/search/"]  # search ends it
    assert "Not in menus" not in nav
    assert "Draft section" not in nav


def test_the_current_section_is_marked_in_the_navigation(client, home):
    help_page = StandardPage.objects.get(slug="help-and-support")
    help_page.add_child(instance=StandardPage(title="Staying safe online", slug="online"))

    page_html = get(client, "/help-and-support/")
    child_html = get(client, "/help-and-support/online/")

    assert 'href="/help-and-support/" aria-current="page"' in page_html
    assert 'href="/help-and-support/" aria-current="true"' in child_html
    assert 'href="/" aria-current' not in child_html


def test_breadcrumbs_lead_from_home_to_the_parent(client, home):
    help_page = StandardPage.objects.get(slug="help-and-support")
    help_page.add_child(instance=StandardPage(title="Staying safe online", slug="online"))

    html = get(client, "/help-and-support/online/")
    crumbs = html.split('<nav class="govuk-breadcrumbs"', 1)[1].split("</nav>", 1)[0]

    assert '<a class="govuk-breadcrumbs__link" href="/">Home</a>' in crumbs
    assert 'href="/help-and-support/">Help and support</a>' in crumbs
    assert "Staying safe online" not in crumbs
    assert 'class="govuk-breadcrumbs"' not in get(client, "/")


def test_phase_banner_says_the_cases_are_fictional_only_while_demo_cases_exist(client, home):
    assert "fictional" not in get(client, "/").split("govuk-phase-banner", 1)[1].split("</div>")[0]
    ReviewFactory(is_fictional=True)

    banner = get(client, "/").split("govuk-phase-banner", 1)[1].split("</div>")[0]
    assert "Demo" in banner
    assert "The review cases shown are fictional" in banner

    Review.objects.update(is_fictional=False)
    assert "fictional" not in get(client, "/").split("govuk-phase-banner", 1)[1].split("</div>")[0]


def test_home_page_lists_its_sections_with_their_descriptions(client, home):
    html = get(client, "/")
    assert '<h1 class="govuk-heading-xl">Reviews and learning</h1>' in html
    assert '<a class="govuk-link" href="/help-and-support/">Help and support</a>' in html
    assert "Help lines for anyone affected by domestic abuse" in html
    assert "If you are worried that someone is at immediate risk of harm contact 999." in html


def test_contact_block_shows_the_site_contact_email(client, home):
    assert "Contact the partnership that runs this website." in get(
        client, "/accessibility-statement/"
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "accessibility@example.org"
    site_settings.save()

    html = get(client, "/accessibility-statement/")
    assert 'href="mailto:accessibility@example.org"' in html
    assert "WCAG" in html and "2.2 AA" in html


def test_site_map_lists_top_level_pages_and_menu_children(client, home):
    help_page = StandardPage.objects.get(slug="help-and-support")
    help_page.add_child(
        instance=StandardPage(title="Staying safe online", slug="online", show_in_menus=True)
    )
    help_page.add_child(instance=StandardPage(title="Not listed", slug="unlisted"))

    html = get(client, "/site-map/")

    for title in ("Help and support", "Accessibility statement", "Privacy notice"):
        assert f">{title}</a>" in html
    assert ">Staying safe online</a>" in html
    assert "Not listed" not in html
    assert 'href="/sitemap.xml"' in html


def test_not_found_page_uses_the_layout(client, home):
    html = get(client, "/no-such-page/", status=404)
    assert '<h1 class="govuk-heading-xl">Page not found</h1>' in html
    assert 'data-module="govuk-exit-this-page"' in html
    assert 'class="govuk-service-navigation"' in html


@override_settings(QUICK_EXIT_URL="https://www.example.com/")
def test_quick_exit_destination_can_be_configured(client, home):
    html = get(client, "/")
    assert html.count('href="https://www.example.com/"') == 2


def test_server_error_page_renders_without_touching_the_database(db, rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert 'data-module="govuk-exit-this-page"' in html
    assert '<a href="#main-content" class="govuk-skip-link"' in html
