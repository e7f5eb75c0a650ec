"""True dates: every step carries the day it happened (its effective date) beside the
time it was recorded, and every derived figure is computed from effective dates.

The hand-worked case used below (fictional), all dates as the steps happened:

    notified                 10 Jan 2018
    referred for a decision  12 Jan 2018
    decided to hold a review  5 Feb 2018   decision due 10 Feb 2018: in time
                                          completion due 5 Aug 2018 (six months)
    paused                    1 Mar 2018
    resumed                  15 Apr 2018   45 days paused: completion due 19 Sep 2018
    signed off               10 Sep 2018   within the pause-adjusted timescale
    submitted to Home Office 20 Sep 2018
    QA approved               7 Jan 2019
    published                14 Feb 2019   financial year 2018/19
"""

import csv
import datetime
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from learning.reports import annual_report
from reviews.models import ReviewEvent, ReviewKind
from reviews.papers.submission import summary_csv
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition
from tests.learning.factories import RecommendationFactory
from tests.reviews.helpers import add_qa_letter, force_state, satisfy_prerequisites

TODAY = datetime.datetime(2026, 12, 1, 10, 0)

DATED_PATH = [
    ("refer_for_decision", "manager", date(2018, 1, 12)),
    ("decide_to_proceed", "approver", date(2018, 2, 5)),
    ("appoint_chair", "manager", date(2018, 2, 20)),
    ("pause", "manager", date(2018, 3, 1)),
    ("resume", "manager", date(2018, 4, 15)),
    ("establish_panel", "chair", date(2018, 4, 20)),
    ("start_information_gathering", "chair", date(2018, 5, 1)),
    ("start_drafting", "chair", date(2018, 7, 1)),
    ("submit_draft", "chair", date(2018, 8, 1)),
    ("begin_panel_review", "manager", date(2018, 8, 2)),
    ("request_signoff", "manager", date(2018, 8, 30)),
    ("sign_off", "approver", date(2018, 9, 10)),
    ("submit_to_home_office", "manager", date(2018, 9, 20)),
    ("record_qa_approval", "manager", date(2019, 1, 7)),
    ("publish", "manager", date(2019, 2, 14)),
]


def walk_dated(cast, review, path):
    for name, actor, on in path:
        if name.startswith("record_qa_"):
            add_qa_letter(review, cast.manager)
        review = perform_transition(
            review.pk, name, getattr(cast, actor), comment=f"{name} (test)", effective_on=on
        )
    return review


@pytest.fixture
def case_of_2018(cast):
    review = cast.review(
        kind=ReviewKind.DHR, notified_on=date(2018, 1, 10), date_of_death=date(2018, 1, 2)
    )
    return satisfy_prerequisites(review, cast)


def steps_until(name):
    names = [step for step, _, _ in DATED_PATH]
    return DATED_PATH[: names.index(name) + 1]


