"""Permission predicates about partnership roles, shared by every app."""

import rules

from .models import Role, roles_of


@rules.predicate
def is_superuser(user):
    return bool(getattr(user, "is_superuser", False) and user.is_active)


@rules.predicate
def has_any_role(user):
    return roles_of(user).any


def holds_role_in_partnership(*roles):
    """Predicate factory: the user holds one of `roles` in the object's partnership.

    Works on any object with a `partnership_id`; with no object, asks whether the user
    holds the role anywhere (what Wagtail menus and list views need).
    """

    @rules.predicate(name=f"holds_{'_or_'.join(roles)}")
    def predicate(user, obj=None):
        held = roles_of(user).partnerships_with(*roles)
        if obj is None:
            return bool(held)
        return getattr(obj, "partnership_id", None) in held

    return predicate


is_review_manager = holds_role_in_partnership(Role.REVIEW_MANAGER)
is_approver = holds_role_in_partnership(Role.APPROVER)
is_partnership_staff = holds_role_in_partnership(Role.REVIEW_MANAGER, Role.APPROVER)

# Anyone with a role (or a superuser) may enter the Wagtail admin; what they see there
# is filtered by the object-level rules of each app.
rules.add_perm("wagtailadmin.access_admin", is_superuser | has_any_role)
