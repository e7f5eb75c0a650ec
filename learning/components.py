from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import Action, Recommendation


class LearningPanel(Component):
    """Admin home panel: how many of the user's visible recommendations and actions are
    open or overdue, with the way to the dashboard."""

    name = "learning_library"
    order = 60
    template_name = "learning/panels/learning.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        recommendations = Recommendation.objects.visible_to(self.user)
        actions = Action.objects.visible_to(self.user)
        return {
            "open_recommendations": recommendations.exclude(status="complete").count(),
            "overdue_recommendations": recommendations.overdue(today).count(),
            "overdue_actions": actions.overdue(today).count(),
        }
