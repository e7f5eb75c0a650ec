"""Response headers on public and admin pages: CSP, framing, referrer, permissions,
opener policy, cookies; and the CSP nonce on the admin's few inline scripts."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.reviews.helpers import satisfy_prerequisites

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.fixture
def pages(cast, client):
    client.force_login(cast.manager)
    review = satisfy_prerequisites(cast.review(), cast)
    return {
        "public home": "/",
        "sign-in": reverse("wagtailadmin_login"),
        "admin home": reverse("wagtailadmin_home"),
        "case page": reverse("reviews:inspect", args=[review.pk]),
        "case edit": reverse("reviews:edit", args=[review.pk]),
    }


@pytest.mark.parametrize("name", ["public home", "sign-in", "admin home", "case page", "case edit"])
def test_every_page_sends_the_protective_headers(client, pages, name):
    if name == "sign-in":
        client = Client()
    response = client.get(pages[name])
    assert response.status_code == 200

    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert all(s == "'self'" or s.startswith("'nonce-") for s in csp["script-src"])
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] + csp["style-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "Content-Security-Policy-Report-Only" not in response.headers
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admins_inline_scripts_carry_this_responses_nonce(client, pages):
    response = client.get(pages["case edit"])
    page = response.content.decode()
    nonces = set(re.findall(r'<script nonce="([^"]+)">\s*initDateChooser', page))
    nonces |= set(re.findall(r'<script nonce="([^"]+)">\s*\(function\(\) \{\s*var panel', page))
    assert len(nonces) == 1, "every inline script shares the one nonce"
    (nonce,) = nonces
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    assert not re.search(r"<script>(?!\s*</script>)", page), "an inline script without nonce"
    assert client.get(pages["case edit"]).content.decode().count(nonce) == 0, "fresh per response"


def test_no_third_party_avatars(client, pages):
    assert b"gravatar" not in client.get(pages["admin home"]).content


def test_cookies_are_http_only_and_same_site(client, cast):
    client.logout()
    response = client.get(reverse("wagtailadmin_login"))
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] is True and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": "correct horse battery staple"},
    )
    session = response.cookies["sessionid"]
    assert session["httponly"] is True and session["samesite"] == "Lax"
