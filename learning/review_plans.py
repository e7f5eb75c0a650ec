"""A review's own action plan as CSV: the columns of the admin's export (Review action
plans → Download CSV), so a plan exported from one place can be imported into another or
edited in a spreadsheet and read back. `manage.py export_review_actions` and
`import_review_actions` wrap these.

Rows are matched on `reference`: an existing action is updated, a new one added; nothing
is deleted. The lead agency is named as in the list of agencies (name or short name).
"""

import csv
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from partnerships.models import Agency

from .models import ReviewAction

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
DATES = {"starts_on", "due_on"}


def export_csv(review):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    actions = review.review_actions.select_related("lead_agency", "recommendation")
    for action in actions.order_by("reference", "pk"):
        row = {column: getattr(action, column) for column in COLUMNS}
        row["lead_agency"] = action.lead_agency.name if action.lead_agency else ""
        row["recommendation"] = action.recommendation.number if action.recommendation else ""
        for column in DATES:
            row[column] = row[column].isoformat() if row[column] else ""
        writer.writerow(row)
    return out.getvalue()


def agency_named(name):
    if not name.strip():
        return None
    agency = Agency.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name)).first()
    if agency is None:
        raise ValidationError(f"No agency is called {name!r}.")
    return agency


@transaction.atomic
def import_csv(review, text):
    """Add or update the review's actions from CSV text; the number of rows read. Any
    invalid row refuses the whole file (ValidationError naming the line)."""
    count = 0
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        values = {column: (row.get(column) or "").strip() for column in COLUMNS}
        try:
            action = ReviewAction.objects.filter(
                review=review, reference=values["reference"]
            ).first() or ReviewAction(review=review, reference=values["reference"])
            for column in COLUMNS[1:]:
                value = values[column]
                if column in DATES:
                    value = date.fromisoformat(value) if value else None
                elif column == "lead_agency":
                    value = agency_named(value)
                elif column == "recommendation":
                    value = review.recommendations.filter(number=value).first() if value else None
                setattr(action, column, value)
            action.full_clean()
        except (ValueError, ValidationError) as exc:
            raise ValidationError(f"Line {line}: {exc}") from exc
        action.save()
        count += 1
    return count
