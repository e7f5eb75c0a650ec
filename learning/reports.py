"""The partnership dashboard and the annual report, as data: titled tables (some with a
chart) that the admin page renders as HTML and the downloads write as CSV or XLSX.

Everything is read with a fixed number of queries, whatever the number of actions and
recommendations, and only what the user may see is counted: a partner agency user's
dashboard is their view of the partnership. The sums themselves are in rollups.py.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership
from reviews import timeliness
from reviews.models import Review
from reviews.stages import State

from . import sab_report
from .charts import bar_chart
from .models import (
    RAG,
    Action,
    ProgressUpdate,
    Recommendation,
    RecommendationAction,
    Status,
)
from .rollups import NOT_RECORDED, RAG_ORDER, STATUS_ORDER, Item, roll_up, tally
from .tabular import write_csv, write_xlsx

STATUS_LABELS = {**dict(Status.choices), NOT_RECORDED: "Not recorded"}
RAG_LABELS = {**dict(RAG.choices), NOT_RECORDED: "Not rated"}
NO_THEME = "No theme recorded"
NO_OWNER = "No owning agency"
NO_LEAD = "No lead agency recorded"
NOT_LINKED = "Not linked to an action"


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list
    links: list = field(default_factory=list)  # a URL per row for its first cell, or None
    chart: object = None
    description: str = ""

    @property
    def linked_rows(self):
        """(URL or None, row) pairs, for the HTML page."""
        links = self.links or [None] * len(self.rows)
        return list(zip(links, self.rows, strict=True))


@dataclass
class Report:
    title: str
    partnership: object
    generated_on: datetime.date
    recommendations: object  # overall Tally
    actions: object  # overall Tally
    tables: list
    period: tuple | None = None  # (first day, last day) of an annual report

    def table(self, key):
        return next(table for table in self.tables if table.key == key)


@dataclass
class Library:
    """What one user may see of one partnership's library, read once."""

    recommendations: list  # dicts
    actions: list  # dicts
    recommendation_items: list
    action_items: list


def financial_year(year):
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def current_financial_year(today):
    return today.year if today.month >= 4 else today.year - 1


def priority_label(row, prefix=""):
    """(strategy title, 'number. title'): a priority's group in the roll-ups."""
    number, title = row[f"{prefix}priority__number"], row[f"{prefix}priority__title"]
    return (row[f"{prefix}strategy__title"], f"{number}. {title}")


def visible_querysets(partnership, user):
    recommendations = Recommendation.objects.visible_to(user).filter(
        review__partnership=partnership
    )
    actions = Action.objects.visible_to(user).filter(strategy__partnership=partnership)
    return recommendations, actions


def read_library(partnership, user, today):
    recommendations_qs, actions_qs = visible_querysets(partnership, user)
    recommendations = list(
        recommendations_qs.order_by("review__reference", "number").values(
            "pk",
            "number",
            "text",
            "status",
            "rag",
            "target_date",
            "completed_on",
            "review__reference",
            "review__published_on",
            "owning_agency__name",
        )
    )
    overdue_recommendations = set(recommendations_qs.overdue(today).values_list("pk", flat=True))
    themes = defaultdict(list)
    for link in Recommendation.themes.through.objects.filter(
        recommendation__in=recommendations_qs
    ).values("recommendation_id", "theme__name"):
        themes[link["recommendation_id"]].append(link["theme__name"])
    linked = defaultdict(list)
    for link in RecommendationAction.objects.filter(
        recommendation__in=recommendations_qs, action__in=actions_qs
    ).values(
        "recommendation_id",
        "action__strategy__title",
        "action__priority__number",
        "action__priority__title",
    ):
        linked[link["recommendation_id"]].append(link)

    actions = list(
        actions_qs.order_by("strategy__title", "priority__sort_order", "position").values(
            "pk",
            "reference",
            "objective",
            "status",
            "rag",
            "due_period",
            "due_on",
            "strategy__title",
            "priority__number",
            "priority__title",
            "lead_agency__name",
        )
    )
    overdue_actions = set(actions_qs.overdue(today).values_list("pk", flat=True))

    recommendation_items = []
    for row in recommendations:
        row["overdue"] = row["pk"] in overdue_recommendations
        row["themes"] = themes[row["pk"]]
        links = linked[row["pk"]]
        recommendation_items.append(
            Item(
                status=row["status"],
                rag=row["rag"],
                overdue=row["overdue"],
                groups={
                    "review": (row["review__reference"],),
                    "theme": tuple(row["themes"]),
                    "agency": (row["owning_agency__name"],) if row["owning_agency__name"] else (),
                    "strategy": tuple(link["action__strategy__title"] for link in links),
                    "priority": tuple(priority_label(link, "action__") for link in links),
                },
            )
        )
    action_items = []
    for row in actions:
        row["overdue"] = row["pk"] in overdue_actions
        action_items.append(
            Item(
                status=row["status"],
                rag=row["rag"],
                overdue=row["overdue"],
                groups={
                    "strategy": (row["strategy__title"],),
                    "priority": (priority_label(row),),
                    "agency": (row["lead_agency__name"],) if row["lead_agency__name"] else (),
                },
            )
        )
    return Library(recommendations, actions, recommendation_items, action_items)


