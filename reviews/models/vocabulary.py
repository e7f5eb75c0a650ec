"""The vocabularies of a review: kinds of review, anonymised demographics, abuse types,
statutory timescales, and the kinds and audiences of case papers.

Kept apart from the models that use them so that the rules, the transition guards and
the deadline arithmetic can name them without importing the case itself.
"""

from django.db import models

from ..deadlines import Milestone
from ..people_vocabulary import AgeBand  # noqa: F401 - the age bands, kept importable here


class ReviewKind(models.TextChoices):
    DHR = "dhr", "Domestic Homicide Review"
    SAR = "sar", "Safeguarding Adults Review"
    JOINT = "joint", "Joint DHR and SAR"
    CSPR = "cspr", "Child Safeguarding Practice Review"
    OWHR = "owhr", "Offensive Weapons Homicide Review"
    MHHR = "mhhr", "Mental Health Homicide Review"
    OTHER = "other", "Other learning review"


# The criteria (reviews.models.joint.Criterion keys) each kind of review meets by itself;
# a review adds others it meets in `Review.criteria`. What each criterion asks of a review
# (Home Office QA, a Care Act basis, its sends) is data on the Criterion and SendRule rows.
KIND_CRITERIA = {
    ReviewKind.DHR: ("dhr",),
    ReviewKind.SAR: ("sar",),
    ReviewKind.JOINT: ("dhr", "sar"),
    ReviewKind.CSPR: ("cspr",),
    ReviewKind.OWHR: ("owhr",),
    ReviewKind.MHHR: ("mhhr",),
    ReviewKind.OTHER: (),
}


class Timescale(models.Model):
    """How long a milestone may take, per kind of review: statutory timescales as data.

    Seeded from the 2016 Home Office statutory guidance (decision within one month of
    notification, review completed within six months of the decision). Changing a row
    recomputes every open case's due dates.
    """

    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    milestone = models.CharField(max_length=20, choices=Milestone.choices)
    months = models.PositiveSmallIntegerField()
    source = models.CharField(
        max_length=300, blank=True, help_text="Where this timescale comes from."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "milestone"], name="one_timescale_per_milestone"
            )
        ]
        ordering = ["kind", "milestone"]

    def __str__(self):
        return (
            f"{self.get_kind_display()}: {self.get_milestone_display()} within {self.months} months"
        )

    @classmethod
    def months_for(cls, kind):
        """{milestone: months} for one kind of review (what deadlines.compute_due_dates takes)."""
        return dict(cls.objects.filter(kind=kind).values_list("milestone", "months"))


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Not known"


class CauseOfDeath(models.TextChoices):
    SHARP_INSTRUMENT = "sharp_instrument", "Sharp instrument"
    ASPHYXIATION = "asphyxiation", "Strangulation or asphyxiation"
    BLUNT_FORCE = "blunt_force", "Blunt force or assault"
    OTHER_VIOLENCE = "other_violence", "Other violence"
    SUICIDE = "suicide", "Suicide"
    NEGLECT = "neglect", "Neglect or self-neglect"
    OTHER = "other", "Other or not known"


class LocationOfDeath(models.TextChoices):
    VICTIM_HOME = "victim_home", "Victim's home"
    SHARED_HOME = "shared_home", "Shared home"
    PERPETRATOR_HOME = "perpetrator_home", "Perpetrator's home"
    PUBLIC_PLACE = "public_place", "Public place"
    CARE_SETTING = "care_setting", "Care or health setting"
    OTHER = "other", "Other or not known"


class Indicator(models.Model):
    """Controlled vocabulary for abuse types and vulnerabilities (Home Office DHR Library)."""

    class Kind(models.TextChoices):
        ABUSE = "abuse", "Abuse type"
        VULNERABILITY = "vulnerability", "Vulnerability"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name
