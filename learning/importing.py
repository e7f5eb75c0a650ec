"""What every import shares: checking the header, reading cells, reporting bad rows.

An import first reads and checks every row, collecting every problem with its row number;
if there is any, it raises ImportRefused with the full list and stores nothing. Only a
clean file is written, inside one transaction.
"""

import datetime
from dataclasses import dataclass, field

from partnerships.access import shared_with
from partnerships.models import Agency

from .due_periods import parse_date


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: a problem with the file as a whole
    message: str

    def __str__(self):
        return f"Row {self.row}: {self.message}" if self.row else self.message


class ImportRefused(Exception):
    """The file has problems; `errors` lists every one. Nothing was stored."""

    def __init__(self, errors):
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(
            f"Nothing was imported: {count} problem{'s' if count != 1 else ''} in the file."
        )


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    not_in_file: list = field(default_factory=list)

    def summary(self, noun="rows"):
        text = (
            f"{len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged {noun}"
        )
        if self.not_in_file:
            text += f"; {len(self.not_in_file)} already recorded but not in the file (kept)"
        return text + "."


def check_header(header, required, optional=()):
    known = set(required) | set(optional)
    errors = [
        RowError(None, f"Unknown column “{name}”.") for name in header if name and name not in known
    ]
    missing = [name for name in required if name not in header]
    if missing:
        errors.append(RowError(None, "Missing column(s): " + ", ".join(missing) + "."))
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        errors.append(RowError(None, "Column(s) given twice: " + ", ".join(duplicated) + "."))
    return errors


def refuse_bad_header(table, required, optional=()):
    """A header with problems, or with no rows under it, refuses the file at once."""
    errors = check_header(table.header, required, optional)
    if not errors and not table.rows:
        errors.append(RowError(None, "The file has a header but no rows."))
    if errors:
        raise ImportRefused(errors)
    return errors


class FirstRows:
    """Where each reference was first given: given again, it is a problem of that row."""

    def __init__(self, noun="reference"):
        self.noun = noun
        self.first = {}

    def check(self, row, reference):
        if reference in self.first:
            row.problem(f"{self.noun} {reference} is also on row {self.first[reference]}.")
        elif reference:
            self.first[reference] = row.number


class Row:
    """One data row being checked: typed accessors that note problems instead of raising."""

    def __init__(self, number, values):
        self.number = number
        self.values = values
        self.problems = []

    def problem(self, message):
        self.problems.append(RowError(self.number, message))

    def has(self, column):
        return column in self.values

    def text(self, column):
        value = self.values.get(column, "")
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value.strip()

    def check_lengths(self, limits):
        """Note every column longer than its limit ({column: characters})."""
        for column, limit in limits.items():
            if len(self.text(column)) > limit:
                self.problem(f"{column} is longer than {limit} characters.")

    def required(self, column, message):
        value = self.text(column)
        if not value:
            self.problem(message)
        return value

    def choice(self, column, choices, what):
        """A choice by its value or label, any case. '' when empty or unknown."""
        written = self.text(column)
        if not written:
            return ""
        for value, label in choices:
            if written.lower() in {value.lower(), label.lower(), value.replace("_", " ")}:
                return value
        allowed = ", ".join(label for _, label in choices)
        self.problem(f"unknown {what} “{written}” (use one of: {allowed}; or leave it empty).")
        return ""

    def date(self, column):
        value = self.values.get(column, "")
        if isinstance(value, datetime.date):
            return value
        if not value.strip():
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(
                f"{column} “{value.strip()}” is not a date (write it as 2025-03-31, "
                "31/03/2025 or 31 March 2025)."
            )
        return parsed


class AgencyDirectory:
    """Agencies a partnership may name (national ones and its own) by full or short name,
    any case: one query per import."""

    def __init__(self, partnership_id):
        self.by_name = {}
        for agency in shared_with(Agency.objects.all(), [partnership_id]):
            self.by_name[agency.name.lower()] = agency
            if agency.short_name:
                self.by_name.setdefault(agency.short_name.lower(), agency)

    def find(self, row, column):
        written = row.text(column)
        if not written:
            return None
        agency = self.by_name.get(written.lower())
        if agency is None:
            row.problem(f"unknown agency “{written}” in {column}.")
        return agency

    @staticmethod
    def label(agency):
        return agency.name if agency else ""
