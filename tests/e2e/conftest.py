"""Browser tests: Playwright for Python driving Debian's Chromium against Django's live server.

Chromium is launched from /usr/bin/chromium (override with CHROMIUM=/path): Playwright's own
browser download is not used. A missing browser, axe-core or built assets fails the run:
these tests are never skipped.
"""

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

from website.demo import DEMO_CONTACT_EMAIL
from website.models import SiteSettings
from website.site_setup import ensure_site_pages
from website.templatetags.site_tags import DEFAULT_QUICK_EXIT_URL

from .public_content import REVIEW_PATH, STRATEGY_PATH, THEME_PATH, add_public_content

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_ASSETS = ROOT / "site" / "static" / "govuk" / ".built"

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}

# Every public page template, by a page that uses it.
PUBLIC_PAGES = {
    "home": "/",
    "help-and-support": "/help-and-support/",
    "accessibility-statement": "/accessibility-statement/",
    "privacy-notice": "/privacy-notice/",
    "site-map": "/site-map/",
    "reviews": "/reviews/",
    "reviews-filtered": "/reviews/?kind=dhr&partnership=northbrook",
    "reviews-filter-error": "/reviews/?year=1850",
    "review": REVIEW_PATH,
    "learning-library": "/learning-library/",
    "theme": THEME_PATH,
    "strategy": STRATEGY_PATH,
    "search": "/search/",
    "search-results": "/search/?q=share+information",
    "search-no-results": "/search/?q=zebra&type=nonsense",
    "not-found": "/no-such-page/",
    "server-error": "/test-server-error/",
}
STATUS = {"not-found": 404, "server-error": 500}
# The exit destination is another website: the tests answer for it, so nothing leaves the
# machine, and record what the browser sent it.
EXIT_PAGE_HTML = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


def require(path, how):
    if not path.exists():
        pytest.fail(f"{path} is missing: {how}", pytrace=False)


@pytest.fixture(scope="package")
def browser():
    require(CHROMIUM, "install Chromium (apt-get install -y chromium) or set CHROMIUM")
    require(AXE_JS, "run `make assets` (npm ci) first")
    require(BUILT_ASSETS, "run `make assets` to build the GOV.UK Frontend assets")
    with playwright_beside_django() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@contextmanager
def playwright_beside_django():
    """Start Playwright so that the test body can still use the ORM.

    Playwright's synchronous API keeps an asyncio loop running in this thread. While a loop
    runs, Django refuses ORM calls (allowed here: the tests only set up data; the server
    under test has its own thread) and hands out other connection objects, its connections
    being local to the async context. Those need the test database's serialized contents,
    which `serialized_rollback` restores after each flush, and must be closed before the
    loop stops so that the test database can be dropped at the end.
    """
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        yield playwright
    finally:
        connections.close_all()
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, settings):
    """The public site as a new installation has it, with a published review and a
    learning library, served with a route that fails."""
    settings.ROOT_URLCONF = "tests.e2e.urls"
    ensure_site_pages()
    add_public_content()
    site_settings = SiteSettings.objects.get()
    site_settings.contact_email = DEMO_CONTACT_EMAIL
    site_settings.save()
    return live_server


class Visitor:
    """One browser context (a visitor), with what it saw go wrong recorded."""

    def __init__(self, browser, base_url, **options):
        self.base_url = base_url
        self.context = browser.new_context(base_url=base_url, **options)
        self.context.set_default_timeout(10_000)
        self.exit_requests = []
        self.errors = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"JavaScript: {error}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url):
            return route.continue_()
        if url.startswith(DEFAULT_QUICK_EXIT_URL):
            self.exit_requests.append(route.request)
            return route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE_HTML)
        self.errors.append(f"request to another site: {url}")
        return route.abort()

    def _console(self, message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(f"console: {message.text}")

    def _response(self, response):
        request = response.request
        if request.resource_type != "document" and response.status >= 400:
            self.errors.append(f"{response.status} for {response.url}")

    def visit(self, path, status=200):
        response = self.page.goto(path)
        assert response.status == status, f"{path}: {response.status}"
        return self.page

    def path(self):
        return urlsplit(self.page.url).path

    def close(self):
        self.context.close()
        assert self.errors == []


@pytest.fixture
def visitor_factory(browser, site):
    visitors = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        visitor = Visitor(browser, site.url, **options)
        visitors.append(visitor)
        return visitor

    yield make
    for visitor in visitors:
        visitor.close()


@pytest.fixture
def visitor(visitor_factory):
    return visitor_factory()


def signed_in(visitor, user):
    """The visitor holds a session of `user` that has passed the second factor (made by the
    test client, as tests/conftest.py's force_login does). Signing in through the forms is
    tested once, in test_review_scenario.py; the other browser tests start signed in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    visitor.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": visitor.base_url}]
    )
    return visitor


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core on the page: the WCAG 2.x A and AA rules plus axe's best practices."""
    # Evaluated, not added as a <script> tag: the Content Security Policy refuses
    # scripts without the page's nonce, as it should.
    page.evaluate("() => { " + AXE_JS.read_text() + "\n}")
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {
                runOnly: {type: 'tag', values: [
                    'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'
                ]},
                resultTypes: ['violations'],
            });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [v for v in violations if v["impact"] in impacts]
