"""The audit trail is written once and cannot be changed or removed through the app."""

import pytest

from reviews.models import ReviewEvent
from reviews.workflow import perform_transition


@pytest.mark.django_db
def test_every_transition_writes_one_event_with_actor_time_states_and_comment(cast):
    review = cast.review()
    perform_transition(review.pk, "refer_for_decision", cast.manager, comment="  For the chair.  ")
    event = ReviewEvent.objects.get(review=review)
    assert event.actor == cast.manager
    assert event.actor_name == cast.manager.get_full_name()
    assert (event.from_state, event.to_state) == ("notified", "decision_pending")
    assert event.comment == "For the chair."
    assert event.occurred_at is not None


@pytest.mark.django_db
def test_an_events_actor_name_survives_the_account(cast):
    review = cast.review()
    perform_transition(review.pk, "refer_for_decision", cast.stranger_with_role())
    event = ReviewEvent.objects.get(review=review)
    name = event.actor_name
    event.actor.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_name == name


@pytest.mark.django_db
def test_the_audit_trail_is_read_only_in_the_admin(client, cast):
    review = cast.review()
    perform_transition(review.pk, "refer_for_decision", cast.manager)
    client.force_login(cast.manager)
    # No admin URL edits or deletes events: the case page only lists them.
    page = client.get(f"/admin/reviews/inspect/{review.pk}/").content.decode()
    assert "Notified → Decision pending" in page
    for url in ("/admin/reviewevent/", "/admin/reviews/reviewevent/", "/admin/snippets/reviews/"):
        assert client.get(url).status_code == 404
