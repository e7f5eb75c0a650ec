"""The dashboard and annual report: what they count (only what the user may see), the
files they download as, and that they take a fixed number of queries."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from learning.models import Status
from learning.progress import post_progress
from learning.reports import ROLLUP_COLUMNS, annual_report, dashboard, report_csv, report_xlsx
from reviews.models import Review
from tests.learning.factories import (
    ActionFactory,
    RecommendationFactory,
    ThemeFactory,
    link,
)

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def tracked(library):
    """Library with themes, links and progress, as of TODAY."""
    manager, partner = library.cast.manager, library.cast.partner
    housing = ThemeFactory(name="Housing", slug="housing")
    health = ThemeFactory(name="Health", slug="health")
    library.published_owned.themes.set([housing, health])
    library.published_owned.save()
    library.published_other.themes.set([housing])
    library.published_other.save()
    library.draft_owned.target_date = datetime.date(2026, 1, 31)
    library.draft_owned.save()
    link(library.published_owned, library.owned_action, "Training covers it.")
    link(library.draft_owned, library.owned_action)
    link(library.draft_owned, library.other_action)
    post_progress(
        library.published_owned,
        partner,
        rag="blue",
        status=Status.COMPLETE,
        comment="Done.",
        evidence="Audit.",
        reported_on=datetime.date(2026, 5, 1),
    )
    post_progress(
        library.published_other,
        manager,
        rag="amber",
        status=Status.IN_PROGRESS,
        comment="Under way.",
        reported_on=datetime.date(2026, 3, 15),
    )
    post_progress(library.draft_owned, partner, rag="red", comment="Stuck.", reported_on=TODAY)
    post_progress(
        library.other_action,
        manager,
        rag="blue",
        status=Status.COMPLETE,
        comment="Delivered.",
        reported_on=datetime.date(2026, 4, 10),
    )
    Review.objects.filter(pk=library.published_review.pk).update(
        published_on=datetime.date(2026, 4, 20)
    )
    return library


def rollup(report, key):
    """{group: {column: value}} of a roll-up table."""
    table = report.table(key)
    width = len(table.columns) - len(ROLLUP_COLUMNS)  # group columns come first
    result = {}
    for row in table.rows:
        group = row[0] if width == 1 else tuple(row[:width])
        result[group] = dict(zip(table.columns[width:], row[width:], strict=True))
    return result


def test_dashboard_counts_for_a_review_manager(tracked):
    report = dashboard(tracked.cast.partnership, tracked.cast.manager, today=TODAY)

    assert (report.recommendations.total, report.recommendations.complete) == (4, 1)
    assert report.recommendations.completion == 25
    assert report.recommendations.overdue == 1  # DHR-DRAFT 1: target 31 January 2026
    assert (report.actions.total, report.actions.complete, report.actions.overdue) == (2, 1, 1)
    assert report.table("recommendations_status").rows == [
        ["Not started", 2],
        ["In progress", 1],
        ["On hold", 0],
        ["Complete", 1],
        ["Decided not to implement", 0],
        ["Not recorded", 0],
    ]
    assert report.table("recommendations_rag").rows == [
        ["Red", 1],
        ["Amber", 1],
        ["Green", 0],
        ["Blue", 1],
        ["Not rated", 1],
    ]
    by_theme = rollup(report, "recommendations_by_theme")
    assert list(by_theme) == ["Housing", "Health", "No theme recorded"]
    assert (by_theme["Housing"]["Total"], by_theme["Housing"]["Completion (%)"]) == (2, 50)
    assert (by_theme["Health"]["Total"], by_theme["Health"]["Completion (%)"]) == (1, 100)
    assert by_theme["No theme recorded"]["Total"] == 2
    by_agency = rollup(report, "recommendations_by_agency")
    assert by_agency["Northbrook Police"]["Total"] == 2
    assert by_agency["Northbrook Police"]["Overdue"] == 1
    assert by_agency["Northbrook Housing"]["Completion (%)"] == 0
    by_review = rollup(report, "recommendations_by_review")
    assert by_review["DHR-PUB"]["Complete"] == 1
    assert by_review["DHR-DRAFT"]["Red"] == 1
    # A recommendation answered by two actions of one plan counts once for that plan.
    by_strategy = rollup(report, "recommendations_by_strategy")
    assert by_strategy["Safer Northbrook Plan"]["Total"] == 2
    assert by_strategy["Not linked to an action"]["Total"] == 2
    by_priority = rollup(report, "recommendations_by_priority")
    assert by_priority[("Safer Northbrook Plan", "1. Prevention")]["Total"] == 2
    actions = rollup(report, "actions_by_strategy")
    assert list(actions) == ["Safer Northbrook Plan"]  # the other partnership's plan is not here
    assert (
        actions["Safer Northbrook Plan"]["Total"],
        actions["Safer Northbrook Plan"]["Blue"],
    ) == (
        2,
        1,
    )
    overdue = report.table("overdue_recommendations")
    assert [row[:2] for row in overdue.rows] == [["DHR-DRAFT", "1"]]
    assert overdue.links == [f"/admin/learning/recommendations/inspect/{tracked.draft_owned.pk}/"]
    assert [row[1] for row in report.table("overdue_actions").rows] == ["1.1"]


def test_a_partner_user_s_dashboard_counts_only_what_they_may_see(tracked):
    report = dashboard(tracked.cast.partnership, tracked.cast.partner, today=TODAY)

    # Not the unpublished review's recommendation owned by another agency.
    assert report.recommendations.total == 3
    assert set(rollup(report, "recommendations_by_review")) == {"DHR-PUB", "DHR-DRAFT"}
    assert rollup(report, "recommendations_by_review")["DHR-DRAFT"]["Total"] == 1
    assert report.actions.total == 2


def test_someone_with_no_role_in_the_partnership_gets_an_empty_report(tracked):
    report = dashboard(tracked.cast.partnership, tracked.cast.other_manager, today=TODAY)
    assert (report.recommendations.total, report.actions.total) == (0, 0)
    assert report.table("recommendations_by_theme").rows == []


def test_annual_report_covers_the_financial_year(tracked):
    report = annual_report(tracked.cast.partnership, tracked.cast.manager, 2026, today=TODAY)

    assert report.period == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    assert report.title.startswith("Annual report 2026/27")
    updates = report.table("progress_updates").rows
    # The update of 15 March 2026 belongs to 2025/26.
    assert [(row[0], row[1]) for row in updates] == [
        (datetime.date(2026, 4, 10), "Action 1.2 (Safer Northbrook Plan)"),
        (datetime.date(2026, 5, 1), "Recommendation 1 (DHR-PUB)"),
        (TODAY, "Recommendation 1 (DHR-DRAFT)"),
    ]
    assert [row[:2] for row in report.table("recommendations_completed").rows] == [["DHR-PUB", "1"]]
    assert [row[:2] for row in report.table("recommendations_made").rows] == [
        ["DHR-PUB", "1"],
        ["DHR-PUB", "2"],
    ]
    assert report.table("actions_due").rows == []  # both are due in March 2026
    earlier = annual_report(tracked.cast.partnership, tracked.cast.manager, 2025, today=TODAY)
    assert [row[1] for row in earlier.table("actions_due").rows] == ["1.1", "1.2"]
    assert len(earlier.table("progress_updates").rows) == 1


def test_report_downloads_hold_the_same_tables(tracked):
    report = dashboard(tracked.cast.partnership, tracked.cast.manager, today=TODAY)

    lines = list(csv.reader(io.StringIO(report_csv(report).decode("utf-8"))))
    assert lines[0] == [report.title]
    assert ["Recommendations: completion (%)", "25"] in lines
    start = lines.index(["Recommendations by theme"])
    assert lines[start + 1][0] == "Theme"
    assert lines[start + 2][:2] == ["Housing", "2"]

    workbook = load_workbook(io.BytesIO(report_xlsx(report)))
    assert workbook.sheetnames[0] == "Summary"
    assert len(workbook.sheetnames) == 1 + len(report.tables)
    sheet = workbook["Recommendations by theme"]
    assert [cell.value for cell in sheet[2]][:2] == ["Housing", 2]


@pytest.mark.parametrize("extra", [0, 30])
def test_the_dashboard_takes_a_fixed_number_of_queries(
    tracked, extra, django_assert_max_num_queries
):
    for number in range(extra):
        action = ActionFactory(priority=tracked.priority, reference=f"9.{number}")
        recommendation = RecommendationFactory(
            review=tracked.published_review, number=f"9.{number}"
        )
        recommendation.themes.set([ThemeFactory(name=f"Theme {number}", slug=f"t-{number}")])
        recommendation.save()
        link(recommendation, action)
    manager = tracked.cast.manager
    manager._user_roles = None  # start from a cold request

    with django_assert_max_num_queries(8):
        report = dashboard(tracked.cast.partnership, manager, today=TODAY)
    assert report.recommendations.total == 4 + extra
