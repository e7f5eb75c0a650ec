"""Every spreadsheet the product writes (CSV and XLSX: the admin lists' exports, the
learning library's exports and reports, the account events, the Home Office pack) shows
text that starts like a formula as text: a leading apostrophe, never a formula."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from learning.tabular import read_csv, read_xlsx, write_csv, write_xlsx
from reviews.papers.submission import summary_csv
from security.spreadsheets import FORMULA_STARTS, spreadsheet_safe
from tests.learning.conftest import Library

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/","x")'


@pytest.fixture
def library(cast):
    library = Library(cast)
    library.published_review.pseudonym = EVIL
    library.published_review.save()
    library.strategy.title = "+" + EVIL
    library.strategy.save()
    library.owned_action.objective = "-" + EVIL
    library.owned_action.save()
    library.published_owned.text = "@" + EVIL
    library.published_owned.save()
    # A failed sign-in whose username is a formula lands in the account events.
    Client().post(reverse("wagtailadmin_login"), {"username": EVIL, "password": "wrong-pass-1"})
    return library


def cells(response, file_format):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if file_format == "csv":
        return [
            cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row
        ]
    workbook = load_workbook(io.BytesIO(content))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                found.append(cell.value)
    return found


EXPORTS = {
    "cases": lambda lib: (reverse("reviews:index"), {"export": "{}"}),
    "strategies": lambda lib: (reverse("learning_strategies:index"), {"export": "{}"}),
    "actions": lambda lib: (reverse("learning_actions:index"), {"export": "{}"}),
    "recommendations": lambda lib: (reverse("learning_recommendations:index"), {"export": "{}"}),
    "account events": lambda lib: (reverse("account_events:index"), {"export": "{}"}),
    "action plan": lambda lib: (
        reverse("learning_strategies:export_plan", args=[lib.strategy.pk]),
        {"format": "{}"},
    ),
    "recommendations file": lambda lib: (
        reverse("learning_export_recommendations"),
        {"format": "{}", "partnership": lib.cast.partnership.pk},
    ),
    "dashboard": lambda lib: (
        reverse("learning_dashboard"),
        {"format": "{}", "partnership": lib.cast.partnership.pk},
    ),
}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_every_export_writes_formulas_as_text(client, library, export, file_format):
    url, params = EXPORTS[export](library)
    params = {key: str(value).format(file_format) for key, value in params.items()}
    client.force_login(library.cast.superuser)
    response = client.get(url, params)
    assert response.status_code == 200, (export, response.status_code)
    text = [cell for cell in cells(response, file_format) if isinstance(cell, str)]
    assert not [cell for cell in text if cell.startswith(FORMULA_STARTS)], export
    assert any(cell.startswith("'") and EVIL in cell for cell in text), export


def test_the_home_office_pack_summary_writes_formulas_as_text(library):
    rows = list(csv.reader(io.StringIO(summary_csv(library.published_review))))
    assert ["Pseudonym", "'" + EVIL] in rows


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_our_own_files_read_back_as_written(start):
    value = f"{start}1+1 and more"
    assert spreadsheet_safe(value) == "'" + value
    header = ["text"]
    for table in (
        read_csv(write_csv(header, [[value]])),
        read_xlsx(write_xlsx([("Sheet", header, [[value]])])),
    ):
        assert table.rows[0][1]["text"] == value
