"""The Content Security Policy in a real browser: the public site and the Wagtail admin
(signed in with the second factor) load and work with no violation at all.

Every `securitypolicyviolation` event of every page is reported to the test as it
happens, and so is every console message about the policy; any one fails the test.
"""

import re

import pytest
from playwright.sync_api import expect

from reviews.stages import State
from tests import otp
from tests.factories import CaseDocumentFactory, DocumentVersionFactory
from tests.reviews.helpers import force_state

from .conftest import PUBLIC_PAGES, STATUS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"

LISTEN_FOR_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
    window.reportCspViolation({
        page: document.location.pathname,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: (event.sourceFile || '') + ':' + event.lineNumber,
        sample: event.sample,
    });
});
"""


class PolicyWatch:
    """What one browser context saw the policy refuse."""

    def __init__(self, visitor):
        self.violations = []
        visitor.context.expose_function("reportCspViolation", self._report)
        visitor.context.add_init_script(LISTEN_FOR_VIOLATIONS)
        visitor.page.on("console", self._console)

    def _report(self, violation):
        self.violations.append(violation)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append({"console": message.text})


@pytest.fixture
def watched(visitor):
    watch = PolicyWatch(visitor)
    yield visitor
    # The events are delivered asynchronously: let the last page's arrive.
    visitor.page.wait_for_timeout(200)
    assert watch.violations == []


def test_every_public_page_loads_without_a_violation(watched):
    for name, path in PUBLIC_PAGES.items():
        page = watched.visit(path, status=STATUS.get(name, 200))
        page.wait_for_load_state("load")
        # GOV.UK Frontend's JavaScript ran (it marks the body), so the script was allowed.
        expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)


def sign_in(visitor, user):
    device = otp.enrol(user)
    page = visitor.visit("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/two-factor/verify/**")
    page.get_by_label("Code").fill(otp.next_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/")
    return page


def test_the_admin_works_under_the_policy(watched, cast):
    review = force_state(
        cast.review(reference="DHR-CSP", chair=cast.chair, pseudonym="Adult C"),
        State.PANEL_REVIEW,
    )
    DocumentVersionFactory(document=CaseDocumentFactory(review=review))
    page = sign_in(watched, cast.manager)

    # The dashboard, then the sidebar's menus: opening one needs the admin's JavaScript.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("button", name="Learning library").click()
    expect(page.get_by_role("link", name="Strategies and plans")).to_be_visible()

    # The case list, filtered in the filter drawer: the results are fetched and swapped
    # in by the admin's JavaScript.
    page = watched.visit("/admin/reviews/")
    expect(page.get_by_role("link", name="DHR-CSP")).to_be_visible()
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="State").click()
    page.locator("select[name=state]").select_option("panel_review")
    page.wait_for_url(re.compile(r"state=panel_review"))
    expect(page.get_by_role("link", name="DHR-CSP")).to_be_visible()
    # A row's dropdown menu.
    page.get_by_role("button", name="More options for 'DHR-CSP (Adult C)'").click()
    expect(page.get_by_role("link", name="Edit").first).to_be_visible()

    # The case page, then the edit form (date pickers, inline panels and their scripts).
    page = watched.visit(f"/admin/reviews/inspect/{review.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("DHR-CSP")
    page = watched.visit(f"/admin/reviews/edit/{review.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Editing")
    expect(page.get_by_role("button", name="Save")).to_be_visible()

    # The learning library, with its charts, and the two-factor account page.
    for path in [
        "/admin/learning/strategies/",
        "/admin/learning/dashboard/",
        "/admin/two-factor/recovery-codes/",
    ]:
        watched.visit(path)


def test_the_watch_sees_a_script_the_policy_refuses(visitor):
    """The check above is not blind: a script without the nonce is refused and reported."""
    watch = PolicyWatch(visitor)
    page = visitor.visit("/")
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    assert any(v.get("directive", "").startswith("script-src") for v in watch.violations)
    visitor.errors.clear()  # the refusal was the point
