"""Action plans in and out of a strategy, as CSV or XLSX (format: docs/data-formats.md).

Importing is all-or-nothing and idempotent: every row is checked first and every problem
reported with its row number; a clean file then updates actions by reference (never
duplicating them) and creates the new ones, in one transaction. Actions already recorded
but missing from the file are kept and listed.
"""

from dataclasses import dataclass, field

from django.db import transaction

from reviews.papers.public_text import PublicTextRefused

from .due_periods import parse_due_period
from .importing import (
    AgencyDirectory,
    FirstRows,
    ImportRefused,
    ImportResult,
    Row,
    RowError,
    refuse_bad_header,
)
from .models import RAG, Action, Priority, Status
from .tabular import write_csv, write_xlsx

REQUIRED_COLUMNS = ["priority_number", "priority_title", "reference", "objective"]
TEXT_COLUMNS = [
    "key_deliverables",
    "due_period",
    "lead",
    "partners",
    "strategic_links",
    "expected_outcomes",
    "comments",
]
# The shipped plans' 13 columns in their order, then the optional ones an export adds.
COLUMNS = [
    "priority_number",
    "priority_title",
    "reference",
    "objective",
    "key_deliverables",
    "due_period",
    "lead",
    "partners",
    "strategic_links",
    "expected_outcomes",
    "rag",
    "status",
    "comments",
]
OPTIONAL_COLUMNS = ["starts_on", "due_on", "lead_agency"]
EXPORT_COLUMNS = COLUMNS + OPTIONAL_COLUMNS

MAX_LENGTHS = {"priority_number": 20, "priority_title": 500, "reference": 30, "due_period": 300}


@dataclass
class PlanRow:
    number: int
    priority_number: str
    priority_title: str
    reference: str
    values: dict = field(default_factory=dict)  # Action fields to set


def read_rows(strategy, table, allowed_gaps):
    """Check every row; return PlanRows or raise ImportRefused listing every problem."""
    errors = refuse_bad_header(table, REQUIRED_COLUMNS, [*COLUMNS, *OPTIONAL_COLUMNS])
    agencies = AgencyDirectory(strategy.partnership_id) if "lead_agency" in table.header else None
    references = FirstRows()
    priority_titles = {}
    plan_rows = []
    for number, values in table.rows:
        row = Row(number, values)
        plan_row = read_row(strategy, row, allowed_gaps, agencies)
        references.check(row, plan_row.reference)
        if plan_row.priority_number:
            title, title_row = priority_titles.setdefault(
                plan_row.priority_number, (plan_row.priority_title, number)
            )
            if title != plan_row.priority_title:
                row.problem(
                    f"priority {plan_row.priority_number} is titled “{title}” on row "
                    f"{title_row} but “{plan_row.priority_title}” here."
                )
        errors += row.problems
        plan_rows.append(plan_row)
    if errors:
        raise ImportRefused(errors)
    return plan_rows


def read_row(strategy, row, allowed_gaps, agencies):
    plan_row = PlanRow(
        number=row.number,
        priority_number=row.required("priority_number", "priority_number is missing."),
        priority_title=row.required("priority_title", "priority_title is missing."),
        reference=row.required("reference", "reference is missing."),
    )
    row.check_lengths(MAX_LENGTHS)
    objective = row.text("objective")
    if not objective and plan_row.reference not in allowed_gaps:
        row.problem("objective is missing.")
    plan_row.values["objective"] = objective
    read_text_and_progress(row, plan_row.values, TEXT_COLUMNS)
    if agencies is not None:
        plan_row.values["lead_agency"] = agencies.find(row, "lead_agency")
    read_dates(strategy, row, plan_row)
    return plan_row


def read_text_and_progress(row, values, text_columns):
    """The free-text columns given, and RAG and status, into `values`: shared by a
    strategy's action plan and a review's own action plan (learning.review_plans)."""
    for column in text_columns:
        if row.has(column):
            values[column] = row.text(column)
    # RAG and status move with progress updates: an empty cell leaves them as they are.
    if rag := row.choice("rag", RAG.choices, "RAG value"):
        values["rag"] = rag
    if status := row.choice("status", Status.choices, "status"):
        values["status"] = status


