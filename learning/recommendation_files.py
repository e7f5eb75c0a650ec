"""Review recommendations in and out of a partnership, as CSV or XLSX.

The format is in docs/data-formats.md. Rows are matched by review reference and
recommendation number, so importing again updates rather than duplicates. As with action
plans, every row is checked first and any problem stops the whole import.
"""

from dataclasses import dataclass, field

from django.db import transaction

from reviews.models import Review
from reviews.papers.public_text import PublicTextRefused

from .importing import AgencyDirectory, ImportRefused, ImportResult, Row, RowError, check_header
from .models import RAG, Action, Level, Recommendation, RecommendationAction, Status, Theme
from .tabular import write_csv, write_xlsx

REQUIRED_COLUMNS = ["review_reference", "number", "text", "level"]
OPTIONAL_COLUMNS = [
    "owning_agency",
    "themes",
    "target_date",
    "status",
    "rag",
    "evidence",
    "linked_actions",
]
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
THEME_SEPARATOR = ";"


@dataclass
class RecommendationRow:
    number: int
    review: Review | None
    recommendation_number: str
    values: dict = field(default_factory=dict)
    themes: list | None = None  # None: column not in the file, leave as is
    links: dict | None = None  # {action: note}; None: leave as is

    @property
    def label(self):
        return f"{self.review.reference} {self.recommendation_number}"


class Lookups:
    """Everything rows are checked against, loaded once per import."""

    def __init__(self, partnership):
        self.partnership = partnership
        self.reviews = {r.reference: r for r in Review.objects.filter(partnership=partnership)}
        self.actions = {
            (a.strategy.slug, a.reference): a
            for a in Action.objects.filter(strategy__partnership=partnership).select_related(
                "strategy"
            )
        }
        self.themes = {}
        for theme in Theme.objects.all():
            self.themes[theme.name.lower()] = theme
            self.themes[theme.slug] = theme
        self.agencies = AgencyDirectory()
        self.existing = {
            (r.review_id, r.number): r
            for r in Recommendation.objects.filter(review__partnership=partnership)
            .select_related("review")
            .prefetch_related("themes", "action_links")
        }


