"""CSRF protection on every form: no view opts out, and posts without the token are
refused before they change anything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import AccountEvent
from reviews.demo import minimal_pdf
from reviews.models import CaseDocument, Review
from tests import otp
from tests.factories import UserFactory
from tests.reviews.helpers import force_state, satisfy_prerequisites

pytestmark = pytest.mark.django_db


def all_views(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def enforces_csrf_itself(view):
    """Django REST framework views are csrf_exempt for Django, and check the token
    themselves for session-authenticated users (Wagtail's admin API)."""
    from rest_framework.authentication import SessionAuthentication

    classes = getattr(getattr(view, "cls", None), "authentication_classes", [])
    return any(issubclass(c, SessionAuthentication) for c in classes)


def test_no_view_is_exempt_from_csrf_checks():
    exempt = [
        route
        for route, view in all_views()
        if getattr(view, "csrf_exempt", False) and not enforces_csrf_itself(view)
    ]
    assert exempt == []


def test_the_admin_api_refuses_actions_without_the_token(cast):
    from wagtail.models import Page

    admin = strict_client(UserFactory(username="root", is_superuser=True))
    page = Page.objects.filter(depth=2).first()
    count = Page.objects.count()
    response = admin.post(
        f"/admin/api/main/pages/{page.pk}/action/copy/",
        {"destination_page_id": page.get_parent().pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Page.objects.count() == count


@pytest.fixture
def case(cast):
    review = satisfy_prerequisites(cast.review(reference="DHR-2026-321"), cast)
    return force_state(review, "drafting")


def strict_client(user=None, verified=True):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        if verified:
            client.force_login(user)
        else:
            otp.force_login_without_second_factor(client, user)
    return client


def test_signing_in_without_the_token_is_refused(cast):
    response = strict_client().post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": "correct horse battery staple"},
    )
    assert response.status_code == 403
    assert not AccountEvent.objects.filter(kind=AccountEvent.Kind.LOGIN).exists()


def test_second_factor_forms_without_the_token_are_refused(cast):
    device = otp.enrol(cast.manager)
    client = strict_client(cast.manager, verified=False)
    assert (
        client.post(reverse("accounts:verify"), {"code": otp.next_code(device)}).status_code == 403
    )
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    newcomer = strict_client(cast.approver, verified=False)
    assert newcomer.post(reverse("accounts:enrol"), {"code": "123456"}).status_code == 403


def test_case_forms_without_the_token_are_refused(cast, case):
    client = strict_client(cast.chair)
    state, events = case.state, case.events.count()
    step = client.post(
        reverse("reviews:transition", args=[case.pk, "submit_draft"]),
        {"comment": "", "expected_state": state},
    )
    upload = client.post(
        reverse("reviews:upload", args=[case.pk]),
        {
            "kind": CaseDocument.Kind.IMR,
            "title": "IMR",
            "file": SimpleUploadedFile(
                "imr.pdf", minimal_pdf("Fictional IMR"), content_type="application/pdf"
            ),
        },
    )
    manager = strict_client(cast.manager)
    edit = manager.post(reverse("reviews:edit", args=[case.pk]), {"summary": "changed"})
    add = manager.post(reverse("reviews:add"), {"summary": "new"})

    assert [step.status_code, upload.status_code, edit.status_code, add.status_code] == [403] * 4
    case.refresh_from_db()
    assert case.state == state and case.events.count() == events
    assert Review.objects.count() == 1
    assert not CaseDocument.objects.filter(review=case, kind=CaseDocument.Kind.IMR).exists()


def test_account_forms_without_the_token_are_refused(cast):
    client = strict_client(cast.manager)
    assert client.post(reverse("accounts:recovery_codes")).status_code == 403
    assert client.post(reverse("wagtailadmin_logout")).status_code == 403
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    admin = strict_client(UserFactory(username="root", is_superuser=True))
    assert admin.post(reverse("lockouts:unlock", args=[1])).status_code == 403


def test_the_same_forms_work_with_the_token(cast, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.chair)
    page = client.get(reverse("reviews:transition", args=[case.pk, "submit_draft"]))
    token = page.context["csrf_token"]
    response = client.post(
        reverse("reviews:transition", args=[case.pk, "submit_draft"]),
        {"comment": "", "expected_state": case.state, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "draft_submitted"
