"""Settings shared by every environment. Environment-specific modules extend these.

Everything that differs between installations comes from environment variables:
DATABASE_URL (SQLite when unset), ELASTICSEARCH_URL (database search when unset),
SECRET_KEY (required in production).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "partnerships",
    "reviews",
    "learning",
    "search",
    "website",  # after reviews and learning: its demo builds the home page over theirs
    # Before wagtail.admin: their templates override a few of Wagtail's (sign-in page,
    # inline scripts given the CSP nonce). After the other apps: accounts' demo loader
    # pre-enrols the demo users they create.
    "accounts",
    "security",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_fsm",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Public pages for visitors without a session, from the shared cache (website/cache.py).
    # Outermost: a kept page is the whole response as the layers below finished it (its
    # security headers and CSP included), served without running them again; a request it
    # does not serve (http to be redirected, staff, static files) goes through them all.
    "website.cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "security.csp.CurrentRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.sessions.SessionActivityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "security.ratelimit.RateLimitMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# dj-database-url accepts both postgres:// and postgresql:// schemes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins, so two people acting on the same
    # case queue up instead of failing with "database is locked" half-way through.
    # Reads through a memory map and a 32 MB page cache per connection: a search reads
    # thousands of index pages (search.backends.database.sqlite).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA mmap_size=268435456; PRAGMA cache_size=-32000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses to authenticate a username+address that is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Object-level rules (partnership, chair, panel membership) live in each app's rules.py.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.PersonalInformationValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [SITE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Public media (images used on public pages). Case documents never live here: they are
# stored under PRIVATE_STORAGE_ROOT, which no URL maps to, and are served by a view that
# checks the user's rights on the case.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PRIVATE_STORAGE_ROOT", BASE_DIR / "var" / "private"))
# Where `make backup` / `manage.py backup` writes archives. Keep copies off this machine.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))

# Case documents: the largest file accepted, in bytes (25 MiB unless set). The web
# server in front should refuse larger request bodies too.
CASE_DOCUMENT_MAX_UPLOAD_BYTES = int(
    os.environ.get("CASE_DOCUMENT_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024))
)
# The most a Word, OpenDocument or Excel upload may unpack to, in bytes (50 MiB unless
# set), read from the zip's directory before any part is opened; a PDF's streams may each
# expand to this much too. Far above what a real report needs (a 300-page DOCX with
# pictures unpacks to about 30 MB), far below what hurts the server.
CASE_DOCUMENT_MAX_EXPANDED_BYTES = int(
    os.environ.get("CASE_DOCUMENT_MAX_EXPANDED_BYTES", str(50 * 1024 * 1024))
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Sessions end after SESSION_IDLE_MINUTES without a request, and when the browser closes.
# Activity pushes the expiry back (accounts.sessions saves the session at most once per
# SESSION_REFRESH_SECONDS), so it measures inactivity, not session age.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Two-factor authentication (accounts/): TOTP apps plus single-use recovery codes.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Reviews and Learning")
RECOVERY_CODE_COUNT = 10

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is refused for AXES_COOLOFF_TIME (hours) or until an
# administrator unlocks it. Account events keep the audit trail, so axes' own access
# log is off.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "accounts.lockouts.lockout_response"
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
AXES_VERBOSE = False
# How many reverse proxies (each appending to X-Forwarded-For) stand in front of the
# application. 0: use the connection's address. Behind one TLS proxy: 1.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Rate limits per endpoint: "count/period" with period s, m, h or d (e.g. "10/m",
# "30/h"). Each can be overridden with RATE_LIMIT_<NAME> in the environment. Views
# opt in with security.ratelimit.rate_limit("name"); views we do not own (Wagtail's
# sign-in) are mapped by URL name in RATE_LIMITED_VIEWS.
RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
RATE_LIMITS = {
    name: os.environ.get(f"RATE_LIMIT_{name.upper()}", default)
    for name, default in {
        "login": "20/m",
        "password": "10/m",
        "two_factor": "20/m",
        "upload": "60/h",
        "search": "120/m",
        "open_data": "60/m",
    }.items()
}
# Every form that takes a password is limited: the admin's sign-in and the site's own
# (private pages), the shared passwords of private pages and documents, the password
# reset request, setting a new password from a reset link, changing one's password on the
# account page, and setting a user's password in the user admin.
RATE_LIMITED_VIEWS = {
    "wagtailadmin_login": ("login", ["POST"]),
    "wagtailcore_login": ("login", ["POST"]),
    "wagtailcore_authenticate_with_password": ("login", ["POST"]),
    "wagtaildocs_authenticate_with_password": ("login", ["POST"]),
    "wagtailadmin_password_reset": ("login", ["POST"]),
    "wagtailadmin_password_reset_confirm": ("password", ["POST"]),
    "wagtailadmin_account": ("password", ["POST"]),
    "wagtailusers_users:add": ("password", ["POST"]),
    "wagtailusers_users:edit": ("password", ["POST"]),
    "reviews:upload": ("upload", ["POST"]),
}

# Response headers. X-Frame-Options DENY is Django's default; SecurityMiddleware sends
# Referrer-Policy and Cross-Origin-Opener-Policy; security.middleware adds
# Permissions-Policy.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Content Security Policy (django-csp 4). Scripts and styles come from this site only.
# Inline <script> blocks are allowed only with the per-request nonce: Wagtail's admin
# has a few (date pickers, inline panels), re-rendered with the nonce by the templates
# in security/templates. Inline style="" attributes in Wagtail's admin and ours are the
# one allowance: style-src-attr 'unsafe-inline' (styles cannot run code). See
# docs/security.md.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# How long a public page is kept in the shared cache; any change to public content drops
# every kept page at once (website/cache.py). 0: no cache.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300"))

# Background work (config/background.py). "default" is Wagtail's own: it keeps its search
# index in step within the request, so an edit is found by the very next search.
# "background" is ours: text extraction of uploaded papers and emails, queued in the
# database and run by `manage.py db_worker --backend background` (docs/operations.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "reviews@localhost")

# Wagtail
WAGTAIL_SITE_NAME = "Reviews and Learning"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "reviews_")

# Django's own admin is not installed: staff work in the Wagtail admin at /admin/.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would tell a third party who uses the admin (a hash
# of their email) and the CSP allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The immediate task backend logs every background task at INFO: too chatty.
    # django-axes logs every sign-in at INFO; accounts.AccountEvent is the audit trail.
    "loggers": {"django_tasks": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
