import contextlib

from .base import *  # noqa: F403

DEBUG = True
# Development only: a fixed key so `make run` works with nothing to configure.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405, S105
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Development only (needs DEBUG): `load_demo` enrols every demo user's authenticator with
# this one secret, so a reviewer adds it to any TOTP app once, or runs
# `python manage.py demo_code`. Remove it to try the first-sign-in set-up.
DEMO_TWO_FACTOR_SECRET = "DEMOREVIEWSANDLEARNINGTWOFACTORS"  # noqa: S105

# `make run` loads the fictional demo data (load_demo); production never allows it.
DEMO_DATA = True

# A gitignored local.py may extend these settings.
with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
