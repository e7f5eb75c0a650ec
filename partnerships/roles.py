"""The roles a user holds in a partnership (partnerships.models.Membership)."""

from django.db import models


class Role(models.TextChoices):
    REVIEW_MANAGER = "review_manager", "Review manager"
    CHAIR = "chair", "Independent chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    APPROVER = "approver", "Partnership approver"
    PARTNER = "partner", "Partner agency user"
