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
    """How long a milestone may take, per kind of review and guidance version: statutory
    timescales as data.

    A row naming a guidance version (reviews.models.guidance) is that version's timescale
    (the 2016 Home Office statutory guidance: decision within one month of notification,
    review completed within six months of the decision); a row naming none is the kind's
    own, followed by reviews no version governs (SARs: the Care and support statutory
    guidance). Changing a row recomputes the due dates of every open case it applies to.
    """

    guidance = models.ForeignKey(
        "reviews.GuidanceVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="timescales",
        help_text="The guidance version that sets it; blank for the kind's own timescale.",
    )
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    milestone = models.CharField(max_length=20, choices=Milestone.choices)
    months = models.PositiveSmallIntegerField()
    source = models.CharField(
        max_length=300, blank=True, help_text="Where this timescale comes from."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["guidance", "kind", "milestone"], name="one_timescale_per_milestone"
            ),
            models.UniqueConstraint(
                fields=["kind", "milestone"],
                condition=models.Q(guidance__isnull=True),
                name="one_own_timescale_per_milestone",
            ),
        ]
        ordering = ["guidance_id", "kind", "milestone"]

    def __str__(self):
        under = f" ({self.guidance})" if self.guidance_id else ""
        return (
            f"{self.get_kind_display()}: {self.get_milestone_display()} within "
            f"{self.months} months{under}"
        )

    @classmethod
    def months_for(cls, kind, guidance_id=None):
        """{milestone: months} for one kind of review on one guidance version (what
        deadlines.compute_due_dates takes); guidance_id None: the kind's own rows."""
        rows = cls.objects.filter(kind=kind, guidance_id=guidance_id)
        return dict(rows.values_list("milestone", "months"))

    @classmethod
    def completion_table(cls):
        """A function review -> months of its completion timescale, read in one query."""
        rows = cls.objects.filter(milestone=Milestone.COMPLETION)
        table = {
            (guidance, kind): months
            for guidance, kind, months in rows.values_list("guidance_id", "kind", "months")
        }
        return lambda review: table.get((review.guidance_id, review.kind))


class NationalTimeliness(models.Model):
    """A published national figure for how many reviews finished within their timescale,
    shown beside the partnership's own (reviews.timeliness): on the dashboard, in the
    annual report and in the timeliness CSV. Entered by a system administrator from the
    publication it comes from, which every showing of it cites; no figure is shipped, so
    nothing is shown until one is entered with its source."""

    class Clock(models.TextChoices):
        ELAPSED = "elapsed", "Plain elapsed time"
        ADJUSTED = "adjusted", "Pause-adjusted time"

    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    measure = models.CharField(
        max_length=300,
        help_text="What was counted, as the publication words it, e.g. "
        "'completed within six months of the decision'.",
    )
    clock = models.CharField(max_length=10, choices=Clock.choices, default=Clock.ELAPSED)
    reviews_counted = models.PositiveIntegerField()
    within_timescale = models.PositiveIntegerField()
    period = models.CharField(
        max_length=100, help_text="The reviews the figure covers, e.g. a span of years."
    )
    source = models.CharField(max_length=500, help_text="The publication, its author and page.")
    source_url = models.URLField(blank=True)
    published_on = models.DateField(help_text="When the publication was published.")

    class Meta:
        verbose_name_plural = "national timeliness figures"
        ordering = ["kind", "-published_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(within_timescale__lte=models.F("reviews_counted")),
                name="national_figure_within_not_above_counted",
            )
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()}: {self.within_timescale} of {self.reviews_counted} "
            f"{self.measure} ({self.period})"
        )

    @property
    def percent(self):
        if not self.reviews_counted:
            return None
        return round(100 * self.within_timescale / self.reviews_counted, 1)

    @property
    def citation(self):
        return f"{self.source}, published {self.published_on:%-d %B %Y}"

    @classmethod
    def latest_for(cls, kinds):
        """The most recently published figure for each of these kinds of review."""
        latest = {}
        for row in cls.objects.filter(kind__in=kinds):
            latest.setdefault(row.kind, row)
        return list(latest.values())


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
