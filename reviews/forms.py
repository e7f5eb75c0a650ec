from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from partnerships.models import Partnership, Role, roles_of


def users_with_role(role, partnership_ids):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=role,
            memberships__partnership_id__in=partnership_ids,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ReviewForm(WagtailAdminModelForm):
    """Case details. Partnership, chair and panel choices are limited to what the
    editing review manager's partnerships hold; clean() re-checks them against the
    partnership actually chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            managed = roles_of(user).partnerships_with(Role.REVIEW_MANAGER)
        else:
            managed = set(Partnership.objects.values_list("pk", flat=True))
        self.fields["partnership"].queryset = Partnership.objects.filter(pk__in=managed)
        if "chair" in self.fields:
            self.fields["chair"].queryset = users_with_role(Role.CHAIR, managed)
        panel_formset = self.formsets.get("panel_memberships")
        if panel_formset is not None:
            panel_users = users_with_role(Role.PANEL_MEMBER, managed)
            for form in panel_formset.forms + [panel_formset.empty_form]:
                form.fields["user"].queryset = panel_users

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        chair = cleaned.get("chair")
        if (
            partnership
            and chair
            and not chair.memberships.filter(partnership=partnership, role=Role.CHAIR).exists()
        ):
            self.add_error("chair", f"{chair} is not an independent chair for {partnership}.")
        if self.instance.pk and partnership and partnership.pk != self.instance.partnership_id:
            self.add_error("partnership", "A case cannot be moved to another partnership.")
        return cleaned


class TransitionForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    expected_state = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["comment"].label = step.comment_label
        self.fields["comment"].required = step.comment_required


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField()
    title = forms.CharField(max_length=200)
    file = forms.FileField()
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        from .models import CaseDocument

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CaseDocument.Kind.choices

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise ValidationError("The file is empty.")
        return upload
