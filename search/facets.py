"""The facets: what each filter is called, which column holds it, and its valid values.

Values are what goes in the URL (`?theme=housing&year=2025`): choice codes, years,
partnership and theme slugs, agency ids. Labels for display come from the same table.
"""

import re
from dataclasses import dataclass

from learning.models import RAG, Status, Theme
from partnerships.models import Agency, Partnership
from reviews.models import AgeBand, ReviewKind
from reviews.people_vocabulary import DeathType, PairRelationship
from reviews.stages import State

from .vocabulary import Kind


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    column: str
    multi: bool = False  # many values per row, stored "|a|b|"
    choices: dict = None  # value -> label, for fixed vocabularies
    pattern: str = None  # for open vocabularies (slugs, numbers)

    def is_valid(self, value):
        if self.choices is not None:
            return value in self.choices
        return bool(re.fullmatch(self.pattern, value))


STATUS_LABELS = {**dict(State.choices), **dict(Status.choices)}

FACETS = {
    facet.name: facet
    for facet in [
        Facet("type", "Type", "kind", choices=dict(Kind.choices)),
        Facet("kind", "Kind of review", "review_kind", choices=dict(ReviewKind.choices)),
        Facet("year", "Year", "year", pattern=r"(19|20)\d\d"),
        Facet("partnership", "Partnership", "partnership_id", pattern=r"[-a-zA-Z0-9_]{1,100}"),
        Facet("theme", "Theme", "themes", multi=True, pattern=r"[-a-zA-Z0-9_]{1,100}"),
        Facet("agency", "Agency", "agencies", multi=True, pattern=r"\d{1,12}"),
        Facet(
            "relationship",
            "Victim–perpetrator relationship",
            "relationship",
            multi=True,
            choices=dict(PairRelationship.choices),
        ),
        Facet("age_band", "Victim's age", "age_band", multi=True, choices=dict(AgeBand.choices)),
        Facet("death_type", "Type of death", "death_type", choices=dict(DeathType.choices)),
        Facet("status", "Status", "status", choices=STATUS_LABELS),
        Facet("rag", "RAG rating", "rag", choices=dict(RAG.choices)),
    ]
}
FACET_NAMES = tuple(FACETS)
MULTI_COLUMNS = {facet.column for facet in FACETS.values() if facet.multi}
# The public site offers the facets that mean something for published reviews.
# Which are safe to publish, review by review, is decided in docs/security.md ("People in a
# review"): never sex, gender identity, ethnicity or disability.
PUBLIC_FACET_NAMES = (
    "kind",
    "year",
    "partnership",
    "theme",
    "relationship",
    "age_band",
    "death_type",
)


class Vocabulary:
    """Labels and ids for the open vocabularies, loaded once per search (three queries)."""

    def __init__(self):
        partnerships = list(Partnership.objects.values_list("pk", "slug", "name"))
        self.partnership_ids = {slug: pk for pk, slug, _ in partnerships}
        self.partnership_slugs = {pk: slug for pk, slug, _ in partnerships}
        self.partnership_names = {slug: name for _, slug, name in partnerships}
        self.theme_names = dict(Theme.objects.values_list("slug", "name"))
        self.agency_names = {str(pk): name for pk, name in Agency.objects.values_list("pk", "name")}

    def label(self, facet, value):
        if facet.choices is not None:
            return facet.choices.get(value, value)
        if facet.name == "partnership":
            return self.partnership_names.get(value, value)
        if facet.name == "theme":
            return self.theme_names.get(value, value)
        if facet.name == "agency":
            return self.agency_names.get(value, value)
        return value

    def known(self, facet, value):
        if facet.name == "partnership":
            return value in self.partnership_ids
        if facet.name == "theme":
            return value in self.theme_names
        if facet.name == "agency":
            return value in self.agency_names
        return True

    def to_column(self, facet, value):
        """URL value -> stored value."""
        if facet.name == "partnership":
            return self.partnership_ids[value]
        if facet.name == "year":
            return int(value)
        return value

    def from_column(self, facet, stored):
        if facet.name == "partnership":
            return self.partnership_slugs.get(stored, str(stored))
        return str(stored)
