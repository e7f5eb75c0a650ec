import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component

from partnerships.access import facts_of
from reviews.models import ChronologyEntry

from .models import Action, Finding, LearningEvent, Recommendation


class ReviewRecommendationsPanel(Component):
    """On the case page: the case's recommendations the user may see, each with the
    actions that deliver it (linked where the user may open them)."""

    template_name = "learning/panels/review_recommendations.html"

    def __init__(self, request, review):
        self.user = request.user
        self.review = review

    def get_context_data(self, parent_context=None):
        user, review = self.user, self.review
        recommendations = (
            Recommendation.objects.visible_to(user)
            .filter(review=review)
            .select_related("owning_agency")
            .prefetch_related("action_links__action__strategy")
        )
        return {
            "review": review,
            "recommendations": recommendations,
            "visible_action_ids": set(
                Action.objects.visible_to(user)
                .filter(recommendation_links__recommendation__review=review)
                .values_list("pk", flat=True)
            ),
            "can_add": user.has_perm("learning.add_recommendation", review),
        }


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
            "can_view_reports": self.user.has_perm("learning.view_reports"),
            "open_recommendations": recommendations.unfinished().count(),
            "overdue_recommendations": recommendations.overdue(today).count(),
            "overdue_actions": actions.overdue(today).count(),
            **self.agency_work(recommendations, actions, today),
        }

    def agency_work(self, recommendations, actions, today):
        """A partner agency user's own work: the open recommendations and actions their
        agency owns (among what they may see), overdue first, then by due date."""
        agencies = {agency for _, agency in facts_of(self.user).agency_seats}
        if not agencies:
            return {}

        def overdue_first(rows, due):
            rows = list(rows)
            return sorted(
                rows,
                key=lambda row: (
                    not row.is_overdue(today),
                    getattr(row, due) or datetime.date.max,
                ),
            )

        return {
            "agency_work": True,
            "my_recommendations": overdue_first(
                recommendations.filter(owning_agency__in=agencies)
                .unfinished()
                .select_related("review"),
                "target_date",
            ),
            "my_actions": overdue_first(
                actions.filter(lead_agency__in=agencies).unfinished().select_related("strategy"),
                "due_on",
            ),
        }


class CaseChronologyPanel(Component):
    """On the case page: the combined chronology, the findings and the learning event, in
    figures, with the way to each."""

    template_name = "learning/panels/case_chronology.html"

    def __init__(self, request, review):
        self.user = request.user
        self.review = review

    def get_context_data(self, parent_context=None):
        review = self.review
        entries = ChronologyEntry.objects.filter(review=review)
        return {
            "review": review,
            "agencies": entries.values("agency_id").distinct().count(),
            "entries": entries.count(),
            "missed": entries.filter(missed_opportunity=True).count(),
            "findings": Finding.objects.filter(review=review).count(),
            "events": LearningEvent.objects.filter(review=review).order_by("held_on"),
        }
