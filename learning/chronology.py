"""The combined chronology: importing each agency's chronology into a case, merging the
agencies' entries into one timeline, finding the events several agencies recorded, and
the exports (CSV, XLSX, and a DOCX table for the panel pack).

The file format is docs/data-formats.md, "Chronology". An import is all or nothing: every
row is checked first and every problem reported with its row number (learning.importing);
only a clean file is stored, replacing what the same agency sent before.

The rows live in reviews (reviews.models.chronology); this module is learning's because
it shares the library's import machinery, which the reviews app cannot import.
"""

import datetime
import io
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db import transaction
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from reviews.events import record_event
from reviews.models import ChronologyEntry, ChronologyImport
from reviews.papers.submission import spreadsheet_safe

from .importing import AgencyDirectory, ImportRefused, Row, RowError, check_header
from .tabular import TableError, read_table, write_csv, write_xlsx

REQUIRED = ("date", "event")
OPTIONAL = ("time", "agency", "source", "people involved", "missed opportunity", "note")
COLUMNS = ("date", "time", "agency", "event", "source", "people involved")
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}
MAX_LENGTHS = {
    "source": ChronologyEntry._meta.get_field("source").max_length,
    "people involved": ChronologyEntry._meta.get_field("people").max_length,
}
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M", "%H%M")


def parse_time(text):
    for fmt in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    return None


def check_row(row, agency, directory, today):
    """The entry a row makes (unsaved), noting the row's problems on it."""
    happened_on = row.date("date")
    if happened_on is None and not row.text("date"):
        row.problem("date is missing.")
    elif happened_on is not None and happened_on > today:
        row.problem(f"date {happened_on.isoformat()} is in the future.")
    happened_at = None
    written_time = row.text("time")
    if isinstance(row.values.get("time"), datetime.time):
        happened_at = row.values["time"]
    elif written_time:
        happened_at = parse_time(written_time)
        if happened_at is None:
            row.problem(f"time “{written_time}” is not a time (write it as 14:30, or leave it).")
    event = row.required("event", "event is missing.")
    if row.text("agency"):
        named = directory.find(row, "agency")
        if named is not None and named != agency:
            row.problem(
                f"agency “{row.text('agency')}” is not {agency.name}, whose chronology this is."
            )
    row.check_lengths(MAX_LENGTHS)
    flag = row.text("missed opportunity").lower()
    if flag not in YES | NO:
        row.problem(f"missed opportunity “{row.text('missed opportunity')}” is not yes or no.")
    missed = flag in YES
    note = row.text("note")
    if missed and not note:
        row.problem("a missed opportunity needs a note saying what was missed.")
    if note and not missed:
        row.problem("a note is given but the row is not marked as a missed opportunity.")
    return ChronologyEntry(
        agency=agency,
        row=row.number,
        happened_on=happened_on,
        happened_at=happened_at,
        event=event,
        source=row.text("source"),
        people=row.text("people involved"),
        missed_opportunity=missed,
        note=note,
    )


def import_chronology(review, agency, table, user, filename, today=None):
    """Store an agency's chronology on the case, replacing the agency's earlier one. Raises
    ImportRefused (storing nothing) if any row has a problem."""
    today = today or datetime.date.today()
    errors = check_header(table.header, REQUIRED, OPTIONAL)
    if not errors and not table.rows:
        errors.append(RowError(None, "The file has no rows under its header."))
    if errors:
        raise ImportRefused(errors)
    directory = AgencyDirectory(review.partnership_id)
    entries = []
    for number, values in table.rows:
        row = Row(number, values)
        entry = check_row(row, agency, directory, today)
        errors += row.problems
        entries.append(entry)
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        replaced = ChronologyImport.objects.filter(review=review, agency=agency).first()
        if replaced is not None:
            replaced.delete()
        chronology = ChronologyImport.objects.create(
            review=review, agency=agency, original_filename=filename[:255], imported_by=user
        )
        for entry in entries:
            entry.chronology = chronology
            entry.review = review
        ChronologyEntry.objects.bulk_create(entries)
        flagged = sum(entry.missed_opportunity for entry in entries)
        record_event(
            review,
            user,
            "chronology_imported",
            f"Chronology from {agency.name} {'replaced' if replaced else 'imported'}: "
            f"{len(entries)} entries, {flagged} marked as missed opportunities.",
        )
    return chronology


