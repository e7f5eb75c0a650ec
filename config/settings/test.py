from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Background work runs at once in tests; tests of the queue itself switch "background" to
# the database backend (tests/test_background.py).
# Public pages are rendered afresh in tests, except in the tests of the cache itself
# (tests/website/test_public_cache.py, and the takedown tests, which turn it on).
PUBLIC_PAGE_CACHE_SECONDS = 0
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# Uploaded files go to a throwaway folder per test run, never the developer's var/.
import tempfile  # noqa: E402

_TEST_FILES = Path(tempfile.mkdtemp(prefix="reviews-test-files-"))  # noqa: F405
MEDIA_ROOT = _TEST_FILES / "media"
PRIVATE_STORAGE_ROOT = _TEST_FILES / "private"
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_STORAGE_ROOT  # noqa: F405

# A file, not shared-cache memory, for the SQLite test database: concurrency tests run
# real threads, and only a file database queues writers with its busy timeout.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_FILES / "test.sqlite3")}  # noqa: F405
    # A throwaway database: no need to wait for the disk on every commit.
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA synchronous=OFF;"  # noqa: F405
STATIC_ROOT = _TEST_FILES / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Rate limits would trip over the many requests a test run makes from one address; the
# tests of the limiter switch it on.
RATE_LIMIT_ENABLED = False

# Tests may load the demo data (load_demo).
DEMO_DATA = True
