"""With JavaScript off every public page still renders and can be navigated."""

import pytest

from .conftest import MOBILE, PUBLIC_PAGES, STATUS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_pages_render_and_link_together_without_javascript(visitor_factory):
    visitor = visitor_factory(java_script_enabled=False)
    for name, path in PUBLIC_PAGES.items():
        page = visitor.visit(path, STATUS.get(name, 200))
        assert page.get_by_role("heading", level=1).is_visible(), name
        assert page.locator("body.govuk-frontend-supported").count() == 0, name

    page = visitor.visit("/")
    page.get_by_role("link", name="Help and support").first.click()
    assert visitor.path() == "/help-and-support/"
    page.get_by_role("link", name="Accessibility statement").click()
    assert visitor.path() == "/accessibility-statement/"


def test_navigation_is_shown_on_mobile_without_javascript(visitor_factory):
    visitor = visitor_factory(java_script_enabled=False, viewport=MOBILE)
    page = visitor.visit("/")
    assert not page.get_by_role("button", name="Menu").is_visible()
    for label in ("Home", "Help and support"):
        link = page.locator(".govuk-service-navigation__link", has_text=label)
        assert link.is_visible(), label
