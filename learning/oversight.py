"""Implementation across partnerships, for oversight bodies (and for anyone, over what they
may see): rates, overdue and unanswered recommendations and time to response by
addressee, theme, partnership and year; recommendations to the same body grouped so the
same ask made by many reviews shows as one; a CSV of every row.

Everything starts from `Recommendation.objects.visible_to(user)`: the one access rule
decides what is counted, so an oversight body counts published material and what the
partnerships share with it, and nothing else.
"""

from dataclasses import dataclass, field
from statistics import median

from django.db.models import Prefetch
from django.utils import timezone

from .charts import bar_chart
from .models import BodyRecommendation, Recommendation, Stage, Status
from .tabular import write_csv, write_xlsx

DIMENSIONS = {
    "addressee": "Addressee",
    "theme": "Theme",
    "partnership": "Partnership",
    "year": "Year",
}
NO_THEME = "No theme"
NO_ADDRESSEE = "Not addressed to a body"


def recommendations_for(user):
    sent = BodyRecommendation.objects.visible_to(user).select_related("body")
    return (
        Recommendation.objects.visible_to(user)
        .select_related("review__partnership", "owning_agency")
        .prefetch_related("themes", Prefetch("to_bodies", queryset=sent))
        .order_by("review__partnership__name", "review__reference", "number")
    )


def year_of(recommendation):
    review = recommendation.review
    when = review.published_on or review.notified_on
    return str(when.year) if when else "Unknown"


def keys_of(recommendation, dimension):
    if dimension == "theme":
        return [theme.name for theme in recommendation.themes.all()] or [NO_THEME]
    if dimension == "partnership":
        return [recommendation.review.partnership.name]
    if dimension == "year":
        return [year_of(recommendation)]
    return [sent.body.name for sent in recommendation.to_bodies.all()] or [NO_ADDRESSEE]


@dataclass
class Row:
    key: str
    total: int = 0
    complete: int = 0
    overdue: int = 0
    sent: int = 0
    unanswered: int = 0
    response_overdue: int = 0
    response_days: list = field(default_factory=list)

    @property
    def implementation_rate(self):
        return round(100 * self.complete / self.total) if self.total else None

    @property
    def median_days_to_response(self):
        return median(self.response_days) if self.response_days else None


def breakdown(recommendations, dimension, today=None):
    """One Row per value of `dimension` (a recommendation on two themes counts in both)."""
    today = today or timezone.localdate()
    rows = {}
    for recommendation in recommendations:
        for key in keys_of(recommendation, dimension):
            row = rows.setdefault(key, Row(key))
            row.total += 1
            row.complete += recommendation.status == Status.COMPLETE
            row.overdue += recommendation.is_overdue(today)
            for sent in recommendation.to_bodies.all():
                if dimension == "addressee" and sent.body.name != key:
                    continue
                stage = sent.stage(today)
                row.sent += stage != Stage.NOT_SENT
                row.unanswered += stage not in (Stage.NOT_SENT, Stage.ANSWERED)
                row.response_overdue += stage == Stage.RESPONSE_OVERDUE
                if sent.days_to_response() is not None:
                    row.response_days.append(sent.days_to_response())
    return sorted(rows.values(), key=lambda row: (-row.total, row.key))


@dataclass
class Group:
    """Recommendations made to one body on one theme: one ask, however many reviews."""

    body: object
    theme: str
    items: list = field(default_factory=list)

    @property
    def reviews(self):
        return len({sent.recommendation.review_id for sent in self.items})

    @property
    def partnerships(self):
        return len({sent.recommendation.review.partnership_id for sent in self.items})

    @property
    def unanswered(self):
        return sum(sent.stage() not in (Stage.NOT_SENT, Stage.ANSWERED) for sent in self.items)


def grouped_by_addressee(recommendations):
    """Recommendations sent to the same body, grouped by theme, largest groups first."""
    groups = {}
    for recommendation in recommendations:
        themes = [theme.name for theme in recommendation.themes.all()] or [NO_THEME]
        for sent in recommendation.to_bodies.all():
            for theme in themes:
                key = (sent.body_id, theme)
                group = groups.setdefault(key, Group(sent.body, theme))
                group.items.append(sent)
    return sorted(groups.values(), key=lambda g: (-g.reviews, g.body.name, g.theme))


