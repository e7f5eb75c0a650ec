"""Who may see and do what in the learning library.

Predicates take (user, obj). Strategies, actions and recommendations all expose
`partnership_id` (actions through their strategy, recommendations through their review)
and actions and recommendations expose `owner_agency_id`, so the partnership predicates
of partnerships.rules apply to them unchanged. With no object, a predicate answers "on
anything?", which is what Wagtail menus and list views ask.

- Review managers of the partnership manage everything in its library.
- Approvers read everything of their partnership.
- Partner agency users read their partnership's strategies and actions, the
  recommendations of its published reviews and those their agency owns; they post
  progress only on actions and recommendations their agency owns.
- A case's chair reads that case's recommendations.
- Everyone else sees nothing (other partnerships' objects are 404s, not 403s).

The querysets in models.py (`visible_to`) and permissions.py must agree with these;
tests check both over the whole role x object matrix.
"""

import rules

from partnerships.models import Role, roles_of
from partnerships.rules import (
    holds_role_in_partnership,
    is_partnership_staff,
    is_review_manager,
    is_superuser,
)

is_library_reader = holds_role_in_partnership(Role.REVIEW_MANAGER, Role.APPROVER, Role.PARTNER)


@rules.predicate
def represents_owning_agency(user, obj=None):
    """A partner user of the agency that owns this action or recommendation."""
    seats = roles_of(user).agency_seats(Role.PARTNER)
    if obj is None:
        return bool(seats)
    return (obj.partnership_id, obj.owner_agency_id) in seats


@rules.predicate
def chairs_the_case(user, recommendation=None):
    if not user.is_authenticated:
        return False
    if recommendation is None:
        return user.chaired_reviews.exists()
    return recommendation.review.chair_id == user.pk


@rules.predicate
def reads_published_learning(user, recommendation=None):
    """A partner user of the partnership, once the review is published."""
    held = roles_of(user).partnerships_with(Role.PARTNER)
    if recommendation is None:
        return bool(held)
    return recommendation.partnership_id in held and recommendation.review_is_published


@rules.predicate
def has_no_history(user, obj=None):
    """Progress history and links to recommendations are kept: what has them stays."""
    return obj is None or not obj.has_history()


can_view_library_item = is_superuser | is_library_reader
can_manage = is_superuser | is_review_manager
can_view_recommendation = (
    is_superuser
    | is_partnership_staff
    | chairs_the_case
    | reads_published_learning
    | represents_owning_agency
)
can_post_progress = is_superuser | is_review_manager | represents_owning_agency

for model in ("strategy", "action"):
    rules.add_perm(f"learning.view_{model}", can_view_library_item)
    rules.add_perm(f"learning.add_{model}", can_manage)
    rules.add_perm(f"learning.change_{model}", can_manage)
    rules.add_perm(f"learning.delete_{model}", can_manage & has_no_history)

rules.add_perm("learning.view_recommendation", can_view_recommendation)
rules.add_perm("learning.add_recommendation", can_manage)
rules.add_perm("learning.change_recommendation", can_manage)
rules.add_perm("learning.delete_recommendation", can_manage & has_no_history)

# Themes are one vocabulary shared by every partnership.
rules.add_perm("learning.view_theme", is_superuser | is_library_reader | chairs_the_case)
rules.add_perm("learning.add_theme", can_manage)
rules.add_perm("learning.change_theme", can_manage)
rules.add_perm("learning.delete_theme", is_superuser)

# Posting progress (obj: an Action or a Recommendation), reports and imports.
rules.add_perm("learning.post_progress", can_post_progress)
rules.add_perm("learning.view_reports", is_superuser | is_library_reader)
rules.add_perm("learning.import_data", can_manage)
