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

The contact is one of the partnership's people (partnerships.onboarding.Person, kept by
its administrators), named when the request is made or later on the request's page; a
new request to an agency the case already asked keeps that agency's contact. A person
without an account is recorded as the contact and becomes the account holder as soon as
an administrator invites them (partnerships.onboarding_services.invite); a person
deactivated stops being the contact of what is still outstanding.

Emails (reviews.notifications, queued for the background worker with
reviews.tasks.send_email; no case content, only the reference, what and when): the
contact hears when the request is made, or when they become its contact (chosen, or
invited); the managers when a return arrives; `manage.py chase_information_requests`
(daily) chases each overdue request's contact once per due date.

A chronology returned as an XLSX workbook is read into the case's combined chronology at
once, by the app that owns it (hook `register_returned_chronology_reader`, reviews.hooks:
learning.chronology): all or nothing, and if any row has a problem the return is refused
with every row's problem shown to the contact, so nothing is stored.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail import hooks

from partnerships.access import seats_changed
from partnerships.models import Person, Role

from . import notifications
from .events import record_event
from .models import CaseDocument, InformationRequest
from .papers.formats import XLSX
from .papers.uploads import check_upload
from .papers.versions import add_version

PAPER_KIND = {
    InformationRequest.Kind.IMR: CaseDocument.Kind.IMR,
    InformationRequest.Kind.CHRONOLOGY: CaseDocument.Kind.CHRONOLOGY,
}


def visible_requests(user):
    return InformationRequest.objects.visible_to(user).select_related(
        "review", "agency", "contact", "contact_person"
    )


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


def account_of(person):
    """The account a person answers with: none until invited, none once deactivated."""
    if person is None or not person.active or person.user_id is None:
        return None
    return person.user if person.user.is_active else None


def tell_contact(request):
    """The first email to the request's contact: what is asked, and the due date."""
    notifications.notify(
        "information_requested",
        [request.contact],
        info=request,
        request_url=request_url(request),
    )


def set_contact(request, person, contact):
    """Record the contact (without saving the rest of the request, nor a signal) and tell
    a new contact."""
    before = request.contact_id
    request.contact_person, request.contact = person, contact
    InformationRequest.objects.filter(pk=request.pk).update(contact_person=person, contact=contact)
    request._contact_person_as_loaded = request.contact_person_id
    seats_changed()  # the contact's facts (partnerships.access) name the request's case
    if contact is not None and contact.pk != before:
        tell_contact(request)


def request_made_or_changed(request, created):
    """A request saved from the case's form: its named person becomes its contact (told at
    once if they have an account); a new one naming nobody keeps the contact the agency
    already has on the case."""
    loaded = None if created else getattr(request, "_contact_person_as_loaded", None)
    if request.contact_person_id and request.contact_person_id != loaded:
        set_contact(request, request.contact_person, account_of(request.contact_person))
    elif created and request.contact_id is None and request.contact_person_id is None:
        earlier = (
            InformationRequest.objects.filter(
                review_id=request.review_id, agency_id=request.agency_id
            )
            .exclude(pk=request.pk)
            .filter(Q(contact__isnull=False) | Q(contact_person__isnull=False))
            .select_related("contact_person__user", "contact")
            .order_by("-requested_on", "-pk")
            .first()
        )
        if earlier is not None:
            set_contact(request, earlier.contact_person, earlier.contact)
    elif created and request.contact_id is not None:
        tell_contact(request)
    elif loaded and request.contact_person_id is None:
        set_contact(request, None, None)  # the named person was taken off the request
    request._contact_person_as_loaded = request.contact_person_id


def person_changed(person):
    """Invited: the person's outstanding requests get their account as contact, and the
    first email. Deactivated: they stop being the contact of what is outstanding."""
    outstanding = InformationRequest.objects.filter(contact_person=person, received_on__isnull=True)
    account = account_of(person)
    if account is None:
        if outstanding.filter(contact__isnull=False).update(contact=None):
            seats_changed()
        return
    for request in outstanding.exclude(contact=account).select_related("review", "agency"):
        set_contact(request, person, account)


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


def chronology_readers():
    return hooks.get_hooks("register_returned_chronology_reader")


@transaction.atomic
def return_information(request, uploaded_file, user, note=""):
    """Store an agency's return as a staff-only paper of the case and mark the request
    received (the first return's date is kept; a later one is a new version). A
    chronology in the agreed workbook format is read into the combined chronology first:
    a ValidationError listing every row's problem refuses the whole return."""
    # The upload check first (the format from the content, not the name): only a file
    # that passes it is opened as a workbook.
    if (
        request.kind == InformationRequest.Kind.CHRONOLOGY
        and check_upload(uploaded_file).format == XLSX
    ):
        data = uploaded_file.read()
        uploaded_file.seek(0)
        for read in chronology_readers():
            read(request, data, uploaded_file.name, user)
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
    """Make one of the agency's partner users the contact (the partnership's person record
    of them too, when there is one) and tell them."""
    person = (
        Person.objects.filter(partnership_id=request.review.partnership_id, user=contact).first()
        if contact
        else None
    )
    set_contact(request, person, contact)
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
