from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.people import full_name, name_people
from accounts.widgets import DateField, limit_formset_choices
from partnerships.access import choosable, may_choose
from partnerships.forms import limit_inline_choices
from partnerships.models import Agency, Partnership, Person, Role, partnerships_managed_by
from security.text import refuse_control_characters

from .models import CaseDocument, GuidanceVersion, ReviewPerson
from .panel import holds_role_for
from .papers.versions import check_audience
from .people_vocabulary import PersonRole


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
        partnerships = (
            partnerships_managed_by(self.for_user) if self.for_user else Partnership.objects.all()
        )
        managed = set(partnerships.values_list("pk", flat=True))
        self.fields["partnership"].queryset = partnerships
        if self.instance.pk:
            # A case's people come from its own partnership only.
            managed &= {self.instance.partnership_id}
        # Text that reaches the public site and its feed: no invisible control characters.
        for name in ("reference", "pseudonym", "summary"):
            if name in self.fields:
                self.fields[name].validators.append(refuse_control_characters)
        if "chair" in self.fields:
            self.fields["chair"].queryset = users_with_role(Role.CHAIR, managed)
            name_people(self.fields["chair"])
        agencies = choosable(Agency, self.for_user, managed)
        if "agencies" in self.fields:
            self.fields["agencies"].queryset = agencies
        panel_formset = self.formsets.get("panel_memberships")
        if panel_formset is not None:
            panel_users = users_with_role(Role.PANEL_MEMBER, managed)
            limit_inline_choices(panel_formset, agency=agencies)
            limit_formset_choices(panel_formset, "user", panel_users, full_name)
        requests = self.formsets.get("information_requests")
        if requests is not None:
            # The contact is one of the case's partnership's people who represents an agency.
            people = Person.objects.filter(
                partnership_id__in=managed, active=True, agency__isnull=False
            ).select_related("agency")
            limit_inline_choices(requests, agency=agencies, contact_person=people)
        pairs_formset = self.formsets.get("pairs")
        if pairs_formset is not None:
            # A pair chooses from this review's own people (saved ones).
            people = ReviewPerson.objects.filter(review_id=self.instance.pk)
            for form in pairs_formset.forms + [pairs_formset.empty_form]:
                form.fields["victim"].queryset = people.filter(role=PersonRole.VICTIM)
                form.fields["perpetrator"].queryset = people.filter(role=PersonRole.PERPETRATOR)

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        if partnership:
            self.check_choices_belong_to(partnership)
        chair = cleaned.get("chair")
        if partnership and chair and not holds_role_for(chair, Role.CHAIR, partnership.pk):
            self.add_error("chair", f"{chair} is not an independent chair for {partnership}.")
        if self.instance.pk and partnership and partnership.pk != self.instance.partnership_id:
            self.add_error("partnership", "A case cannot be moved to another partnership.")
        if "guidance" in self.fields and not cleaned.get("guidance") and partnership:
            # Left blank: the partnership's version, else the default (as for a new case).
            cleaned["guidance"] = GuidanceVersion.for_new_review(
                partnership.pk, cleaned.get("kind")
            )
        if partnership:
            self.check_co_commissioners(partnership)
        return cleaned

    def check_co_commissioners(self, partnership):
        """A co-commissioning partnership is another partnership than the lead, once."""
        formset = self.formsets.get("commissioners")
        seen = set()
        for form in formset.forms if formset is not None else []:
            if not form.is_valid() or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            joint = form.cleaned_data.get("partnership")
            if joint == partnership:
                form.add_error("partnership", "The lead partnership commissions the case already.")
            elif joint in seen:
                form.add_error("partnership", f"{joint} is named twice.")
            seen.add(joint)

    def check_choices_belong_to(self, partnership):
        """Agencies and panel members chosen anywhere in the form are the case's
        partnership's (or national agencies): a manager of two partnerships cannot mix
        them, and a forged choice is refused even where the list would have offered it."""
        for agency in self.cleaned_data.get("agencies") or ():
            if not may_choose(agency, partnership.pk):
                self.add_error("agencies", f"{agency} is another partnership's agency.")
        for name in ("panel_memberships", "information_requests"):
            formset = self.formsets.get(name)
            if formset is None:
                continue
            for form in formset.forms:
                if not form.is_valid():  # cleans the inline form, if not yet done
                    continue
                data = form.cleaned_data
                if not data or data.get("DELETE"):
                    continue
                agency = data.get("agency")
                if not may_choose(agency, partnership.pk):
                    form.add_error("agency", f"{agency} is another partnership's agency.")
                person = data.get("contact_person")
                if person and (
                    person.partnership_id != partnership.pk
                    or agency is None
                    or person.agency_id != agency.pk
                ):
                    form.add_error(
                        "contact_person", f"{person} is not one of {agency}'s people here."
                    )
                user = data.get("user")
                if user and not holds_role_for(user, Role.PANEL_MEMBER, partnership.pk):
                    form.add_error("user", f"{user} is not a panel member for {partnership}.")