# ---------------------------------------------------------------- the date rules


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_a_step_may_be_dated_in_the_past_and_keeps_the_time_it_was_recorded(cast, case_of_2018):
    review = walk_dated(cast, case_of_2018, steps_until("decide_to_proceed"))

    assert review.decision_on == date(2018, 2, 5)
    event = ReviewEvent.objects.get(review=review, action="decide_to_proceed")
    assert event.effective_on == date(2018, 2, 5)
    assert event.occurred_at.date() == date(2026, 12, 1)
    assert event.imported is False


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_date_defaults_to_today(cast, case_of_2018):
    review = perform_transition(case_of_2018.pk, "refer_for_decision", cast.manager)
    assert review.events.get(action="refer_for_decision").effective_on == date(2026, 12, 1)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_a_step_cannot_be_dated_in_the_future(cast, case_of_2018):
    with pytest.raises(TransitionRefused) as refused:
        perform_transition(
            case_of_2018.pk, "refer_for_decision", cast.manager, effective_on=date(2026, 12, 2)
        )
    assert refused.value.status == 400
    assert "2 December 2026: that is in the future" in str(refused.value)
    case_of_2018.refresh_from_db()
    assert case_of_2018.state == State.NOTIFIED
    assert not case_of_2018.events.filter(action="refer_for_decision").exists()


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_a_step_cannot_be_dated_before_the_previous_step(cast, case_of_2018):
    walk_dated(cast, case_of_2018, steps_until("decide_to_proceed"))

    with pytest.raises(TransitionRefused) as refused:
        perform_transition(
            case_of_2018.pk, "appoint_chair", cast.manager, effective_on=date(2018, 2, 4)
        )
    assert refused.value.status == 400
    assert (
        "before the case's previous step (“Decide to hold a review”, dated 5 February 2018)"
        in str(refused.value)
    )
    # The same day as the previous step is allowed.
    review = perform_transition(
        case_of_2018.pk, "appoint_chair", cast.manager, effective_on=date(2018, 2, 5)
    )
    assert review.chair_appointed_on == date(2018, 2, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_a_step_cannot_be_dated_before_the_notification(cast, case_of_2018):
    with pytest.raises(TransitionRefused) as refused:
        perform_transition(
            case_of_2018.pk, "refer_for_decision", cast.manager, effective_on=date(2018, 1, 9)
        )
    assert "before the partnership was notified (10 January 2018)" in str(refused.value)


# ---------------------------------------------------------------- derived figures


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_due_dates_pauses_and_overdue_flags_come_from_effective_dates(cast, case_of_2018):
    review = walk_dated(cast, case_of_2018, steps_until("decide_to_proceed"))
    assert review.decision_due_on == date(2018, 2, 10)
    assert review.completion_due_on == date(2018, 8, 5)

    review = walk_dated(cast, review, DATED_PATH[2:5])  # chair, pause, resume
    pause = review.pauses.get()
    assert (pause.started_on, pause.ended_on) == (date(2018, 3, 1), date(2018, 4, 15))
    assert review.completion_due_on == date(2018, 9, 19)  # 45 days later
    # Eight years on, the review is long overdue: today is 1 December 2026.
    assert review.is_overdue()
    assert not review.is_overdue(today=date(2018, 9, 19))


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_home_office_pack_csv_carries_the_effective_dates(cast, case_of_2018):
    review = walk_dated(cast, case_of_2018, steps_until("submit_to_home_office"))

    rows = dict(csv.reader(io.StringIO(summary_csv(review))))
    assert rows["Date of decision to hold a review"] == "2018-02-05"
    assert rows["Date chair appointed"] == "2018-02-20"
    assert rows["Date draft received"] == "2018-08-01"
    assert rows["Date signed off by the partnership"] == "2018-09-10"
    assert rows["Date submitted to the Home Office"] == "2018-09-20"
    assert rows["Completion due (statutory timescale)"] == "2018-09-19"
    assert rows["Completed within timescale"] == "Yes"
    assert rows["Days paused for parallel proceedings"] == "45"


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_publication_date_the_public_page_and_the_annual_report_year(client, cast, case_of_2018):
    review = walk_dated(cast, case_of_2018, DATED_PATH)
    assert review.published_on == date(2019, 2, 14)
    RecommendationFactory(review=review, number="1")

    page = client.get(review.get_public_url()).content.decode()
    assert '<time datetime="2019-02-14">14 February 2019</time>' in page

    def made_in(year):
        report = annual_report(cast.partnership, cast.manager, year)
        return [row[0] for row in report.table("recommendations_made").rows]

    assert made_in(2018) == [review.reference]  # 1 April 2018 - 31 March 2019
    assert made_in(2019) == []
    assert made_in(2026) == []


# ---------------------------------------------------------------- the form and the trail


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_step_form_asks_for_the_date_as_a_browser_date_value(client, cast, case_of_2018):
    client.force_login(cast.manager)
    url = reverse("reviews:transition", args=[case_of_2018.pk, "refer_for_decision"])

    html = client.get(url).content.decode()
    # A date input's value must be yyyy-mm-dd, whatever the language (never 01/12/2026).
    assert 'type="date"' in html
    assert 'value="2026-12-01"' in html
    assert 'max="2026-12-01"' in html
    assert "01/12/2026" not in html

    response = client.post(
        url, {"effective_on": "2018-01-12", "comment": "", "expected_state": State.NOTIFIED}
    )
    assert response.status_code == 302
    case_of_2018.refresh_from_db()
    assert case_of_2018.events.get(action="refer_for_decision").effective_on == date(2018, 1, 12)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_step_form_refuses_a_future_date_and_keeps_the_input(client, cast, case_of_2018):
    force_state(case_of_2018, State.DECISION_PENDING)
    client.force_login(cast.approver)
    url = reverse("reviews:transition", args=[case_of_2018.pk, "decide_not_to_proceed"])

    response = client.post(
        url,
        {
            "effective_on": "2027-01-05",
            "comment": "Criteria of s9 not met.",
            "expected_state": State.DECISION_PENDING,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "that is in the future" in html
    assert 'value="2027-01-05"' in html  # what was typed is still there
    assert "Criteria of s9 not met." in html
    case_of_2018.refresh_from_db()
    assert case_of_2018.state == State.DECISION_PENDING


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_case_history_shows_both_dates(client, cast, case_of_2018):
    walk_dated(cast, case_of_2018, steps_until("decide_to_proceed"))
    client.force_login(cast.manager)

    html = client.get(reverse("reviews:inspect", args=[case_of_2018.pk])).content.decode()
    assert '<time datetime="2018-02-05" data-testid="effective-on">5 Feb 2018</time>' in html
    assert "(recorded <time" in html and "1 Dec 2026" in html


# ---------------------------------------------------------------- importing a past review


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_an_imported_history_skips_paper_guards_publishes_nothing_and_is_marked(cast):
    review = cast.review(kind=ReviewKind.DHR, notified_on=date(2017, 3, 1), pseudonym="Adult Z")
    # A past review: no chair, panel, papers or QA letter held here.
    for name, on in [
        ("refer_for_decision", date(2017, 3, 2)),
        ("decide_to_proceed", date(2017, 3, 20)),
        ("appoint_chair", date(2017, 4, 2)),
        ("establish_panel", date(2017, 5, 1)),
        ("start_information_gathering", date(2017, 5, 2)),
        ("start_drafting", date(2017, 8, 1)),
        ("submit_draft", date(2017, 9, 1)),
        ("begin_panel_review", date(2017, 9, 2)),
        ("request_signoff", date(2017, 9, 20)),
        ("sign_off", date(2017, 10, 3)),
        ("submit_to_home_office", date(2017, 10, 10)),
        ("record_qa_approval", date(2018, 1, 15)),
        ("publish", date(2018, 3, 1)),
    ]:
        review = perform_transition(
            review.pk,
            name,
            cast.manager,
            comment="Imported from the partnership's records.",
            effective_on=on,
            imported=True,
        )
    assert review.state == State.PUBLISHED
    assert review.published_on == date(2018, 3, 1)
    assert review.completion_due_on == date(2017, 9, 20)
    assert set(review.events.values_list("imported", flat=True)) == {True}
    # Nothing was made public: the gate read no papers, so there is no public page.
    assert review.get_public_url() is None
    # The user's role is still checked on an import.
    other = cast.review(notified_on=date(2017, 3, 1))
    with pytest.raises(TransitionRefused) as refused:
        perform_transition(other.pk, "refer_for_decision", cast.panel_member, imported=True)
    assert refused.value.status == 403
