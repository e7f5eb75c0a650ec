"""Reflow, cookies and screenshots of every public page for review (var/screenshots/); the
filters of the public list and of the admin's listings on a phone and a desktop."""

import re
import struct

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews.stages import State
from tests.cast import Cast
from tests.reviews.helpers import force_state

from .conftest import DESKTOP, MOBILE, PUBLIC_PAGES, ROOT, STATUS, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = ROOT / "var" / "screenshots"


def png_size(path):
    with path.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_pages_reflow_at_320_pixels_without_scrolling_sideways(visitor_factory):
    """WCAG 1.4.10: 320 CSS pixels is a 1280 pixel screen at 400% zoom."""
    visitor = visitor_factory(viewport={"width": 320, "height": 640})
    too_wide = {}
    for name, path in PUBLIC_PAGES.items():
        page = visitor.visit(path, STATUS.get(name, 200))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
    assert too_wide == {}


def test_reading_the_public_pages_sets_no_cookies(visitor):
    for name, path in PUBLIC_PAGES.items():
        visitor.visit(path, STATUS.get(name, 200))
    assert visitor.context.cookies() == []


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_screenshots_of_every_public_page(visitor_factory, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visitor = visitor_factory(viewport=viewport)
    for name, path in PUBLIC_PAGES.items():
        page = visitor.visit(path, STATUS.get(name, 200))
        page.wait_for_load_state("networkidle")
        target = SCREENSHOTS / f"{name}-{viewport['width']}.png"
        page.screenshot(path=str(target), full_page=True)
        width, height = png_size(target)
        assert width == viewport["width"], f"{name} is wider than the screen"
        assert height >= viewport["height"]


def test_on_a_phone_the_review_filters_wait_behind_show_filters(visitor_factory):
    """At 375 pixels the filters filled the first screen and pushed the results below it.
    Without JavaScript: the disclosure is a <details> element."""
    visitor = visitor_factory(viewport=MOBILE, java_script_enabled=False)
    page = visitor.visit("/reviews/")
    count = page.locator("#result-count")
    expect(count).to_be_in_viewport()
    result = page.locator(".app-result-list a").first
    expect(result).to_be_in_viewport()
    partnership = page.get_by_label("Partnership", exact=True)
    expect(partnership).to_be_hidden()

    page.get_by_text("Show filters").click()
    partnership.select_option(label="Northbrook Community Safety Partnership")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"partnership=northbrook"))
    expect(page.get_by_role("link", name=re.compile("Partnership: Northbrook"))).to_be_visible()
    expect(count).to_be_in_viewport()  # the filtered results start on the first screen

    # From tablet width up the filters are shown beside the results, with no toggle.
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_text("Show filters")).to_be_hidden()
    expect(partnership).to_be_visible()


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
def test_the_admin_filter_drawer_holds_its_selects_whole(visitor_factory, viewport):
    """The State select ran past the drawer's right edge: its end and arrow were cut off."""
    cast = Cast()
    force_state(cast.review(reference="DHR-2026-101"), State.DRAFTING)
    force_state(cast.review(reference="DHR-2026-102"), State.PANEL_REVIEW)
    visitor = signed_in(visitor_factory(viewport=viewport), cast.manager)
    page = visitor.visit(reverse("reviews:index"))
    page.get_by_role("button", name="Filter").first.click()
    page.get_by_role("button", name="State").click()
    select = page.get_by_label("State")
    expect(select).to_be_visible()
    drawer = page.locator(".w-drilldown__contents").bounding_box()
    box = select.bounding_box()
    assert drawer["x"] <= box["x"] and box["x"] + box["width"] <= drawer["x"] + drawer["width"]
    assert box["x"] + box["width"] <= viewport["width"]

    select.select_option(label="Panel review")
    results = page.locator("#listing-results")
    expect(results.get_by_role("link", name="DHR-2026-102")).to_be_visible()
    expect(results.get_by_role("link", name="DHR-2026-101")).to_have_count(0)
