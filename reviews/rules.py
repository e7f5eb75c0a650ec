"""Who may do what on a review.

Who may *see* a review or one of its papers is the access rule (partnerships.access,
through `Review.objects.visible_to` and `partnerships.rules.may_view`). The predicates
here say who may *act*: take a transition, upload, comment, manage the confidential
list. They take (user, review); with no review they answer "on any review?", which is
what Wagtail menus and list views ask. Transitions reach them through `fsm_permission`.
"""

import rules

from partnerships.access import facts_of, may_see
from partnerships.rules import (
    is_approver,
    is_panel_member,
    is_partnership_staff,
    is_review_chair,
    is_review_manager,
    is_superuser,
    scope_of,
)

can_manage_or_chair = is_review_manager | is_review_chair

rules.add_perm("reviews.add_review", is_review_manager)
rules.add_perm("reviews.change_review", is_review_manager)


def fsm_permission(predicate):
    """Adapt a rules predicate (user, obj) to django-fsm's permission(instance, user)."""

    def check(instance, user):
        return predicate.test(user, instance)

    check.predicate = predicate
    return check


# Who may take each transition; the transition table in models/review.py names these.
MANAGER = fsm_permission(is_review_manager)
MANAGER_OR_APPROVER = fsm_permission(is_review_manager | is_approver)
MANAGER_OR_CHAIR = fsm_permission(can_manage_or_chair)


# ---------------------------------------------------------------- case papers
#
# Which papers a user may open is the access rule (docs/documents.md has the matrix);
# these say what they may do with the papers of a review they can see.

can_upload_papers = is_superuser | can_manage_or_chair
# Panel members and staff start comment threads; the chair answers in them.
can_start_comment = is_superuser | is_partnership_staff | is_panel_member
can_reply_to_comment = can_start_comment | is_review_chair
can_manage_confidential_terms = is_superuser | is_partnership_staff
can_download_submission_pack = is_superuser | is_review_manager
# Taking a published review down (reviews.takedown): who may publish it.
can_take_down = is_superuser | is_review_manager

# The family involvement log (reviews.models.family): seen by the case's staff and chair
# (the access rule); recorded by its review managers and chair (obj: the review).
rules.add_perm("reviews.record_family_involvement", is_superuser | can_manage_or_chair)


# The statutory record of a case (reviews.statutory: sends, QA conditions met, a SAR's
# basis): seen with the case; recorded by its review managers (obj: the review).
rules.add_perm("reviews.record_statutory", is_superuser | is_review_manager)

# How long the partnership's reviews took (reviews.timeliness), on the dashboard: its
# review managers and approvers, over the reviews they may see.
rules.add_perm("reviews.view_timeliness", is_superuser | is_partnership_staff)


def can_comment_on(user, document, parent=None):
    """Start a thread on (or, with `parent`, reply in a thread of) this paper."""
    if not may_see(user, document):
        return False
    predicate = can_start_comment if parent is None else can_reply_to_comment
    return predicate.test(user, document.review)


# ---------------------------------------------------------------- agencies' returns
#
# An information request (obj) is answered by the agency's contact for the case, or by
# the case's managers and chair on the agency's behalf; its contact is chosen by a manager.


@rules.predicate
def is_request_contact(user, request=None):
    contacts = facts_of(user).agency_contacts
    if request is None:
        return bool(contacts)
    scope = scope_of(request)
    return (scope.review, scope.owner_agency) in contacts


can_return_information = is_superuser | can_manage_or_chair | is_request_contact
rules.add_perm("reviews.return_information", can_return_information)
rules.add_perm("reviews.choose_request_contact", is_superuser | is_review_manager)
