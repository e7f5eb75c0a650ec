"""SQL injection and path traversal against filters, query parameters and document
downloads: each attempt gets a clean answer (a page, an empty result or a 4xx), shows no
error text or other partnership's data, and never serves a file it should not.

The attack lists are plain lists: add a URL or a parameter to cover a new view. Search
(/search/) joins them when the search app provides the URL.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reviews.models import CaseDocument, DocumentVersion, PublicCopy
from reviews.papers.publication import publish_page, renew_public_copies
from tests.files import pdf_upload
from tests.reviews.helpers import add_paper, add_publishable_papers
from tests.site_search import search_path

from .abuse import ATTACKS, World, assert_reveals_nothing, fingerprint

pytestmark = pytest.mark.django_db

SQL_ATTACKS = [attack for attack in ATTACKS if "'" in attack or "SELECT" in attack or ";" in attack]
TRAVERSALS = [attack for attack in ATTACKS if ".." in attack or attack.startswith("/etc")]
CLEAN = {200, 400, 404}

# Listings and the parameters each filters on, as (url name, [parameters]).
FILTERED_VIEWS = [
    ("reviews:index", ["q", "kind", "state", "partnership", "overdue", "ordering", "p"]),
    ("reviews:index_results", ["q", "state", "partnership"]),
    ("learning_strategies:index", ["q", "partnership", "is_active", "ordering"]),
    ("learning_actions:index", ["q", "strategy", "priority", "rag", "lead_agency", "ordering"]),
    ("learning_recommendations:index", ["q", "review", "level", "owning_agency", "themes"]),
    ("learning_export_recommendations", ["partnership", "format"]),
    ("learning_annual_report", ["partnership", "year", "format"]),
    ("learning_dashboard", ["partnership", "format"]),
]
PUBLIC_PATHS = ["/", "/site-map/", "/feeds/reviews/", "/sitemap.xml"]


def search_views():
    """The public search page, once the search app provides it."""
    search = search_path()
    return [(search, ["q", "kind", "year", "partnership", "theme", "page"])] if search else []


@pytest.fixture
def world(cast):
    return World(cast)


def other_partnerships_secrets(world):
    return [
        world.foreign_review.reference,
        world.foreign_strategy.title,
        world.cast.other_partnership.name,
    ]


@pytest.mark.parametrize("url_name, parameters", FILTERED_VIEWS, ids=[v[0] for v in FILTERED_VIEWS])
def test_injection_in_admin_filters_is_answered_cleanly_and_reveals_nothing(
    world, url_name, parameters
):
    client = world.clients["manager"]
    before = fingerprint()
    for parameter in parameters:
        for attack in SQL_ATTACKS:
            response = client.get(reverse(url_name), {parameter: attack})
            assert response.status_code in CLEAN, (parameter, attack, response.status_code)
            assert_reveals_nothing(response, *other_partnerships_secrets(world))
    assert fingerprint() == before


def test_injection_in_the_case_search_matches_nothing_it_should_not(world):
    """An always-true condition in the search box is only text: another partnership's
    manager still sees none of this partnership's cases."""
    client = world.clients["other_manager"]
    for attack in SQL_ATTACKS:
        response = client.get(reverse("reviews:index"), {"q": attack})
        assert response.status_code == 200
        body = response.content.decode()
        for reference in ("DHR-FUZZ", "DHR-PUB", "DHR-DRAFT"):
            assert reference not in body, (attack, reference)


@pytest.mark.parametrize(
    "path, parameters",
    [(path, ["q", "page", "p", "format"]) for path in PUBLIC_PATHS] + search_views(),
)
def test_injection_in_public_query_parameters_is_answered_cleanly(world, path, parameters):
    client = world.clients["anonymous"]
    for parameter in parameters:
        for attack in SQL_ATTACKS + TRAVERSALS:
            response = client.get(path, {parameter: attack})
            assert response.status_code in CLEAN, (path, parameter, attack)
            assert_reveals_nothing(
                response, world.case.reference, world.term.term, world.draft_review.reference
            )


