from datetime import timedelta

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .family import family_summary
from .models import InformationRequest, Review
from .stages import GATHERING

DUE_SOON_DAYS = 14


class DeadlinesPanel(Component):
    """Admin home panel: this user's cases that are overdue or due within 14 days."""

    name = "review_deadlines"
    order = 50
    template_name = "reviews/panels/deadlines.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        visible = Review.objects.visible_to(self.user).select_related("partnership")
        overdue = sorted(visible.overdue(today), key=lambda r: r.current_due_on)
        due_soon = sorted(
            visible.due_between(today, today + timedelta(days=DUE_SOON_DAYS)),
            key=lambda r: r.current_due_on,
        )
        late_requests = (
            InformationRequest.objects.filter(
                review__in=visible.filter(state__in=GATHERING),
                received_on__isnull=True,
                due_on__lt=today,
            )
            .select_related("review", "agency")
            .order_by("due_on")
        )
        return {
            "today": today,
            "overdue": overdue,
            "due_soon": due_soon,
            "late_requests": late_requests,
            "due_soon_days": DUE_SOON_DAYS,
        }


class FamilyPanel(Component):
    """On the case page, for those who may see the family log: its figures and the way
    to it (never a name)."""

    template_name = "reviews/panels/family.html"
    order = 20

    def __init__(self, review):
        self.review = review

    def get_context_data(self, parent_context=None):
        return {"review": self.review, "summary": family_summary(self.review)}
