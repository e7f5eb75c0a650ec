"""What the fuzz and attack tests share: a small world of cases, papers and plans; a
signed-in client per role; a fingerprint of every stored row and file; and the hostile
values to send."""

import datetime
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core import serializers
from django.test import Client

from reviews.models import CaseDocument, DocumentComment, Review
from reviews.stages import State
from tests import otp
from tests.cast import ROLES as CAST_ROLES
from tests.factories import DocumentVersionFactory, UserFactory
from tests.learning.conftest import Library
from tests.reviews.helpers import force_state
from website.site_setup import ensure_site_pages

# Every app whose rows an attacker could hope to change, plus the accounts themselves.
CASE_DATA_APPS = ["partnerships", "reviews", "learning", "pages"]
ACCOUNT_APPS = ["accounts", "auth", "otp_totp", "otp_static"]

ROLES = ["anonymous", *CAST_ROLES]

# SQL injection, path traversal (plain, encoded, double-encoded, Windows, NUL-terminated),
# markup and numbers no column can hold.
ATTACKS = [
    "' OR '1'='1",
    "1' OR 1=1 --",
    "1; DROP TABLE reviews_review; --",
    "1 UNION SELECT username, password FROM auth_user --",
    '" OR ""="',
    "') OR ('a'='a",
    "1)) OR 1=1 --",
    "%' OR '%'='",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%252f..%252fetc%252fpasswd",
    "..\\..\\..\\windows\\win.ini",
    "....//....//etc/passwd",
    "/etc/passwd",
    "draft.pdf\x00.txt",
    "\x00",
    "<script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "",
    " ",
]

# What an error page must never show.
LEAKS = [
    "Traceback",
    "syntax error",
    "OperationalError",
    "ProgrammingError",
    "DataError",
    "sqlite3",
    "psycopg",
    "root:x:0:0",
    "test-only-key",
]


class World(Library):
    """The learning library's partnership, plus a case with a paper, a comment and a
    confidential term, and a superuser."""

    def __init__(self, cast):
        super().__init__(cast)
        self.case = force_state(
            cast.review(reference="DHR-FUZZ", chair=cast.chair), State.PANEL_REVIEW
        )
        self.version = DocumentVersionFactory(
            document__review=self.case, document__audience=CaseDocument.Audience.PANEL
        )
        self.comment = DocumentComment.objects.create(
            version=self.version,
            author=cast.panel_member,
            author_name="Panel member",
            body="Fictional comment.",
        )
        self.term = self.case.confidential_terms.create(
            term="Fictional Name", added_by=cast.manager
        )
        self.foreign_version = DocumentVersionFactory(document__review=self.foreign_review)
        # A published case has its publication date (the workflow sets it).
        Review.objects.filter(state=State.PUBLISHED, published_on__isnull=True).update(
            published_on=datetime.date(2026, 6, 1)
        )
        # The public site as installed (its pages and settings are made once, on set-up,
        # not by the first visitor).
        ensure_site_pages()
        self.superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
        self.clients = SignedInClients(self)

    def client_for(self, role):
        client = Client()
        if role == "superuser":
            client.force_login(self.superuser)
        elif role == "half_signed_in":  # password accepted, code not yet given
            half = UserFactory(username="half-signed-in")
            otp.enrol(half)
            otp.force_login_without_second_factor(client, half)
        elif role == "not_enrolled":  # first sign-in: no authenticator set up yet
            otp.force_login_without_second_factor(client, UserFactory(username="not-enrolled"))
        elif role != "anonymous":
            client.force_login(self.cast.everyone[role])
        return client


class SignedInClients(dict):
    """A client per role, signed in when first asked for (signing in writes rows)."""

    def __init__(self, world):
        super().__init__()
        self.world = world

    def __missing__(self, role):
        self[role] = self.world.client_for(role)
        return self[role]


def fingerprint(case_data_only=False):
    """A digest of every row of the guarded apps and the name and size of every stored
    file: equal fingerprints mean nothing was stored, changed or deleted."""
    digest = hashlib.sha256()
    for label in CASE_DATA_APPS + ([] if case_data_only else ACCOUNT_APPS):
        for model in apps.get_app_config(label).get_models():
            rows = model.objects.order_by("pk")
            digest.update(serializers.serialize("json", rows).encode())
    for root in (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_STORAGE_ROOT)):
        if root.exists():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    digest.update(f"{path}:{path.stat().st_size}".encode())
    return digest.hexdigest()


def reported_success(response):
    return any(m.level == messages.SUCCESS for m in get_messages(response.wsgi_request))


def assert_reveals_nothing(response, *secrets):
    body = response.content.decode(errors="replace")
    for leak in [*LEAKS, *secrets]:
        assert leak not in body, f"{response.request['PATH_INFO']} shows {leak!r}"
