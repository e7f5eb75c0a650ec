"""Which guidance a review follows: its stages, in order, and its timescales, as data.

A GuidanceVersion is one edition of the guidance that governs how a review is run (the
Home Office's 2016 statutory guidance for DHRs; the 2024 draft, which adds a scoping
stage). Its stages (GuidanceStage) list, in order, the stages of the state machine
(reviews.stages) a review on it goes through; its timescales are the Timescale rows that
name it (reviews.models.vocabulary). The state machine stays the backbone: a stage that
only some versions have (scoping) is a state whose transitions are guarded by the
review's version (reviews.conditions.stage_applies), so no code branches per version.

A review is put on a version when it is opened: its partnership's version
(PartnershipGuidance) if that version governs the review's kind (sets timescales for
it), else the default version if that does; a kind no version governs (a SAR) follows
the timescales set for the kind alone. Moving a partnership to a newer version is one row
in the admin; the reviews already open keep the version they started on (a review's own
version can be changed on its edit form). The seed rows and their sources are in
migration 0011.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from partnerships.models import Partnership

from ..stages import State


class GuidanceVersion(ClusterableModel):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", "In force"
        DRAFT = "draft", "Draft (not final)"
        SUPERSEDED = "superseded", "Superseded"

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=300)
    source = models.CharField(max_length=500, help_text="Where this version was checked.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    in_force_from = models.DateField(
        null=True, blank=True, help_text="Left blank where the date has not been checked."
    )
    is_default = models.BooleanField(
        default=False, help_text="Followed by reviews whose partnership names no version."
    )

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_guidance_version",
            )
        ]

    def __str__(self):
        return self.name

    def stage_list(self):
        return [row.state for row in self.stages.all()]

    def has_stage(self, state):
        return self.stages.filter(state=state).exists()

    def governs(self, kind):
        """A version governs the kinds of review it sets timescales for."""
        return self.timescales.filter(kind=kind).exists()

    @classmethod
    def for_new_review(cls, partnership_id, kind):
        """The version a review of this kind, opened now in this partnership, follows."""
        chosen = (
            PartnershipGuidance.objects.filter(partnership_id=partnership_id)
            .select_related("version")
            .first()
        )
        for version in (
            chosen.version if chosen else None,
            cls.objects.filter(is_default=True).first(),
        ):
            if version is not None and version.governs(kind):
                return version
        return None


class GuidanceStage(Orderable):
    """One stage of a version's stage list, in the version's order."""

    version = ParentalKey(GuidanceVersion, on_delete=models.CASCADE, related_name="stages")
    state = models.CharField(max_length=40, choices=State.choices)
    note = models.CharField(
        max_length=300, blank=True, help_text="What the guidance says of this stage."
    )

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["version", "state"], name="one_stage_row_per_state")
        ]

    def __str__(self):
        return self.get_state_display()


class PartnershipGuidance(models.Model):
    """The guidance version a partnership's new reviews follow (else the default)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="guidance_choice"
    )
    version = models.ForeignKey(GuidanceVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "partnership's guidance version"

    def __str__(self):
        return f"{self.partnership}: {self.version}"
