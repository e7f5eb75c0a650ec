"""Partnerships (CSPs and SABs), the agencies that sit on them, and who does what.

One installation may serve several partnerships. A user's role is always held *in* a
partnership, so a review manager in one borough sees nothing of another's cases.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property


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


class MembershipQuerySet(models.QuerySet):
    def for_role(self, *roles):
        return self.filter(role__in=roles)


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

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="one_membership_per_role"
            )
        ]
        ordering = ["partnership__name", "role"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership}"


class UserRoles:
    """The roles one user holds, loaded once per request and cached on the user object."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def _memberships(self):
        if not getattr(self.user, "is_authenticated", False):
            return []
        return list(self.user.memberships.all())

    def partnerships_with(self, *roles):
        return {m.partnership_id for m in self._memberships if m.role in roles}

    def agencies_with(self, *roles):
        return {m.agency_id for m in self._memberships if m.role in roles and m.agency_id}

    def agency_seats(self, *roles):
        """(partnership id, agency id) pairs: which agency the user represents where."""
        return {
            (m.partnership_id, m.agency_id)
            for m in self._memberships
            if m.role in roles and m.agency_id
        }

    def has(self, role, partnership_id=None):
        return any(
            m.role == role and (partnership_id is None or m.partnership_id == partnership_id)
            for m in self._memberships
        )

    @property
    def any(self):
        return bool(self._memberships)


def roles_of(user):
    if user is None:
        return UserRoles(None)
    cached = getattr(user, "_user_roles", None)
    if cached is None:
        cached = UserRoles(user)
        if getattr(user, "is_authenticated", False):
            user._user_roles = cached
    return cached
