"""Form pieces every app's forms share (this is the lowest app with forms).

A browser date picker (`<input type="date">`) reads and writes its value as yyyy-mm-dd
whatever the page's language. Django's DateInput writes the first of the language's
DATE_INPUT_FORMATS (dd/mm/yyyy in en-GB), which a date picker shows as empty: the user
sees no date, submits, and is told the date is required. So every date picker is an
IsoDateInput, and every date field a DateField: a form never builds its own.
"""

import copy

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


def limit_formset_choices(formset, field_name, queryset, label=None):
    """Offer `queryset` (labelled by `label`) in `field_name` of every row of an inline
    formset, including the rows the page adds later. Those are built from the formset's
    form class (formset.empty_form makes a new form each time it is read), so the class
    gets the limited field too, not only the rows already built."""
    field = copy.deepcopy(formset.form.base_fields[field_name])
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label
    limited = type(formset.form.__name__, (formset.form,), {})
    # Set after the class is made: a model form's metaclass rebuilds base_fields.
    limited.base_fields = {**formset.form.base_fields, field_name: field}
    formset.form = limited
    for form in formset.forms:
        form.fields[field_name].queryset = queryset
        if label is not None:
            form.fields[field_name].label_from_instance = label
