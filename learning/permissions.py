"""Wagtail permission policies for the learning library: the rows each user may act on.

They answer with querysets that agree with learning.rules, so a listing shows exactly
what the detail and edit pages will open, and a guessed id outside them is a 404.
"""

from django.db.models import Exists, OuterRef

from partnerships.models import Role, roles_of
from partnerships.permissions import RulesPermissionPolicy

from .models import Action, ProgressUpdate, Recommendation, RecommendationAction, Strategy, Theme


def managed_partnerships(user):
    return roles_of(user).partnerships_with(Role.REVIEW_MANAGER)


class LibraryPermissionPolicy(RulesPermissionPolicy):
    """Read: the model's `visible_to`. Add/change: rows of partnerships the user manages.
    Delete: those, while they have no history (see rules.has_no_history)."""

    partnership_lookup = "partnership_id"

    def without_history(self, queryset):
        return queryset

    def queryset_for(self, user, action):
        visible = self.model.objects.visible_to(user)
        if action == "view":
            return visible
        if action not in {"add", "change", "delete"}:
            return self.model.objects.none()
        managed = visible
        if not user.is_superuser:
            managed = visible.filter(
                **{f"{self.partnership_lookup}__in": managed_partnerships(user)}
            )
        return self.without_history(managed) if action == "delete" else managed


class StrategyPermissionPolicy(LibraryPermissionPolicy):
    def without_history(self, queryset):
        return queryset.exclude(
            Exists(ProgressUpdate.objects.filter(action__strategy=OuterRef("pk")))
        ).exclude(Exists(RecommendationAction.objects.filter(action__strategy=OuterRef("pk"))))


class ActionPermissionPolicy(LibraryPermissionPolicy):
    partnership_lookup = "strategy__partnership_id"

    def without_history(self, queryset):
        return queryset.filter(progress_updates__isnull=True, recommendation_links__isnull=True)


class RecommendationPermissionPolicy(LibraryPermissionPolicy):
    partnership_lookup = "review__partnership_id"

    def without_history(self, queryset):
        return queryset.filter(progress_updates__isnull=True)


class ThemePermissionPolicy(RulesPermissionPolicy):
    def queryset_for(self, user, action):
        if self.user_has_permission(user, action):
            return Theme.objects.all()
        return Theme.objects.none()


strategy_permission_policy = StrategyPermissionPolicy(Strategy)
action_permission_policy = ActionPermissionPolicy(Action)
recommendation_permission_policy = RecommendationPermissionPolicy(Recommendation)
theme_permission_policy = ThemePermissionPolicy(Theme)
