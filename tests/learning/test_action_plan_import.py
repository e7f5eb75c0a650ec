"""Importing action plans: every bad row reported and nothing stored, re-import updates
by reference, export -> import gives the same data, CSV and XLSX alike."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from learning.action_plans import COLUMNS, EXPORT_COLUMNS, export_action_plan, import_action_plan
from learning.importing import ImportRefused
from learning.models import Action, Priority
from learning.progress import post_progress
from learning.tabular import TableError, read_table, write_csv, write_xlsx
from tests.learning.factories import StrategyFactory

GOOD_ROW = {
    "priority_number": "1",
    "priority_title": "Prevention",
    "reference": "1.1",
    "objective": "Deliver training to frontline staff.",
    "key_deliverables": "Training sessions\nE-learning module",
    "due_period": "By April 2025",
    "lead": "Head of Community Safety",
    "partners": "Police",
    "strategic_links": "Borough Plan",
    "expected_outcomes": "Staff respond well.",
    "rag": "Amber",
    "status": "In progress",
    "comments": "Started.",
}


def row(**changes):
    return {**GOOD_ROW, **changes}


def csv_table(rows, columns=COLUMNS):
    content = write_csv(columns, [[r.get(c, "") for c in columns] for r in rows])
    return read_table(content, "plan.csv")


@pytest.fixture
def strategy(cast):
    return StrategyFactory(partnership=cast.partnership, slug="plan", period_start=2024)


def snapshot(strategy):
    actions = strategy.actions.order_by("reference").values(
        "reference",
        "priority__number",
        "priority__title",
        *[c for c in COLUMNS[3:]],
        "starts_on",
        "due_on",
        "lead_agency",
        "position",
    )
    return list(actions)


def test_a_good_file_is_imported(strategy):
    result = import_action_plan(
        strategy,
        csv_table(
            [
                row(),
                row(reference="1.2", due_period="Q4"),
                row(
                    priority_number="2",
                    priority_title="Support",
                    reference="2.1",
                    rag="",
                    status="",
                ),
            ]
        ),
    )

    assert result.created == ["1.1", "1.2", "2.1"]
    first = Action.objects.get(strategy=strategy, reference="1.1")
    assert first.key_deliverables == "Training sessions\nE-learning module"
    assert (first.rag, first.status) == ("amber", "in_progress")
    assert first.due_on == datetime.date(2025, 4, 30)
    # Q4 of the plan's first financial year, 2024/25.
    assert Action.objects.get(reference="1.2").due_on == datetime.date(2025, 3, 31)
    assert list(strategy.priorities.values_list("number", "title")) == [
        ("1", "Prevention"),
        ("2", "Support"),
    ]


BAD_ROWS = [
    (row(objective=""), "Row 2: objective is missing."),
    (row(reference=""), "Row 2: reference is missing."),
    (row(priority_number=""), "Row 2: priority_number is missing."),
    (row(priority_title=""), "Row 2: priority_title is missing."),
    (row(rag="purple"), "Row 2: unknown RAG value “purple”"),
    (row(status="Nearly there"), "Row 2: unknown status “Nearly there”"),
    (row(reference="1." * 20), "Row 2: reference is longer than 30 characters."),
]


@pytest.mark.parametrize(("bad", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_and_nothing_is_stored(strategy, bad, message):
    with pytest.raises(ImportRefused) as refusal:
        import_action_plan(strategy, csv_table([bad, row(reference="1.9")]))

    assert [str(e) for e in refusal.value.errors][0].startswith(message)
    assert not Action.objects.exists()
    assert not Priority.objects.exists()


def test_every_bad_row_is_reported_at_once_with_its_row_number(strategy):
    rows = [
        row(reference="1.1"),
        row(reference="1.2", objective=""),
        row(reference="1.1"),  # duplicate of row 2
        row(reference="1.4", rag="Purple"),
        row(reference="1.5", priority_title="Prevention and early help"),
    ]
    with pytest.raises(ImportRefused) as refusal:
        import_action_plan(strategy, csv_table(rows))

    assert [str(e) for e in refusal.value.errors] == [
        "Row 3: objective is missing.",
        "Row 4: reference 1.1 is also on row 2.",
        "Row 5: unknown RAG value “Purple” (use one of: Red, Amber, Green, Blue; or leave it "
        "empty).",
        "Row 6: priority 1 is titled “Prevention” on row 2 but “Prevention and early help” here.",
    ]
    assert str(refusal.value) == "Nothing was imported: 4 problems in the file."
    assert not Action.objects.exists()


def test_an_unparseable_date_in_a_date_column_is_a_bad_row(strategy):
    columns = [*COLUMNS, "starts_on", "due_on"]
    rows = [
        row(starts_on="2025-01-01", due_on="end of the year"),
        row(reference="1.2", starts_on="32/01/2025", due_on=""),
    ]
    with pytest.raises(ImportRefused) as refusal:
        import_action_plan(strategy, csv_table(rows, columns))

    assert [str(e) for e in refusal.value.errors] == [
        "Row 2: due_on “end of the year” is not a date (write it as 2025-03-31, 31/03/2025 or "
        "31 March 2025).",
        "Row 3: starts_on “32/01/2025” is not a date (write it as 2025-03-31, 31/03/2025 or "
        "31 March 2025).",
    ]
    assert not Action.objects.exists()


def test_an_unknown_lead_agency_is_a_bad_row(strategy):
    with pytest.raises(ImportRefused) as refusal:
        import_action_plan(
            strategy, csv_table([row(lead_agency="Ministry of Magic")], [*COLUMNS, "lead_agency"])
        )
    assert (
        str(refusal.value.errors[0]) == "Row 2: unknown agency “Ministry of Magic” in lead_agency."
    )


def test_a_due_period_without_a_date_is_kept_as_written(strategy):
    import_action_plan(strategy, csv_table([row(due_period="When funding allows")]))

    action = Action.objects.get()
    assert action.due_period == "When funding allows"
    assert (action.starts_on, action.due_on) == (None, None)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["reference", "objective"], "Missing column(s): priority_number, priority_title."),
        ([*COLUMNS, "colour"], "Unknown column “colour”."),
        ([*COLUMNS, "rag"], "Column(s) given twice: rag."),
    ],
)
def test_a_file_with_wrong_columns_is_refused(strategy, header, message):
    table = read_table(write_csv(header, [["x"] * len(header)]), "plan.csv")
    with pytest.raises(ImportRefused) as refusal:
        import_action_plan(strategy, table)
    assert message in [str(e) for e in refusal.value.errors]
    assert not Action.objects.exists()


def test_unreadable_files_are_refused():
    with pytest.raises(TableError, match="Upload a .csv or .xlsx file"):
        read_table(b"a,b", "plan.pdf")
    with pytest.raises(TableError, match="The XLSX file cannot be read"):
        read_table(b"not a workbook", "plan.xlsx")
    with pytest.raises(TableError, match="empty"):
        read_table(b"", "plan.csv")


def test_a_header_without_rows_is_refused(strategy):
    with pytest.raises(ImportRefused, match="Nothing was imported") as refusal:
        import_action_plan(strategy, csv_table([]))
    assert str(refusal.value.errors[0]) == "The file has a header but no rows."


def test_reimport_updates_by_reference_and_never_duplicates(strategy):
    import_action_plan(strategy, csv_table([row(), row(reference="1.2")]))
    first = Action.objects.get(reference="1.1")

    result = import_action_plan(
        strategy,
        csv_table(
            [
                row(objective="Deliver training to all frontline staff."),
                row(reference="1.2"),
                row(reference="1.3"),
            ]
        ),
    )

    assert (result.created, result.updated, result.unchanged) == (["1.3"], ["1.1"], ["1.2"])
    assert Action.objects.count() == 3
    first.refresh_from_db()
    assert first.objective == "Deliver training to all frontline staff."
    again = import_action_plan(
        strategy,
        csv_table(
            [
                row(objective="Deliver training to all frontline staff."),
                row(reference="1.2"),
                row(reference="1.3"),
            ]
        ),
    )
    assert (again.created, again.updated) == ([], [])
    assert Action.objects.count() == 3


def test_actions_missing_from_the_file_are_kept_and_listed(strategy):
    import_action_plan(strategy, csv_table([row(), row(reference="1.2")]))

    result = import_action_plan(strategy, csv_table([row()]))

    assert result.not_in_file == ["1.2"]
    assert Action.objects.filter(reference="1.2").exists()


def test_empty_rag_and_status_keep_the_progress_already_reported(strategy, cast):
    import_action_plan(strategy, csv_table([row(rag="", status="")]))
    action = Action.objects.get()
    post_progress(action, cast.manager, rag="red", status="on_hold", comment="Funding cut.")

    import_action_plan(strategy, csv_table([row(rag="", status="")]))

    action.refresh_from_db()
    assert (action.rag, action.status) == ("red", "on_hold")


def test_a_changed_due_period_moves_the_dates(strategy):
    import_action_plan(strategy, csv_table([row()]))
    import_action_plan(strategy, csv_table([row(due_period="By June 2026")]))

    assert Action.objects.get().due_on == datetime.date(2026, 6, 30)


def test_an_empty_objective_is_refused_unless_the_row_is_a_known_gap_of_the_source(strategy):
    rows = [row(), row(reference="1.2", objective="")]
    with pytest.raises(ImportRefused):
        import_action_plan(strategy, csv_table(rows))

    import_action_plan(strategy, csv_table(rows), known_gaps={"1.2": "Cut off in the source."})

    gap = Action.objects.get(reference="1.2")
    assert (gap.objective, gap.source_gap) == ("", "Cut off in the source.")
    # Once recorded, the gap is known: re-importing (e.g. an export) is accepted too...
    assert import_action_plan(strategy, csv_table(rows)).unchanged == ["1.1", "1.2"]
    # ...but nowhere else.
    with pytest.raises(ImportRefused, match="1 problem"):
        import_action_plan(StrategyFactory(slug="another"), csv_table(rows))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_data(strategy, cast, file_format):
    cast.agency.short_name = "NP"
    cast.agency.save()
    rows = [
        row(),
        row(reference="1.2", due_period="Delivery in 2025 (June)", rag="", status=""),
        row(
            priority_number="2",
            priority_title="Support",
            reference="2.10",
            objective="Ten.",
            due_period="Ongoing",
            rag="Blue",
            status="Complete",
            lead_agency="NP",
        ),
        row(
            priority_number="2",
            priority_title="Support",
            reference="2.1",
            objective="Línea\nwith “quotes”, commas, and a second line",
            due_period="",
            starts_on="2024-05-01",
            due_on="31/12/2024",
        ),
    ]
    import_action_plan(strategy, csv_table(rows, [*COLUMNS, "starts_on", "due_on", "lead_agency"]))
    before = snapshot(strategy)
    exported = export_action_plan(strategy, file_format)
    copy = StrategyFactory(partnership=strategy.partnership, slug="copy", period_start=2024)

    import_action_plan(copy, read_table(exported, f"plan.{file_format}"))
    result = import_action_plan(strategy, read_table(exported, f"plan.{file_format}"))

    assert snapshot(copy) == before
    assert snapshot(strategy) == before
    assert result.unchanged == ["1.1", "1.2", "2.10", "2.1"]
    assert Action.objects.get(strategy=copy, reference="2.10").lead_agency == cast.agency
    copy_table = read_table(export_action_plan(copy, file_format), f"copy.{file_format}")
    assert copy_table == read_table(exported, f"plan.{file_format}")


def test_xlsx_cells_of_any_type_are_read(strategy):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*COLUMNS, "due_on"])
    sheet.append(
        [
            1,
            "Prevention",
            "1.1",
            "Objective",
            None,
            "Q2",
            None,
            None,
            None,
            None,
            "GREEN",
            None,
            None,
            datetime.datetime(2025, 5, 31),
        ]
    )
    sheet.append([None] * 14)  # blank lines are not rows
    out = io.BytesIO()
    workbook.save(out)

    import_action_plan(strategy, read_table(out.getvalue(), "plan.xlsx"))

    action = Action.objects.get()
    assert (action.priority.number, action.rag, action.due_on) == (
        "1",
        "green",
        datetime.date(2025, 5, 31),
    )


def test_exported_xlsx_keeps_references_as_text(strategy):
    import_action_plan(strategy, csv_table([row(reference="3.10")]))
    table = read_table(export_action_plan(strategy, "xlsx"), "plan.xlsx")
    assert table.header == EXPORT_COLUMNS
    assert table.rows[0][1]["reference"] == "3.10"


def test_write_xlsx_names_sheets_uniquely():
    content = write_xlsx([("Same title that is far too long for Excel", ["a"], [[1]])] * 2)
    assert read_table(content, "x.xlsx").rows == [(2, {"a": "1"})]


def test_import_command_reports_every_bad_row_and_stores_nothing(strategy, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(
        write_csv(
            COLUMNS,
            [
                [row(objective="").get(c) for c in COLUMNS],
                [row(reference="1.2", rag="pink").get(c) for c in COLUMNS],
            ],
        )
    )

    with pytest.raises(CommandError) as error:
        call_command("import_action_plan", str(path), strategy="plan")

    assert "Row 2: objective is missing." in str(error.value)
    assert "Row 3: unknown RAG value “pink”" in str(error.value)
    assert not Action.objects.exists()


def test_import_command_imports_and_export_command_writes(strategy, tmp_path, capsys):
    path = tmp_path / "plan.csv"
    path.write_bytes(write_csv(COLUMNS, [[row().get(c) for c in COLUMNS]]))

    call_command("import_action_plan", str(path), strategy="plan")
    call_command(
        "export_action_plan", strategy="plan", output=str(tmp_path / "out.xlsx"), format="xlsx"
    )

    assert "1 new, 0 updated, 0 unchanged actions." in capsys.readouterr().out
    assert (
        read_table((tmp_path / "out.xlsx").read_bytes(), "out.xlsx").rows[0][1]["reference"]
        == "1.1"
    )


def test_import_command_needs_a_known_strategy_and_file(strategy, tmp_path):
    with pytest.raises(CommandError, match="no strategy with the slug “nope”"):
        call_command("import_action_plan", "x.csv", strategy="nope")
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_action_plan", str(tmp_path / "missing.csv"), strategy="plan")
    StrategyFactory(slug="plan")  # same slug in another partnership
    with pytest.raises(CommandError, match="say which with --partnership"):
        call_command("import_action_plan", "x.csv", strategy="plan")
