"""Keyboard-only use: skip link, quick exit and navigation reached and used with Tab and Enter."""

import pytest

from .conftest import MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOCUS_YELLOW = "rgb(255, 221, 0)"

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        text: el.innerText.trim().replace(/\\s+/g, ' '),
        tag: el.tagName.toLowerCase(),
        id: el.id,
        className: el.className,
        visible: el.getBoundingClientRect().height > 0 && style.visibility !== 'hidden',
        background: style.backgroundColor,
    };
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def wait_for_govuk_frontend(page):
    page.wait_for_function("document.body.dataset.govukFrontendExitThisPageKeypress === 'true'")


def test_tab_order_starts_with_skip_link_quick_exit_then_navigation(visitor):
    page = visitor.visit("/")
    wait_for_govuk_frontend(page)

    order = [tab(page) for _ in range(9)]

    assert [f["text"] for f in order] == [
        "Skip to main content",
        "Exit this page",
        "Reviews and learning",
        "Home",
        "Help and support",
        "Learning library",
        "Published reviews",
        "Search",
        "Emergency Exit this page",
    ]
    assert "govuk-exit-this-page__button" in order[-1]["className"]
    for focused in order:  # WCAG 2.4.7: every stop is visible, in GOV.UK's focus colour
        assert focused["visible"], focused
        assert focused["background"] == FOCUS_YELLOW, focused


def test_skip_link_moves_focus_to_the_main_content(visitor):
    page = visitor.visit("/help-and-support/")
    wait_for_govuk_frontend(page)
    tab(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues inside the main content, past the header and navigation.
    assert tab(page)["text"] == "0808 2000 247"
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


def test_navigation_works_from_the_keyboard(visitor):
    page = visitor.visit("/")
    wait_for_govuk_frontend(page)
    while tab(page)["text"] != "Help and support":
        pass
    page.keyboard.press("Enter")
    page.wait_for_url("**/help-and-support/")
    assert page.get_by_role("heading", level=1).inner_text() == "Help and support"
    current = page.locator('.govuk-service-navigation__link[aria-current="page"]')
    assert current.inner_text() == "Help and support"


def test_mobile_menu_opens_from_the_keyboard(visitor_factory):
    visitor = visitor_factory(viewport=MOBILE)
    page = visitor.visit("/")
    wait_for_govuk_frontend(page)
    help_link = page.locator(".govuk-service-navigation__link", has_text="Help and support")
    assert not help_link.is_visible()  # collapsed behind the Menu button

    while tab(page)["text"] != "Menu":
        pass
    page.keyboard.press("Enter")

    assert help_link.is_visible()
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    assert tab(page)["text"] == "Home"
