"""The roles a user holds in a partnership (Membership.role). Apart from the models so
that the access rule and the onboarding models can name them without a cycle."""

from django.db import models


class Role(models.TextChoices):
    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership administrator"
    REVIEW_MANAGER = "review_manager", "Review manager"
    CHAIR = "chair", "Independent chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    APPROVER = "approver", "Partnership approver"
    PARTNER = "partner", "Partner agency user"
