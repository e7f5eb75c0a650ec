"""The admin pages for setting up a partnership (docs/onboarding.md).

- Partnerships (system administrators only): create a partnership, name its
  administrators (each invited by email).
- People, Agencies of the partnership, Onboarding audit (partnership administrators):
  scoped by the one access rule (audience PEOPLE), so an administrator of one
  partnership reaches nothing of another's; every view is a ScopedModelViewSet.
- On a person: invite to an account, change role, deactivate (onboarding_services).
"""

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views import View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from . import onboarding_services as services
from .access import facts_of
from .models import Agency, Partnership, Role
from .onboarding import OnboardingEvent, PartnershipAgency, Person
from .permissions import ScopedPermissionPolicy
from .rules import holds_role_in_partnership, is_superuser, may_view
from .viewsets import ScopedCreateView, ScopedDeleteView, ScopedEditView, ScopedModelViewSet

is_partnership_admin = holds_role_in_partnership(Role.PARTNERSHIP_ADMIN)
can_administer = is_superuser | is_partnership_admin

for model in (Person, PartnershipAgency, OnboardingEvent):
    name = model._meta.model_name
    rules.add_perm(f"partnerships.view_{name}", may_view(model))
for name in ("person", "partnershipagency"):
    rules.add_perm(f"partnerships.add_{name}", can_administer)
    rules.add_perm(f"partnerships.change_{name}", can_administer)
rules.add_perm("partnerships.delete_partnershipagency", can_administer)


class AdministeredPermissionPolicy(ScopedPermissionPolicy):
    """Rows of the partnerships the user administers (not those they manage cases of)."""

    managed_by = "administered_partnerships"


class PersonPermissionPolicy(AdministeredPermissionPolicy):
    managed_actions = frozenset({"add", "change"})  # people are deactivated, not deleted


class AgencyLinkPermissionPolicy(AdministeredPermissionPolicy):
    managed_actions = frozenset({"add", "delete"})


class EventPermissionPolicy(AdministeredPermissionPolicy):
    managed_actions = frozenset()


register_permission_policy(Person, PersonPermissionPolicy(Person))
register_permission_policy(PartnershipAgency, AgencyLinkPermissionPolicy(PartnershipAgency))
register_permission_policy(OnboardingEvent, EventPermissionPolicy(OnboardingEvent))


def administered(user):
    facts = facts_of(user)
    if facts.everything:
        return Partnership.objects.all()
    return Partnership.objects.filter(pk__in=sorted(facts.administered_partnerships))


