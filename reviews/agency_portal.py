"""Agencies' returns: the information requests of the cases, as the agency's contact
answers them and the case's managers follow them.

An agency's contact for a case (InformationRequest.contact) has an account that sees the
requests of their agency on that case and nothing else of it (the access rule: the
`agency_contacts` grant, Audience.REQUEST). They see what is outstanding and when it is
due, and upload the IMR or chronology into the request: the file passes the case papers'
upload check (reviews.papers.versions) and is kept as a staff-only paper of the case,
which the managers then share with the panel or import into the combined chronology.
Managers see the same list with every return as it arrives, and choose each request's
contact among the agency's partner users of the partnership.

Emails (reviews.notifications; no case content, only the reference, what and when): the
contact hears when chosen; the managers when a return arrives; `manage.py
chase_information_requests` (daily) chases each overdue request's contact once per due
date.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View

from partnerships.models import Role

from . import notifications
from .events import record_event
from .models import CaseDocument, InformationRequest
from .papers.versions import add_version

PAPER_KIND = {
    InformationRequest.Kind.IMR: CaseDocument.Kind.IMR,
    InformationRequest.Kind.CHRONOLOGY: CaseDocument.Kind.CHRONOLOGY,
}


def visible_requests(user):
    return InformationRequest.objects.visible_to(user).select_related("review", "agency", "contact")


class ReturnForm(forms.Form):
    file = forms.FileField(help_text="PDF, DOCX, ODT or XLSX (a chronology in the agreed format).")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


def agency_people(request):
    """Whom a request's contact may be: the agency's partner users of the partnership."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__partnership_id=request.review.partnership_id,
            memberships__role=Role.PARTNER,
            memberships__agency_id=request.agency_id,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ContactForm(forms.Form):
    contact = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = agency_people(request)
        self.fields["contact"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


def request_url(request):
    return notifications.absolute(reverse("reviews_information_request", args=[request.pk]))


def chase_overdue(today):
    """Email the contact of each overdue request, once per due date (`chased_for`)."""
    overdue = InformationRequest.objects.filter(
        received_on__isnull=True, due_on__lt=today, contact__isnull=False
    ).exclude(chased_for=F("due_on"))
    sent = 0
    for request in overdue.select_related("review", "agency", "contact"):
        with transaction.atomic():
            updated = (
                InformationRequest.objects.filter(pk=request.pk)
                .exclude(chased_for=F("due_on"))
                .update(chased_for=F("due_on"))
            )
            if updated:
                sent += len(
                    notifications.notify(
                        "information_overdue",
                        [request.contact],
                        info=request,
                        request_url=request_url(request),
                    )
                )
    return sent


@transaction.atomic
def return_information(request, uploaded_file, user, note=""):
    """Store an agency's return as a staff-only paper of the case and mark the request
    received (the first return's date is kept; a later one is a new version)."""
    kind = PAPER_KIND.get(request.kind, CaseDocument.Kind.OTHER)
    version = add_version(
        request.review,
        kind=kind,
        title=f"{request.get_kind_display()} from {request.agency.name}",
        audience=CaseDocument.Audience.STAFF,
        uploaded_file=uploaded_file,
        user=user,
        note=note,
    )
    request.received_on = request.received_on or timezone.localdate()
    request.returned_by = user
    request.returned_document = version.document
    request.save(update_fields=["received_on", "returned_by", "returned_document"])
    notifications.notify(
        "information_returned",
        notifications.users_with_role(request.review, Role.REVIEW_MANAGER),
        info=request,
        request_url=request_url(request),
    )
    record_event(
        request.review,
        user,
        "information_returned",
        f"{request.get_kind_display()} returned by {request.agency.name} "
        f"(version {version.number}).",
    )
    return version


@transaction.atomic
def choose_contact(request, contact, user):
    request.contact = contact
    request.save(update_fields=["contact"])
    if contact is not None:
        notifications.notify(
            "information_requested", [contact], info=request, request_url=request_url(request)
        )
    record_event(
        request.review,
        user,
        "request_contact_chosen",
        f"Contact for the {request.get_kind_display().lower()} from {request.agency.name} "
        + ("chosen." if contact else "removed."),
    )


class RequestsView(View):
    """The requests this user may see: outstanding first, by due date."""

    def get(self, request):
        if not request.user.has_perm("reviews.view_informationrequest"):
            raise PermissionDenied
        rows = visible_requests(request.user).order_by("received_on", "due_on")
        context = {
            "outstanding": [r for r in rows if r.received_on is None],
            "returned": sorted(
                (r for r in rows if r.received_on), key=lambda r: r.received_on, reverse=True
            ),
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "reviews/information_requests.html", context)


class RequestView(View):
    """One request: its due date and state; the return upload; the contact (managers)."""

    def dispatch(self, request, pk):
        self.info = get_object_or_404(visible_requests(request.user), pk=pk)
        self.may_return = request.user.has_perm("reviews.return_information", self.info)
        self.may_choose = request.user.has_perm("reviews.choose_request_contact", self.info)
        return super().dispatch(request, pk)

    def render(self, return_form=None, contact_form=None, status=200):
        info = self.info
        context = {
            "info": info,
            "today": timezone.localdate(),
            "may_return": self.may_return,
            "may_choose": self.may_choose,
            "return_form": return_form or ReturnForm(),
            "contact_form": contact_form
            or ContactForm(request=info, initial={"contact": info.contact_id}),
            # The case itself only for those who may open it (never the contact).
            "may_open_case": self.request.user.has_perm("reviews.view_review", info.review),
        }
        return TemplateResponse(
            self.request, "reviews/information_request.html", context, status=status
        )

    def get(self, request, pk):
        return self.render()

    def post(self, request, pk):
        if "contact" in request.POST:
            if not self.may_choose:
                raise PermissionDenied
            form = ContactForm(request.POST, request=self.info)
            if not form.is_valid():
                return self.render(contact_form=form, status=400)
            choose_contact(self.info, form.cleaned_data["contact"], request.user)
            messages.success(request, "Contact saved.")
            return redirect("reviews_information_request", pk=pk)
        if not self.may_return:
            raise PermissionDenied
        form = ReturnForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(return_form=form, status=400)
        try:
            return_information(
                self.info, form.cleaned_data["file"], request.user, form.cleaned_data["note"]
            )
        except ValidationError as refusal:
            form.add_error("file", refusal)
            return self.render(return_form=form, status=400)
        messages.success(request, "Received: thank you. The review's manager has it.")
        return redirect("reviews_information_request", pk=pk)
