"""Forms of the family involvement log. The member a contact names is one of the case's."""

from django import forms

from .models import FamilyContact, FamilyInvolvement, FamilyMember
from .papers.confidential import checked_spelling

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FamilyMemberForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = [
            "name",
            "kind",
            "relationship",
            "consent",
            "consent_on",
            "preferences",
            "advocate",
            "referred_to_advocate_on",
        ]
        widgets = {"consent_on": DATE, "referred_to_advocate_on": DATE}

    def clean_name(self):
        return checked_spelling(self.cleaned_data["name"], "A name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("referred_to_advocate_on") and not cleaned.get("advocate"):
            self.add_error("advocate", "Say which advocate or service they were referred to.")
        return cleaned


class FamilyContactForm(forms.ModelForm):
    class Meta:
        model = FamilyContact
        fields = ["contacted_on", "member", "way", "by", "outcome"]
        widgets = {"contacted_on": DATE, "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["member"].queryset = FamilyMember.objects.filter(review=review)
        self.fields["member"].label_from_instance = lambda member: f"{member.name} ({member})"


class FamilyInvolvementForm(forms.ModelForm):
    class Meta:
        model = FamilyInvolvement
        fields = [
            "pseudonym_agreed",
            "pseudonym_agreed_on",
            "tribute",
            "tribute_may_be_published",
            "draft_shared_on",
            "draft_comments",
            "draft_response",
            "notice_given_on",
            "no_notice_reason",
            "feedback",
            "feedback_on",
        ]
        widgets = {
            name: DATE
            for name in (
                "pseudonym_agreed_on",
                "draft_shared_on",
                "notice_given_on",
                "feedback_on",
            )
        }