def read_rows(partnership, table):
    errors = check_header(table.header, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    if errors:
        raise ImportRefused(errors)
    if not table.rows:
        raise ImportRefused([RowError(None, "The file has a header but no rows.")])
    lookups = Lookups(partnership)
    first_row_of_key = {}
    rows = []
    for number, values in table.rows:
        row = Row(number, values)
        parsed = read_row(row, lookups)
        if parsed.review is not None and parsed.recommendation_number:
            key = (parsed.review.pk, parsed.recommendation_number)
            if key in first_row_of_key:
                row.problem(
                    f"recommendation {parsed.label} is also on row {first_row_of_key[key]}."
                )
            else:
                first_row_of_key[key] = number
        errors += row.problems
        rows.append(parsed)
    if errors:
        raise ImportRefused(errors)
    return rows, lookups


def read_row(row, lookups):
    reference = row.required("review_reference", "review_reference is missing.")
    review = lookups.reviews.get(reference)
    if reference and review is None:
        row.problem(f"there is no review {reference} in {lookups.partnership}.")
    parsed = RecommendationRow(
        number=row.number,
        review=review,
        recommendation_number=row.required("number", "number is missing."),
    )
    if len(parsed.recommendation_number) > 20:
        row.problem("number is longer than 20 characters.")
    values = parsed.values
    values["text"] = row.required("text", "text is missing.")
    values["level"] = row.choice("level", Level.choices, "level")
    if not row.text("level"):
        row.problem("level is missing.")
    existing = lookups.existing.get((review.pk, parsed.recommendation_number)) if review else None
    if row.has("owning_agency"):
        values["owning_agency"] = lookups.agencies.find(row, "owning_agency")
    owner = values.get("owning_agency", existing.owning_agency if existing else None)
    if values["level"] == Level.SINGLE_AGENCY and owner is None and not row.text("owning_agency"):
        row.problem("a single-agency recommendation needs its owning_agency.")
    if row.has("target_date"):
        values["target_date"] = row.date("target_date")
    if status := row.choice("status", Status.choices, "status"):
        values["status"] = status
    if rag := row.choice("rag", RAG.choices, "RAG value"):
        values["rag"] = rag
    if row.has("evidence"):
        values["evidence"] = row.text("evidence")
    status = values.get("status", existing.status if existing else Status.NOT_STARTED)
    evidence = values.get("evidence", existing.evidence if existing else "")
    if status == Status.COMPLETE and not evidence:
        row.problem("a recommendation cannot be marked complete without evidence.")
    if row.has("themes"):
        parsed.themes = read_themes(row, lookups)
    if row.has("linked_actions"):
        parsed.links = read_links(row, lookups)
    return parsed


def read_themes(row, lookups):
    themes = []
    for name in row.text("themes").split(THEME_SEPARATOR):
        if not name.strip():
            continue
        theme = lookups.themes.get(name.strip().lower())
        if theme is None:
            row.problem(f"unknown theme “{name.strip()}” (add it under Learning library > Themes).")
        elif theme not in themes:
            themes.append(theme)
    return themes


def read_links(row, lookups):
    """One link per line: 'strategy-slug/action-reference' or '...: how it answers'."""
    links = {}
    for line in row.text("linked_actions").splitlines():
        if not line.strip():
            continue
        target, _, note = line.partition(":")
        slug, _, reference = target.strip().partition("/")
        action = lookups.actions.get((slug.strip(), reference.strip()))
        if action is None:
            row.problem(
                f"linked action “{target.strip()}” is not an action of "
                f"{lookups.partnership} (write strategy-slug/reference, e.g. "
                "vawg-strategy-2016-2026/3.1)."
            )
        elif action in links:
            row.problem(f"action {target.strip()} is linked twice.")
        elif len(note.strip()) > 500:
            row.problem(f"the note on the link to {target.strip()} is over 500 characters.")
        else:
            links[action] = note.strip()
    return links


def import_recommendations(partnership, table):
    rows, lookups = read_rows(partnership, table)
    result, refused = ImportResult(), []
    with transaction.atomic():
        for row in rows:
            try:
                import_row(row, lookups, result)
            except PublicTextRefused as refusal:
                # A published review's recommendation the public would read with a
                # confidential term in it: nothing of the file is stored.
                refused += [RowError(row.number, message) for message in refusal.messages]
        if refused:
            raise ImportRefused(refused)
    return result


def import_row(row, lookups, result):
    existing = lookups.existing.get((row.review.pk, row.recommendation_number))
    if existing is None:
        recommendation = Recommendation(
            review=row.review, number=row.recommendation_number, **row.values
        )
        recommendation.themes.set(row.themes or [])
        recommendation.save()
        save_links(recommendation, row.links or {})
        result.created.append(row.label)
    elif save_changes(existing, row):
        result.updated.append(row.label)
    else:
        result.unchanged.append(row.label)


def save_changes(recommendation, row):
    changed = False
    for name, value in row.values.items():
        if getattr(recommendation, name) != value:
            setattr(recommendation, name, value)
            changed = True
    if row.themes is not None and set(row.themes) != set(recommendation.themes.all()):
        recommendation.themes.set(row.themes)
        changed = True
    if changed:
        recommendation.save()
    if row.links is not None and current_links(recommendation) != {
        action.pk: note for action, note in row.links.items()
    }:
        save_links(recommendation, row.links)
        changed = True
    return changed


def current_links(recommendation):
    return {link.action_id: link.note for link in recommendation.action_links.all()}


def save_links(recommendation, links):
    RecommendationAction.objects.filter(recommendation=recommendation).exclude(
        action__in=list(links)
    ).delete()
    for action, note in links.items():
        RecommendationAction.objects.update_or_create(
            recommendation=recommendation, action=action, defaults={"note": note}
        )


def export_rows(recommendations):
    recommendations = recommendations.select_related("review", "owning_agency").prefetch_related(
        "themes", "action_links__action__strategy"
    )
    for recommendation in recommendations.order_by("review__reference", "number", "pk"):
        links = sorted(
            recommendation.action_links.all(),
            key=lambda link: (link.action.strategy.slug, link.action.position, link.action_id),
        )
        yield [
            recommendation.review.reference,
            recommendation.number,
            recommendation.text,
            recommendation.level,
            AgencyDirectory.label(recommendation.owning_agency),
            f"{THEME_SEPARATOR} ".join(theme.name for theme in recommendation.themes.all()),
            recommendation.target_date,
            recommendation.status,
            recommendation.rag,
            recommendation.evidence,
            "\n".join(link_text(link) for link in links),
        ]


def link_text(link):
    target = f"{link.action.strategy.slug}/{link.action.reference}"
    return f"{target}: {link.note}" if link.note else target


def export_recommendations(recommendations, file_format, title="recommendations"):
    rows = list(export_rows(recommendations))
    if file_format == "xlsx":
        return write_xlsx([(title, COLUMNS, rows)])
    return write_csv(COLUMNS, rows)
