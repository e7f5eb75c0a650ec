from datetime import timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from partnerships.access import facts_of

from . import timeliness
from .deadlines import DUE_SOON_DAYS
from .family import family_summary
from .models import DocumentComment, DocumentVersion, InformationRequest, Review
from .stages import GATHERING, State
from .workflow import next_steps


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


class TimelinessPanel(Component):
    """Admin home panel: the reviews signed off this financial year and last, per
    partnership, on time on both clocks (reviews.timeliness), beside the national figures
    entered with their sources."""

    name = "review_timeliness"
    order = 55
    template_name = "reviews/panels/timeliness.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        this_year = timeliness.year_of(today, financial=True)
        signed_off = Review.objects.visible_to(self.user).filter(
            signed_off_on__gte=today.replace(year=this_year - 1, month=4, day=1)
        )
        return {
            "figures": timeliness.figures_by_partnership_and_year(signed_off, financial=True),
            "national": timeliness.national_figures(Review.objects.visible_to(self.user)),
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


FINISHED = (State.CLOSED, State.NOT_PROCEEDING)


def latest_draft(review):
    return (
        DocumentVersion.objects.filter(
            document__review=review, document__kind="draft_overview_report"
        )
        .order_by("-uploaded_at", "-pk")
        .first()
    )


class YourWorkPanel(Component):
    """Admin home panel: what is waiting for this user, by the roles they hold. Every list
    is of cases the user may open (Review.objects.visible_to), each item a link.

    Review managers: cases by stage. Chairs: their cases, drafts with comments they have
    not answered, the papers their cases need next. Panel members: drafts in panel review
    they have not commented on. Approvers: cases awaiting their sign-off."""

    name = "your_work"
    order = 40
    template_name = "reviews/panels/your_work.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        user = self.user
        facts = facts_of(user)
        visible = Review.objects.visible_to(user).exclude(state__in=FINISHED)
        context = {"sections": []}
        index = reverse("reviews:index")
        if facts.everything or facts.managed_partnerships:
            counts = dict(visible.values_list("state").annotate(n=Count("pk")).order_by())
            context["stages"] = [
                (label, counts[value], f"{index}?state={value}")
                for value, label in State.choices
                if counts.get(value)
            ]
        chaired = list(visible.filter(chair=user).select_related("partnership"))
        if chaired:
            context["my_cases"] = chaired
            context["new_comments"] = self.drafts_with_new_comments(chaired)
            context["upload_next"] = [
                (review, step)
                for review in chaired
                for step in next_steps(review, user)[1]
                if step.where == "papers"
            ]
        on_panel = visible.filter(panel_memberships__user=user, state=State.PANEL_REVIEW)
        context["awaiting_comments"] = [
            review for review in on_panel.distinct() if self.not_yet_commented(review)
        ]
        if facts.everything or facts.approved_partnerships:
            awaiting = visible.filter(state=State.PARTNERSHIP_SIGNOFF)
            context["awaiting_signoff"] = [
                review
                for review in awaiting
                if any(t.name == "sign_off" for t in next_steps(review, user)[0])
            ]
        return context

    def drafts_with_new_comments(self, reviews):
        """(case, count) of comments by others on the latest draft since the chair's own
        latest comment or upload of it."""
        found = []
        for review in reviews:
            draft = latest_draft(review)
            if draft is None:
                continue
            comments = DocumentComment.objects.filter(version=draft).exclude(author=self.user)
            own = (
                DocumentComment.objects.filter(version=draft, author=self.user)
                .order_by("-created_at")
                .values_list("created_at", flat=True)
                .first()
            )
            if own is not None:
                comments = comments.filter(created_at__gt=own)
            if count := comments.count():
                found.append((review, count))
        return found

    def not_yet_commented(self, review):
        draft = latest_draft(review)
        return draft is not None and not draft.comments.filter(author=self.user).exists()