# ---------------------------------------------------------------------------- tables

ROLLUP_COLUMNS = [
    "Total",
    *[STATUS_LABELS[s] for s in STATUS_ORDER],
    "Completion (%)",
    "Overdue",
    *[RAG_LABELS[r] for r in RAG_ORDER],
]


def rollup_row(tally_):
    return [
        tally_.total,
        *[count for _, count in tally_.status_counts()],
        "" if tally_.completion is None else tally_.completion,
        tally_.overdue,
        *[count for _, count in tally_.rag_counts()],
    ]


def rollup_table(key, title, group_columns, tallies, description=""):
    rows = []
    for tally_ in tallies:
        label = tally_.label if isinstance(tally_.label, tuple) else (tally_.label,)
        rows.append([*label, *rollup_row(tally_)])
    return Table(key, title, [*group_columns, *ROLLUP_COLUMNS], rows, description=description)


def breakdown_table(key, title, noun, tally_):
    """By status and by RAG, with a chart of each."""
    status = Table(
        f"{key}_status",
        f"{title} by status",
        ["Status", noun],
        [[STATUS_LABELS[s], n] for s, n in tally_.status_counts()],
        chart=bar_chart(
            f"{key}-status",
            f"{title} by status",
            [(STATUS_LABELS[s], n, s) for s, n in tally_.status_counts()],
        ),
    )
    rag = Table(
        f"{key}_rag",
        f"{title} by RAG rating",
        ["RAG rating", noun],
        [[RAG_LABELS[r], n] for r, n in tally_.rag_counts()],
        chart=bar_chart(
            f"{key}-rag",
            f"{title} by RAG rating",
            [(RAG_LABELS[r], n, r) for r, n in tally_.rag_counts()],
        ),
    )
    return [status, rag]


def admin_url(name, pk):
    return reverse(name, args=[pk])


def overdue_tables(library):
    recommendations = [row for row in library.recommendations if row["overdue"]]
    actions = [row for row in library.actions if row["overdue"]]
    return [
        Table(
            "overdue_recommendations",
            "Overdue recommendations",
            ["Review", "Number", "Recommendation", "Owning agency", "Target date", "Status", "RAG"],
            [
                [
                    row["review__reference"],
                    row["number"],
                    row["text"],
                    row["owning_agency__name"] or "",
                    row["target_date"],
                    STATUS_LABELS[row["status"]],
                    RAG_LABELS[row["rag"]],
                ]
                for row in recommendations
            ],
            links=[
                admin_url("learning_recommendations:inspect", row["pk"]) for row in recommendations
            ],
            description="Target date passed and not complete.",
        ),
        Table(
            "overdue_actions",
            "Overdue actions",
            ["Plan", "Reference", "Action", "Lead agency", "Due period", "Due", "Status", "RAG"],
            [
                [
                    row["strategy__title"],
                    row["reference"],
                    row["objective"],
                    row["lead_agency__name"] or "",
                    row["due_period"],
                    row["due_on"],
                    STATUS_LABELS[row["status"]],
                    RAG_LABELS[row["rag"]],
                ]
                for row in actions
            ],
            links=[admin_url("learning_actions:inspect", row["pk"]) for row in actions],
            description="Due date passed, not complete, in plans still being delivered.",
        ),
    ]


