"""Two people acting on the same case at once: exactly one wins, the other is told why."""

import threading

import pytest
from django.db import connection, transaction
from django_fsm import ConcurrentTransition

from reviews.models import Review, ReviewEvent
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition
from tests.reviews.helpers import force_state


@pytest.mark.django_db
def test_a_stale_copy_of_the_case_cannot_overwrite_a_newer_state(cast):
    review = force_state(cast.review(), State.DECISION_PENDING)
    first = Review.objects.get(pk=review.pk)
    second = Review.objects.get(pk=review.pk)

    with transaction.atomic():
        first.decide_to_proceed(comment="Proceed.")
        first.save()

    second.decide_not_to_proceed(comment="Do not proceed.")
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        second.save()

    assert Review.objects.get(pk=review.pk).state == State.COMMISSIONED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_decisions_one_wins_and_the_other_is_refused(cast):
    review = force_state(cast.review(), State.DECISION_PENDING)
    start = threading.Barrier(2)
    outcomes = {}

    def act(name, step, user, comment):
        start.wait()
        try:
            perform_transition(review.pk, step, user, comment=comment)
            outcomes[name] = "won"
        except TransitionRefused as refusal:
            outcomes[name] = f"refused: {refusal}"
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=act, args=("manager", "decide_not_to_proceed", cast.manager, "No review.")
        ),
        threading.Thread(target=act, args=("approver", "decide_to_proceed", cast.approver, "")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes.values()) == ["refused", "won"], outcomes
    loser = next(o for o in outcomes.values() if o.startswith("refused"))
    assert "is not possible while the case is" in loser
    review.refresh_from_db()
    assert review.state in {State.COMMISSIONED, State.NOT_PROCEEDING}
    assert ReviewEvent.objects.filter(review=review).count() == 1
    assert ReviewEvent.objects.get(review=review).to_state == review.state
