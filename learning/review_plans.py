"""A review's own action plan in and out, as CSV or XLSX, in the same format family as a
strategy's action plan (learning.action_plans; format: docs/data-formats.md): the import
page (Learning library → Import a review's action plan), `manage.py
import_review_actions` and `export_review_actions` all use these.

Importing is all-or-nothing and idempotent, with the shared checks of learning.importing:
every row is read first and every problem reported with its row number; a clean file
then updates actions by reference (never duplicating them) and adds the new ones, in one
transaction. Actions already recorded but not in the file are kept and listed. The lead
agency is named as in the list of agencies the partnership may use (national or its
own); the recommendation by its number in the review.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .action_plans import read_text_and_progress
from .importing import (
    AgencyDirectory,
    FirstRows,
    ImportRefused,
    ImportResult,
    Row,
    RowError,
    refuse_bad_header,
)
from .models import ReviewAction
from .tabular import write_csv, write_xlsx

REQUIRED_COLUMNS = ["reference", "objective"]
TEXT_COLUMNS = [
    "key_deliverables",
    "lead",
    "partners",
    "expected_outcomes",
    "comments",
    "evidence",
]
COLUMNS = [
    "reference",
    "objective",
    "key_deliverables",
    "starts_on",
    "due_on",
    "lead",
    "lead_agency",
    "partners",
    "expected_outcomes",
    "comments",
    "rag",
    "status",
    "evidence",
    "recommendation",
]
MAX_LENGTHS = {"reference": 30}


@dataclass
class PlanRow:
    number: int
    reference: str
    values: dict = field(default_factory=dict)  # ReviewAction fields to set


def read_row(review, row, agencies, recommendations):
    plan_row = PlanRow(row.number, row.required("reference", "reference is missing."))
    row.check_lengths(MAX_LENGTHS)
    plan_row.values["objective"] = row.required("objective", "objective is missing.")
    read_text_and_progress(row, plan_row.values, TEXT_COLUMNS)
    for column in ("starts_on", "due_on"):
        if row.has(column):
            plan_row.values[column] = row.date(column)
    if row.has("lead_agency"):
        plan_row.values["lead_agency"] = agencies.find(row, "lead_agency")
    if row.has("recommendation"):
        number = row.text("recommendation")
        plan_row.values["recommendation"] = recommendations.get(number) if number else None
        if number and number not in recommendations:
            row.problem(f"{review.reference} has no recommendation {number}.")
    return plan_row


def read_rows(review, table):
    """Check every row; return PlanRows or raise ImportRefused listing every problem."""
    errors = refuse_bad_header(table, REQUIRED_COLUMNS, COLUMNS)
    agencies = AgencyDirectory(review.partnership_id)
    recommendations = {r.number: r for r in review.recommendations.all()}
    references = FirstRows()
    plan_rows = []
    for number, values in table.rows:
        row = Row(number, values)
        plan_row = read_row(review, row, agencies, recommendations)
        references.check(row, plan_row.reference)
        errors += row.problems
        plan_rows.append(plan_row)
    if errors:
        raise ImportRefused(errors)
    return plan_rows


def import_review_plan(review, table):
    """Import `table` (a tabular.Table) into the review's action plan; an ImportResult."""
    plan_rows = read_rows(review, table)
    result, refused = ImportResult(), []
    existing = {a.reference: a for a in review.review_actions.select_related("review")}
    with transaction.atomic():
        for plan_row in plan_rows:
            action = existing.get(plan_row.reference) or ReviewAction(
                review=review, reference=plan_row.reference
            )
            changed = [n for n, v in plan_row.values.items() if getattr(action, n) != v]
            for name in changed:
                setattr(action, name, plan_row.values[name])
            try:
                action.full_clean()
            except ValidationError as invalid:
                refused += [RowError(plan_row.number, m) for m in invalid.messages]
                continue
            if action.pk is None:
                result.created.append(plan_row.reference)
            elif changed:
                result.updated.append(plan_row.reference)
            else:
                result.unchanged.append(plan_row.reference)
                continue
            action.save()
        if refused:
            raise ImportRefused(refused)  # rolls back the rows saved before
    seen = {row.reference for row in plan_rows}
    result.not_in_file = sorted(set(existing) - seen)
    return result


def export_rows(review):
    actions = review.review_actions.select_related("lead_agency", "recommendation")
    for action in actions.order_by("reference", "pk"):
        yield [
            action.reference,
            action.objective,
            action.key_deliverables,
            action.starts_on,
            action.due_on,
            action.lead,
            AgencyDirectory.label(action.lead_agency),
            action.partners,
            action.expected_outcomes,
            action.comments,
            action.rag,
            action.status,
            action.evidence,
            action.recommendation.number if action.recommendation else "",
        ]


def export_review_plan(review, file_format):
    rows = list(export_rows(review))
    if file_format == "xlsx":
        return write_xlsx([(review.reference, COLUMNS, rows)])
    return write_csv(COLUMNS, rows)
