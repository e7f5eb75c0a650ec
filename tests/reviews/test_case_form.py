"""Creating a case in the staff admin: audited, and only in the manager's own partnership."""

import pytest
from django.urls import reverse

from tests.reviews.helpers import new_case_form


def login(client, cast, role):
    user = cast.user(role)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_manager_creates_and_edits_a_case_and_both_are_audited(client, cast):
    login(client, cast, "manager")
    response = client.post(
        reverse("reviews:add"), new_case_form(cast.partnership, summary="Fictional.")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = cast.partnership.reviews.get()
    assert review.reference == "DHR-2026-001"
    assert review.decision_due_on.isoformat() == "2026-06-30"
    assert review.events.get().action == "created"


@pytest.mark.django_db
def test_a_manager_cannot_create_a_case_in_another_partnership(client, cast):
    login(client, cast, "manager")
    response = client.post(reverse("reviews:add"), new_case_form(cast.other_partnership))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not cast.other_partnership.reviews.exists()


@pytest.mark.django_db
def test_a_pseudonym_with_a_control_character_is_refused(client, cast):
    login(client, cast, "manager")
    response = client.post(
        reverse("reviews:add"), new_case_form(cast.partnership, pseudonym="Adult\x0bF")
    )
    assert response.status_code == 200
    assert "invisible control character (U+000B)" in response.content.decode()
    assert not cast.partnership.reviews.exists()
