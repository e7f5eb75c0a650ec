import shutil

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client

from partnerships.models import Role
from tests import otp
from tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    ReviewFactory,
    UserFactory,
    user_with_role,
)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(settings.MEDIA_ROOT.parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def signed_in_sessions_pass_two_factor(monkeypatch):
    """Every account needs a second factor to reach the admin. Test clients signed in
    with force_login() or login() have passed it, so tests about anything else need not
    care; tests about the second factor use otp.force_login_without_second_factor()."""
    monkeypatch.setattr(Client, "force_login", otp.verified_force_login)
    monkeypatch.setattr(Client, "login", otp.verified_login)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and other cached values never leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


class Cast:
    """Everyone involved in one partnership's case, plus outsiders who must see nothing."""

    def __init__(self):
        self.partnership = PartnershipFactory(
            name="Northbrook Community Safety Partnership", slug="northbrook"
        )
        self.other_partnership = PartnershipFactory(
            name="Southmere Safeguarding Adults Board", slug="southmere"
        )
        self.agency = AgencyFactory(name="Northbrook Police")
        self.manager = user_with_role(Role.REVIEW_MANAGER, self.partnership, username="manager")
        self.approver = user_with_role(Role.APPROVER, self.partnership, username="approver")
        self.chair = user_with_role(Role.CHAIR, self.partnership, username="chair")
        self.panel_member = user_with_role(
            Role.PANEL_MEMBER, self.partnership, agency=self.agency, username="panel"
        )
        self.partner = user_with_role(
            Role.PARTNER, self.partnership, agency=self.agency, username="partner"
        )
        self.other_manager = user_with_role(
            Role.REVIEW_MANAGER, self.other_partnership, username="other_manager"
        )
        self.other_chair = user_with_role(
            Role.CHAIR, self.other_partnership, username="other_chair"
        )
        self.stranger = UserFactory(username="stranger")

    def review(self, **kwargs):
        kwargs.setdefault("partnership", self.partnership)
        return ReviewFactory(**kwargs)

    def stranger_with_role(self):
        """A second review manager of the partnership, whose account can be removed."""
        return user_with_role(Role.REVIEW_MANAGER, self.partnership, username="leaver")

    @property
    def everyone(self):
        return {
            "manager": self.manager,
            "approver": self.approver,
            "chair": self.chair,
            "panel_member": self.panel_member,
            "partner": self.partner,
            "other_manager": self.other_manager,
            "other_chair": self.other_chair,
            "stranger": self.stranger,
        }


@pytest.fixture
def cast(db):
    return Cast()


_after_a_flush = False


@pytest.fixture(autouse=True)
def content_type_cache_matches_the_database(request):
    """The browser tests flush the database and restore it after each test, which can give
    content types new ids; Django's process-wide ContentType cache would then hand out ids
    that no longer exist to the next test outside the browser package. Forget it then."""
    global _after_a_flush
    in_browser = "live_server" in request.fixturenames
    if _after_a_flush and not in_browser:
        ContentType.objects.clear_cache()
    _after_a_flush = in_browser
    yield
