"""Who may see and do what on a review case.

Predicates take (user, review). With no review they answer "on any case?", which is
what Wagtail menus and list views ask. The same predicates guard the Wagtail views
(through the permission policy), the state machine transitions (through
`fsm_permission`) and querysets (`ReviewQuerySet.visible_to` must agree with
`can_view_review`; tests check that they do).
"""

import rules

from partnerships.rules import is_approver, is_partnership_staff, is_review_manager, is_superuser

from .papers.vocabulary import PANEL_AUDIENCES


@rules.predicate
def is_case_chair(user, review=None):
    if not user.is_authenticated:
        return False
    if review is None:
        return user.chaired_reviews.exists()
    return review.chair_id == user.pk


@rules.predicate
def is_panel_member(user, review=None):
    if not user.is_authenticated:
        return False
    memberships = user.review_panel_memberships.all()
    if review is not None:
        memberships = memberships.filter(review=review)
    return memberships.exists()


can_view_review = is_superuser | is_partnership_staff | is_case_chair | is_panel_member
can_manage_or_chair = is_review_manager | is_case_chair

rules.add_perm("reviews.view_review", can_view_review)
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
# Who sees which papers of a case (docs/documents.md has the full matrix). Each predicate
# takes (user, review); CaseDocument.objects.visible_to must agree (tests check it).

can_read_all_papers = is_superuser | is_partnership_staff | is_case_chair
can_read_panel_papers = can_read_all_papers | is_panel_member
can_upload_papers = is_superuser | can_manage_or_chair
# Panel members and staff start comment threads; the chair answers in them.
can_start_comment = is_superuser | is_partnership_staff | is_panel_member
can_reply_to_comment = can_start_comment | is_case_chair
can_manage_confidential_terms = is_superuser | is_partnership_staff
can_download_submission_pack = is_superuser | is_review_manager


def can_view_document(user, document):
    """May this user open this paper (any of its versions) in the admin?"""
    review = document.review
    if can_read_all_papers.test(user, review):
        return True
    return document.audience in PANEL_AUDIENCES and is_panel_member.test(user, review)


def can_comment_on(user, document, parent=None):
    """Start a thread on (or, with `parent`, reply in a thread of) this paper."""
    if not can_view_document(user, document):
        return False
    predicate = can_start_comment if parent is None else can_reply_to_comment
    return predicate.test(user, document.review)
