"""axe-core in a real browser: no serious or critical violation on any public template."""

import pytest

from .conftest import DESKTOP, MOBILE, PUBLIC_PAGES, STATUS, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_no_serious_or_critical_axe_violations_on_any_public_page(visitor_factory, viewport):
    visitor = visitor_factory(viewport=viewport)
    found = {}
    for name, path in PUBLIC_PAGES.items():
        page = visitor.visit(path, STATUS.get(name, 200))
        if violations := axe_violations(page):
            found[name] = violations
    assert found == {}


def test_no_violations_with_the_mobile_menu_open(visitor_factory):
    visitor = visitor_factory(viewport=MOBILE)
    page = visitor.visit("/")
    page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("link", name="Help and support").first.is_visible()
    assert axe_violations(page) == []
