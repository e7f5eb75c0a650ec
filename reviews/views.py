"""Staff views for review cases, in the Wagtail admin.

Every view that takes a case id looks it up in `Review.objects.visible_to(user)`, so a
case of another partnership, or not assigned to this chair, is a plain 404: guessing ids
reveals nothing.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage

from .document_views import case_papers_context, visible_review_or_404
from .forms import TransitionForm
from .models import Review
from .permissions import review_permission_policy
from .workflow import (
    TransitionRefused,
    all_steps,
    available_steps,
    perform_transition,
    record_event,
)


class VisibleCasesOnly:
    """For Wagtail's generic object views (history, usage): look the case up among
    those this user may see, so other cases are a 404."""

    def get_base_object_queryset(self):
        return Review.objects.visible_to(self.request.user)


class CaseHistoryView(VisibleCasesOnly, history.HistoryView):
    pass


class CaseUsageView(VisibleCasesOnly, usage.UsageView):
    pass


class ReviewIndexView(generic.IndexView):
    def get_base_queryset(self):
        return review_permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("partnership", "chair")


class ReviewCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        record_event(instance, self.request.user, "created", "Case opened.")
        return instance


class ReviewEditView(generic.EditView):
    def get_object(self, queryset=None):
        queryset = review_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])

    def save_instance(self):
        changed = [self.form.fields[name].label or name for name in self.form.changed_data]
        instance = super().save_instance()
        if changed:
            record_event(instance, self.request.user, "edited", "Changed: " + ", ".join(changed))
        return instance


class CaseView(generic.InspectView):
    """The case page: facts, deadlines, the steps this user may take, papers, history."""

    template_name = "reviews/case_detail.html"

    def get_object(self, queryset=None):
        review = visible_review_or_404(self.request, self.pk)
        return review

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return self.object.get_kind_display()

    def get_edit_url(self):
        if review_permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        ):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        user = self.request.user
        today = timezone.localdate()
        context.update(
            review=review,
            today=today,
            steps=available_steps(review, user),
            events=review.events.select_related("actor").order_by("-occurred_at", "-pk"),
            panel=review.panel_memberships.select_related("user", "agency"),
            information_requests=review.information_requests.select_related("agency"),
            pauses=review.pauses.all(),
            **case_papers_context(review, user),
        )
        return context


class TransitionView(View):
    """GET: confirm a step (and ask for its comment). POST: take it."""

    template_name = "reviews/transition.html"

    def dispatch(self, request, pk, step_name):
        self.review = visible_review_or_404(request, pk)
        self.step = all_steps().get(step_name)
        if self.step is None:
            raise Http404("No such step.")
        return super().dispatch(request, pk, step_name)

    @cached_property
    def case_url(self):
        return reverse("reviews:inspect", args=[self.review.pk])

    def render(self, form, error=None, status=200):
        context = {
            "review": self.review,
            "step": self.step,
            "form": form,
            "error": error,
            "case_url": self.case_url,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk, step_name):
        form = TransitionForm(step=self.step, initial={"expected_state": self.review.state})
        return self.render(form)

    def post(self, request, pk, step_name):
        form = TransitionForm(request.POST, step=self.step)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            review = perform_transition(
                self.review.pk,
                self.step.name,
                request.user,
                comment=form.cleaned_data["comment"],
                expected_state=form.cleaned_data["expected_state"],
            )
        except TransitionRefused as refusal:
            self.review.refresh_from_db()
            return self.render(form, error=str(refusal), status=refusal.status)
        messages.success(
            request, f"{self.step.label}: the case is now “{review.get_state_display()}”."
        )
        return redirect(self.case_url)
