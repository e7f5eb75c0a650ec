"""Admin forms. Choices are limited to the partnerships the editing user manages, and
clean() re-checks the choice actually made, so a crafted POST cannot reach further."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.widgets import DateField, limit_formset_choices
from partnerships.access import choosable, may_choose
from partnerships.models import Agency, Partnership, partnerships_managed_by
from reviews.models import Review

from .models import RAG, Action, Priority, Recipient, Status, Strategy, Theme


def managed_partnership_ids(user):
    partnerships = partnerships_managed_by(user) if user else Partnership.objects.all()
    return set(partnerships.values_list("pk", flat=True))


class StrategyForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.managed = managed_partnership_ids(self.for_user)
        self.fields["partnership"].queryset = Partnership.objects.filter(pk__in=self.managed)

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        if self.instance.pk and partnership and partnership.pk != self.instance.partnership_id:
            self.add_error("partnership", "A strategy cannot be moved to another partnership.")
        priorities = self.formsets.get("priorities")
        if priorities is not None:
            for form in priorities.deleted_forms:
                if form.instance.pk and form.instance.actions.exists():
                    self.add_error(
                        None,
                        f"Priority {form.instance} still has actions: move or delete them "
                        "before removing the priority.",
                    )
        return cleaned


class ActionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        priorities = Priority.objects.filter(
            strategy__partnership_id__in=managed_partnership_ids(self.for_user)
        ).select_related("strategy")
        if self.instance.pk:
            # An action stays in its plan; it may move between the plan's priorities.
            priorities = priorities.filter(strategy_id=self.instance.strategy_id)
        self.fields["priority"].queryset = priorities.order_by("strategy__title", "sort_order")
        self.fields["priority"].label_from_instance = lambda p: f"{p.strategy}: {p}"
        managed = managed_partnership_ids(self.for_user)
        self.fields["lead_agency"].queryset = choosable(Agency, self.for_user, managed)

    def clean(self):
        cleaned = super().clean()
        priority = cleaned.get("priority")
        reference = cleaned.get("reference")
        lead_agency = cleaned.get("lead_agency")
        if priority and not may_choose(lead_agency, priority.strategy.partnership_id):
            self.add_error("lead_agency", f"{lead_agency} is another partnership's agency.")
        if priority and reference:
            clash = Action.objects.filter(strategy_id=priority.strategy_id, reference=reference)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "reference", f"{priority.strategy} already has an action {reference}."
                )
        return cleaned


class RecommendationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        managed = managed_partnership_ids(self.for_user)
        self.fields["review"].queryset = Review.objects.filter(partnership_id__in=managed).order_by(
            "-notified_on", "reference"
        )
        self.fields["owning_agency"].queryset = choosable(Agency, self.for_user, managed)
        self.fields["themes"].queryset = choosable(Theme, self.for_user, managed)
        links = self.formsets.get("action_links")
        if links is not None:
            actions = (
                Action.objects.filter(strategy__partnership_id__in=managed)
                .select_related("strategy")
                .order_by("strategy__title", "position")
            )
            limit_formset_choices(links, "action", actions, lambda a: f"{a.strategy}: {a}")

    def clean(self):
        cleaned = super().clean()
        review = cleaned.get("review")
        if self.instance.pk and review and review.pk != self.instance.review_id:
            self.add_error("review", "A recommendation cannot be moved to another review.")
        if review:
            agency = cleaned.get("owning_agency")
            if not may_choose(agency, review.partnership_id):
                self.add_error("owning_agency", f"{agency} is another partnership's agency.")
            for theme in cleaned.get("themes") or ():
                if not may_choose(theme, review.partnership_id):
                    self.add_error("themes", f"{theme} is another partnership's theme.")
        return cleaned


class ProgressForm(forms.Form):
    """A progress update. Evidence is asked for on recommendations only."""

    rag = forms.ChoiceField(
        label="RAG rating", choices=RAG.choices, widget=forms.RadioSelect, required=True
    )
    status = forms.ChoiceField(
        choices=[("", "Unchanged"), *Status.choices], required=False, label="Status"
    )
    comment = forms.CharField(
        label="What has happened since the last update", widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(
        label="Evidence of completion",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required to mark a recommendation complete.",
    )
    reported_on = DateField(label="Date of the update", initial=timezone.localdate)

    def __init__(self, *args, with_evidence=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_evidence:
            del self.fields["evidence"]

    def clean_reported_on(self):
        reported_on = self.cleaned_data["reported_on"]
        if reported_on > timezone.localdate():
            raise forms.ValidationError("An update cannot be dated in the future.")
        return reported_on


class ActionPlanImportForm(forms.Form):
    strategy = forms.ModelChoiceField(queryset=Strategy.objects.none())
    file = forms.FileField(help_text="CSV or XLSX in the action plan format.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = Strategy.objects.filter(
            partnership_id__in=managed_partnership_ids(user)
        ).select_related("partnership")


class ReviewImportForm(forms.Form):
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        help_text="Reviews are imported into a partnership whose review manager you are.",
    )
    file = forms.FileField(help_text="CSV or XLSX in the reviews format.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.filter(
            pk__in=managed_partnership_ids(user)
        )


class ReviewPlanImportForm(forms.Form):
    review = forms.ModelChoiceField(queryset=Review.objects.none())
    file = forms.FileField(help_text="CSV or XLSX in the review action plan format.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = Review.objects.filter(
            partnership_id__in=managed_partnership_ids(user)
        ).order_by("reference")


class RecommendationImportForm(forms.Form):
    partnership = forms.ModelChoiceField(queryset=Partnership.objects.none())
    file = forms.FileField(help_text="CSV or XLSX in the recommendations format.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.filter(
            pk__in=managed_partnership_ids(user)
        )


class DistributionForm(forms.Form):
    """The year's annual report sent to one recipient of the Care Act 2014, Schedule 2,
    paragraph 4(2)."""

    recipient = forms.ChoiceField(choices=Recipient.choices)
    recipient_name = forms.CharField(
        max_length=200, required=False, label="Name", help_text="e.g. the office holder."
    )
    sent_on = DateField(label="Sent on")
    method = forms.CharField(max_length=100, required=False, help_text="e.g. email.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].widget.attrs["max"] = timezone.localdate().isoformat()