CSV_HEADER = [
    "partnership",
    "review",
    "year",
    "number",
    "level",
    "themes",
    "owner",
    "target_date",
    "status",
    "overdue",
    "addressee",
    "addressee_code",
    "sent_on",
    "sent_by",
    "acknowledgement_due_on",
    "acknowledged_on",
    "response_due_on",
    "responded_on",
    "outcome",
    "stage",
    "implementation_status",
]


def csv_rows(recommendations, today=None):
    today = today or timezone.localdate()
    for recommendation in recommendations:
        base = [
            recommendation.review.partnership.name,
            recommendation.review.reference,
            year_of(recommendation),
            recommendation.number,
            recommendation.level,
            "; ".join(theme.name for theme in recommendation.themes.all()),
            str(recommendation.owning_agency or ""),
            recommendation.target_date or "",
            recommendation.status,
            "yes" if recommendation.is_overdue(today) else "no",
        ]
        sent_rows = list(recommendation.to_bodies.all())
        if not sent_rows:
            yield base + [""] * (len(CSV_HEADER) - len(base))
        for sent in sent_rows:
            yield base + [
                sent.body.name,
                sent.body.code,
                sent.sent_on or "",
                sent.sent_by,
                sent.acknowledgement_due_on or "",
                sent.acknowledged_on or "",
                sent.response_due_on or "",
                sent.responded_on or "",
                sent.outcome,
                sent.stage(today),
                sent.implementation_status,
            ]


def as_csv(recommendations, today=None):
    """Every row, formula-safe (learning.tabular.write_csv)."""
    return write_csv(CSV_HEADER, csv_rows(recommendations, today))


BREAKDOWN_COLUMNS = [
    "Recommendations",
    "Complete",
    "Implementation rate (%)",
    "Overdue",
    "Sent to a body",
    "Unanswered",
    "Response overdue",
    "Median days to response",
]


def breakdown_values(row):
    return [
        row.key,
        row.total,
        row.complete,
        row.implementation_rate,
        row.overdue,
        row.sent,
        row.unanswered,
        row.response_overdue,
        row.median_days_to_response,
    ]


GROUP_COLUMNS = ["Addressee", "Theme", "Reviews", "Partnerships", "Unanswered", "Recommendations"]


def group_values(group):
    return [
        group.body.name,
        group.theme,
        group.reviews,
        group.partnerships,
        group.unanswered,
        "; ".join(str(sent.recommendation) for sent in group.items),
    ]


def as_xlsx(context):
    """The page as a workbook (formula-safe, learning.tabular.write_xlsx): every row, the
    groups, and one sheet for each breakdown."""
    sheets = [
        ("Recommendations", CSV_HEADER, csv_rows(context["recommendations"], context["today"])),
        ("Same body, same theme", GROUP_COLUMNS, map(group_values, context["groups"])),
    ]
    for name, label in DIMENSIONS.items():
        rows = map(breakdown_values, context["by"][name])
        sheets.append((f"By {label.lower()}", [label, *BREAKDOWN_COLUMNS], rows))
    return write_xlsx(sheets)


def rate_chart(name, rows):
    """Implementation rate for each value of a breakdown, beside its table."""
    label = DIMENSIONS[name]
    return bar_chart(
        f"rate-by-{name}",
        f"Implementation rate by {label.lower()} (%)",
        [(row.key, row.implementation_rate or 0, "complete") for row in rows],
        scale=100,
    )


def summary(user, today=None):
    today = today or timezone.localdate()
    recommendations = list(recommendations_for(user))
    by = {name: breakdown(recommendations, name, today) for name in DIMENSIONS}
    groups = grouped_by_addressee(recommendations)
    charts = {name: rate_chart(name, rows) for name, rows in by.items()}
    return {
        "recommendations": recommendations,
        "by": by,
        "charts": charts,
        "groups": groups,
        "today": today,
    }