class ChairForm(forms.Form):
    """Appoint the independent chair from the case page: the partnership's chairs."""

    chair = forms.ModelChoiceField(
        queryset=None, label="Independent chair", empty_label="Choose the independent chair"
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["chair"]
        field.queryset = users_with_role(Role.CHAIR, [review.partnership_id])
        field.initial = review.chair_id
        name_people(field)


class PanelMemberForm(forms.Form):
    """Add a panel member from the case page: the partnership's panel members not yet on
    this panel, seated for one of the agencies the case may name."""

    user = forms.ModelChoiceField(
        queryset=None, label="Panel member", empty_label="Choose a panel member"
    )
    agency = forms.ModelChoiceField(
        queryset=None, required=False, label="For the agency", empty_label="No agency"
    )
    role = forms.CharField(
        max_length=100,
        required=False,
        label="Role on the panel (optional)",
        help_text="For example: specialist adviser.",
    )

    def __init__(self, *args, review, user, **kwargs):
        super().__init__(*args, **kwargs)
        seated = review.panel_memberships.values("user_id")
        self.fields["user"].queryset = users_with_role(
            Role.PANEL_MEMBER, [review.partnership_id]
        ).exclude(pk__in=seated)
        name_people(self.fields["user"])
        self.fields["agency"].queryset = choosable(Agency, user, [review.partnership_id])
        self.fields["role"].validators.append(refuse_control_characters)


class TransitionForm(forms.Form):
    """A step: the date it happened (today unless it is recorded late) and, where the step
    asks for words, the comment. The date rules are perform_transition's; the form only
    refuses what is not a date."""

    effective_on = DateField(
        label="Date it happened",
        required=False,
        help_text="Today, or the earlier date on which it happened. Not in the future, and "
        "not before the case's previous step. Left empty, today.",
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    expected_state = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, transition, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.transition = transition
        self.fields["effective_on"].initial = today
        self.fields["effective_on"].widget.attrs.update(
            {"max": today.isoformat(), "aria-describedby": "effective-on-help"}
        )
        self.fields["comment"].label = transition.comment_label
        self.fields["comment"].required = transition.comment_required


class DocumentUploadForm(forms.Form):
    """A new paper, or a new version of one: the file's content is checked by
    reviews.papers.uploads when it is stored, not here, so every way in gets the same check."""

    document = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="A new paper",
        label="Add to",
        help_text="Choose a paper to add a new version to it; its earlier versions are kept.",
    )
    kind = forms.ChoiceField(required=False)
    title = forms.CharField(max_length=200, required=False)
    audience = forms.ChoiceField(
        required=False,
        label="Who can read it",
        help_text="Panel members never see staff papers. Only the final report and the "
        "executive summary can be public, and only once the review is published.",
    )
    file = forms.FileField(help_text="PDF, Word (DOCX), OpenDocument text (ODT) or Excel (XLSX).")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, review, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = CaseDocument.objects.visible_to(user).filter(
            review=review
        )
        self.fields["kind"].choices = [("", "Choose the kind of paper")] + list(
            CaseDocument.Kind.choices
        )
        self.fields["audience"].choices = CaseDocument.Audience.choices
        self.fields["audience"].initial = CaseDocument.Audience.PANEL

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("document") is None:
            if not cleaned.get("kind"):
                self.add_error("kind", "Choose the kind of paper.")
            if not (cleaned.get("title") or "").strip():
                self.add_error("title", "Give the paper a title.")
            if cleaned.get("kind") and cleaned.get("audience"):
                try:
                    check_audience(cleaned["kind"], cleaned["audience"])
                except forms.ValidationError as refusal:
                    self.add_error("audience", refusal)
        return cleaned

    def ask_for_the_file_again(self):
        """A refused form comes back with what was typed and chosen, but no browser lets a
        page refill a file input: say so where the file is chosen."""
        if self.files.get("file") is not None:
            self.add_error("file", CHOOSE_THE_FILE_AGAIN)


CHOOSE_THE_FILE_AGAIN = (
    "Choose the file again: for your security, a browser does not keep a chosen file when "
    "a form is sent back."
)


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


VARIANTS_HELP = (
    "Other ways it is written, one per line: initials, a nickname, a maiden name. Each is "
    "refused at publication like the name itself."
)


class ConfidentialTermForm(forms.Form):
    term = forms.CharField(
        max_length=200,
        label="Name or identifier",
        help_text="A real name, address or other identifier that must never be published.",
    )
    variants = forms.CharField(
        required=False,
        label="Other spellings (optional)",
        help_text=VARIANTS_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConfidentialVariantsForm(forms.Form):
    variants = forms.CharField(
        required=False,
        label="Other spellings",
        help_text=VARIANTS_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