def read_dates(strategy, row, plan_row):
    """Dates given in the file win; where none is given they come from the due period.
    With no date columns at all, an existing action keeps its dates unless its due
    period text changes (see import_rows)."""
    starts_on = row.date("starts_on") if row.has("starts_on") else None
    due_on = row.date("due_on") if row.has("due_on") else None
    if starts_on and due_on and starts_on > due_on:
        row.problem("due_on is before starts_on.")
    if starts_on is None and due_on is None:
        if not (row.has("starts_on") or row.has("due_on")):
            return
        period = parse_due_period(row.text("due_period"), financial_year=strategy.period_start)
        starts_on, due_on = period.starts_on, period.due_on
    plan_row.values["starts_on"] = starts_on
    plan_row.values["due_on"] = due_on


def import_action_plan(strategy, table, known_gaps=None):
    """Import `table` (a tabular.Table) into `strategy`. `known_gaps`: {reference: note}
    for rows whose source document lost the action text (shipped plans only); those rows,
    and rows already recorded as such gaps, may have an empty objective."""
    known_gaps = known_gaps or {}
    allowed_gaps = set(known_gaps) | set(
        strategy.actions.exclude(source_gap="").values_list("reference", flat=True)
    )
    plan_rows = read_rows(strategy, table, allowed_gaps)
    with transaction.atomic():
        priorities = save_priorities(strategy, plan_rows)
        return save_actions(strategy, plan_rows, priorities, known_gaps)


def save_priorities(strategy, plan_rows):
    existing = {p.number: p for p in strategy.priorities.all()}
    order = []
    for plan_row in plan_rows:
        if plan_row.priority_number not in order:
            order.append(plan_row.priority_number)
    titles = {row.priority_number: row.priority_title for row in plan_rows}
    for position, number in enumerate(order):
        priority = existing.get(number)
        if priority is None:
            existing[number] = Priority.objects.create(
                strategy=strategy, number=number, title=titles[number], sort_order=position
            )
        elif (priority.title, priority.sort_order) != (titles[number], position):
            priority.title, priority.sort_order = titles[number], position
            priority.save(update_fields=["title", "sort_order"])
    return existing


def save_action(strategy, plan_row, action, values, result):
    if action is None:
        Action(strategy=strategy, reference=plan_row.reference, **values).save()
        result.created.append(plan_row.reference)
        return
    if "starts_on" not in values and values.get("due_period", action.due_period) != (
        action.due_period
    ):
        values["starts_on"] = values["due_on"] = None  # re-read from the new text
    if apply(action, values):
        action.save()
        result.updated.append(plan_row.reference)
    else:
        result.unchanged.append(plan_row.reference)


def save_actions(strategy, plan_rows, priorities, known_gaps):
    result, refused = ImportResult(), []
    existing = {a.reference: a for a in strategy.actions.select_related("strategy")}
    for position, plan_row in enumerate(plan_rows):
        values = dict(plan_row.values, position=position)
        values["priority"] = priorities[plan_row.priority_number]
        if plan_row.reference in known_gaps:
            values["source_gap"] = known_gaps[plan_row.reference]
        action = existing.get(plan_row.reference)
        try:
            save_action(strategy, plan_row, action, values, result)
        except PublicTextRefused as refusal:
            # The action delivers a published review's recommendation, and its new text
            # holds one of that case's confidential terms: nothing of the file is stored.
            refused += [RowError(plan_row.number, message) for message in refusal.messages]
    if refused:
        raise ImportRefused(refused)
    seen = {row.reference for row in plan_rows}
    result.not_in_file = sorted(set(existing) - seen)
    return result


def apply(action, values):
    """Set values on the action; True if anything changed. (Dates left empty are worked
    out from the due period when the action is saved.)"""
    changed = False
    for name, value in values.items():
        if getattr(action, name) != value:
            setattr(action, name, value)
            changed = True
    return changed


def export_rows(strategy):
    actions = strategy.actions.select_related("priority", "lead_agency").order_by(
        "priority__sort_order", "position", "pk"
    )
    for action in actions:
        yield [
            action.priority.number,
            action.priority.title,
            action.reference,
            action.objective,
            action.key_deliverables,
            action.due_period,
            action.lead,
            action.partners,
            action.strategic_links,
            action.expected_outcomes,
            action.rag,
            action.status,
            action.comments,
            action.starts_on,
            action.due_on,
            AgencyDirectory.label(action.lead_agency),
        ]


def export_action_plan(strategy, file_format):
    rows = list(export_rows(strategy))
    if file_format == "xlsx":
        return write_xlsx([(strategy.slug, EXPORT_COLUMNS, rows)])
    return write_csv(EXPORT_COLUMNS, rows)
