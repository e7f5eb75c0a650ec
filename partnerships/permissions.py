"""A Wagtail permission policy that asks django-rules, so object-level rules apply."""

from wagtail.permission_policies.base import ModelPermissionPolicy


class RulesPermissionPolicy(ModelPermissionPolicy):
    """Model-level and instance-level checks go through user.has_perm, which the
    rules backend answers from each app's rules.py. Subclasses say which rows a user
    may act on with `queryset_for(user, action)`, so listings and direct URLs agree."""

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
