"""Partnerships (CSPs and SABs), the agencies that sit on them, and who does what.

One installation may serve several partnerships. A user's role is always held *in* a
partnership, so a review manager in one borough sees nothing of another's cases. What a
user may see follows from their memberships by the one access rule (partnerships.access).
"""

from django.conf import settings
from django.db import models

from .access import SHARED_LIST, ScopedQuerySet, facts_of
from .police_forces import POLICE_FORCES
from .roles import Role


class Partnership(models.Model):
    class Kind(models.TextChoices):
        CSP = "csp", "Community Safety Partnership"
        SAB = "sab", "Safeguarding Adults Board"
        JOINT = "joint", "Joint Community Safety Partnership and Safeguarding Adults Board"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    area = models.CharField(
        max_length=200, blank=True, help_text="Local authority area the partnership covers."
    )
    region = models.CharField(max_length=100, blank=True, help_text="e.g. London, North West.")
    police_force_area = models.CharField(
        max_length=30,
        choices=POLICE_FORCES,
        blank=True,
        help_text="The territorial police force whose area the partnership is in.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AgencyQuerySet(ScopedQuerySet):
    """`visible_to(user)`: national agencies and those of the user's partnerships."""


class Agency(models.Model):
    """A partner agency: police, health trust, council service, charity...

    National (no partnership: every partnership may name it, only a system administrator
    changes it) or one partnership's own (only that partnership's forms offer it, its
    review managers change it): partnerships.access.SHARED_LIST."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_agencies",
        help_text="Leave blank for a national agency any partnership may name (a system "
        "administrator's choice); otherwise the partnership whose own agency it is.",
    )

    objects = AgencyQuerySet.as_manager()

    access = SHARED_LIST

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The agency this person represents (panel members and partner agency users).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="one_membership_per_role"
            )
        ]
        ordering = ["partnership__name", "role"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership}"


def partnerships_managed_by(user):
    """The partnerships whose reviews and library this user manages (all of them for a
    system administrator): what forms offer as choices."""
    facts = facts_of(user)
    if facts.everything:
        return Partnership.objects.all()
    return Partnership.objects.filter(pk__in=sorted(facts.managed_partnerships))


# The people of a partnership, its agencies and the onboarding audit trail
# (partnerships.onboarding): imported here so Django finds the models.
from .onboarding import OnboardingEvent, PartnershipAgency, Person  # noqa: E402, F401

# Oversight bodies live in their own module; imported here so Django finds the model.
from .oversight import OversightBody  # noqa: E402, F401
