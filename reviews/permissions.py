from partnerships.models import Role, roles_of
from partnerships.permissions import RulesPermissionPolicy

from .models import Review


class ReviewPermissionPolicy(RulesPermissionPolicy):
    def queryset_for(self, user, action):
        visible = Review.objects.visible_to(user)
        if action == "view":
            return visible
        if action in {"add", "change"}:
            if user.is_superuser:
                return visible
            managed = roles_of(user).partnerships_with(Role.REVIEW_MANAGER)
            return visible.filter(partnership_id__in=managed)
        return Review.objects.none()


review_permission_policy = ReviewPermissionPolicy(Review)