def rollup_tables(library):
    recs, acts = library.recommendation_items, library.action_items
    priority_order = list(dict.fromkeys(priority_label(row) for row in library.actions))
    return [
        rollup_table(
            "recommendations_by_review",
            "Recommendations by review",
            ["Review"],
            roll_up(recs, "review"),
        ),
        rollup_table(
            "recommendations_by_theme",
            "Recommendations by theme",
            ["Theme"],
            roll_up(recs, "theme", unassigned=NO_THEME),
            description="A recommendation with several themes counts under each.",
        ),
        rollup_table(
            "recommendations_by_agency",
            "Recommendations by owning agency",
            ["Agency"],
            roll_up(recs, "agency", unassigned=NO_OWNER),
        ),
        rollup_table(
            "recommendations_by_strategy",
            "Recommendations by the strategy whose actions answer them",
            ["Strategy"],
            roll_up(recs, "strategy", unassigned=NOT_LINKED),
            description="A recommendation answered by actions of several strategies counts "
            "under each.",
        ),
        rollup_table(
            "actions_by_strategy",
            "Actions by strategy",
            ["Strategy"],
            roll_up(acts, "strategy"),
        ),
        rollup_table(
            "actions_by_priority",
            "Actions by priority",
            ["Strategy", "Priority"],
            roll_up(acts, "priority", order=priority_order),
        ),
        rollup_table(
            "recommendations_by_priority",
            "Recommendations by the priority whose actions answer them",
            ["Strategy", "Priority"],
            roll_up(recs, "priority", order=priority_order),
        ),
        rollup_table(
            "actions_by_agency",
            "Actions by lead agency",
            ["Agency"],
            roll_up(acts, "agency", unassigned=NO_LEAD),
        ),
    ]


def dashboard(partnership, user, today=None):
    today = today or timezone.localdate()
    library = read_library(partnership, user, today)
    recommendations = tally(library.recommendation_items, "Recommendations")
    actions = tally(library.action_items, "Actions")
    tables = [
        *breakdown_table("recommendations", "Recommendations", "Recommendations", recommendations),
        *breakdown_table("actions", "Actions", "Actions", actions),
        *overdue_tables(library),
        *rollup_tables(library),
    ]
    return Report(
        f"Learning dashboard: {partnership}", partnership, today, recommendations, actions, tables
    )


def annual_report(partnership, user, year, today=None):
    """The financial year starting 1 April `year`: what happened in it, and where things
    stand on the day the report is produced."""
    today = today or timezone.localdate()
    first, last = financial_year(year)
    library = read_library(partnership, user, today)
    recommendations = tally(library.recommendation_items, "Recommendations")
    actions = tally(library.action_items, "Actions")
    in_year = [
        *statutory_tables(partnership, user, year, first, last),
        *year_tables(library, partnership, user, first, last),
        *breakdown_table("recommendations", "Recommendations", "Recommendations", recommendations),
        *breakdown_table("actions", "Actions", "Actions", actions),
        *overdue_tables(library),
        *rollup_tables(library),
    ]
    return Report(
        f"Annual report {year}/{str(year + 1)[-2:]}: {partnership}",
        partnership,
        today,
        recommendations,
        actions,
        in_year,
        period=(first, last),
    )


def statutory_tables(partnership, user, year, first, last):
    """How long the reviews signed off in the year took (reviews.timeliness) and, for a
    Safeguarding Adults Board, the SAR section of Schedule 2 and its distribution."""
    signed_off = Review.objects.visible_to(user).filter(
        partnership=partnership, signed_off_on__range=(first, last)
    )
    months = timeliness.completion_months()
    measured = [
        timeliness.review_timeliness(review, months(review))
        for review in signed_off.order_by("signed_off_on", "pk").prefetch_related("pauses")
    ]
    tables = [
        Table(
            "timeliness",
            "How long the reviews signed off in the year took",
            timeliness.REVIEW_COLUMNS,
            [timeliness.review_row(m) for m in measured],
            description="From the decision to hold the review to the partnership's sign-off: "
            "elapsed days as national reporting counts them, and less the days paused for "
            "parallel proceedings as the statutory timescale counts them. On time against: "
            + ("; ".join(timeliness.timescales_used(signed_off)) or "no review in the year")
            + ".",
        ),
        Table(
            "timeliness_year",
            "Reviews completed on time in the year",
            timeliness.YEAR_COLUMNS,
            [
                timeliness.year_row(figures)
                for figures in timeliness.figures_by_partnership_and_year(
                    signed_off, financial=True
                )
            ],
        ),
    ]
    tables.append(
        Table(
            "timeliness_stages",
            "Time in each stage of the reviews signed off in the year",
            ["Review", "Stage", "Days"],
            [
                [m.review.reference, State(state).label, days]
                for m in measured
                for state, days in timeliness.time_in_stages(m.review)
            ],
            description="From the notification, by the effective dates of the case's steps, "
            "to today for the stage a review is in; a stage visited twice appears twice.",
        )
    )
    national = timeliness.national_figures(signed_off)
    if national:
        tables.append(
            Table(
                "timeliness_national",
                "National figures beside ours",
                timeliness.NATIONAL_COLUMNS,
                [timeliness.national_row(figure) for figure in national],
                description="As published nationally, for the kinds of review signed off "
                "in the year; each row names its source.",
            )
        )
    if partnership.kind in (Partnership.Kind.SAB, Partnership.Kind.JOINT):
        tables += sab_report.schedule_2_tables(partnership, user, first, last, Table)
        tables.append(sab_report.distribution_table(partnership, year, Table))
    return tables


