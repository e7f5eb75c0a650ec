"""Turn an action plan's due period, in the plan's own words, into dates where it has them.

Plans write due periods as people speak: "Q4", "By April 2025", "October 2023 – Nov 2024",
"Business as usual", "Nov 25th – Dec 10th 2023 (then annually)". The text is always kept
as written; this module only works out a start date and a due (end) date when the words
give one, and says nothing when they do not. The rules, with examples, are in
docs/data-formats.md.

Quarters ("Q1" ... "Q4") are quarters of the UK public-sector financial year, which starts
on 1 April: Q1 is April-June, Q4 is January-March of the following calendar year. A bare
"Q4" needs to know which financial year the plan covers (the strategy's first year).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    }
}
MONTHS["sept"] = 9
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

ONGOING_PHRASES = {"ongoing", "on going", "on-going", "business as usual", "bau", "continuous"}
RECURRENCE = re.compile(r"\(?\s*(?:then\s+)?(annually|quarterly|monthly)\s*\)?$")
# Range separators: a dash with spaces (any dash), an en or em dash, "to", or a plain
# hyphen between two years ("2023-2025").
DASHES = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+to\s+|(?<=\b\d{4})-(?=\d{4}\b)")
# Month names as free text writes them: capitalised, so that "may" the verb is not a month.
CAPITALISED_MONTH = re.compile(
    r"\b(" + "|".join(sorted({m.capitalize() for m in MONTHS}, key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True)
class DuePeriod:
    """What a due period says. `starts_on` and `due_on` are None where the text has none."""

    text: str
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    ongoing: bool = False
    recurs: str = ""

    @property
    def understood(self):
        return bool(self.starts_on or self.due_on or self.ongoing or self.recurs)


@dataclass(frozen=True)
class Span:
    """A stretch of time named in the text: a day, a month, a quarter, a year..."""

    first: datetime.date
    last: datetime.date
    is_day: bool = False


def last_day(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def month_span(year, month):
    return Span(datetime.date(year, month, 1), last_day(year, month))


def year_span(year):
    return Span(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def financial_year_span(first_year):
    return Span(datetime.date(first_year, 4, 1), datetime.date(first_year + 1, 3, 31))


def quarter_span(quarter, financial_year):
    """Quarter 1-4 of the financial year that starts in April of `financial_year`."""
    first_month = 4 + 3 * (quarter - 1)
    year = financial_year
    if first_month > 12:
        first_month -= 12
        year += 1
    return Span(datetime.date(year, first_month, 1), last_day(year, first_month + 2))


def second_year(first, written):
    """The end year of a '2023/24' or '2023/2024' style pair."""
    number = int(written)
    return number if len(written) == 4 else first - first % 100 + number


def day_span(year, month, day):
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    return Span(date, date, is_day=True)


def normalise(text):
    text = text.strip().lower().rstrip(".").strip()
    text = re.sub(r"(\d+)\s*(st|nd|rd|th)\b", r"\1", text)  # 25th -> 25
    text = text.replace(",", " ")
    return re.sub(r"\s+", " ", text)


def parse_span(text, financial_year=None):
    """One point or stretch of time, or None. `text` is already normalised."""
    text = text.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return day_span(int(match[1]), int(match[2]), int(match[3]))
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return day_span(int(match[3]), int(match[2]), int(match[1]))
    if match := re.fullmatch(rf"(\d{{1,2}}) ({MONTH_PATTERN}) (\d{{4}})", text):
        return day_span(int(match[3]), MONTHS[match[2]], int(match[1]))
    if match := re.fullmatch(rf"({MONTH_PATTERN}) (\d{{1,2}}) (\d{{4}})", text):
        return day_span(int(match[3]), MONTHS[match[1]], int(match[2]))
    if match := re.fullmatch(rf"({MONTH_PATTERN}) (\d{{4}})", text):
        return month_span(int(match[2]), MONTHS[match[1]])
    if match := re.fullmatch(r"(\d{4})", text):
        return year_span(int(match[1]))
    if match := re.fullmatch(r"(\d{4})(?:/(\d{2}|\d{4})|-(\d{2}))", text):
        first = int(match[1])
        if second_year(first, match[2] or match[3]) == first + 1:
            return financial_year_span(first)
        return None
    if match := re.fullmatch(r"q([1-4])(?: (\d{4})[/-](\d{2}|\d{4}))?", text):
        if match[2]:
            first = int(match[2])
            if second_year(first, match[3]) != first + 1:
                return None
            return quarter_span(int(match[1]), first)
        if financial_year is not None:
            return quarter_span(int(match[1]), financial_year)
    return None


def parse_range_start(text, end):
    """The start of 'A - B' where A may leave out the year ('Nov 25 - Dec 10 2023')."""
    span = parse_span(text)
    if span is not None or end is None:
        return span
    if match := re.fullmatch(rf"(?:(\d{{1,2}}) )?({MONTH_PATTERN})(?: (\d{{1,2}}))?", text):
        month = MONTHS[match[2]]
        year = end.first.year - (1 if month > end.first.month else 0)
        day = match[1] or match[3]
        return day_span(year, month, int(day)) if day else month_span(year, month)
    return None


def parse_due_period(text, financial_year=None):
    """Read a due period. `financial_year`: the year in which the plan's year starts."""
    text = text or ""
    words = normalise(text)
    if not words:
        return DuePeriod(text)

    recurs = ""
    if match := RECURRENCE.search(words):
        recurs = match[1]
        words = words[: match.start()].strip()

    if words in ONGOING_PHRASES:
        return DuePeriod(text, ongoing=True, recurs=recurs)

    if match := re.fullmatch(r"(?:start by|starts by|starting|start|from) (.+)", words):
        span = parse_span(match[1], financial_year)
        if span:
            return DuePeriod(text, starts_on=span.first, recurs=recurs)
        return parse_range(text, match[1], financial_year, recurs) or DuePeriod(text)

    if match := re.fullmatch(r"(?:by the end of|by end of|end of|by) (.+)", words):
        span = parse_span(match[1], financial_year)
        if span:
            return DuePeriod(text, due_on=span.last, recurs=recurs)
        return DuePeriod(text)

    span = parse_span(words, financial_year)
    if span:
        return DuePeriod(
            text, starts_on=None if span.is_day else span.first, due_on=span.last, recurs=recurs
        )

    return parse_range(text, words, financial_year, recurs) or loose_month(text, words, recurs)


