"""The combined chronology: each agency's file imported all or nothing, merged into one
timeline, the same event from several agencies side by side, exports."""

import datetime
import io

import docx
import pytest
from openpyxl import load_workbook

from learning.chronology import (
    export_csv,
    export_docx,
    export_xlsx,
    filtered,
    import_chronology,
    timeline,
)
from learning.importing import ImportRefused
from learning.tabular import read_csv, read_table, write_csv, write_xlsx
from reviews.models import ChronologyEntry, ReviewEvent
from tests.factories import AgencyFactory

HEADER = ["date", "time", "agency", "event", "source", "people involved",
          "missed opportunity", "note"]  # fmt: skip
TODAY = datetime.date(2026, 6, 1)


def csv_table(rows, header=HEADER):
    return read_table(write_csv(header, rows), "chronology.csv")


def row(date="2025-03-04", time="", agency="", event="Seen at A&E with a wrist injury.",
        source="ED notes", people="Adult Q", flag="no", note=""):  # fmt: skip
    return [date, time, agency, event, source, people, flag, note]


@pytest.fixture
def case(cast):
    review = cast.review(chair=cast.chair)
    health = AgencyFactory(name="Northbrook Health Trust", short_name="NHT")
    return review, cast.agency, health


def load(review, agency, rows, user):
    return import_chronology(review, agency, csv_table(rows), user, "c.csv", today=TODAY)


@pytest.mark.parametrize(
    "bad, message",
    [
        (row(date=""), "Row 3: date is missing."),
        (row(date="31/02/2025"), "Row 3: date “31/02/2025” is not a date"),
        (row(date="2027-01-01"), "Row 3: date 2027-01-01 is in the future."),
        (row(time="25:70"), "Row 3: time “25:70” is not a time"),
        (row(event=""), "Row 3: event is missing."),
        (row(agency="Nowhere Council"), "Row 3: unknown agency “Nowhere Council” in agency."),
        (row(agency="NHT"), "Row 3: agency “NHT” is not Northbrook Police"),
        (row(flag="maybe"), "Row 3: missed opportunity “maybe” is not yes or no."),
        (row(flag="yes"), "Row 3: a missed opportunity needs a note"),
        (row(note="Should have asked."), "Row 3: a note is given but the row is not marked"),
        (row(source="x" * 301), "Row 3: source is longer than 300 characters."),
    ],
)
def test_a_bad_row_refuses_the_whole_file_naming_its_row(cast, case, bad, message):
    review, police, _ = case
    with pytest.raises(ImportRefused) as refused:
        load(review, police, [row(), bad], cast.manager)
    assert [str(e) for e in refused.value.errors][0].startswith(message)
    assert len(refused.value.errors) == 1
    assert not ChronologyEntry.objects.exists()


@pytest.mark.parametrize(
    "header, rows, message",
    [
        (["date", "event", "colour"], [["2025-01-01", "x", "red"]], "Unknown column “colour”."),
        (["date", "source"], [["2025-01-01", "x"]], "Missing column(s): event."),
        (HEADER, [], "The file has no rows under its header."),
    ],
)
def test_a_bad_file_is_refused_as_a_whole(cast, case, header, rows, message):
    review, police, _ = case
    with pytest.raises(ImportRefused) as refused:
        import_chronology(review, police, csv_table(rows, header), cast.manager, "c.csv")
    assert message in [str(e) for e in refused.value.errors]


@pytest.fixture
def merged(cast, case):
    review, police, health = case
    load(
        review,
        police,
        [
            row(
                date="2025-03-04", time="22:15", event="Called to a domestic incident at the flat."
            ),
            row(
                date="2025-01-10",
                event="Neighbour reported shouting.",
                flag="yes",
                note="No DASH risk assessment was made.",
            ),  # fmt: skip
        ],
        cast.manager,
    )
    load(
        review,
        health,
        [
            row(date="2025-03-04", time="09:00", event="Seen at A&E with a wrist injury."),
            row(date="2025-03-04", time="23:40", event="Domestic incident at the flat: called."),
            row(date="2024-12-01", event="GP appointment missed."),
        ],
        cast.manager,
    )
    return review, police, health


def test_entries_merge_by_date_then_time_and_the_same_event_sits_side_by_side(merged):
    review, police, health = merged
    lines = timeline(ChronologyEntry.objects.filter(review=review).timeline())
    assert [
        [(e.agency.short_name or "police", e.happened_on.isoformat()) for e in line.entries]
        for line in lines
    ] == [
        [("NHT", "2024-12-01")],
        [("police", "2025-01-10")],
        [("NHT", "2025-03-04")],  # 09:00
        [("police", "2025-03-04"), ("NHT", "2025-03-04")],  # 22:15 and 23:40: one event
    ]
    assert [line.is_duplicate for line in lines] == [False, False, False, True]
    only_missed = filtered(ChronologyEntry.objects.filter(review=review), missed_only=True)
    assert [e.note for e in only_missed] == ["No DASH risk assessment was made."]
    assert filtered(ChronologyEntry.objects.all(), agency=health).count() == 3
    assert ReviewEvent.objects.filter(review=review, action="chronology_imported").count() == 2


def test_a_new_file_from_an_agency_replaces_its_earlier_one(cast, merged):
    review, police, _ = merged
    load(review, police, [row(event="Only this.")], cast.manager)
    assert list(
        ChronologyEntry.objects.filter(review=review, agency=police).values_list("event", flat=True)
    ) == ["Only this."]


def test_exports_keep_every_cell_as_written_and_never_a_formula(cast, case):
    review, police, _ = case
    load(review, police, [row(event='=HYPERLINK("http://x","click")', people="+44 20")],
         cast.manager)  # fmt: skip
    lines = timeline(ChronologyEntry.objects.filter(review=review).timeline())
    written = export_csv(lines)
    written = written.decode("utf-8-sig") if isinstance(written, bytes) else written
    assert '\'=HYPERLINK(""http://x"",""click"")' in written  # as a spreadsheet shows it
    assert "'+44 20" in written
    # Our own import reads the cell back as written (security.spreadsheets).
    exported = read_csv(export_csv(lines)).rows[0][1]
    assert exported["event"] == '=HYPERLINK("http://x","click")'
    sheet = load_workbook(io.BytesIO(export_xlsx(lines))).active
    assert sheet["D2"].value == '\'=HYPERLINK("http://x","click")'  # text, never a formula
    assert sheet["D2"].data_type == "s"
    table = docx.Document(io.BytesIO(export_docx(lines, "Combined chronology"))).tables[0]
    assert table.rows[1].cells[2].text == '=HYPERLINK("http://x","click")'


def test_an_xlsx_chronology_with_real_dates_and_times_imports(cast, case):
    review, police, _ = case
    data = write_xlsx(
        [
            (
                "Chronology",
                ["Date", "Time", "Event"],
                [[datetime.date(2025, 2, 3), datetime.time(14, 30), "Home visit."]],
            )
        ]  # fmt: skip
    )
    import_chronology(review, police, read_table(data, "c.xlsx"), cast.manager, "c.xlsx")
    entry = ChronologyEntry.objects.get()
    assert (entry.happened_on, entry.happened_at) == (
        datetime.date(2025, 2, 3),
        datetime.time(14, 30),
    )