def read_returned_chronology(request, data, filename, user):
    """A chronology an agency's contact returns through the portal as a workbook goes into
    the combined chronology at once (reviews.hooks `register_returned_chronology_reader`).
    A problem refuses the whole return, every row's problem said to the contact."""
    try:
        table = read_table(data, filename if filename.lower().endswith(".xlsx") else "x.xlsx")
        import_chronology(request.review, request.agency, table, user, filename)
    except TableError as error:
        raise ValidationError(str(error)) from error
    except ImportRefused as refusal:
        raise ValidationError(
            [f"The chronology was not accepted: {len(refusal.errors)} problem(s)."]
            + [str(error) for error in refusal.errors]
        ) from refusal


# ------------------------------------------------------------------ the merged timeline

WORD = re.compile(r"[a-z0-9]+")
# Words too common in chronologies to say two events are the same.
COMMON = frozenset(
    {
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "was",
        "were",
        "is",
        "be",
        "had",
        "has",
        "her",
        "his",
        "their",
        "she",
        "he",
        "they",
        "it",
        "who",
        "which",
        "that",
        "this",
    }
)
SIMILAR = 0.6


def words(text):
    return [w for w in WORD.findall(text.lower()) if w not in COMMON]


def similar(first, second):
    """Whether two agencies' events read as the same event."""
    a, b = words(first), words(second)
    if not a or not b:
        return False
    overlap = len(set(a) & set(b)) / len(set(a) | set(b))
    return overlap >= 0.5 or SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= SIMILAR


@dataclass
class Line:
    """A line of the merged timeline: one entry, or the same event as several agencies
    recorded it (shown side by side)."""

    entries: list

    @property
    def happened_on(self):
        return self.entries[0].happened_on

    @property
    def is_duplicate(self):
        return len(self.entries) > 1


def timeline(entries):
    """The merged timeline of `entries` (in timeline order): entries of the same day whose
    events are similar and come from different agencies share one line."""
    lines = []
    day = []
    for entry in entries:
        if day and day[0].entries[0].happened_on != entry.happened_on:
            lines += day
            day = []
        for line in day:
            if entry.agency_id not in {e.agency_id for e in line.entries} and any(
                similar(entry.event, e.event) for e in line.entries
            ):
                line.entries.append(entry)
                break
        else:
            day.append(Line([entry]))
    return lines + day


def filtered(entries, agency=None, missed_only=False):
    if agency is not None:
        entries = entries.filter(agency=agency)
    if missed_only:
        entries = entries.filter(missed_opportunity=True)
    return entries


# ------------------------------------------------------------------ exports

EXPORT_HEADER = [
    "Date",
    "Time",
    "Agency",
    "Event",
    "Source",
    "People involved",
    "Missed opportunity",
    "Note",
    "Same event as",
    "Findings and themes",
]


def links_of(entry):
    return "; ".join(str(link) for link in entry.learning_links.all())


def export_rows(lines):
    for line in lines:
        for entry in line.entries:
            others = [e.agency.name for e in line.entries if e is not entry]
            yield [
                entry.happened_on,
                entry.happened_at.strftime("%H:%M") if entry.happened_at else "",
                entry.agency.name,
                entry.event,
                entry.source,
                entry.people,
                "yes" if entry.missed_opportunity else "no",
                entry.note,
                "; ".join(others),
                links_of(entry),
            ]


def safe(row):
    """Cells a spreadsheet shows as written and never runs as formulas."""
    return [value if isinstance(value, datetime.date) else spreadsheet_safe(value) for value in row]


def export_csv(lines):
    return write_csv(EXPORT_HEADER, [safe(row) for row in export_rows(lines)])


def export_xlsx(lines, title="Combined chronology"):
    # write_xlsx keeps every text cell text (never a formula) without altering it.
    return write_xlsx([(title, EXPORT_HEADER, list(export_rows(lines)))])


def export_docx(lines, title):
    """A landscape table for the panel pack; the same event as several agencies recorded
    it is one row with each agency's account side by side."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    document.add_heading(title, level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["Date and time", "Agency", "Event", "Missed opportunity"], strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for line in lines:
        cells = table.add_row().cells
        first = line.entries[0]
        when = first.happened_on.strftime("%d %B %Y")
        if first.happened_at:
            when += f", {first.happened_at:%H:%M}"
        cells[0].text = when + ("\n(recorded by several agencies)" if line.is_duplicate else "")
        cells[1].text = "\n\n".join(e.agency.name for e in line.entries)
        cells[2].text = "\n\n".join(
            f"{e.agency.short_name or e.agency.name}: {e.event}" if line.is_duplicate else e.event
            for e in line.entries
        )
        cells[3].text = "\n\n".join(
            e.note + (f" ({links_of(e)})" if links_of(e) else "")
            for e in line.entries
            if e.missed_opportunity
        )
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
