"""Rate limits: sign-in and uploads answer 429 with a clear page once over the limit;
the decorator is ready for search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from reviews.demo import minimal_pdf
from reviews.models import CaseDocument, DocumentVersion
from security.ratelimit import parse_rate, rate_limit
from tests.reviews.helpers import satisfy_prerequisites

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "login": "3/m",
        "upload": "2/h",
        "search": "2/m",
    }
    return settings.RATE_LIMITS


@pytest.mark.parametrize(
    "rate, expected",
    [("10/m", (10, 60)), ("30/h", (30, 3600)), ("100/5m", (100, 300)), ("5/s", (5, 1))],
)
def test_rates_are_read_as_count_per_period(rate, expected):
    assert parse_rate(rate) == expected


def test_sign_in_attempts_over_the_limit_get_429(cast, limits):
    client = Client()
    for n in range(3):
        response = client.post(
            reverse("wagtailadmin_login"), {"username": f"user{n}", "password": "wrong-password-1"}
        )
        assert response.status_code == 200

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": "correct horse battery staple"},
    )

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60
    assert "_auth_user_id" not in client.session
    # Reading the sign-in page is not limited; another address is not affected.
    assert client.get(reverse("wagtailadmin_login")).status_code == 200
    other = Client(REMOTE_ADDR="10.9.9.9")
    response = other.post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302


def test_the_limit_resets_with_the_next_period(cast, limits, time_machine):
    import time

    time_machine.move_to(time.time(), tick=False)
    client = Client()
    for _ in range(4):
        client.post(reverse("wagtailadmin_login"), {"username": "x", "password": "y"})
    assert client.post(reverse("wagtailadmin_login"), {"username": "x"}).status_code == 429
    time_machine.shift(61)
    assert client.post(reverse("wagtailadmin_login"), {"username": "x"}).status_code == 200


def test_uploads_over_the_limit_get_429_and_store_nothing(cast, limits, client):
    review = satisfy_prerequisites(cast.review(), cast)
    client.force_login(cast.manager)
    url = reverse("reviews:upload", args=[review.pk])

    def upload(n):
        return client.post(
            url,
            {
                "kind": CaseDocument.Kind.CHRONOLOGY,
                "title": "Combined chronology",
                "file": SimpleUploadedFile(
                    f"c{n}.pdf", minimal_pdf(f"Chronology {n}"), content_type="application/pdf"
                ),
            },
        )

    assert [upload(1).status_code, upload(2).status_code] == [302, 302]
    before = DocumentVersion.objects.count()

    response = upload(3)

    assert response.status_code == 429
    assert DocumentVersion.objects.count() == before
    # Another user is counted separately.
    client.force_login(cast.chair)
    assert upload(4).status_code == 302


def test_the_decorator_limits_any_view(rf, limits):
    @rate_limit("search", methods=["GET"])
    def search(request):
        return HttpResponse("results")

    from django.contrib.auth.models import AnonymousUser

    def get(address):
        request = rf.get("/search/?q=x", REMOTE_ADDR=address)
        request.user = AnonymousUser()
        return search(request)

    assert [get("10.0.0.1").status_code for _ in range(3)] == [200, 200, 429]
    assert get("10.0.0.2").status_code == 200


def test_limits_can_be_switched_off(cast, settings):
    settings.RATE_LIMIT_ENABLED = False
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "1/m"}
    client = Client()
    codes = [
        client.post(reverse("wagtailadmin_login"), {"username": "x", "password": "y"}).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 200]


PASSWORD_FORMS = {
    # URL name: (arguments, who is signed in)
    "wagtailadmin_login": ([], None),
    "wagtailcore_login": ([], None),
    "wagtailcore_authenticate_with_password": ([MISSING := 987654, MISSING], None),
    "wagtaildocs_authenticate_with_password": ([MISSING], None),
    "wagtailadmin_password_reset": ([], None),
    "wagtailadmin_password_reset_confirm": (["MQ", "set-password"], None),
    "wagtailadmin_account": ([], "manager"),
    "wagtailusers_users:add": ([], "superuser"),
    "wagtailusers_users:edit": (["self"], "superuser"),
}


@pytest.mark.parametrize("url_name", sorted(PASSWORD_FORMS))
def test_every_password_form_is_rate_limited(cast, settings, time_machine, url_name):
    import time

    time_machine.move_to(time.time(), tick=False)  # the three posts count in one minute
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "2/m", "password": "2/m"}
    arguments, role = PASSWORD_FORMS[url_name]
    client = Client()
    if role:
        user = cast.user(role)
        client.force_login(user)
        arguments = [user.pk if argument == "self" else argument for argument in arguments]
    url = reverse(url_name, args=arguments)
    data = {"username": "x", "password": "wrong-password-1", "new_password1": "a"}
    codes = [client.post(url, data).status_code for _ in range(3)]
    assert 429 not in codes[:2], codes
    assert codes[2] == 429, codes
