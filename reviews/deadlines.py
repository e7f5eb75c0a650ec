"""Statutory deadline arithmetic.

A milestone's clock starts on one date of the case and stops on another; its length
comes from the Timescale table for the case's kind (passed in: this module does no
lookups of its own, so the case's model can use it). Days on which the case was paused
for parallel proceedings do not count, so each paused day moves the due date one day
later. While a case is paused its clock is stopped and it cannot be overdue; the open
pause is counted when it ends.

Month arithmetic follows the calendar: one month after 31 January is the last day of
February (28th, or 29th in a leap year).
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import models


class Milestone(models.TextChoices):
    DECISION = "decision", "Decision whether to hold a review"
    COMPLETION = "completion", "Review completed (partnership sign-off)"


# Which case dates start and stop each clock.
CLOCKS = {
    Milestone.DECISION: ("notified_on", "decision_on"),
    Milestone.COMPLETION: ("decision_on", "signed_off_on"),
}


def add_months(start: date, months: int) -> date:
    return start + relativedelta(months=months)


def paused_days(pauses, start: date, stop: date | None) -> int:
    """Days of closed pauses that fall within [start, stop) (stop=None: no upper bound)."""
    total = 0
    for pause in pauses:
        if pause.ended_on is None:
            continue
        begin = max(pause.started_on, start)
        end = pause.ended_on if stop is None else min(pause.ended_on, stop)
        total += max((end - begin).days, 0)
    return total


def due_date(start: date, months: int, days_paused: int = 0) -> date:
    return add_months(start, months) + timedelta(days=days_paused)


def compute_due_dates(review, timescales):
    """Due date of each milestone for this review, or None where its clock has not started.
    `timescales`: {milestone: months} for the review's kind (Timescale.months_for)."""
    pauses = list(review.pauses.all()) if review.pk else []
    result = {}
    for milestone, (start_field, stop_field) in CLOCKS.items():
        start = getattr(review, start_field)
        months = timescales.get(milestone)
        if start is None or months is None:
            result[milestone] = None
            continue
        stop = getattr(review, stop_field)
        result[milestone] = due_date(start, months, paused_days(pauses, start, stop))
    return result


# "Due soon": the dashboard's and the case list's window before a deadline.
DUE_SOON_DAYS = 14
