"""The quick exit leaves at once, with and without JavaScript, and tells the destination nothing."""

import pytest

from website.templatetags.site_tags import DEFAULT_QUICK_EXIT_URL

from .conftest import PUBLIC_PAGES, STATUS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_left_quietly(visitor):
    visitor.page.wait_for_url(DEFAULT_QUICK_EXIT_URL + "*")
    assert visitor.page.get_by_role("heading", level=1).inner_text() == "Weather"
    (request,) = visitor.exit_requests
    assert "referer" not in request.all_headers()  # the weather site cannot see where from
    assert len(visitor.context.pages) == 1  # same tab: nothing left open behind it


def ready(page):
    page.wait_for_function("document.body.dataset.govukFrontendExitThisPageKeypress === 'true'")


def test_the_button_leaves_the_page(visitor):
    page = visitor.visit("/help-and-support/")
    ready(page)
    page.get_by_role("button", name="Emergency Exit this page").click()
    assert_left_quietly(visitor)


def test_pressing_shift_three_times_leaves_the_page(visitor):
    page = visitor.visit("/help-and-support/")
    ready(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_quietly(visitor)


def test_the_exit_skip_link_leaves_the_page(visitor):
    page = visitor.visit("/")
    ready(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Exit this page"
    page.keyboard.press("Enter")
    assert_left_quietly(visitor)


def test_without_javascript_the_exit_is_a_plain_link_that_works(visitor_factory):
    visitor = visitor_factory(java_script_enabled=False)
    page = visitor.visit("/help-and-support/")
    button = page.locator(".govuk-exit-this-page__button")
    assert button.is_visible()
    assert button.get_attribute("href") == DEFAULT_QUICK_EXIT_URL
    assert button.get_attribute("rel") == "nofollow noreferrer"
    assert button.get_attribute("target") is None
    button.click()
    assert_left_quietly(visitor)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_every_public_page_has_the_quick_exit(visitor_factory, javascript):
    visitor = visitor_factory(java_script_enabled=javascript)
    for name, path in PUBLIC_PAGES.items():
        page = visitor.visit(path, STATUS.get(name, 200))
        assert page.locator(".govuk-exit-this-page__button").is_visible(), name
        assert page.locator(".govuk-js-exit-this-page-skiplink").count() == 1, name


def test_back_after_the_exit_does_not_return_to_the_page(visitor):
    """Back after Exit this page returned to the review the visitor was reading."""
    page = visitor.visit("/")
    page.goto("/help-and-support/")
    ready(page)
    page.get_by_role("button", name="Emergency Exit this page").click()
    assert_left_quietly(visitor)
    page.go_back()
    assert visitor.path() != "/help-and-support/"
