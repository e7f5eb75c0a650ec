"""A partnership's own people and agencies, managed by its partnership administrators.

A system administrator creates a partnership and names its administrators; from then on
the partnership administrators keep its list of people (panel members, agency contacts,
staff), the agencies that sit on it and who holds which role (partnerships.onboarding_
services: invite, change role, deactivate), each change written to the partnership's
onboarding audit trail. A person needs no account: giving them one (an invitation by
email) is a separate, optional step. Everything here has the audience PEOPLE in the one
access rule (partnerships.access), so an administrator of one partnership sees nothing
of another's, and nothing of any case.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from security.records import AppendOnlyModel

from .access import Audience, ModelAccess, ScopedQuerySet
from .roles import Role


def people_access(partnership="partnership_id"):
    return ModelAccess(
        partnership=partnership,
        audiences={Audience.PEOPLE: Q()},
        audience_of=lambda obj: Audience.PEOPLE,
    )


class Person(models.Model):
    """Someone who works with the partnership. `role` is the role their account holds in
    the partnership (kept in step with its Membership by onboarding_services); blank for a
    contact without an account."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, help_text="Needed only to invite them to an account.")
    agency = models.ForeignKey(
        "partnerships.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="The agency they represent, if any.",
    )
    panel_role = models.CharField(
        "role on the panel",
        max_length=200,
        blank=True,
        help_text="As the panel knows it, e.g. 'Police representative'. No account needed.",
    )
    role = models.CharField(
        "account role",
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text="The role their account holds in this partnership. Set by inviting them.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="people",
    )
    active = models.BooleanField(default=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedQuerySet.as_manager()
    access = people_access()

    class Meta:
        ordering = ["partnership__name", "name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    @property
    def has_account(self):
        return self.user_id is not None


class PartnershipAgency(models.Model):
    """An agency that sits on the partnership. Agencies are shared between partnerships
    (one police force serves many), so a partnership administrator adds or removes the
    link, never renames the agency."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agency_links"
    )
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="partnership_links"
    )

    objects = ScopedQuerySet.as_manager()
    access = people_access()

    class Meta:
        ordering = ["partnership__name", "agency__name"]
        verbose_name = "agency of the partnership"
        verbose_name_plural = "agencies of the partnership"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "agency"], name="one_link_per_agency")
        ]

    def __str__(self):
        return str(self.agency)


class OnboardingEvent(AppendOnlyModel):
    """One line of a partnership's onboarding audit trail. Written once."""

    class Action(models.TextChoices):
        PARTNERSHIP_CREATED = "partnership_created", "Partnership created"
        ADMINISTRATOR_NAMED = "administrator_named", "Partnership administrator named"
        PERSON_ADDED = "person_added", "Person added"
        PERSON_CHANGED = "person_changed", "Person's details changed"
        INVITED = "invited", "Invited to an account"
        ROLE_CHANGED = "role_changed", "Role changed"
        DEACTIVATED = "deactivated", "Deactivated"
        AGENCY_ADDED = "agency_added", "Agency added"
        AGENCY_REMOVED = "agency_removed", "Agency removed"

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="onboarding_events"
    )
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=40, choices=Action.choices)
    subject = models.CharField(max_length=200, help_text="Whom or what it was about.")
    detail = models.CharField(max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = people_access()
    records_name = "Onboarding events"

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.get_action_display()}"
