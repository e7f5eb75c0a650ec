"""Wagtail permission policies for the learning library: the rows each user may act on.

Viewing is the access rule; adding, changing and deleting are for the managers of the
row's partnership (partnerships.permissions.ScopedPermissionPolicy); deleting only while
the row has no history (learning.rules.has_no_history says the same for one row).
"""

from django.db.models import Exists, OuterRef

from partnerships.permissions import ScopedPermissionPolicy

from .models import Action, ProgressUpdate, Recommendation, RecommendationAction, Strategy, Theme


class StrategyPermissionPolicy(ScopedPermissionPolicy):
    def deletable(self, queryset):
        return queryset.exclude(
            Exists(ProgressUpdate.objects.filter(action__strategy=OuterRef("pk")))
        ).exclude(Exists(RecommendationAction.objects.filter(action__strategy=OuterRef("pk"))))


class ActionPermissionPolicy(ScopedPermissionPolicy):
    partnership_path = "strategy__partnership_id"

    def deletable(self, queryset):
        return queryset.filter(progress_updates__isnull=True, recommendation_links__isnull=True)


class RecommendationPermissionPolicy(ScopedPermissionPolicy):
    partnership_path = "review__partnership_id"

    def deletable(self, queryset):
        return queryset.filter(progress_updates__isnull=True)


strategy_permission_policy = StrategyPermissionPolicy(Strategy)
action_permission_policy = ActionPermissionPolicy(Action)
recommendation_permission_policy = RecommendationPermissionPolicy(Recommendation)
theme_permission_policy = ScopedPermissionPolicy(Theme)
