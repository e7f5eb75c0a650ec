"""Wagtail permission policies for the learning library: the rows each user may act on.

Viewing is the access rule; adding, changing and deleting are for the managers of the
row's partnership (partnerships.permissions.ScopedPermissionPolicy); deleting only while
the row has no history (learning.rules.has_no_history says the same for one row).
"""

from django.db.models import Exists, OuterRef

from partnerships.permissions import RulesPermissionPolicy, ScopedPermissionPolicy

from .models import (
    Action,
    Body,
    BodyRecommendation,
    Briefing,
    ImpactCheck,
    ProgressUpdate,
    Recommendation,
    RecommendationAction,
    ReviewAction,
    Strategy,
    Theme,
)


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


class BodyRecommendationPermissionPolicy(ScopedPermissionPolicy):
    partnership_path = "recommendation__review__partnership_id"


class ReviewActionPermissionPolicy(ScopedPermissionPolicy):
    partnership_path = "review__partnership_id"

    def deletable(self, queryset):
        return queryset.filter(progress_updates__isnull=True)


class ImpactCheckPermissionPolicy(ScopedPermissionPolicy):
    partnership_path = "recommendation__review__partnership_id"


class BodyPermissionPolicy(RulesPermissionPolicy):
    """One list for every partnership: administrators maintain it, everyone reads it."""

    def queryset_for(self, user, action):
        if self.user_has_permission(user, action):
            return Body.objects.all()
        return Body.objects.none()


strategy_permission_policy = StrategyPermissionPolicy(Strategy)
action_permission_policy = ActionPermissionPolicy(Action)
recommendation_permission_policy = RecommendationPermissionPolicy(Recommendation)
theme_permission_policy = ScopedPermissionPolicy(Theme)
body_recommendation_permission_policy = BodyRecommendationPermissionPolicy(BodyRecommendation)
review_action_permission_policy = ReviewActionPermissionPolicy(ReviewAction)
body_permission_policy = BodyPermissionPolicy(Body)
briefing_permission_policy = ScopedPermissionPolicy(Briefing)
impact_check_permission_policy = ImpactCheckPermissionPolicy(ImpactCheck)
