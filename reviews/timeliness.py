"""How long reviews took: plain and pause-adjusted, per review and per partnership and year.

Two clocks, both from the decision to hold a review (decision_on) to the partnership's
sign-off (signed_off_on), the completion milestone of reviews.deadlines:

- elapsed days: plain calendar days, as national reporting counts them;
- pause-adjusted days: the same less the days paused for parallel proceedings, as the
  statutory timescale counts them (reviews.deadlines: paused time does not count).

A review is on time on the plain clock if it was signed off by the day the completion
timescale (Timescale, months) ends counted from the decision by the calendar (six months
from 31 August is the last day of February); on the adjusted clock if it was signed off by
its pause-adjusted due date. Time in each stage is read from the effective dates of the
case's steps (ReviewEvent.effective_on).

National figures (NationalTimeliness rows, each with its source) are shown beside a
partnership's own for the kinds of review it has; none is shipped, so none is shown
until a system administrator enters one from its publication.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from .deadlines import Milestone, add_months, paused_days
from .models import NationalTimeliness, Timescale
from .stages import State


@dataclass(frozen=True)
class Timeliness:
    review: object
    decided_on: object
    signed_off_on: object
    months: int | None
    elapsed_days: int | None
    paused_days: int
    adjusted_days: int | None
    due_plain: object
    due_adjusted: object

    @property
    def complete(self):
        return self.signed_off_on is not None

    @property
    def on_time_plain(self):
        return self.complete and self.due_plain is not None and self.signed_off_on <= self.due_plain

    @property
    def on_time_adjusted(self):
        return (
            self.complete
            and self.due_adjusted is not None
            and self.signed_off_on <= self.due_adjusted
        )


def completion_months():
    """review -> months of its completion timescale (its kind, its guidance), read once."""
    return Timescale.completion_table()


def timescales_used(reviews):
    """A sentence per completion timescale the given reviews are measured against (kind,
    months, guidance version and source), for a report to cite."""
    pairs = set(reviews.values_list("guidance_id", "kind"))
    rows = Timescale.objects.filter(milestone=Milestone.COMPLETION).select_related("guidance")
    return [
        f"{row.get_kind_display()}: within {row.months} months of the decision ({row.source})"
        for row in rows
        if (row.guidance_id, row.kind) in pairs
    ]


def review_timeliness(review, months=None, today=None):
    """The two clocks of one review. An unfinished review is measured to `today`."""
    if months is None:
        months = Timescale.months_for(review.kind, review.guidance_id).get(Milestone.COMPLETION)
    start, stop = review.decision_on, review.signed_off_on
    if start is None:
        return Timeliness(review, None, stop, months, None, 0, None, None, None)
    end = stop or today or timezone.localdate()
    pauses = list(review.pauses.all())
    paused = paused_days(pauses, start, end)
    elapsed = (end - start).days
    due_plain = add_months(start, months) if months else None
    return Timeliness(
        review,
        start,
        stop,
        months,
        elapsed,
        paused,
        elapsed - paused,
        due_plain,
        review.completion_due_on,
    )


def time_in_stages(review, today=None):
    """[(state, days)] in the order the case went through its stages (a stage visited
    twice appears twice). The current stage is counted to `today`."""
    events = review.events.order_by("effective_on", "occurred_at", "pk")
    steps = [
        (to, on)
        for frm, to, on in events.values_list("from_state", "to_state", "effective_on")
        if frm != to  # uploads and edits are audited too; they change no stage
    ]
    result = []
    since, state = review.notified_on, State.NOTIFIED
    for to, on in steps:
        result.append((state, (on - since).days))
        since, state = on, to
    result.append((state, ((today or timezone.localdate()) - since).days))
    return result


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class YearFigures:
    partnership: object
    year: int
    completed: int
    on_time_plain: int
    on_time_adjusted: int
    mean_elapsed: float | None
    mean_adjusted: float | None

    @property
    def percent_plain(self):
        return percent(self.on_time_plain, self.completed)

    @property
    def percent_adjusted(self):
        return percent(self.on_time_adjusted, self.completed)


def year_of(day, financial=False):
    if financial:
        return day.year if day.month >= 4 else day.year - 1
    return day.year


def figures_by_partnership_and_year(reviews, financial=False):
    """Completed reviews (signed off) grouped by partnership and the (calendar or
    financial) year of their sign-off."""
    groups = defaultdict(list)
    months = completion_months()
    completed = reviews.filter(signed_off_on__isnull=False, decision_on__isnull=False)
    for review in completed.select_related("partnership").prefetch_related("pauses"):
        measured = review_timeliness(review, months(review))
        groups[(review.partnership, year_of(review.signed_off_on, financial))].append(measured)
    result = []
    for (partnership, year), rows in sorted(groups.items(), key=lambda g: (str(g[0][0]), g[0][1])):
        result.append(
            YearFigures(
                partnership,
                year,
                len(rows),
                sum(row.on_time_plain for row in rows),
                sum(row.on_time_adjusted for row in rows),
                round(sum(row.elapsed_days for row in rows) / len(rows), 1),
                round(sum(row.adjusted_days for row in rows) / len(rows), 1),
            )
        )
    return result


REVIEW_COLUMNS = [
    "Review",
    "Kind",
    "Decision",
    "Signed off",
    "Elapsed days",
    "Days paused",
    "Pause-adjusted days",
    "Due (plain)",
    "Due (pause-adjusted)",
    "On time (plain)",
    "On time (pause-adjusted)",
]
YEAR_COLUMNS = [
    "Partnership",
    "Year",
    "Completed",
    "On time (plain)",
    "On time (plain) %",
    "On time (pause-adjusted)",
    "On time (pause-adjusted) %",
    "Mean elapsed days",
    "Mean pause-adjusted days",
]


NATIONAL_COLUMNS = [
    "Kind",
    "Measure",
    "Clock",
    "Period",
    "Reviews counted",
    "Within timescale",
    "Within timescale %",
    "Source",
]


def national_figures(reviews):
    """The latest national figure for each kind of review among these reviews."""
    kinds = reviews.order_by().values_list("kind", flat=True).distinct()
    return NationalTimeliness.latest_for(list(kinds))


def national_row(figure):
    return [
        figure.get_kind_display(),
        figure.measure,
        figure.get_clock_display(),
        figure.period,
        figure.reviews_counted,
        figure.within_timescale,
        "" if figure.percent is None else figure.percent,
        figure.citation + (f" ({figure.source_url})" if figure.source_url else ""),
    ]


def yes_no(value):
    return "Yes" if value else "No"


def review_row(measured):
    review = measured.review
    return [
        review.reference,
        review.get_kind_display(),
        measured.decided_on or "",
        measured.signed_off_on or "",
        "" if measured.elapsed_days is None else measured.elapsed_days,
        measured.paused_days,
        "" if measured.adjusted_days is None else measured.adjusted_days,
        measured.due_plain or "",
        measured.due_adjusted or "",
        yes_no(measured.on_time_plain) if measured.complete else "Open",
        yes_no(measured.on_time_adjusted) if measured.complete else "Open",
    ]


def year_row(figures):
    return [
        str(figures.partnership),
        figures.year,
        figures.completed,
        figures.on_time_plain,
        "" if figures.percent_plain is None else figures.percent_plain,
        figures.on_time_adjusted,
        "" if figures.percent_adjusted is None else figures.percent_adjusted,
        figures.mean_elapsed,
        figures.mean_adjusted,
    ]


def timeliness_csv(reviews, financial=False):
    """One row per review, then the figures per partnership and year."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REVIEW_COLUMNS)
    ordered = reviews.order_by("partnership__name", F("decision_on").asc(nulls_last=True), "pk")
    months = completion_months()
    for review in ordered.prefetch_related("pauses"):
        writer.writerow(review_row(review_timeliness(review, months(review))))
    writer.writerow([])
    writer.writerow(YEAR_COLUMNS)
    for figures in figures_by_partnership_and_year(reviews, financial):
        writer.writerow(year_row(figures))
    national = national_figures(reviews)
    if national:
        writer.writerow([])
        writer.writerow(NATIONAL_COLUMNS)
        writer.writerows(national_row(figure) for figure in national)
    return out.getvalue()
