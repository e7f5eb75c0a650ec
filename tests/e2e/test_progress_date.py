"""A progress update posted in the browser with the date the form offers.

The date picker shows only a yyyy-mm-dd value: a dd/mm/yyyy one is shown as an empty
field, and the update was refused for a missing date."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.cast import Cast
from tests.learning.conftest import Library
from tests.otp import enrol

from .test_review_scenario import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_partner_posts_progress_with_the_offered_date(visitor):
    library = Library(Cast())
    enrol(library.cast.partner)
    page = sign_in(visitor, library.cast.partner)
    page.goto(reverse("learning_actions:inspect", args=[library.owned_action.pk]))

    date = page.get_by_label("Date of the update")
    expect(date).to_have_value(datetime.date.today().isoformat())
    page.get_by_label("Amber").check()
    page.get_by_label("What has happened since the last update").fill("Two sessions run.")
    page.get_by_role("button", name="Post update").click()

    expect(page.get_by_text("Progress update posted.")).to_be_visible()
    update = library.owned_action.progress_updates.get()
    assert (update.comment, update.reported_on) == ("Two sessions run.", datetime.date.today())
