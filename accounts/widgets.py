"""Form pieces every app's forms share (this is the lowest app with forms).

A browser date picker (`<input type="date">`) reads and writes its value as yyyy-mm-dd
whatever the page's language. Django's DateInput writes the first of the language's
DATE_INPUT_FORMATS (dd/mm/yyyy in en-GB), which a date picker shows as empty: the user
sees no date, submits, and is told the date is required. So every date picker is an
IsoDateInput, and every date field a DateField: a form never builds its own.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """A browser date picker whose value is always written yyyy-mm-dd."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class DateField(forms.DateField):
    """A date asked for with the browser's date picker. It also reads dd/mm/yyyy, as a
    person types it where the browser has no picker."""

    widget = IsoDateInput
    input_formats = [ISO_DATE, "%d/%m/%Y"]
    default_error_messages = {
        "invalid": "Enter the date as a real date, for example 2026-03-27.",
    }
