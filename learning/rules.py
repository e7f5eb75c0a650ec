"""Who may see and do what in the learning library.

Who may *see* a strategy, action or recommendation is the access rule
(partnerships.access; each model's `access` declares its scope): review managers and
approvers see their partnership's library; partner agency users read its strategies and
actions, the recommendations of its published reviews and whatever their agency owns; a
review's chair reads that review's recommendations; everyone else sees nothing (another
partnership's rows are 404s, not 403s).

What they may *do*:
- review managers of the partnership manage everything in its library;
- partner agency users post progress on the actions and recommendations their agency
  owns;
- members of an oversight body read (the access rule) and see the reports; they change
  nothing;
- the list of bodies recommendations go to is kept by system administrators.
"""

import rules

from partnerships.access import facts_of
from partnerships.models import Role
from partnerships.rules import (
    holds_role_in_partnership,
    is_review_chair,
    is_review_manager,
    is_superuser,
    may_view,
    scope_of,
)

from .models import (
    Action,
    BodyRecommendation,
    Briefing,
    Finding,
    ImpactCheck,
    LearningEvent,
    MissedOpportunityLink,
    Recommendation,
    ReviewAction,
    Strategy,
    Theme,
)

is_library_reader = holds_role_in_partnership(Role.REVIEW_MANAGER, Role.APPROVER, Role.PARTNER)


@rules.predicate
def represents_owning_agency(user, obj=None):
    """A partner user of the agency that owns this action or recommendation."""
    seats = facts_of(user).agency_seats
    if obj is None:
        return bool(seats)
    scope = scope_of(obj)
    return any((partnership, scope.owner_agency) in seats for partnership in scope.partnerships)


@rules.predicate
def is_overseer(user, obj=None):
    """A member of an oversight body (read-only across the partnerships it oversees)."""
    return bool(facts_of(user).overseen_partnerships)


@rules.predicate
def has_no_history(user, obj=None):
    """Progress history and links to recommendations are kept: what has them stays."""
    return obj is None or not obj.has_history()


can_manage = is_superuser | is_review_manager
can_post_progress = is_superuser | is_review_manager | represents_owning_agency

for model in (Strategy, Action, Recommendation, ReviewAction, Briefing, ImpactCheck):
    name = model._meta.model_name
    rules.add_perm(f"learning.view_{name}", may_view(model))
    rules.add_perm(f"learning.add_{name}", can_manage)
    rules.add_perm(f"learning.change_{name}", can_manage)
    rules.add_perm(f"learning.delete_{name}", can_manage & has_no_history)

# Recommendations sent to bodies: kept by the managers, never deleted once sent.
rules.add_perm("learning.view_bodyrecommendation", may_view(BodyRecommendation))
rules.add_perm("learning.add_bodyrecommendation", can_manage)
rules.add_perm("learning.change_bodyrecommendation", can_manage)
rules.add_perm("learning.delete_bodyrecommendation", can_manage & has_no_history)

# The list of bodies: one for every partnership, kept by administrators.
rules.add_perm(
    "learning.view_body", is_superuser | is_library_reader | is_review_chair | is_overseer
)
for action in ("add", "change", "delete"):
    rules.add_perm(f"learning.{action}_body", is_superuser)

# Themes are a shared list (partnerships.access.SHARED_LIST): national ones show on every
# partnership's public pages, so only a system administrator changes them; a partnership's
# own are changed by its review managers (the predicate asks the row's partnership, which
# a national theme has none of).
# (A chair, who holds no role in a partnership, reads the national themes.)
rules.add_perm("learning.view_theme", may_view(Theme) | is_review_chair)
rules.add_perm("learning.add_theme", can_manage)
rules.add_perm("learning.change_theme", can_manage)
rules.add_perm("learning.delete_theme", can_manage)

# Posting progress (obj: an Action or a Recommendation), reports and imports.
rules.add_perm("learning.post_progress", can_post_progress)
rules.add_perm("learning.view_reports", is_superuser | is_library_reader | is_overseer)
rules.add_perm("learning.import_data", can_manage)
# Recording the SAB annual report's distribution (obj: an AnnualReportDistribution).
rules.add_perm("learning.record_distribution", can_manage)

# A case's combined chronology, findings and learning event (learning.models.findings):
# seen by the case's staff, chair and panel (the access rule); recorded by its review
# managers and its chair (obj: the review).
for model in (Finding, LearningEvent, MissedOpportunityLink):
    rules.add_perm(f"learning.view_{model._meta.model_name}", may_view(model))
rules.add_perm("learning.manage_case_learning", is_superuser | is_review_manager | is_review_chair)