def parse_range(text, words, financial_year, recurs):
    """'A - B', 'A to B', 'A - ongoing'; None if the words are not such a range."""
    parts = DASHES.split(words)
    if len(parts) != 2:
        return None
    start_text, end_text = parts
    if end_text in ONGOING_PHRASES:
        start = parse_span(start_text, financial_year)
        if start:
            return DuePeriod(text, starts_on=start.first, ongoing=True, recurs=recurs)
        return None
    end = parse_span(end_text, financial_year)
    start = parse_range_start(start_text, end)
    if start and end and start.first <= end.last:
        return DuePeriod(text, starts_on=start.first, due_on=end.last, recurs=recurs)
    return None


def loose_month(text, words, recurs):
    """Last resort: free text naming exactly one month and one year, such as "Delivery to
    align with the Men's UEFA Euros 2024 (June)", means that month."""
    years = re.findall(r"\b(\d{4})\b", words)
    months = CAPITALISED_MONTH.findall(text)
    if len(years) == 1 and len(months) == 1 and not re.search(r"\bq[1-4]\b", words):
        span = month_span(int(years[0]), MONTHS[months[0].lower()])
        return DuePeriod(text, starts_on=span.first, due_on=span.last, recurs=recurs)
    return DuePeriod(text, recurs=recurs)


def parse_date(text):
    """A single calendar day (2025-03-31, 31/03/2025, 31 March 2025), or None."""
    span = parse_span(normalise(text or ""))
    return span.first if span is not None and span.is_day else None
