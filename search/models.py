"""The search index: one row per searchable thing, with its facets and who may see it.

Rows are derived data, rebuilt from reviews, recommendations, actions and case papers by
search.indexing whenever those change (search.signals) or on `manage.py search_index
--rebuild`. The full-text index over the rows' title and body is the project's own,
created by this app's migrations and kept in step by database triggers: an FTS5 table on
SQLite, the `search_vector` column (GIN-indexed) on PostgreSQL; search.backends.database
queries it. Facets are plain columns of the row, so counting them needs no join; themes,
agencies, relationships and age bands, which are many per row, are kept as "|a|b|"
strings ("|a|" matches one value).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from partnerships.access import Audience, ModelAccess, QTarget, ScopedQuerySet, compile_rule

from .vocabulary import Kind

__all__ = [
    "Audience",
    "Kind",
    "SearchEntry",
    "count_values",
    "join_values",
    "split_values",
]


def join_values(values):
    """Many values in one column: '|a|b|', so that '|a|' matches one value exactly."""
    values = sorted({str(v) for v in values if v not in (None, "")})
    return f"|{'|'.join(values)}|" if values else ""


def split_values(text):
    return [v for v in (text or "").split("|") if v]


def count_values(stored_counts):
    """{value: rows} from {stored "|a|b|" string: rows}: each stored combination is split
    once, not once per row (a common word can match tens of thousands of rows)."""
    counts = {}
    for stored, rows in stored_counts.items():
        for value in split_values(stored):
            counts[value] = counts.get(value, 0) + rows
    return counts


class SearchEntryQuerySet(ScopedQuerySet):
    def permitted(self, facts, published_too=False):
        """Rows a searcher with these access facts (partnerships.access) may find;
        `published_too`: and the recommendations shown on public reviews' pages (public
        text: similar recommendations and recurring lessons compare with them)."""
        rule = compile_rule(facts, QTarget(SearchEntry.access))
        if published_too and rule:  # an empty Q is "everything": nothing to add
            rule = rule | Q(published=True)
        return self.filter(rule)


class SearchEntry(models.Model):
    # What the row stands for: (source, source_id) is unique, e.g. ("review-public", 7).
    source = models.CharField(max_length=30)
    source_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True)

    # Facets.
    review_kind = models.CharField(max_length=10, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    partnership_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    themes = models.TextField(blank=True)
    agencies = models.TextField(blank=True)
    # A review may have several victims and perpetrators: one value per pair, per victim.
    relationship = models.TextField(blank=True)
    age_band = models.TextField(blank=True)
    death_type = models.CharField(max_length=30, blank=True, db_index=True)
    status = models.CharField(max_length=40, blank=True, db_index=True)
    rag = models.CharField(max_length=10, blank=True, db_index=True)

    # Access.
    is_public = models.BooleanField(default=False, db_index=True)
    # A recommendation shown on its review's public page (Review.objects.public()): public
    # text, which similar recommendations offer to every partnership (search.lessons).
    published = models.BooleanField(default=False)
    review_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    owner_agency_id = models.PositiveBigIntegerField(null=True, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices, blank=True)

    # Text last: SQLite reads a row's columns in order, so facet columns placed before a
    # long body are read without walking the body's overflow pages.
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # PostgreSQL: title (weight A) and body (weight B) as a tsvector, written by a trigger
    # (migration 0008). Unused (always null) on SQLite, whose FTS5 table the same
    # migration creates.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    # The row carries its source's scope (search.indexing writes it from the source's own
    # `access`), so the one access rule filters rows as it filters their sources.
    access = ModelAccess(
        partnership="partnership_id",
        review="review_id",
        owner_agency="owner_agency_id",
        audiences={audience: Q(audience=audience) for audience in Audience},
        audience_of=lambda entry: entry.audience,
        public=Q(is_public=True),
        public_of=lambda entry: entry.is_public,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_entry_per_source")
        ]
        indexes = [models.Index(fields=["partnership_id", "audience"])]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def theme_values(self):
        return split_values(self.themes)

    @property
    def agency_values(self):
        return split_values(self.agencies)
