"""Statutory deadlines: month ends, leap years, pauses, configurable timescales."""

import datetime
from datetime import date

import pytest
import time_machine

from reviews.deadlines import Milestone, add_months, due_date, paused_days
from reviews.models import Pause, Review, Timescale
from reviews.stages import State
from reviews.workflow import perform_transition
from tests.reviews.helpers import force_state


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: last day of the month
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # six months into a leap February
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # across the year end
        (date(2028, 2, 29), 6, date(2028, 8, 29)),
    ],
)
def test_months_follow_the_calendar(start, months, expected):
    assert add_months(start, months) == expected
    assert due_date(start, months) == expected


def test_paused_days_count_only_inside_the_clock_window():
    pauses = [
        Pause(started_on=date(2026, 1, 1), ended_on=date(2026, 1, 11)),  # 10 days, 5 inside
        Pause(started_on=date(2026, 2, 1), ended_on=date(2026, 2, 8)),  # 7 days inside
        Pause(started_on=date(2026, 3, 1), ended_on=None),  # still open: not counted yet
        Pause(started_on=date(2026, 6, 1), ended_on=date(2026, 6, 5)),  # after the stop
    ]
    assert paused_days(pauses, start=date(2026, 1, 6), stop=date(2026, 5, 1)) == 12
    assert paused_days(pauses, start=date(2026, 1, 6), stop=None) == 16
    assert due_date(date(2026, 1, 31), 1, days_paused=12) == date(2026, 3, 12)


@pytest.mark.django_db
def test_due_dates_are_computed_from_the_case_and_the_timescales(cast):
    review = cast.review(notified_on=date(2026, 1, 31))
    assert review.decision_due_on == date(2026, 2, 28)
    assert review.completion_due_on is None  # its clock has not started

    force_state(review, State.COMMISSIONED, decision_on=date(2027, 8, 31))
    review.save()
    assert review.completion_due_on == date(2028, 2, 29)


@pytest.mark.django_db
def test_the_six_month_clock_starts_at_the_decision(cast):
    review = force_state(cast.review(notified_on=date(2026, 3, 2)), State.DECISION_PENDING)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, 0), tick=False):
        review = perform_transition(review.pk, "decide_to_proceed", cast.approver)
    assert review.decision_on == date(2026, 3, 20)
    assert review.completion_due_on == date(2026, 9, 20)


@pytest.mark.django_db
def test_overdue_and_due_soon_are_flags_computed_from_today(cast):
    decision_late = cast.review(notified_on=date(2026, 1, 1))  # decision due 1 Feb
    decision_soon = cast.review(notified_on=date(2026, 1, 25))  # due 25 Feb
    completion_late = force_state(
        cast.review(notified_on=date(2025, 1, 1)), State.DRAFTING, decision_on=date(2025, 2, 1)
    )
    completion_late.save()  # due 1 Aug 2025
    decided_in_time = force_state(
        cast.review(notified_on=date(2026, 1, 1)), State.COMMISSIONED, decision_on=date(2026, 1, 20)
    )
    decided_in_time.save()
    paused = force_state(
        cast.review(notified_on=date(2025, 1, 1)), State.PAUSED, paused_from_state=State.NOTIFIED
    )
    today = date(2026, 2, 14)

    overdue = set(Review.objects.overdue(today))
    assert overdue == {decision_late, completion_late}
    assert decision_late.is_overdue(today) and completion_late.is_overdue(today)
    assert not paused.is_overdue(today)  # the clock is stopped while paused
    assert not decided_in_time.is_overdue(today)
    assert set(Review.objects.due_between(today, date(2026, 2, 28))) == {decision_soon}
    assert decision_soon.days_until_due(today) == 11


@pytest.mark.django_db
def test_pause_and_resume_return_to_the_exact_prior_state_and_move_the_deadline(cast):
    review = force_state(
        cast.review(notified_on=date(2026, 1, 10)), State.DRAFTING, decision_on=date(2026, 1, 31)
    )
    review.save()
    assert review.completion_due_on == date(2026, 7, 31)

    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0), tick=False):
        review = perform_transition(review.pk, "pause", cast.manager, comment="Criminal trial.")
    assert review.state == State.PAUSED
    assert review.paused_from_state == State.DRAFTING
    assert not review.is_overdue(date(2026, 12, 1))

    with time_machine.travel(datetime.datetime(2026, 4, 15, 9, 0), tick=False):
        review = perform_transition(review.pk, "resume", cast.manager, comment="Verdict given.")
    assert review.state == State.DRAFTING
    pause = review.pauses.get()
    assert (pause.started_on, pause.ended_on, pause.reason) == (
        date(2026, 3, 1),
        date(2026, 4, 15),
        "Criminal trial.",
    )
    # 45 paused days are excluded: the deadline moves 45 days later.
    assert review.completion_due_on == date(2026, 7, 31) + datetime.timedelta(days=45)
    assert [e.action for e in review.events.all()] == ["pause", "resume"]
    assert review.events.last().to_state == State.DRAFTING


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state",
    [State.NOTIFIED, State.PANEL_REVIEW, State.PARTNERSHIP_SIGNOFF, State.QA_APPROVED],
)
def test_resume_returns_to_whichever_state_was_paused(cast, state):
    review = force_state(cast.review(), state)
    perform_transition(review.pk, "pause", cast.manager, comment="Inquest.")
    review = perform_transition(review.pk, "resume", cast.manager)
    assert review.state == state


@pytest.mark.django_db
def test_a_pause_during_the_decision_window_moves_only_the_decision_deadline(cast):
    review = cast.review(notified_on=date(2026, 1, 10))
    with time_machine.travel(datetime.datetime(2026, 1, 20, 9, 0), tick=False):
        perform_transition(review.pk, "pause", cast.manager, comment="IOPC investigation.")
    with time_machine.travel(datetime.datetime(2026, 1, 30, 9, 0), tick=False):
        review = perform_transition(review.pk, "resume", cast.manager)
    assert review.decision_due_on == date(2026, 2, 20)  # 10 Feb + 10 paused days
    force_state(review, State.COMMISSIONED, decision_on=date(2026, 2, 15))
    review.save()
    assert review.completion_due_on == date(2026, 8, 15)  # pause was before the decision


@pytest.mark.django_db
def test_changing_a_timescale_recomputes_open_cases_of_that_kind(cast):
    dhr = cast.review(kind="dhr", notified_on=date(2026, 1, 31))
    sar = cast.review(kind="sar", notified_on=date(2026, 1, 31))
    timescale = Timescale.objects.get(
        guidance__key="dhr-2016", kind="dhr", milestone=Milestone.DECISION
    )
    timescale.months = 2
    timescale.save()
    dhr.refresh_from_db()
    sar.refresh_from_db()
    assert dhr.decision_due_on == date(2026, 3, 31)
    assert sar.decision_due_on == date(2026, 2, 28)


@pytest.mark.django_db
def test_statutory_timescales_are_seeded_from_the_2016_guidance():
    rows = {(t.kind, t.milestone): t for t in Timescale.objects.filter(guidance__key="dhr-2016")}
    assert rows[("dhr", "decision")].months == 1
    assert rows[("dhr", "completion")].months == 6
    assert "2016" in rows[("dhr", "completion")].source
    assert {kind for kind, _ in rows} == {"dhr", "joint"}
    # Kinds no guidance version governs have timescales of their own.
    own = Timescale.objects.filter(guidance=None)
    assert set(own.values_list("kind", flat=True)) == {"sar", "other"}
