import json
import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections, transaction
from django.test import Client
from pytest_django.plugin import blocking_manager_key

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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """The copy of the migrated database that tests which commit restore (Django's
    `serialized_rollback`) lists rows by app, in INSTALLED_APPS order. Wagtail's tasks and
    pages look up their content type while being built from it; restored before the
    content types, that lookup makes a content type with a new id, and the content type
    restored after it then breaks the unique constraint. Content types first, then."""
    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            rows = json.loads(contents)
            rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
            connection._test_serialized_contents = json.dumps(rows)


def _commits(item):
    """Whether the test commits: `transaction=True` or a live server (the browser tests).
    Such a test ends by flushing the database."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        {"live_server", "transactional_db"} & set(fixtures)
        or (marker and marker.kwargs.get("transaction"))
    )


def _restores_at_start(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


def pytest_collection_modifyitems(items):
    for item in items:
        if _commits(item) and not _restores_at_start(item):
            raise pytest.UsageError(
                f"{item.nodeid} commits: mark it django_db(transaction=True, "
                "serialized_rollback=True) so that the rows migrations made (sites, "
                "timescales, content types) are kept"
            )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits ends with a flush that empties the database, rows made by
    migrations too; Django puts them back only at the start of the next test with
    `serialized_rollback`. Django's runner and pytest-django run such tests last, but under
    pytest-xdist's `--dist loadscope` a worker runs whole modules, largest first, so any
    test may come next. Put the rows back at once (same ids as before), unless the next
    test does so itself. Django's ContentType cache may hold ids from the test: forget it."""
    result = yield
    if _commits(item):
        if not (nextitem is None or _restores_at_start(nextitem)):
            with item.config.stash[blocking_manager_key].unblock():
                for connection in connections.all():
                    contents = getattr(connection, "_test_serialized_contents", None)
                    if contents is not None:
                        connection.creation.deserialize_db_from_string(contents)
        ContentType.objects.clear_cache()
    return result
