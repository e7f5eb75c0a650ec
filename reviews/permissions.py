"""Who may view reviews (the access rule) and the Wagtail permission policy of reviews.

Registered when the app is ready (apps.py): the view rule needs the model, which
reviews.rules (imported by the model for its transitions) cannot import.
"""

import rules

from partnerships.permissions import ScopedPermissionPolicy
from partnerships.rules import may_view

from .models import (
    ChronologyEntry,
    FamilyContact,
    FamilyInvolvement,
    FamilyMember,
    InformationRequest,
    Review,
)

rules.add_perm("reviews.view_review", may_view(Review))
for model in (ChronologyEntry, FamilyMember, FamilyContact, FamilyInvolvement, InformationRequest):
    rules.add_perm(f"reviews.view_{model._meta.model_name}", may_view(model))


class ReviewPermissionPolicy(ScopedPermissionPolicy):
    # Reviews are closed, never deleted.
    managed_actions = frozenset({"add", "change"})


review_permission_policy = ReviewPermissionPolicy(Review)
