"""Timeliness figures against hand-worked examples (fictional cases; six-month completion
timescale of the 2016 guidance, seeded for DHRs):

    A  decided 5 Feb 2018, paused 1 Mar-15 Apr 2018 (31 + 14 = 45 days), signed off
       10 Sep 2018: 23+31+30+31+30+31+31+10 = 217 elapsed days, 172 pause-adjusted; due
       5 Aug 2018 plain (late), 19 Sep 2018 adjusted (on time)
    B  decided 31 Aug 2025, signed off 28 Feb 2026: 30+31+30+31+31+28 = 181 days; six
       months from 31 August end on the last day of February: on time
    C  decided 31 Aug 2023, signed off 1 Mar 2024: 183 days; due 29 Feb 2024 (leap
       year): a day late
    E  decided 1 Mar 2018, signed off 1 Jun 2018: 31+30+31 = 92 days, on time
"""

import csv
import io
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from learning.reports import annual_report
from reviews.models import NationalTimeliness, Pause, Review, ReviewKind
from reviews.stages import State
from reviews.timeliness import (
    figures_by_partnership_and_year,
    review_timeliness,
    time_in_stages,
    timeliness_csv,
)
from reviews.workflow import perform_transition

pytestmark = pytest.mark.django_db


def completed(cast, decided, signed, pauses=()):
    review = cast.review(
        kind=ReviewKind.DHR, notified_on=decided, decision_on=decided, signed_off_on=signed
    )
    for start, end in pauses:
        Pause.objects.create(review=review, started_on=start, ended_on=end, reason="Trial.")
    review.save()  # due dates count the pauses
    return review


@pytest.mark.parametrize(
    ("decided", "signed", "pauses", "expected"),
    [
        (
            date(2018, 2, 5),
            date(2018, 9, 10),
            [(date(2018, 3, 1), date(2018, 4, 15))],
            (217, 45, 172, date(2018, 8, 5), date(2018, 9, 19), False, True),
        ),
        (
            date(2025, 8, 31),
            date(2026, 2, 28),
            [],
            (181, 0, 181, date(2026, 2, 28), date(2026, 2, 28), True, True),
        ),
        (
            date(2023, 8, 31),
            date(2024, 3, 1),
            [],
            (183, 0, 183, date(2024, 2, 29), date(2024, 2, 29), False, False),
        ),
    ],
)
def test_elapsed_and_pause_adjusted_days_of_one_review(cast, decided, signed, pauses, expected):
    measured = review_timeliness(completed(cast, decided, signed, pauses))
    assert (
        measured.elapsed_days,
        measured.paused_days,
        measured.adjusted_days,
        measured.due_plain,
        measured.due_adjusted,
        measured.on_time_plain,
        measured.on_time_adjusted,
    ) == expected


def test_on_time_percentages_per_partnership_and_year_and_the_csv(cast):
    completed(cast, date(2018, 2, 5), date(2018, 9, 10), [(date(2018, 3, 1), date(2018, 4, 15))])
    completed(cast, date(2018, 3, 1), date(2018, 6, 1))
    completed(cast, date(2025, 8, 31), date(2026, 2, 28))
    cast.review(notified_on=date(2026, 1, 5))  # open: not counted

    year_2018, year_2026 = figures_by_partnership_and_year(Review.objects.all())

    assert (year_2018.year, year_2018.completed) == (2018, 2)
    assert (year_2018.on_time_plain, year_2018.percent_plain) == (1, 50.0)
    assert (year_2018.on_time_adjusted, year_2018.percent_adjusted) == (2, 100.0)
    assert (year_2018.mean_elapsed, year_2018.mean_adjusted) == (154.5, 132.0)
    assert (year_2026.year, year_2026.percent_plain) == (2026, 100.0)
    # By financial year: 1 June and 10 September 2018 fall in 2018/19, 28 February 2026
    # in 2025/26.
    by_financial = figures_by_partnership_and_year(Review.objects.all(), financial=True)
    assert [(f.year, f.completed) for f in by_financial] == [(2018, 2), (2025, 1)]

    rows = list(csv.reader(io.StringIO(timeliness_csv(Review.objects.all()))))
    assert rows[0][4:7] == ["Elapsed days", "Days paused", "Pause-adjusted days"]
    assert rows[1][4:] == ["217", "45", "172", "2018-08-05", "2018-09-19", "No", "Yes"]
    assert rows[-2][2:7] == ["2", "1", "50.0", "2", "100.0"]


def test_time_in_each_stage_from_the_steps_effective_dates(cast, client):
    review = cast.review(notified_on=date(2018, 1, 10))
    perform_transition(
        review.pk, "refer_for_decision", cast.manager, effective_on=date(2018, 1, 12)
    )
    review = perform_transition(
        review.pk, "decide_to_proceed", cast.approver, effective_on=date(2018, 2, 5)
    )

    assert time_in_stages(review, today=date(2018, 3, 1)) == [
        (State.NOTIFIED, 2),
        (State.DECISION_PENDING, 24),
        (State.COMMISSIONED, 24),
    ]

    client.force_login(cast.manager)
    page = client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    assert "<li>Notified: 2 days</li><li>Decision pending: 24 days</li>" in page
    elapsed = (date.today() - date(2018, 2, 5)).days
    assert f"{elapsed} days from the decision to today" in page


def national_figure(**kwargs):
    """A national figure as a system administrator enters it (numbers made up here)."""
    values = dict(
        kind=ReviewKind.DHR,
        measure="completed within six months of the decision",
        reviews_counted=40,
        within_timescale=3,
        period="reviews published 2020-2022",
        source="A fictional national analysis, table 4",
        published_on=date(2024, 5, 1),
    )
    return NationalTimeliness.objects.create(**(values | kwargs))


def test_a_national_figure_stands_beside_ours_wherever_ours_is_shown(cast, client):
    completed(cast, date(2025, 8, 31), date(2026, 2, 28))  # 2025/26, on time
    national_figure(published_on=date(2023, 1, 1), within_timescale=1)  # superseded
    national_figure()
    national_figure(kind=ReviewKind.SAR, measure="of SARs")  # no SAR here: not shown
    with pytest.raises(IntegrityError), transaction.atomic():
        national_figure(reviews_counted=3, within_timescale=4)

    rows = list(csv.reader(io.StringIO(timeliness_csv(Review.objects.all()))))
    assert rows[-2][:7] == [
        "Kind", "Measure", "Clock", "Period", "Reviews counted", "Within timescale",
        "Within timescale %",
    ]  # fmt: skip
    assert rows[-1][4:] == [
        "40", "3", "7.5", "A fictional national analysis, table 4, published 1 May 2024"
    ]  # fmt: skip

    report = annual_report(cast.partnership, cast.manager, 2025, today=date(2026, 4, 30))
    assert [row[4:7] for row in report.table("timeliness_national").rows] == [[40, 3, 7.5]]
    # The factory's case took no steps: all its time is in its first stage.
    assert [row[1] for row in report.table("timeliness_stages").rows] == ["Notified"]

    client.force_login(cast.manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Reviews completed on time" in page
    assert "3 of 40 (7.5%) completed within six months" in page
    assert "of SARs" not in page
    # Partner agency users have no such panel.
    client.force_login(cast.partner)
    assert (
        "Reviews completed on time" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
