"""Spreadsheet cells that a spreadsheet program will not run as formulas.

Every CSV and XLSX the product writes passes its text cells through `spreadsheet_safe`:
text starting with = + - @, a tab or a carriage return gets a leading apostrophe, so a
name such as `=HYPERLINK(...)` typed into a form (or as a failed sign-in's username)
is shown as text, never evaluated. Readers of our own files take it off again with
`spreadsheet_value`, so an exported plan re-imports unchanged.

Wagtail's list exports (every admin list with `list_export`: ours, and Wagtail's own
reports and user list, whose views we do not own) all write their cells through
`SpreadsheetExportMixin.preprocess_field_value`; `neutralise_wagtail_exports` (run once
when the app loads) passes that method's result through `spreadsheet_safe` too, so no
list export can be left out.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula. Anything but text is left as it
    is (a number, a date); text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_value(value):
    """The text a cell written by `spreadsheet_safe` stood for."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutralise_wagtail_exports():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "spreadsheet_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(original(self, field, value, export_format))

    preprocess_field_value.spreadsheet_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
