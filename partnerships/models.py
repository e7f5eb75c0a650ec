"""Partnerships (CSPs and SABs), the agencies that sit on them, and who does what.

One installation may serve several partnerships. A user's role is always held *in* a
partnership, so a review manager in one borough sees nothing of another's cases. What a
user may see follows from their memberships by the one access rule (partnerships.access).
"""

from django.conf import settings
from django.db import models


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

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A partner agency: police, health trust, council service, charity..."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    REVIEW_MANAGER = "review_manager", "Review manager"
    CHAIR = "chair", "Independent chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    APPROVER = "approver", "Partnership approver"
    PARTNER = "partner", "Partner agency user"


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


# Oversight bodies live in their own module; imported here so Django finds the model.
from .oversight import OversightBody  # noqa: E402

__all__ = ["Agency", "Membership", "OversightBody", "Partnership", "Role"]
