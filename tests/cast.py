"""The one cast of roles every test uses: everyone involved in one partnership's case,
plus outsiders who must see nothing, plus a system administrator."""

from django.utils.functional import cached_property

from partnerships.models import OversightBody, Role
from tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    ReviewFactory,
    UserFactory,
    user_with_role,
)

# Every role of the cast, for permission matrices: Cast.user(role) gives the person.
ROLES = [
    "manager",
    "approver",
    "chair",
    "panel_member",
    "partner",
    "other_manager",
    "other_chair",
    "stranger",
    "superuser",
]


class Cast:
    """Everyone involved in one partnership's case, plus outsiders who must see nothing."""

    def __init__(self):
        self.partnership = PartnershipFactory(
            name="Northbrook Community Safety Partnership", slug="northbrook"
        )
        self.other_partnership = PartnershipFactory(
            name="Southmere Safeguarding Adults Board", slug="southmere"
        )
        self.agency = AgencyFactory(name="Northbrook Police")
        self.manager = user_with_role(Role.REVIEW_MANAGER, self.partnership, username="manager")
        self.approver = user_with_role(Role.APPROVER, self.partnership, username="approver")
        self.chair = user_with_role(Role.CHAIR, self.partnership, username="chair")
        self.panel_member = user_with_role(
            Role.PANEL_MEMBER, self.partnership, agency=self.agency, username="panel"
        )
        self.partner = user_with_role(
            Role.PARTNER, self.partnership, agency=self.agency, username="partner"
        )
        self.other_manager = user_with_role(
            Role.REVIEW_MANAGER, self.other_partnership, username="other_manager"
        )
        self.other_chair = user_with_role(
            Role.CHAIR, self.other_partnership, username="other_chair"
        )
        self.stranger = UserFactory(username="stranger")

    def review(self, **kwargs):
        kwargs.setdefault("partnership", self.partnership)
        return ReviewFactory(**kwargs)

    def stranger_with_role(self):
        """A second review manager of the partnership, whose account can be removed."""
        return user_with_role(Role.REVIEW_MANAGER, self.partnership, username="leaver")

    @cached_property
    def oversight(self):
        """A member of an oversight body over the cast's partnership (read-only). Not in
        ROLES: the access matrix adds it (tests/partnerships/test_access_matrix.py)."""
        user = UserFactory(username="oversight")
        body = OversightBody.objects.create(name="Fictional Regional Network")
        body.partnerships.add(self.partnership)
        body.members.add(user)
        return user

    @cached_property
    def superuser(self):
        return UserFactory(username="root", is_superuser=True, is_staff=True)

    def user(self, role):
        """The member of the cast playing `role` (one of ROLES)."""
        if role in ("superuser", "oversight"):
            return getattr(self, role)
        return self.everyone[role]

    @property
    def everyone(self):
        return {
            "manager": self.manager,
            "approver": self.approver,
            "chair": self.chair,
            "panel_member": self.panel_member,
            "partner": self.partner,
            "other_manager": self.other_manager,
            "other_chair": self.other_chair,
            "stranger": self.stranger,
        }
