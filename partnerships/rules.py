"""django-rules predicates shared by every app, all answered from the user's access facts
(partnerships.access): who may *see* a row is the access rule itself (`may_view`); who
may *act* follows from the role held in the row's partnership or the seat held on its
review.

Predicates take (user, obj). With no object they answer "on any row?", which is what
Wagtail menus and list views ask.
"""

import rules

from .access import facts_of, may_see, may_see_any
from .models import Agency, Role


@rules.predicate
def is_superuser(user):
    return bool(getattr(user, "is_superuser", False) and user.is_active)


@rules.predicate
def has_any_role(user):
    return facts_of(user).has_any_role


def scope_of(obj):
    """The row's scope, for models that declare `access` (partnerships.access.ModelAccess)."""
    return type(obj).access.scope(obj)


def holds_role_in_partnership(*roles):
    """Predicate factory: the user holds one of `roles` in (one of) the row's partnership(s)."""

    @rules.predicate(name=f"holds_{'_or_'.join(roles)}")
    def predicate(user, obj=None):
        held = facts_of(user).partnerships_with(*roles)
        if obj is None:
            return bool(held)
        return bool(scope_of(obj).partnerships & held)

    return predicate


def holds_review_seat(fact):
    """Predicate factory: the user holds a seat (`chaired_reviews`, `panel_reviews`) on the
    row's review; with no row, on any review."""

    @rules.predicate(name=f"holds_{fact}")
    def predicate(user, obj=None):
        seats = getattr(facts_of(user), fact)
        if obj is None:
            return bool(seats)
        return scope_of(obj).review in seats

    return predicate


def may_view(model):
    """Predicate factory: the access rule for rows of `model` (whose `access` declares its
    scope); with no row, whether the user could see any row of it."""

    @rules.predicate(name=f"may_view_{model._meta.model_name}")
    def predicate(user, obj=None):
        if obj is None:
            return may_see_any(facts_of(user), model.access)
        return may_see(user, obj)

    return predicate


is_review_manager = holds_role_in_partnership(Role.REVIEW_MANAGER)
is_approver = holds_role_in_partnership(Role.APPROVER)
is_partnership_staff = holds_role_in_partnership(Role.REVIEW_MANAGER, Role.APPROVER)
is_review_chair = holds_review_seat("chaired_reviews")
is_panel_member = holds_review_seat("panel_reviews")


@rules.predicate
def is_agency_contact(user):
    """Answers an agency's information requests on some case (reviews.agency_portal)."""
    return bool(facts_of(user).agency_contacts)


# Anyone with a role, an agency's contact (or a superuser) may enter the Wagtail admin;
# what they see there is filtered by the access rule.
rules.add_perm("wagtailadmin.access_admin", is_superuser | has_any_role | is_agency_contact)

# Agencies (a shared list, partnerships.access.SHARED_LIST): national ones are seen by all
# and changed by a system administrator only; a partnership's own are seen by its people
# and changed by its review managers (the predicate asks the row's partnership, which a
# national row has none of).
rules.add_perm("partnerships.view_agency", may_view(Agency))
rules.add_perm("partnerships.add_agency", is_superuser | is_review_manager)
rules.add_perm("partnerships.change_agency", is_superuser | is_review_manager)
rules.add_perm("partnerships.delete_agency", is_superuser)
