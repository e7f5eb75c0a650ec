"""The people in a review: one or more victims and one or more perpetrators or alleged
abusers, each with coded characteristics (reviews.people_vocabulary, "not known" allowed
everywhere), and the relationship of each victim-perpetrator pair.

No names: `label` is the pseudonym used in published material ("Adult A") or a neutral
label ("Perpetrator 1"). The confidential record of identities is kept apart (papers).
"""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from ..people_vocabulary import (
    ETHNICITY_CHOICES,
    AgeBand,
    GenderIdentity,
    Known,
    PairRelationship,
    PersonRole,
)
from .vocabulary import Sex


class ReviewPerson(Orderable):
    review = ParentalKey("reviews.Review", on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=PersonRole.choices)
    label = models.CharField(
        max_length=100, blank=True, help_text="Pseudonym or neutral label. Never a real name."
    )
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField(
        max_length=20, choices=GenderIdentity.choices, default=GenderIdentity.UNKNOWN
    )
    age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Age at death (victim) or at the time (perpetrator)."
    )
    age_band = models.CharField(
        max_length=10,
        choices=AgeBand.choices,
        default=AgeBand.UNKNOWN,
        help_text="Set from the age when the age is known.",
    )
    ethnicity = models.CharField(
        max_length=40,
        choices=ETHNICITY_CHOICES,
        default="unknown",
        help_text="ONS 2021 census categories.",
    )
    ethnicity_as_recorded = models.CharField(
        max_length=100,
        blank=True,
        help_text="As an earlier record or an import wrote it, where it matched no category.",
    )
    disability = models.CharField(max_length=10, choices=Known.choices, default=Known.UNKNOWN)

    class Meta(Orderable.Meta):
        verbose_name = "person in the review"
        verbose_name_plural = "people in the review"

    def __str__(self):
        number = self.sort_order + 1 if self.sort_order is not None else ""
        return self.label or f"{self.get_role_display()} {number}".strip()

    def save(self, *args, **kwargs):
        if self.age is not None:
            self.age_band = AgeBand.of_age(self.age)
        super().save(*args, **kwargs)


class ReviewPair(Orderable):
    """What one perpetrator or alleged abuser was to one victim."""

    review = ParentalKey("reviews.Review", on_delete=models.CASCADE, related_name="pairs")
    victim = models.ForeignKey(
        ReviewPerson,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"role": PersonRole.VICTIM},
    )
    perpetrator = models.ForeignKey(
        ReviewPerson,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"role": PersonRole.PERPETRATOR},
        verbose_name="perpetrator or alleged abuser",
    )
    relationship = models.CharField(
        max_length=20, choices=PairRelationship.choices, default=PairRelationship.UNKNOWN
    )

    class Meta(Orderable.Meta):
        verbose_name = "relationship"

    def __str__(self):
        return f"{self.perpetrator} – {self.get_relationship_display()} of {self.victim}"
