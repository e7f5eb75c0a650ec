import io

import pytest
from django.core.management import call_command

from reviews.models import Review
from reviews.stages import State


def test_graph_transitions_draws_every_state_and_step():
    out = io.StringIO()
    call_command("graph_transitions", "reviews", stdout=out)
    dot = out.getvalue()
    assert dot.startswith("digraph")
    for state in State:
        assert f"reviews.review.state.{state.value}" in dot
    assert 'label="submit_to_home_office"' in dot or "submit_to_home_office" in dot


@pytest.mark.django_db
def test_load_demo_creates_fictional_cases_in_every_state_and_is_idempotent():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    states = set(Review.objects.values_list("state", flat=True))
    # Every state but those of the exceptional path after a decision not to publish,
    # which the demo has no case on.
    unpublished = {State.NOT_PUBLISHED, State.MONITORING_UNPUBLISHED, State.CLOSED_UNPUBLISHED}
    assert states == set(State) - unpublished
    assert not Review.objects.filter(is_fictional=False).exists()
    assert all("Fictional" in r.summary for r in Review.objects.all())
    assert "manager" in out.getvalue() and "demo-password" in out.getvalue()
    count = Review.objects.count()
    events = sum(r.events.count() for r in Review.objects.all())

    call_command("load_demo", stdout=io.StringIO())
    assert Review.objects.count() == count
    assert sum(r.events.count() for r in Review.objects.all()) == events
    assert Review.objects.overdue().exists()
