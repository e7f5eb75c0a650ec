"""The Wagtail permission policy every scoped model uses: rows from the access rule,
rights from django-rules.

Model-level and instance-level checks go through `user.has_perm`, which the rules backend
answers from each app's rules.py. Which rows a user may act on is a queryset: to view,
the access rule (`Model.objects.visible_to`); to add, change or delete, those of the
partnerships the user manages (review manager). Listings, direct URLs and menus all
agree because they all ask this policy.
"""

from wagtail.permission_policies.base import ModelPermissionPolicy

from .access import facts_of


class RulesPermissionPolicy(ModelPermissionPolicy):
    """Rights from django-rules; rows from `queryset_for(user, action)`."""

    def user_has_permission(self, user, action):
        return user.has_perm(self._get_permission_name(action))

    def user_has_permission_for_instance(self, user, action, instance):
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def queryset_for(self, user, action):
        raise NotImplementedError

    def instances_user_has_permission_for(self, user, action):
        return self.queryset_for(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        querysets = [self.queryset_for(user, action) for action in actions]
        combined = querysets[0]
        for queryset in querysets[1:]:
            combined = combined | queryset
        return combined


class ScopedPermissionPolicy(RulesPermissionPolicy):
    """Rows of a model whose `access` declares its scope (partnerships.access)."""

    # ORM path from the model to its partnership id, for the rows a manager manages.
    partnership_path = "partnership_id"
    # What managers may do besides viewing; a model that is never deleted leaves it out.
    managed_actions = frozenset({"add", "change", "delete"})
    # The fact (partnerships.access.Facts) naming the partnerships whose rows the user
    # acts on: review managers' by default; partnership administrators' for people.
    managed_by = "managed_partnerships"

    def deletable(self, queryset):
        """Rows that may be deleted at all (e.g. those with no history)."""
        return queryset

    def queryset_for(self, user, action):
        visible = self.model.objects.visible_to(user)
        if action == "view":
            return visible
        if action not in self.managed_actions:
            return self.model.objects.none()
        facts = facts_of(user)
        managed = visible
        if not facts.everything:
            managed = visible.filter(
                **{f"{self.partnership_path}__in": sorted(getattr(facts, self.managed_by))}
            )
        return self.deletable(managed) if action == "delete" else managed
