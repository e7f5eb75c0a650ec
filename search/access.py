"""Who may find which search rows, worked out once per search from the user's roles.

The same facts make the database filter (as_q) and the Elasticsearch filter
(search.elastic.access_filter). They mirror reviews.rules and learning.rules:
- everyone: public rows (published pages and published papers);
- partnership staff (review managers, approvers): every row of their partnerships;
- a case's chair: every row of that case;
- a case's panel members: the case and its panel papers;
- partner users: their partnership's actions and published reviews' recommendations, and
  whatever their agency owns.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from partnerships.models import Role, roles_of
from reviews.models import PanelMembership

from .vocabulary import Audience


@dataclass(frozen=True)
class Access:
    everything: bool = False
    staff_partnerships: frozenset = frozenset()
    chaired_reviews: frozenset = frozenset()
    panel_reviews: frozenset = frozenset()
    partner_partnerships: frozenset = frozenset()
    agency_seats: frozenset = field(default_factory=frozenset)  # (partnership, agency)

    PUBLIC_ONLY = None  # set below

    @classmethod
    def for_user(cls, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls.PUBLIC_ONLY
        if user.is_superuser:
            return cls(everything=True)
        roles = roles_of(user)
        return cls(
            staff_partnerships=frozenset(
                roles.partnerships_with(Role.REVIEW_MANAGER, Role.APPROVER)
            ),
            chaired_reviews=frozenset(user.chaired_reviews.values_list("pk", flat=True)),
            panel_reviews=frozenset(
                PanelMembership.objects.filter(user=user).values_list("review_id", flat=True)
            ),
            partner_partnerships=frozenset(roles.partnerships_with(Role.PARTNER)),
            agency_seats=frozenset(roles.agency_seats(Role.PARTNER)),
        )

    @property
    def public_only(self):
        return not (
            self.everything
            or self.staff_partnerships
            or self.chaired_reviews
            or self.panel_reviews
            or self.partner_partnerships
            or self.agency_seats
        )

    def as_q(self):
        if self.everything:
            return Q()
        allowed = Q(is_public=True)
        if self.staff_partnerships:
            allowed |= Q(partnership_id__in=self.staff_partnerships)
        if self.chaired_reviews:
            allowed |= Q(review_id__in=self.chaired_reviews)
        if self.panel_reviews:
            allowed |= Q(review_id__in=self.panel_reviews, audience=Audience.PANEL)
        if self.partner_partnerships:
            allowed |= Q(partnership_id__in=self.partner_partnerships, audience=Audience.LIBRARY)
        for partnership_id, agency_id in sorted(self.agency_seats):
            allowed |= Q(
                partnership_id=partnership_id,
                owner_agency_id=agency_id,
                audience__in=[Audience.AGENCY, Audience.LIBRARY],
            )
        return allowed

    def mask(self, rows):
        """as_q for search.columns.Rows: which of these rows this user may find (None:
        all). Keep the two in step; tests compare them on every kind of access."""
        if self.everything:
            return None
        allowed = rows.is_public.copy()
        if self.staff_partnerships:
            allowed |= rows.isin("partnership_id", self.staff_partnerships)
        if self.chaired_reviews:
            allowed |= rows.isin("review_id", self.chaired_reviews)
        if self.panel_reviews:
            allowed |= rows.isin("review_id", self.panel_reviews) & rows.isin(
                "audience", [Audience.PANEL]
            )
        if self.partner_partnerships:
            allowed |= rows.isin("partnership_id", self.partner_partnerships) & rows.isin(
                "audience", [Audience.LIBRARY]
            )
        for partnership_id, agency_id in sorted(self.agency_seats):
            allowed |= (
                rows.isin("partnership_id", [partnership_id])
                & rows.isin("owner_agency_id", [agency_id])
                & rows.isin("audience", [Audience.AGENCY, Audience.LIBRARY])
            )
        return allowed


Access.PUBLIC_ONLY = Access()
