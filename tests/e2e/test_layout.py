"""Reflow, cookies and screenshots of every public page for review (var/screenshots/)."""

import struct

import pytest

from .conftest import DESKTOP, MOBILE, PUBLIC_PAGES, ROOT, STATUS

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
