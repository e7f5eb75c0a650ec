"""Due periods in the plans' own words, and the dates they give (or do not)."""

from datetime import date

import pytest

from learning.due_periods import parse_date, parse_due_period

# text, financial year of the plan, starts_on, due_on, ongoing, recurs
CASES = [
    # The shipped plans' own phrases.
    ("Q1", 2015, date(2015, 4, 1), date(2015, 6, 30), False, ""),
    ("Q2", 2015, date(2015, 7, 1), date(2015, 9, 30), False, ""),
    ("Q3", 2015, date(2015, 10, 1), date(2015, 12, 31), False, ""),
    ("Q4", 2015, date(2016, 1, 1), date(2016, 3, 31), False, ""),
    ("By April 2025", 2023, None, date(2025, 4, 30), False, ""),
    ("By April 2024", 2023, None, date(2024, 4, 30), False, ""),
    ("Start by April 2025", 2023, date(2025, 4, 1), None, False, ""),
    ("October 2023 – Nov 2024", 2023, date(2023, 10, 1), date(2024, 11, 30), False, ""),
    ("October 2023 - November 2024", 2023, date(2023, 10, 1), date(2024, 11, 30), False, ""),
    ("April 2023 – Nov 2024", 2023, date(2023, 4, 1), date(2024, 11, 30), False, ""),
    ("2023 - 2025", 2023, date(2023, 1, 1), date(2025, 12, 31), False, ""),
    ("2025", 2023, date(2025, 1, 1), date(2025, 12, 31), False, ""),
    ("Business as usual", 2015, None, None, True, ""),
    ("Ongoing", 2023, None, None, True, ""),
    ("November 2023 - ongoing", 2023, date(2023, 11, 1), None, True, ""),
    ("January 2024 - ongoing", 2023, date(2024, 1, 1), None, True, ""),
    (
        "Nov 25th – Dec 10th 2023 (then annually)",
        2023,
        date(2023, 11, 25),
        date(2023, 12, 10),
        False,
        "annually",
    ),
    (
        "Delivery to align with the Men's UEFA Euros 2024 (June).",
        2023,
        date(2024, 6, 1),
        date(2024, 6, 30),
        False,
        "",
    ),
    # Other common ways of writing them.
    ("Q3 2024/25", None, date(2024, 10, 1), date(2024, 12, 31), False, ""),
    ("q4 2024-25", None, date(2025, 1, 1), date(2025, 3, 31), False, ""),
    ("2023/24", None, date(2023, 4, 1), date(2024, 3, 31), False, ""),
    ("2023-2025", None, date(2023, 1, 1), date(2025, 12, 31), False, ""),
    ("31/03/2025", None, None, date(2025, 3, 31), False, ""),
    ("2025-03-31", None, None, date(2025, 3, 31), False, ""),
    ("By 31 March 2026", None, None, date(2026, 3, 31), False, ""),
    ("by the end of March 2026", None, None, date(2026, 3, 31), False, ""),
    ("Dec 20 - Jan 5 2024", None, date(2023, 12, 20), date(2024, 1, 5), False, ""),
    ("From April 2024 to March 2025", None, date(2024, 4, 1), date(2025, 3, 31), False, ""),
    ("Sept 2025", None, date(2025, 9, 1), date(2025, 9, 30), False, ""),
    ("Dec 2023 - Feb 2024", None, date(2023, 12, 1), date(2024, 2, 29), False, ""),
]

# Kept as written, with no dates: the words do not give one.
UNPARSEABLE = [
    ("", 2023),
    ("Q4", None),  # a bare quarter needs the plan's year
    ("Spring 2020", None),
    ("When funding allows", 2023),
    ("This may happen in 2024", 2023),  # "may" the verb is not May the month
    ("2023/26", None),  # not one financial year
    ("Q5", 2023),
    ("31/02/2025", None),  # no such day
    ("November 2025 - April 2025", None),  # ends before it starts
    ("June and July 2024", None),  # two months: which one?
]


@pytest.mark.parametrize(("text", "year", "starts_on", "due_on", "ongoing", "recurs"), CASES)
def test_due_period_gives_its_dates(text, year, starts_on, due_on, ongoing, recurs):
    period = parse_due_period(text, financial_year=year)

    assert (period.starts_on, period.due_on) == (starts_on, due_on)
    assert period.ongoing is ongoing
    assert period.recurs == recurs
    assert period.text == text
    assert period.understood


@pytest.mark.parametrize(("text", "year"), UNPARSEABLE)
def test_due_period_without_a_date_is_kept_as_written(text, year):
    period = parse_due_period(text, financial_year=year)

    assert period.text == text
    assert (period.starts_on, period.due_on, period.ongoing) == (None, None, False)
    assert not period.understood


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-31", date(2025, 3, 31)),
        ("31/03/2025", date(2025, 3, 31)),
        ("31 March 2025", date(2025, 3, 31)),
        ("1st April 2025", date(2025, 4, 1)),
        ("March 2025", None),  # a month is not a date
        ("2025", None),
        ("31/13/2025", None),
        ("soon", None),
        ("", None),
    ],
)
def test_strict_dates_for_date_columns(text, expected):
    assert parse_date(text) == expected
