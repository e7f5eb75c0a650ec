"""Reading and writing the spreadsheets people exchange: CSV and XLSX, one header row.

Readers hand back every data row with the row number a spreadsheet shows (the header is
row 1), so that import errors point at the right line. Writers produce the same layout;
text that starts like a formula is written as text (security.spreadsheets) and read back
as it was.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from security.spreadsheets import spreadsheet_safe, spreadsheet_value

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# Word documents (the chronology for the panel pack, the SAB report's SAR section).
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TableError(Exception):
    """The file cannot be read as a table at all."""


@dataclass
class Table:
    header: list
    rows: list  # [(row number, {column: text or date})]


def format_of(filename):
    suffix = Path(filename or "").suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise TableError("Upload a .csv or .xlsx file.")
    return suffix


def cell_value(value):
    """A cell as text (or a date). Whole numbers lose Excel's '.0'; dates stay dates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return spreadsheet_value(str(value).strip())


def build_table(records):
    """records: an iterator of lists, the first being the header."""
    try:
        header = [str(name or "").strip().lower() for name in next(records)]
    except StopIteration:
        raise TableError("The file is empty.") from None
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, record in enumerate(records, start=2):
        values = [cell_value(value) for value in record]
        if not any(values):
            continue  # blank lines in a spreadsheet are not rows
        if len(values) > len(header) and any(values[len(header) :]):
            raise TableError(f"Row {number} has more cells than the header has columns.")
        values += [""] * (len(header) - len(values))
        rows.append((number, dict(zip(header, values, strict=False))))
    return Table(header=header, rows=rows)


SAVE_AS_UTF8 = (
    "The CSV file's characters cannot be read. In Excel, choose File, Save As, and the "
    "type “CSV UTF-8 (Comma delimited) (*.csv)”, then upload that file."
)


def decode_csv(data):
    """UTF-8 (with or without Excel's byte order mark), else the encodings Excel on Windows
    saves CSV in (Windows-1252, or UTF-16 for “Unicode text”), detected by
    charset-normalizer."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=["cp1252", "utf_16"]).best()
    if best is None:
        raise TableError(SAVE_AS_UTF8)
    return str(best)


def read_csv(data):
    text = decode_csv(data)
    try:
        return build_table(iter(list(csv.reader(io.StringIO(text, newline="")))))
    except csv.Error as error:
        raise TableError(f"The CSV file cannot be read: {error}.") from None


def read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError(f"The XLSX file cannot be read ({type(error).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        return build_table(iter([list(row) for row in sheet.iter_rows(values_only=True)]))
    finally:
        workbook.close()


def read_table(data, filename):
    """Read an uploaded or local file's bytes, choosing the reader by the file name."""
    return read_xlsx(data) if format_of(filename) == "xlsx" else read_csv(data)


def read_path(path):
    path = Path(path)
    return read_table(path.read_bytes(), path.name)


def write_csv(header, rows):
    """UTF-8 CSV, CRLF line ends, quoted where needed (the shipped fixtures' layout).
    With header None, only the rows are written."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return spreadsheet_safe(value)


def write_xlsx(sheets):
    """sheets: [(title, header, rows)]; each becomes a worksheet with a bold header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        name = safe_sheet_title(title)
        for number in range(2, 100):
            if name not in workbook.sheetnames:
                break
            name = f"{safe_sheet_title(title)[:27]} ({number})"
        sheet = workbook.create_sheet(title=name)
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(["" if value is None else spreadsheet_safe(value) for value in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    # Text cells stay text: '3.10' must not become the number 3.1, and
                    # '=HYPERLINK(...)' is text, never a formula a spreadsheet runs.
                    cell.number_format = "@"
                    if cell.data_type == "f":
                        cell.data_type = "s"
                    if "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def safe_sheet_title(title):
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:31]
