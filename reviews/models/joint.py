"""Joint and multi-criteria reviews.

A review has one lead partnership (`Review.partnership`), which runs it and takes its
steps. Other partnerships may commission it with the lead (a Safeguarding Adults Board
for a joint DHR/SAR, a second Community Safety Partnership for a death that concerns two
areas): `CoCommissioner` rows, the through model of `Review.co_commissioners`. Their
review managers and approvers see everything of the review through the one access rule
(partnerships.access, fact `joint_reviews`), and nothing else of the lead partnership.

A review may meet several criteria for review at once (`Criterion`). Each criterion is a
row of data saying what it asks of a review: the Home Office's quality assurance, a basis
under the Care Act 2014 s44, and the sends of the SendRule rows keyed by it
(reviews.models.statutory). The kind of a review brings its own criteria
(`KIND_CRITERIA`); `Review.criteria` adds the others the case meets.
"""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey

from partnerships.models import Partnership


class Criterion(models.Model):
    """A criterion for review, and the outputs it requires. Seeded by migration
    0013_joint_and_multi_criteria with the provision that imposes each."""

    key = models.SlugField(
        max_length=10,
        unique=True,
        help_text="Matches the kind of review the send rules are recorded for (SendRule).",
    )
    name = models.CharField(max_length=150)
    citation = models.CharField(max_length=300, help_text="The law or guidance that sets it.")
    home_office_qa = models.BooleanField(
        "goes to the Home Office's quality assurance panel",
        default=False,
        help_text="The report is submitted to the Home Office and published only once approved.",
    )
    care_act_basis = models.BooleanField(
        "held under the Care Act 2014, s44",
        default=False,
        help_text="The board records whether the review is mandatory or discretionary, and "
        "reports it in its annual report (Schedule 2, paragraph 4).",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.name


class CoCommissioner(models.Model):
    """A partnership that commissions a review together with its lead partnership."""

    class Role(models.TextChoices):
        SAB = "sab", "Safeguarding Adults Board (joint DHR and SAR)"
        CSP = "csp", "Community Safety Partnership (review across two areas)"
        CHILDREN = "children", "Safeguarding children partners (joint with a CSPR)"
        OTHER = "other", "Other commissioning partner"

    review = ParentalKey("reviews.Review", on_delete=models.CASCADE, related_name="commissioners")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="joint_commissions"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    joined_on = models.DateField(
        default=timezone.localdate, help_text="The day the partnership joined the review."
    )

    class Meta:
        ordering = ["joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "partnership"], name="one_co_commission_per_partnership"
            )
        ]
        verbose_name = "co-commissioning partnership"

    def __str__(self):
        return f"{self.partnership} ({self.get_role_display()}), from {self.joined_on:%-d %B %Y}"
