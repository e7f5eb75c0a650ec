"""Two-factor authentication: nobody reaches the admin, a case or a paper on a password
alone; enrolment, codes, recovery codes, replay and throttling."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent
from partnerships.models import Role
from tests import otp
from tests.factories import DocumentVersionFactory, UserFactory, user_with_role
from tests.reviews.helpers import satisfy_prerequisites

pytestmark = pytest.mark.django_db

Kind = AccountEvent.Kind


@pytest.fixture
def review(cast):
    return satisfy_prerequisites(cast.review(reference="DHR-2026-501"), cast)


def protected_urls(review):
    version = review.documents.first().versions.first()
    return {
        "admin home": reverse("wagtailadmin_home"),
        "case list": reverse("reviews:index"),
        "case page": reverse("reviews:inspect", args=[review.pk]),
        "case history": reverse("reviews:history", args=[review.pk]),
        "step page": reverse("reviews:transition", args=[review.pk, "submit_draft"]),
        "download": reverse("reviews:download", args=[review.pk, version.pk]),
        "account": reverse("wagtailadmin_account"),
        "recovery codes": reverse("accounts:recovery_codes"),
        "users": reverse("wagtailusers_users:index"),
        "document serve": "/documents/1/anything.pdf",
    }


def posted_urls(review):
    return {
        "step": reverse("reviews:transition", args=[review.pk, "submit_draft"]),
        "upload": reverse("reviews:upload", args=[review.pk]),
        "recovery codes": reverse("accounts:recovery_codes"),
    }


@pytest.mark.parametrize("enrolled", [False, True], ids=["not enrolled", "enrolled"])
@pytest.mark.parametrize(
    "name",
    [
        "admin home",
        "case list",
        "case page",
        "case history",
        "step page",
        "download",
        "account",
        "recovery codes",
        "users",
        "document serve",
    ],
)
def test_a_password_alone_reaches_nothing_private(cast, review, name, enrolled):
    if enrolled:
        otp.enrol(cast.manager)
    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)
    url = protected_urls(review)[name]

    response = client.get(url)

    expected = reverse("accounts:verify" if enrolled else "accounts:enrol")
    assert response.status_code == 302
    assert response["Location"].startswith(expected)
    assert review.reference not in response.content.decode()


@pytest.mark.parametrize("name", ["step", "upload", "recovery codes"])
def test_a_password_alone_changes_nothing(cast, review, name):
    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)
    events = review.events.count()
    state = review.state

    response = client.post(posted_urls(review)[name], {"comment": "x", "expected_state": state})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:enrol"))
    review.refresh_from_db()
    assert review.state == state and review.events.count() == events
    assert not StaticDevice.objects.filter(user=cast.manager).exists()


def test_a_half_signed_in_session_is_anonymous_on_the_public_site(cast, rf):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware

    from accounts.middleware import RequireTwoFactorMiddleware

    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)
    request = rf.get("/some-public-page/")
    request.COOKIES = client.cookies and {k: v.value for k, v in client.cookies.items()}
    seen = {}

    def view(req):
        seen["user"] = req.user
        return HttpResponse()

    chain = RequireTwoFactorMiddleware(view)
    for middleware in (AuthenticationMiddleware, SessionMiddleware):
        chain = middleware(chain)
    chain(request)

    assert not seen["user"].is_authenticated


def test_test_clients_signed_in_with_force_login_have_passed_the_second_factor(cast, client):
    client.force_login(cast.manager)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert TOTPDevice.objects.filter(user=cast.manager, confirmed=True).count() == 1


PASSWORD = "correct horse battery staple"


def sign_in_with_password(client, username, password=PASSWORD):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_first_sign_in_sets_up_an_app_and_shows_recovery_codes_once(cast):
    client = Client()
    response = sign_in_with_password(client, "manager")
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:enrol"))
    page = response.content.decode()
    assert "<svg" in page
    key = re.search(r'class="two-factor-key">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=cast.manager, confirmed=False)
    assert key.replace(" ", "") == otp.manual_key_of(device)

    wrong = client.post(reverse("accounts:enrol"), {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 400
    assert "did not match" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=cast.manager).exists()

    device.throttle_reset()
    response = client.post(
        reverse("accounts:enrol"), {"code": otp.next_code(device), "next": "/admin/reviews/"}
    )
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=cast.manager).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("reviews:index")).status_code == 200
    assert (
        AccountEvent.objects.filter(user=cast.manager, kind=Kind.TWO_FACTOR_ENROLLED).count() == 1
    )
    # Set up once: the page now sends an enrolled user to the code page instead.
    assert client.get(reverse("accounts:enrol"))["Location"].startswith(reverse("accounts:verify"))


def test_later_sign_ins_ask_for_a_code_and_each_code_works_once(cast):
    device = otp.enrol(cast.manager)
    first = Client()
    sign_in_with_password(first, "manager")
    assert first.get("/admin/")["Location"].startswith(reverse("accounts:verify"))
    code = otp.next_code(device)

    response = first.post(reverse("accounts:verify"), {"code": code, "next": "/admin/reviews/"})

    assert response.status_code == 302 and response["Location"] == "/admin/reviews/"
    assert first.get("/admin/reviews/").status_code == 200
    second = Client()
    sign_in_with_password(second, "manager")
    replay = second.post(reverse("accounts:verify"), {"code": code})
    assert replay.status_code == 400
    assert "already been used" in replay.content.decode()
    assert second.get("/admin/").status_code == 302
    kinds = list(AccountEvent.objects.filter(user=cast.manager).values_list("kind", flat=True))
    assert kinds.count(Kind.TWO_FACTOR_VERIFIED) == 1
    assert kinds.count(Kind.TWO_FACTOR_FAILED) == 1


def test_wrong_codes_make_the_user_wait(cast):
    device = otp.enrol(cast.manager)
    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)
    assert client.post(reverse("accounts:verify"), {"code": "000000"}).status_code == 400

    response = client.post(reverse("accounts:verify"), {"code": otp.next_code(device)})

    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_signs_in_once(cast):
    otp.enrol(cast.manager)
    from accounts.two_factor import new_recovery_codes

    codes = new_recovery_codes(cast.manager)
    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)

    response = client.post(reverse("accounts:verify"), {"code": codes[3].upper()}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "9 left" in response.content.decode()
    assert not StaticToken.objects.filter(token=codes[3]).exists()
    event = AccountEvent.objects.get(user=cast.manager, kind=Kind.RECOVERY_CODE_USED)
    assert "9 recovery code(s) left" in event.detail
    again = Client()
    otp.force_login_without_second_factor(again, cast.manager)
    StaticDevice.objects.filter(user=cast.manager).update(throttling_failure_count=0)
    assert again.post(reverse("accounts:verify"), {"code": codes[3]}).status_code == 400


def test_new_recovery_codes_replace_the_old_ones(cast, client):
    from accounts.two_factor import new_recovery_codes

    client.force_login(cast.manager)
    old = new_recovery_codes(cast.manager)
    assert (
        "10 unused recovery codes"
        in client.get(reverse("accounts:recovery_codes")).content.decode()
    )

    response = client.post(reverse("accounts:recovery_codes"))

    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()
    assert AccountEvent.objects.filter(
        user=cast.manager, kind=Kind.RECOVERY_CODES_REPLACED
    ).exists()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"],
)
def test_the_code_page_never_sends_anyone_off_site(cast, target):
    device = otp.enrol(cast.manager)
    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)

    response = client.post(
        reverse("accounts:verify"), {"code": otp.next_code(device), "next": target}
    )

    assert response["Location"] == reverse("wagtailadmin_home")


def test_an_administrator_can_reset_a_lost_second_factor(cast):
    otp.enrol(cast.manager)
    from accounts.two_factor import new_recovery_codes

    new_recovery_codes(cast.manager)
    signed_in = Client()
    signed_in.force_login(cast.manager)
    bystander = Client()
    bystander.force_login(cast.approver)
    out = io.StringIO()
    call_command("reset_two_factor", "manager", "--by", "helpdesk ticket 42", stdout=out)

    # Their sessions end at once; nobody else's do.
    assert signed_in.get("/admin/")["Location"].startswith(reverse("wagtailadmin_login"))
    assert bystander.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.filter(user=cast.manager).exists()
    assert not StaticDevice.objects.filter(user=cast.manager).exists()
    event = AccountEvent.objects.get(kind=Kind.TWO_FACTOR_RESET)
    assert event.user == cast.manager and "helpdesk ticket 42" in event.detail
    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:enrol"))
    with pytest.raises(CommandError, match="No user called"):
        call_command("reset_two_factor", "nobody")


def test_every_role_that_enters_the_admin_needs_the_second_factor(cast):
    superuser = UserFactory(username="root", is_superuser=True)
    chair = user_with_role(Role.CHAIR, cast.partnership, username="chair_b")
    for user in [cast.manager, cast.approver, chair, cast.panel_member, cast.partner, superuser]:
        client = Client()
        otp.force_login_without_second_factor(client, user)
        assert client.get("/admin/").status_code == 302, user
        client.force_login(user)
        assert client.get("/admin/").status_code == 200, user


def test_downloads_need_the_second_factor_even_for_the_cases_chair(cast, review):
    version = DocumentVersionFactory(document__review=review, number=2)
    url = reverse("reviews:download", args=[review.pk, version.pk])
    client = Client()
    otp.force_login_without_second_factor(client, cast.chair)
    assert client.get(url).status_code == 302
    client.force_login(cast.chair)
    assert client.get(url).status_code == 200


def test_checking_the_second_factor_costs_no_query_per_page(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.manager)
    client.get(reverse("reviews:index"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reviews:index")).status_code == 200
    assert not [q for q in queries if "otp_" in q["sql"]]


def test_two_factor_pages_are_never_stored_and_passing_gives_a_new_session_id(cast):
    """The key and recovery codes are never kept by a cache, and the session id seen
    before the second factor is worth nothing after it."""
    device = otp.enrol(cast.manager)
    client = Client()
    sign_in_with_password(client, "manager")
    assert "no-store" in client.get(reverse("accounts:verify"))["Cache-Control"]
    before = client.session.session_key

    response = client.post(reverse("accounts:verify"), {"code": otp.next_code(device)})

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    assert client.session.session_key != before
    assert client.get(reverse("reviews:index")).status_code == 200
    assert "no-store" in client.get(reverse("accounts:recovery_codes"))["Cache-Control"]
    newcomer = Client()
    sign_in_with_password(newcomer, "approver")
    assert "no-store" in newcomer.get(reverse("accounts:enrol"))["Cache-Control"]
    # The old id no longer signs anyone in.
    stale = Client()
    stale.cookies["sessionid"] = before
    assert stale.get(reverse("reviews:index")).status_code == 302
