"""Uploading a long paper: the request's time when the text is read for search by the
background worker (config.background) against reading it in the request (the naive way,
as before the queue), in the same run.

Each upload is a real POST of a 50-page PDF to the case's upload URL by a signed-in
review manager (Django's test client, in process: no network), so the figure is the
server's time for the whole request: the content check, storing the file, the version,
its audit event and its search row.

Prints: bench upload: pages=50 p95_ms=.. naive_p95_ms=.. p50_ms=.. naive_p50_ms=.. uploads=..
"""

from datetime import date

from django.test import Client, override_settings
from django.urls import reverse

from partnerships.models import Membership, Partnership, Role
from reviews.models import CaseDocument, Review
from tests.files import PDF_TYPE, pdf_bytes, upload
from tests.otp import verified_force_login

from .timing import p50, p95, timed_ms

PAGES = 50
UPLOADS = 20
LINES = [
    f"Fictional chronology entry {n}: a referral was made and not followed up." for n in range(40)
]

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend"}
IN_REQUEST = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}


def tasks_with(background):
    return override_settings(
        TASKS={
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
            "background": background,
        }
    )


def setup():
    partnership, _ = Partnership.objects.get_or_create(
        slug="bench-upload", defaults={"name": "Benchmark partnership (synthetic)", "kind": "csp"}
    )
    user_model = Membership.user.field.related_model
    manager, _ = user_model.objects.get_or_create(
        username="bench-upload-manager",
        defaults={"first_name": "Bench", "last_name": "Manager", "email": "bench@example.org"},
    )
    Membership.objects.get_or_create(
        user=manager, partnership=partnership, role=Role.REVIEW_MANAGER
    )
    review = Review.objects.create(
        partnership=partnership,
        kind="dhr",
        reference=f"BENCH-UPLOAD-{Review.objects.count()}",
        notified_on=date(2026, 1, 5),
        is_fictional=True,
    )
    client = Client(HTTP_HOST="localhost")  # a host the settings allow
    verified_force_login(client, manager)
    return client, review


def uploader(client, review, data):
    counter = iter(range(10**6))

    def post():
        number = next(counter)
        response = client.post(
            reverse("reviews:upload", args=[review.pk]),
            {
                "kind": CaseDocument.Kind.IMR,
                "title": f"Agency report {number}",
                "audience": CaseDocument.Audience.PANEL,
                "file": upload(f"imr-{number}.pdf", data, PDF_TYPE),
            },
        )
        assert response.status_code == 302, response.status_code

    return post


def run(report):
    data = pdf_bytes(*[LINES] * PAGES)
    client, review = setup()
    post = uploader(client, review, data)
    post()  # warm up: templates, imports
    with tasks_with(QUEUED):
        queued = timed_ms(post, UPLOADS)
    with tasks_with(IN_REQUEST):
        naive = timed_ms(post, UPLOADS)
    expected = 2 * UPLOADS + 1
    stored = review.documents.count()
    assert stored == expected, f"{stored} papers stored, expected {expected}"
    report(
        f"bench upload: pages={PAGES} p95_ms={p95(queued):.1f} naive_p95_ms={p95(naive):.1f} "
        f"p50_ms={p50(queued):.1f} naive_p50_ms={p50(naive):.1f} uploads={UPLOADS}"
    )
