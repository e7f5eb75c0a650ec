"""A new partnership sets itself up in a real browser, following docs/onboarding.md.

The system administrator creates the partnership and names its administrator; the
administrator follows the emailed link, sets a password, signs in and sets up two-factor
authentication with the key the page shows (as someone typing it into an app would),
adds an agency, records a panel member and invites them to an account; the onboarding
audit shows every step.
"""

import re
import time
from base64 import b32decode

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from partnerships.models import Membership, Partnership, Role
from partnerships.onboarding import Person
from tests.factories import UserFactory
from tests.otp import enrol

from .conftest import DESKTOP
from .test_review_scenario import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "amber lantern over a quiet river 7"


def code_for(manual_key):
    """The six-digit code an authenticator app shows for the key typed into it."""
    key = manual_key.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)), step=30, t0=0, digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


def invitation_link(address):
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_new_partnership_sets_itself_up_in_the_browser(visitor_factory):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    enrol(root)

    # 1. The system administrator creates the partnership and names its administrator.
    system = visitor_factory(viewport=DESKTOP)
    page = sign_in(system, root)
    page.goto(reverse("partnerships:add"))
    page.locator("#id_name").fill("Eastwick Community Safety Partnership")
    page.locator("#id_slug").fill("eastwick")
    page.locator("#id_kind").select_option(label="Community Safety Partnership")
    page.locator("#id_area").fill("Eastwick")
    page.locator("#id_administrators").fill("Dana Field, dana@eastwick.example")
    page.get_by_role("button", name="Create", exact=True).click()
    expect(page.get_by_text("Eastwick Community Safety Partnership").first).to_be_visible()
    eastwick = Partnership.objects.get(slug="eastwick")
    assert Membership.objects.filter(partnership=eastwick, role=Role.PARTNERSHIP_ADMIN).exists()

    # 2. The administrator sets a password through the emailed link ...
    dana = visitor_factory(viewport=DESKTOP)
    page = dana.page
    page.goto(invitation_link("dana@eastwick.example"))
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    expect(page).to_have_url(re.compile(r"/complete/$"))
    # ... signs in, and sets up two-factor authentication on first sign-in.
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("dana@eastwick.example")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    key = page.locator("code.two-factor-key").inner_text()
    page.locator("input[name=code]").fill(code_for(key))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    page.get_by_role("link", name="I have saved my recovery codes").click()
    expect(page).to_have_url(re.compile(r"/admin/"))

    # 3. The administrator adds an agency ...
    page.goto(reverse("partnership_agencies:add"))
    page.locator("#id_partnership").select_option(label=eastwick.name)
    page.locator("#id_new_agency").fill("Eastwick Police")
    page.get_by_role("button", name="Create", exact=True).click()
    expect(page.get_by_text("Eastwick Police").first).to_be_visible()

    # ... records a panel member without an account ...
    page.goto(reverse("partnership_people:add"))
    page.locator("#id_partnership").select_option(label=eastwick.name)
    page.locator("#id_name").fill("Lee Marsh")
    page.locator("#id_email").fill("lee@police.example")
    page.locator("#id_agency").select_option(label="Eastwick Police")
    page.locator("#id_panel_role").fill("Police representative")
    page.get_by_role("button", name="Create", exact=True).click()
    lee = Person.objects.get(name="Lee Marsh")
    assert lee.user is None

    # ... and invites them to an account as a panel member.
    page.goto(reverse("partnership_people:account", args=[lee.pk]))
    page.locator("#id_role").select_option(label="Panel member")
    page.get_by_role("button", name="Invite to an account by email").click()
    expect(page.get_by_text(re.compile("invited|invitation", re.I)).first).to_be_visible()
    lee.refresh_from_db()
    assert lee.user.memberships.get(partnership=eastwick).role == Role.PANEL_MEMBER
    assert invitation_link("lee@police.example")

    # 4. The onboarding audit shows each step.
    page.goto(reverse("onboarding_audit:index"))
    for words in ("Eastwick Police", "Lee Marsh"):
        expect(page.get_by_text(words).first).to_be_visible()
