"""Password rules, session expiry, and signing out everywhere on a password change."""

import datetime

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = AccountEvent.Kind


@pytest.fixture
def morgan():
    return UserFactory(
        username="mreyes",
        first_name="Morgan",
        last_name="Reyes",
        email="morgan.reyes@haringey.gov.uk",
    )


@pytest.mark.parametrize(
    "password",
    [
        "MorganLovesTheSea42",  # first name
        "big-reyes-family-77",  # last name
        "xMREYESx-and-more-9",  # username, any case
        "haringey-office-2026!",  # email domain
        "short1!",  # too short
        "password1234",  # common
        "839201747261",  # numeric
    ],
)
def test_weak_or_personal_passwords_are_refused(morgan, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=morgan)


def test_a_long_unrelated_password_is_accepted(morgan):
    validate_password("tidal-lantern-orchard-plum", user=morgan)


def test_short_fragments_of_a_name_do_not_block_ordinary_words():
    user = UserFactory(username="al", first_name="Al", last_name="Li", email="al@x.org")
    validate_password("always-calibrate-lines", user=user)


def test_the_password_rules_are_shown_to_users(morgan):
    from django.contrib.auth.password_validation import password_validators_help_texts

    assert any("name, username or email" in text for text in password_validators_help_texts())


def test_sessions_end_after_thirty_idle_minutes(cast, client, time_machine, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    time_machine.move_to(timezone.now())
    client.force_login(cast.manager)
    for _ in range(3):  # activity keeps the session alive past 30 minutes in all
        time_machine.shift(datetime.timedelta(minutes=20))
        assert client.get(reverse("reviews:index")).status_code == 200

    time_machine.shift(datetime.timedelta(minutes=31))
    response = client.get(reverse("reviews:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_session_cookie_ends_with_the_browser_and_scripts_cannot_read_it(cast, client):
    client.force_login(cast.manager)
    response = client.get(reverse("wagtailadmin_home"))
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"]


def test_the_sign_in_page_has_no_remember_me(client):
    page = client.get(reverse("wagtailadmin_login")).content.decode()
    assert 'name="remember"' not in page
    assert "authenticator app" in page


def test_remember_me_cannot_be_forced_on(cast):
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "manager", "password": "correct horse battery staple", "remember": "on"},
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()


def account_form_data(client):
    """What Wagtail's account page would post back unchanged."""
    page = client.get(reverse("wagtailadmin_account"))
    data = {}
    for panels in page.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name in form.fields:
                value = form[name].value()
                if value not in (None, ""):
                    data[form.add_prefix(name)] = value
    return data


def test_changing_the_password_signs_out_every_other_session(cast):
    here, elsewhere = Client(), Client()
    here.force_login(cast.manager)
    elsewhere.force_login(cast.manager)
    assert elsewhere.get(reverse("reviews:index")).status_code == 200

    data = account_form_data(here)
    data.update(
        {
            "password-old_password": "correct horse battery staple",
            "password-new_password1": "tidal-lantern-orchard-plum",
            "password-new_password2": "tidal-lantern-orchard-plum",
        }
    )

    response = here.post(reverse("wagtailadmin_account"), data)

    assert response.status_code == 302
    cast.manager.refresh_from_db()
    assert cast.manager.check_password("tidal-lantern-orchard-plum")
    assert here.get(reverse("reviews:index")).status_code == 200
    gone = elsewhere.get(reverse("reviews:index"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("wagtailadmin_login"))
    assert AccountEvent.objects.filter(user=cast.manager, kind=Kind.PASSWORD_CHANGED).count() == 1


def test_a_password_set_by_an_administrator_also_signs_the_user_out(cast):
    elsewhere = Client()
    elsewhere.force_login(cast.manager)
    cast.manager.set_password("tidal-lantern-orchard-plum")
    cast.manager.save()
    assert elsewhere.get(reverse("reviews:index")).status_code == 302
    assert AccountEvent.objects.filter(user=cast.manager, kind=Kind.PASSWORD_CHANGED).exists()


def test_activity_refreshes_the_session_at_most_once_a_minute(cast, client, time_machine):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(cast.manager)
    client.get(reverse("reviews:index"))

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reviews:index")).status_code == 200
        return [
            q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
        ]

    time_machine.shift(datetime.timedelta(seconds=30))
    assert session_writes() == []
    time_machine.shift(datetime.timedelta(seconds=31))
    assert len(session_writes()) == 1
