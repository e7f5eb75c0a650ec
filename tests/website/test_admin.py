"""Editors can work on the site's pages and settings in the Wagtail admin."""

import pytest
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from website.models import HomePage, StandardPage


def test_editor_forms_load_for_every_page_type_and_the_site_settings(admin_client, home):
    for page in [home, *home.get_children()]:
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.title
    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(f"/admin/settings/pages/sitesettings/{site.pk}/")
    assert response.status_code == 200
    assert b"Footer links" in response.content


def test_an_editor_can_add_a_page_with_a_help_line(admin_client, home):
    data = nested_form_data(
        {
            "title": "Support for families",
            "slug": "support-for-families",
            "intro": "Support for bereaved families.",
            "body": streamfield(
                [
                    ("heading", {"text": "Who can help", "size": "l"}),
                    ("paragraph", rich_text("<p>These services can help.</p>")),
                    (
                        "helplines",
                        {
                            "heading": "Help lines",
                            "introduction": rich_text(""),
                            "helplines": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "name": "The National Domestic Abuse Helpline",
                                            "description": "",
                                            "telephone": "0808 2000 247",
                                            "hours": "",
                                            "email": "",
                                            "website": "",
                                            "website_text": "",
                                        },
                                    )
                                ]
                            ),
                            "source": "Haringey Domestic Abuse Strategy 2023–2028.",
                        },
                    ),
                    ("contact", ""),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/pages/standardpage/{home.pk}/", data, follow=True
    )
    assert response.status_code == 200

    page = StandardPage.objects.get(slug="support-for-families")
    assert page.live
    html = admin_client.get("/support-for-families/").content.decode()
    assert 'href="tel:+448082000247">0808 2000 247</a>' in html
    assert "Who can help" in html


@pytest.mark.django_db
def test_home_page_only_at_the_root_of_the_tree():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert not HomePage.can_create_at(StandardPage())
