"""Forms of a case's statutory record: a send made, a QA condition met, a SAR's basis.
Choices are the case's own (its papers' versions) so a crafted POST cannot reach another
case's rows."""

from django import forms
from django.utils import timezone

from accounts.widgets import DateField

from .models import DocumentVersion, SarBasis, SendKind, SendMethod


class NotInTheFuture:
    """The date pickers offer no day after today (the services refuse one too)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, DateField):
                field.widget.attrs["max"] = timezone.localdate().isoformat()


class SendForm(NotInTheFuture, forms.Form):
    send = forms.ChoiceField(label="What was sent", choices=SendKind.choices)
    sent_on = DateField(label="Sent on")
    method = forms.ChoiceField(choices=SendMethod.choices)
    recipient = forms.CharField(max_length=200, help_text="Who it went to.")
    version = forms.ModelChoiceField(
        queryset=DocumentVersion.objects.none(),
        required=False,
        label="Version of the paper sent",
        help_text="The Home Office's letter of the decision is generated from the case and "
        "kept with the record; choose the paper's version for the other sends.",
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = (
            DocumentVersion.objects.filter(document__review=review)
            .select_related("document")
            .order_by("document__title", "-number")
        )
        self.fields["version"].label_from_instance = lambda v: (
            f"{v.document.title}, version {v.number}"
        )


class ConditionForm(NotInTheFuture, forms.Form):
    met_on = DateField(label="Change made on")
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the change was made (e.g. the paragraph amended, the version uploaded).",
    )


class SarBasisForm(NotInTheFuture, forms.ModelForm):
    decided_on = DateField(label="Decided on")

    class Meta:
        model = SarBasis
        fields = [
            "basis",
            "needs_care_and_support",
            "concern_about_joint_working",
            "condition",
            "decided_on",
            "rationale",
        ]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 3})}