def during(value, first, last):
    return value is not None and first <= value <= last


def year_tables(library, partnership, user, first, last):
    published = [
        r for r in library.recommendations if during(r["review__published_on"], first, last)
    ]
    completed = [r for r in library.recommendations if during(r["completed_on"], first, last)]
    due = [a for a in library.actions if during(a["due_on"], first, last)]
    recommendations_qs, actions_qs = visible_querysets(partnership, user)
    updates = (
        ProgressUpdate.objects.filter(
            Q(action__in=actions_qs) | Q(recommendation__in=recommendations_qs),
            reported_on__range=(first, last),
        )
        .order_by("reported_on", "pk")
        .values(
            "reported_on",
            "rag",
            "status",
            "comment",
            "author_name",
            "action__reference",
            "action__strategy__title",
            "recommendation__number",
            "recommendation__review__reference",
        )
    )
    return [
        Table(
            "recommendations_made",
            "Recommendations from reviews published in the year",
            ["Review", "Number", "Recommendation", "Owning agency", "Status"],
            [
                [
                    r["review__reference"],
                    r["number"],
                    r["text"],
                    r["owning_agency__name"] or "",
                    STATUS_LABELS[r["status"]],
                ]
                for r in published
            ],
        ),
        Table(
            "recommendations_completed",
            "Recommendations completed in the year",
            ["Review", "Number", "Recommendation", "Owning agency", "Completed on"],
            [
                [
                    r["review__reference"],
                    r["number"],
                    r["text"],
                    r["owning_agency__name"] or "",
                    r["completed_on"],
                ]
                for r in completed
            ],
        ),
        Table(
            "actions_due",
            "Actions due in the year",
            ["Plan", "Reference", "Action", "Due", "Status", "RAG"],
            [
                [
                    a["strategy__title"],
                    a["reference"],
                    a["objective"],
                    a["due_on"],
                    STATUS_LABELS[a["status"]],
                    RAG_LABELS[a["rag"]],
                ]
                for a in due
            ],
        ),
        Table(
            "progress_updates",
            "Progress updates posted in the year",
            ["Date", "On", "RAG", "Status", "Update", "By"],
            [
                [
                    u["reported_on"],
                    update_subject(u),
                    RAG_LABELS[u["rag"]],
                    STATUS_LABELS[u["status"]] if u["status"] else "Unchanged",
                    u["comment"],
                    u["author_name"],
                ]
                for u in updates
            ],
        ),
    ]


def update_subject(update):
    if update["action__reference"]:
        return f"Action {update['action__reference']} ({update['action__strategy__title']})"
    return (
        f"Recommendation {update['recommendation__number']} "
        f"({update['recommendation__review__reference']})"
    )


# ---------------------------------------------------------------------------- files


def summary_rows(report):
    rows = [["Partnership", str(report.partnership)], ["Produced on", report.generated_on]]
    if report.period:
        rows.append(["Year", f"{report.period[0]:%d %B %Y} to {report.period[1]:%d %B %Y}"])
    for tally_ in (report.recommendations, report.actions):
        rows += [
            [f"{tally_.label}: total", tally_.total],
            [f"{tally_.label}: complete", tally_.complete],
            [
                f"{tally_.label}: completion (%)",
                "" if tally_.completion is None else tally_.completion,
            ],
            [f"{tally_.label}: overdue", tally_.overdue],
        ]
    return rows


def report_csv(report):
    """All tables one after another, each under its title, separated by a blank line."""
    rows = [[report.title], *summary_rows(report), []]
    for table in report.tables:
        rows += [[table.title], table.columns, *table.rows, []]
    return write_csv(None, rows)


def report_xlsx(report):
    sheets = [("Summary", [report.title, ""], summary_rows(report))]
    sheets += [(table.title, table.columns, table.rows) for table in report.tables]
    return write_xlsx(sheets)
