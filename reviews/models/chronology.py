"""The combined chronology of a case: each agency's chronology, imported from the agreed
spreadsheet (docs/data-formats.md, "Chronology"), and its entries, which together make
one timeline. The import, the merge and the exports are learning.chronology (they share
the library's import machinery); the links from missed opportunities to findings and
themes are learning's too (learning.models.findings)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnerships.access import Audience, ModelAccess, ScopedQuerySet
from partnerships.models import Agency

from .review import Review


def for_the_panel(obj):
    return Audience.PANEL


class ChronologyImport(models.Model):
    """One agency's chronology as imported: the file's name and who imported it. A new
    import for the same agency replaces that agency's entries (all or nothing)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronologies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    original_filename = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "agency"], name="one_chronology_per_agency_per_review"
            )
        ]

    def __str__(self):
        return f"Chronology from {self.agency}"


class ChronologyEntryQuerySet(ScopedQuerySet):
    """`visible_to(user)`: entries of the cases whose panel papers the user may read."""

    def timeline(self):
        """The merged order: by date, then time (entries without one first that day),
        then agency and the row of the agency's file."""
        return self.select_related("agency").order_by(
            "happened_on", models.F("happened_at").asc(nulls_first=True), "agency__name", "row"
        )


class ChronologyEntry(models.Model):
    """One line of an agency's chronology."""

    chronology = models.ForeignKey(
        ChronologyImport, on_delete=models.CASCADE, related_name="entries"
    )
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronology")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    row = models.PositiveIntegerField(help_text="The row of the agency's file.")
    happened_on = models.DateField("date")
    happened_at = models.TimeField("time", null=True, blank=True)
    event = models.TextField()
    source = models.CharField(max_length=300, blank=True)
    people = models.CharField("people involved", max_length=500, blank=True)
    missed_opportunity = models.BooleanField(default=False)
    note = models.TextField("missed-opportunity note", blank=True)

    objects = ChronologyEntryQuerySet.as_manager()

    # The combined chronology is a panel paper: for the staff, the chair and the panel.
    access = ModelAccess(
        partnership="review__partnership_id",
        review="review_id",
        audiences={Audience.PANEL: Q()},
        audience_of=for_the_panel,
    )

    class Meta:
        verbose_name_plural = "chronology entries"
        ordering = ["happened_on", "happened_at", "agency_id", "row"]

    def __str__(self):
        return f"{self.happened_on} {self.agency}"