def traversal_paths(world):
    """Document URLs whose ids or names are traversal attempts, plain and encoded."""
    case = world.case.pk
    version = world.version.pk
    admin = f"/admin/reviews/{case}/documents"
    paths = []
    for attack in TRAVERSALS:
        paths += [
            f"{admin}/{attack}/download/",
            f"{admin}/{version}/download/{attack}",
            f"{admin}/{version}/{attack}",
            f"/admin/reviews/{attack}/documents/{version}/download/",
            f"/published-reports/{attack}/draft.pdf",
            f"/published-reports/{version}/{attack}",
            f"/documents/{attack}",
            f"/media/{attack}",
            f"/static/{attack}",
        ]
    paths += [
        f"{admin}/{version}%2f..%2f..%2f/download/",
        f"{admin}/{version}/..%2f{world.foreign_version.pk}/download/",
        f"/admin/reviews/{world.foreign_review.pk}/documents/{world.foreign_version.pk}/download/",
        f"{admin}/{world.foreign_version.pk}/download/",
    ]
    return paths


@pytest.mark.parametrize("role", ["manager", "panel_member", "stranger", "anonymous"])
def test_traversal_in_document_urls_serves_nothing(world, role):
    client = world.clients[role]
    for path in traversal_paths(world):
        response = client.get(path)
        assert response.status_code in {301, 302, 404}, (role, path, response.status_code)
        if response.status_code == 301:  # the missing slash added, to a URL that is a 404
            location = response["Location"]
            assert location.startswith("/admin/") and location.endswith("/"), location
            assert client.get(location).status_code in {302, 404}
        if response.status_code == 302:  # signed out: to the sign-in page, nothing else
            assert response["Location"].startswith(reverse("wagtailadmin_login"))
        assert not response.has_header("Content-Disposition"), path
        assert_reveals_nothing(response)


def test_a_published_report_is_served_only_under_its_generated_name(world, cast):
    report, _ = add_publishable_papers(world.published_review, cast.manager)
    DocumentVersion.objects.filter(pk=report.pk).update(published_at=timezone.now())
    publish_page(world.published_review, "Fictional executive summary.")
    renew_public_copies(world.published_review)  # its public copy, made and checked
    copy = PublicCopy.objects.get(version=report)
    stored = copy.file.read()
    response = world.clients["anonymous"].get(f"/published-reports/{report.pk}/{copy.filename}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Disposition"] == f'attachment; filename="{copy.filename}"'
    asked_names = ["..", "...", "passwd", "%2e%2e", "x.pdf%00.html", "..%5c..%5cwin.ini"]
    asked_names += [report.original_filename, "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc"]
    for asked in asked_names:
        response = world.clients["anonymous"].get(f"/published-reports/{report.pk}/{asked}")
        assert response.status_code == 404, asked
        assert not response.has_header("Content-Disposition")


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd.pdf",
        "..\\..\\..\\windows\\report.pdf",
        "%2e%2e%2f%2e%2e%2freport.pdf",
        "/etc/cron.d/report.pdf",
        "report\x00.pdf",
        '"; filename=evil.html; x=".pdf',
    ],
)
def test_an_uploaded_name_cannot_leave_the_private_store_or_the_download_header(world, name):
    version = add_paper(
        world.case,
        CaseDocument.Kind.IMR,
        world.cast.manager,
        upload=pdf_upload(["Fictional IMR."], name=name),
    )
    stored = (settings.PRIVATE_STORAGE_ROOT / version.file.name).resolve()
    assert stored.is_relative_to(settings.PRIVATE_STORAGE_ROOT.resolve())
    assert "/" not in version.original_filename and "\\" not in version.original_filename
    assert ".." not in version.original_filename.rsplit(".", 1)[0].strip(".")
    url = reverse("reviews:download", args=[world.case.pk, version.pk])
    response = world.clients["manager"].get(url)
    assert response.status_code == 200
    # One quoted name: no quote, semicolon or folder separator can end it early.
    assert re.fullmatch(r'attachment; filename="[^";/\\\\]+"', response["Content-Disposition"])


def test_a_comment_with_a_null_character_is_refused_cleanly(world):
    """Found by the fuzz on PostgreSQL, which refuses NUL in text: a server error before."""
    client = world.clients["manager"]  # signed in first: signing in writes rows
    before = fingerprint()
    url = reverse("reviews:comment", args=[world.case.pk, world.version.pk])
    response = client.post(url, {"body": "Fine\x00then"}, follow=True)
    assert response.status_code == 200
    assert "cannot contain null characters" in response.content.decode()
    assert fingerprint() == before