class AdministeredForm(WagtailAdminModelForm):
    """The partnership field offers only the partnerships the user administers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "partnership" in self.fields:
            self.fields["partnership"].queryset = administered(self.for_user)
        if "agency" in self.fields:
            self.fields["agency"].queryset = Agency.objects.all()


# ------------------------------------------------------------------ people


class PersonForm(AdministeredForm):
    class Meta:
        model = Person
        fields = ["partnership", "name", "email", "agency", "panel_role"]

    def clean_agency(self):
        agency, partnership = self.cleaned_data.get("agency"), self.cleaned_data.get("partnership")
        if agency and partnership and not partnership.agency_links.filter(agency=agency).exists():
            raise ValidationError("Add this agency to the partnership first.")
        return agency


class PersonCreateView(ScopedCreateView):
    def save_instance(self):
        person = super().save_instance()
        services.record(person.partnership, self.request.user, "person_added", person)
        return person


class PersonEditView(ScopedEditView):
    def save_instance(self):
        person = super().save_instance()
        changed = ", ".join(self.form.changed_data)
        services.record(person.partnership, self.request.user, "person_changed", person, changed)
        return person


class AccountForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, required=False)


class PersonAccountView(View):
    """Invite to an account, change role or deactivate one person of a partnership the
    user administers. A person the user may not see is a 404, as if it did not exist; one
    they may see but not administer (a review manager reading the list) is refused."""

    def get_person(self, request, pk):
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
        if not services.may_administer(request.user, person.partnership):
            raise PermissionDenied
        return person

    def render(self, request, person, form):
        return TemplateResponse(
            request,
            "partnerships/person_account.html",
            {"person": person, "form": form, "page_title": f"Account of {person}"},
        )

    def get(self, request, pk):
        person = self.get_person(request, pk)
        return self.render(request, person, AccountForm(initial={"role": person.role}))

    def post(self, request, pk):
        person = self.get_person(request, pk)
        form = AccountForm(request.POST)
        if not form.is_valid():
            return self.render(request, person, form)
        role, action = form.cleaned_data["role"], request.POST.get("action")
        try:
            if action == "deactivate":
                services.deactivate(person, request.user)
                messages.success(request, f"{person} deactivated in {person.partnership}.")
            elif not role:
                raise ValidationError("Choose a role.")
            elif action == "invite" or not person.user_id:
                services.invite(person, role, request.user, request)
                messages.success(request, f"{person} invited: an email is on its way.")
            else:
                services.change_role(person, role, request.user)
                messages.success(request, f"{person} now holds the role {Role(role).label}.")
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(request, person, form)
        return redirect("partnership_people:inspect", person.pk)


class PersonViewSet(ScopedModelViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView

    def get_form_class(self, for_update=False):
        return PersonForm

    list_display = ["name", "partnership", "agency", "panel_role", "role", "active"]
    list_filter = ["partnership", "role", "active"]
    search_fields = ["name", "email", "panel_role"]
    inspect_view_fields = ["partnership", "name", "email", "agency", "panel_role", "role", "active"]

    def get_common_view_kwargs(self, **kwargs):
        # People are deactivated, never deleted: no delete view or button anywhere.
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "delete"] + [
            path("<int:pk>/account/", PersonAccountView.as_view(), name="account"),
        ]


# ------------------------------------------------------------------ agencies


class AgencyLinkForm(AdministeredForm):
    new_agency = forms.CharField(
        required=False, max_length=200, help_text="Or type the name of an agency not listed."
    )

    class Meta:
        model = PartnershipAgency
        fields = ["partnership", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = False

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("new_agency", "").strip()
        if name:
            cleaned["agency"] = Agency.objects.get_or_create(name=name)[0]
            self.instance.agency = cleaned["agency"]
        if not cleaned.get("agency"):
            raise ValidationError("Choose an agency or type a new one's name.")
        return cleaned


class AgencyLinkCreateView(ScopedCreateView):
    def get_success_buttons(self):
        return []

    def save_instance(self):
        link = super().save_instance()
        services.record(link.partnership, self.request.user, "agency_added", link.agency)
        return link


class AgencyLinkDeleteView(ScopedDeleteView):
    def delete_action(self):
        services.record(self.object.partnership, self.request.user, "agency_removed", self.object)
        return super().delete_action()


class AgencyLinkViewSet(ScopedModelViewSet):
    model = PartnershipAgency
    icon = "group"
    menu_label = "Agencies"
    url_prefix = "partnership-agencies"

    def get_form_class(self, for_update=False):
        return AgencyLinkForm

    add_view_class = AgencyLinkCreateView
    delete_view_class = AgencyLinkDeleteView
    edit_view_enabled = False
    list_display = ["agency", "partnership"]
    list_filter = ["partnership"]

    def get_common_view_kwargs(self, **kwargs):
        # Links are added and removed, never edited: no edit view or button anywhere.
        return super().get_common_view_kwargs(**{"edit_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "edit"]


# ------------------------------------------------------------------ audit trail


class OnboardingEventViewSet(ScopedModelViewSet):
    model = OnboardingEvent
    icon = "history"
    menu_label = "Onboarding audit"
    url_prefix = "onboarding-audit"
    list_display = ["occurred_at", "partnership", "actor_name", "action", "subject", "detail"]
    list_filter = ["partnership", "action"]
    inspect_view_fields = [
        "occurred_at",
        "partnership",
        "actor_name",
        "action",
        "subject",
        "detail",
    ]
    form_fields = ["subject"]  # no add or edit view is mounted

    def get_common_view_kwargs(self, **kwargs):
        # History: read, never added to, changed or deleted by hand.
        none = {"add_url_name": None, "edit_url_name": None, "delete_url_name": None}
        return super().get_common_view_kwargs(**{**none, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name not in {"add", "edit", "delete"}]


# ------------------------------------------------------------------ partnerships


class PartnershipForm(WagtailAdminModelForm):
    administrators = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One per line: name, email. Each is invited as a partnership administrator.",
    )

    class Meta:
        model = Partnership
        fields = ["name", "slug", "kind", "area", "region", "police_force_area"]

    def clean_administrators(self):
        people = []
        for number, line in enumerate(self.cleaned_data["administrators"].splitlines(), 1):
            if not line.strip():
                continue
            name, _, email = line.rpartition(",")
            try:
                forms.EmailField().clean(email.strip())
            except ValidationError as error:
                raise ValidationError(f"Line {number}: write it as 'name, email'.") from error
            people.append((name.strip() or email.strip(), email.strip()))
        return people


class PartnershipCreateView(ModelViewSet.add_view_class):
    def save_instance(self):
        partnership = super().save_instance()
        services.record(partnership, self.request.user, "partnership_created", partnership)
        services.name_administrators(
            partnership, self.form.cleaned_data["administrators"], self.request.user, self.request
        )
        return partnership


class PartnershipEditView(ModelViewSet.edit_view_class):
    def save_instance(self):
        partnership = super().save_instance()
        services.name_administrators(
            partnership, self.form.cleaned_data["administrators"], self.request.user, self.request
        )
        return partnership


class PartnershipViewSet(ModelViewSet):
    """System administrators only (the model permissions of a superuser)."""

    model = Partnership
    icon = "site"
    menu_label = "Partnerships"

    def get_form_class(self, for_update=False):
        return PartnershipForm

    add_view_class = PartnershipCreateView
    edit_view_class = PartnershipEditView
    list_display = ["name", "kind", "area", "police_force_area"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "delete"]


class OnboardingGroup(ModelViewSetGroup):
    menu_label = "Partnership"
    menu_icon = "site"
    menu_order = 800
    items = (
        PartnershipViewSet("partnerships"),
        PersonViewSet("partnership_people"),
        AgencyLinkViewSet("partnership_agencies"),
        OnboardingEventViewSet("onboarding_audit"),
    )


def person_account_url(person):
    return reverse("partnership_people:account", args=[person.pk])
