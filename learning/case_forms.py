"""Forms of a case's combined chronology, findings and learning event. Choices are the
case's own (its agencies, findings) so a crafted POST cannot reach another case."""

from django import forms
from django.forms import inlineformset_factory

from partnerships.models import Agency

from .models import Finding, LearningEvent, LearningEventAttendance, Recommendation, Theme


def case_agencies(review):
    """The agencies a case involves or asked for information."""
    return Agency.objects.filter(
        pk__in=set(review.agencies.values_list("pk", flat=True))
        | set(review.information_requests.values_list("agency_id", flat=True))
    )


class ChronologyImportForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        help_text="Whose chronology this is. It replaces what the agency sent before.",
    )
    file = forms.FileField(help_text="CSV or XLSX in the chronology format.")

    def __init__(self, *args, review, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = case_agencies(review)


class ChronologyFilterForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False)
    missed = forms.BooleanField(label="Missed opportunities only", required=False)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=review.chronology.values("agency_id")
        )


class OpportunityLinkForm(forms.Form):
    finding = forms.ModelChoiceField(queryset=Finding.objects.none(), required=False)
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = Finding.objects.filter(review=review)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("finding") and not cleaned.get("theme"):
            raise forms.ValidationError("Choose a finding or a theme.")
        return cleaned


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["number", "text", "themes", "recommendations"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "recommendations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["recommendations"].queryset = Recommendation.objects.filter(review=review)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        clash = Finding.objects.filter(review=self.instance.review, number=number)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The case already has a finding with that number.")
        return number


class LearningEventForm(forms.ModelForm):
    class Meta:
        model = LearningEvent
        fields = ["held_on", "title", "themes", "findings", "notes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "themes": forms.CheckboxSelectMultiple,
            "findings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["findings"].queryset = Finding.objects.filter(review=review)


def attendance_formset(review, *args, **kwargs):
    formset_class = inlineformset_factory(
        LearningEvent,
        LearningEventAttendance,
        fields=["agency", "attendees", "roles"],
        extra=3,
        can_delete=True,
    )
    formset = formset_class(*args, **kwargs)
    for form in formset.forms:
        form.fields["agency"].queryset = Agency.objects.all()
    return formset
