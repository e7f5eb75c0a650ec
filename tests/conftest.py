import shutil

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client

from tests import otp
from tests.cast import Cast


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(settings.MEDIA_ROOT.parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def signed_in_sessions_pass_two_factor(monkeypatch):
    """Every account needs a second factor to reach the admin. Test clients signed in
    with force_login() or login() have passed it, so tests about anything else need not
    care; tests about the second factor use otp.force_login_without_second_factor()."""
    monkeypatch.setattr(Client, "force_login", otp.verified_force_login)
    monkeypatch.setattr(Client, "login", otp.verified_login)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and other cached values never leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db):
    return Cast()


_after_a_flush = False


@pytest.fixture(autouse=True)
def content_type_cache_matches_the_database(request):
    """The browser tests flush the database and restore it after each test, which can give
    content types new ids; Django's process-wide ContentType cache would then hand out ids
    that no longer exist to the next test outside the browser package. Forget it then."""
    global _after_a_flush
    in_browser = "live_server" in request.fixturenames
    if _after_a_flush and not in_browser:
        ContentType.objects.clear_cache()
    _after_a_flush = in_browser
    yield
