import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# Each gunicorn worker keeps its database connection between requests (checked before
# reuse): opening one per request started a PostgreSQL backend per page, and a page kept
# in the cache took 8.5 ms to serve instead of 2.4 ms (docs/performance.md, bench spike).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# One TLS-terminating reverse proxy in front of gunicorn by default: it sets
# X-Forwarded-Proto (above) and appends the client's address to X-Forwarded-For, which
# lockouts and rate limits use (security/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# The cache every gunicorn worker shares: rate-limit counters and the public pages kept
# for visitors (website/cache.py). With REDIS_URL set, Redis: a kept page is served in
# under half the time (docs/performance.md, bench spike); run it without persistence, as
# a cache that starts empty (docs/operations.md; `check --deploy` refuses one that
# persists). Without it, the database cache table, which needs no other service (created
# by `migrate`, see security/migrations).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            # Django's default of 300 rows is fewer than a site's public addresses (each
            # review, each filter of the index): past it, a third of the rows go on the
            # next write, kept pages among them.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# The policy is enforced, never report-only.
CONTENT_SECURITY_POLICY_REPORT_ONLY = None

# Never demo data in production: load_demo refuses (remove_demo takes it out).
DEMO_DATA = False
