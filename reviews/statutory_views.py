"""Screens for a case's statutory record: a send made, a QA condition met with its
evidence, a SAR's basis. The case is looked up among those the user may see (the access
rule: any other case is a 404); recording needs `reviews.record_statutory` (the case's
review managers). Each record is written by reviews.statutory, which puts it in the
case's history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View

from . import statutory
from .lookups import visible_review_or_404
from .models import QaCondition, SendKind
from .refusals import TransitionRefused
from .statutory_forms import ConditionForm, SarBasisForm, SendForm


class StatutoryRecordView(View):
    template_name = "reviews/statutory_form.html"
    title = ""
    intro = ""

    def dispatch(self, request, pk, **kwargs):
        self.review = visible_review_or_404(request, pk)
        if not request.user.has_perm("reviews.record_statutory", self.review):
            raise PermissionDenied
        return super().dispatch(request, pk, **kwargs)

    def render(self, form, error=None, status=200):
        context = {
            "review": self.review,
            "form": form,
            "error": error,
            "title": self.title,
            "intro": self.intro,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def done(self, message):
        messages.success(self.request, message)
        return redirect("reviews:inspect", self.review.pk)


class SendView(StatutoryRecordView):
    title = "Record a statutory send"
    intro = "What was sent, to whom, when and how: it goes into the case's history."

    def initial(self):
        owed = {entry.send: entry for entry in statutory.owed_sends(self.review)}
        send = self.request.GET.get("send")
        if send not in SendKind.values:
            send = next(iter(statutory.outstanding_sends(self.review)), None)
            send = send.send if send else None
        recipient = owed[send].recipient if send in owed else ""
        return {"send": send, "recipient": recipient}

    def get(self, request, pk):
        return self.render(SendForm(review=self.review, initial=self.initial()))

    def post(self, request, pk):
        form = SendForm(request.POST, review=self.review)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            made = statutory.record_send(
                self.review,
                data["send"],
                request.user,
                sent_on=data["sent_on"],
                method=data["method"],
                recipient=data["recipient"],
                version=data["version"],
            )
        except TransitionRefused as refusal:
            return self.render(form, error=str(refusal), status=refusal.status)
        return self.done(f"Recorded: {made}.")


class ConditionView(StatutoryRecordView):
    title = "Record a change the Home Office asked for as made"

    def dispatch(self, request, pk, condition_pk):
        self.condition_pk = condition_pk
        return super().dispatch(request, pk)

    @property
    def condition(self):
        conditions = QaCondition.objects.filter(outcome__review=self.review)
        return get_object_or_404(conditions, pk=self.condition_pk)

    def render(self, form, error=None, status=200):
        self.intro = f"The change asked for: “{self.condition.text}”."
        return super().render(form, error, status)

    def get(self, request, pk):
        return self.render(ConditionForm())

    def post(self, request, pk):
        form = ConditionForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            statutory.tick_condition(
                self.condition,
                request.user,
                evidence=form.cleaned_data["evidence"],
                met_on=form.cleaned_data["met_on"],
            )
        except TransitionRefused as refusal:
            return self.render(form, error=str(refusal), status=refusal.status)
        return self.done("The change is recorded as made.")


class SarBasisView(StatutoryRecordView):
    title = "Why the SAR is held (Care Act 2014, s44)"
    intro = (
        "Mandatory where the adult has needs for care and support, there is reasonable "
        "cause for concern about how agencies worked together, and condition 1 or 2 is met "
        "(s44(1)-(3)); otherwise the board may choose to hold one (s44(4))."
    )

    def get(self, request, pk):
        if not self.review.held_under_care_act:
            raise Http404(
                "Only a review that meets the criteria of a SAR is held under the Care Act, s44."
            )
        return self.render(SarBasisForm(instance=getattr(self.review, "sar_basis", None)))

    def post(self, request, pk):
        form = SarBasisForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            statutory.record_sar_basis(
                self.review,
                request.user,
                basis=data["basis"],
                needs_care_and_support=data["needs_care_and_support"],
                concern=data["concern_about_joint_working"],
                condition=data["condition"],
                on=data["decided_on"],
                rationale=data["rationale"],
            )
        except TransitionRefused as refusal:
            return self.render(form, error=str(refusal), status=refusal.status)
        return self.done("The basis of the SAR is recorded.")
