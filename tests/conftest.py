import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests import otp
from tests.cast import ROLES, Cast


def pytest_sessionfinish(session, exitstatus):
    # Each process (each pytest-xdist worker too) has a folder of its own: see
    # config/settings/test.py. This removes this process's folder and no other.
    shutil.rmtree(settings.MEDIA_ROOT.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole module, for data its tests share: fixtures of module
    scope that depend on this one make their rows once (inside `django_db_blocker.unblock()`),
    each test still runs in a savepoint of its own that is rolled back after it, and the
    module's rows are rolled back after its last test. Not for modules with transactional
    tests (`transaction=True`, live servers): those need to commit."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_cast(module_db, django_db_blocker):
    """The cast made once for a module (see module_db). Its system administrator is made
    now too, so that no test's rollback takes away a user the cast still holds."""
    with django_db_blocker.unblock():
        shared = Cast()
        assert shared.superuser.pk
    return shared


@pytest.fixture
def shared_cast(module_cast, db):
    """The module's cast for one test, its people loaded afresh: nothing a test cached on a
    user object (access facts, permission caches) reaches the next test."""
    User = get_user_model()
    for role in ROLES:
        attribute = "superuser" if role == "superuser" else role
        setattr(module_cast, attribute, User.objects.get(pk=module_cast.user(role).pk))
    return module_cast


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
    """Tests that commit (the browser tests, `transaction=True`) flush the database and
    restore it after each test, which can give content types new ids; Django's
    process-wide ContentType cache would then hand out ids that no longer exist to the
    next test. Forget it then."""
    global _after_a_flush
    marker = request.node.get_closest_marker("django_db")
    flushes = "live_server" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    if _after_a_flush and not flushes:
        ContentType.objects.clear_cache()
    _after_a_flush = flushes
    yield
