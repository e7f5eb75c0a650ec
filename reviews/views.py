"""Staff views for reviews, in the Wagtail admin.

Every view that takes a case id looks it up among those the user may see
(reviews.lookups), so a case of another partnership, or not assigned to this chair, is a
plain 404: guessing ids reveals nothing.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic

from accounts.people import full_name
from partnerships.viewsets import ScopedEditView, ScopedIndexView, ScopedInspectView

from . import panel, statutory, timeliness
from .events import record_event
from .forms import ChairForm, DocumentUploadForm, PanelMemberForm, TransitionForm
from .lookups import visible_review_or_404
from .models import QaCondition, SarBasis
from .panel import joined_sentence, left_sentence
from .papers.versions import add_version
from .papers.views import error_sentences, papers_context
from .rules import can_take_down, can_upload_papers
from .stages import State
from .takedown import take_down
from .workflow import (
    TransitionRefused,
    all_transitions,
    next_steps,
    perform_transition,
)


class ReviewIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partnership", "chair").with_due_on()

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The case page, not the edit form, is where a case is worked on.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )


def added_and_removed(form):
    """Sentences for the panel members and information requests the form adds or removes
    (read before saving: afterwards every row has an id)."""
    sentences = co_commissioners_added_and_removed(form)
    seats = form.formsets.get("panel_memberships")
    requests = form.formsets.get("information_requests")
    for row in seats.forms if seats is not None else []:
        user = row.cleaned_data.get("user")
        if user is None:
            continue
        if row in seats.deleted_forms:
            if row.instance.pk:
                sentences.append(("panel_member_removed", left_sentence(user)))
        elif not row.instance.pk and row.has_changed():
            agency = row.cleaned_data.get("agency")
            sentences.append(("panel_member_added", joined_sentence(user, agency)))
    for row in requests.forms if requests is not None else []:
        agency = row.cleaned_data.get("agency")
        if (
            agency
            and not row.instance.pk
            and row.has_changed()
            and row not in requests.deleted_forms
        ):
            kind = (
                row.instance.get_kind_display() if row.cleaned_data.get("kind") else "Information"
            )
            due = row.cleaned_data.get("due_on")
            by = f", due {due:%-d %B %Y}" if due else ""
            sentences.append(("information_request_added", f"{kind} requested from {agency}{by}."))
    return sentences


def co_commissioners_added_and_removed(form):
    """Sentences for the partnerships the form adds to or removes from the review's
    commissioners (their staff gain or lose the whole case: partnerships.access)."""
    sentences = []
    commissioners = form.formsets.get("commissioners")
    for row in commissioners.forms if commissioners is not None else []:
        partnership = row.cleaned_data.get("partnership")
        if partnership is None:
            continue
        if row in commissioners.deleted_forms:
            if row.instance.pk:
                sentences.append(
                    ("co_commissioner_removed", f"{partnership} no longer commissions the review.")
                )
        elif not row.instance.pk and row.has_changed():
            role = dict(row.fields["role"].choices).get(row.cleaned_data.get("role"), "")
            joined = row.cleaned_data.get("joined_on")
            since = f" from {joined:%-d %B %Y}" if joined else ""
            sentences.append(
                (
                    "co_commissioner_added",
                    f"{partnership} commissions the review jointly as {role}{since}.",
                )
            )
    return sentences


class ReviewCreateView(generic.CreateView):
    def save_instance(self):
        additions = added_and_removed(self.form)
        instance = super().save_instance()
        record_event(instance, self.request.user, "created", "Case opened.")
        for action, sentence in additions:
            record_event(instance, self.request.user, action, sentence)
        return instance

    def get_success_url(self):
        # The case page, where the case is worked on, not the list.
        return reverse("reviews:inspect", args=[self.object.pk])


class ReviewEditView(ScopedEditView):
    def save_instance(self):
        changed = [self.form.fields[name].label or name for name in self.form.changed_data]
        additions = added_and_removed(self.form)
        instance = super().save_instance()
        if changed:
            record_event(instance, self.request.user, "edited", "Changed: " + ", ".join(changed))
        for action, sentence in additions:
            record_event(instance, self.request.user, action, sentence)
        return instance

    def get_success_url(self):
        return reverse("reviews:inspect", args=[self.object.pk])


class ReviewView(ScopedInspectView):
    """The case page: facts, deadlines, the transitions this user may take, papers,
    sections other apps add (hook `construct_review_sections`), history."""

    template_name = "reviews/review_detail.html"

    def get_page_subtitle(self):
        return self.object.get_kind_display()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        user = self.request.user
        today = timezone.localdate()
        context.update(
            review=review,
            today=today,
            **self.what_next(review, user),
            events=review.events.select_related("actor").order_by(
                "-effective_on", "-occurred_at", "-pk"
            ),
            panel=review.panel_memberships.select_related("user", "agency"),
            information_requests=review.information_requests.select_related("agency"),
            pauses=review.pauses.all(),
            measured=timeliness.review_timeliness(review, today=today),
            time_in_stages=[
                (State(state).label, days)
                for state, days in timeliness.time_in_stages(review, today=today)
            ],
            owed_sends=statutory.owed_sends(review),
            qa_conditions=QaCondition.objects.filter(outcome__review=review),
            holds_sar_basis=review.held_under_care_act,
            sar_basis=SarBasis.objects.filter(review=review).first(),
            may_record_statutory=user.has_perm("reviews.record_statutory", review),
            sections=self.sections(review),
            may_take_down=review.is_public and can_take_down.test(user, review),
            **papers_context(review, user),
        )
        if self.may_edit:
            context.update(
                chair_form=ChairForm(review=review),
                panel_form=PanelMemberForm(review=review, user=user),
            )
        # A form posted from this page and refused: shown as it was sent, with its errors.
        context.update(getattr(self, "bound_forms", {}))
        return context

    @cached_property
    def may_edit(self):
        return self.request.user.has_perm("reviews.change_review", self.object)

    def what_next(self, review, user):
        """The steps the user can take now, and those they could take once something is
        provided, each with the sentence saying what and a link to where."""
        possible, blocked = next_steps(review, user)
        may_edit = self.may_edit
        links = {
            "edit": reverse("reviews:edit", args=[review.pk]) if may_edit else "",
            "people": "#panel-heading" if may_edit else "",
            "papers": "#documents-heading",
        }
        return {
            "transitions": possible,
            "blocked_steps": [(step, links[step.where]) for step in blocked],
            "edit_url": links["edit"],
        }

    def sections(self, review):
        """What other apps show on the case page (learning: its recommendations), as
        components (template_name + get_context_data), in the order they give."""
        sections = []
        for construct in hooks.get_hooks("construct_review_sections"):
            construct(self.request, review, sections)
        return sorted(sections, key=lambda section: getattr(section, "order", 0))


class CaseFormView(ReviewView):
    """A form on the case page, posted here. Taken: back to the case page at the form's
    section. Refused: the case page again (400) with the form as it was sent and what to
    correct, so nothing typed is lost."""

    http_method_names = ["post"]
    form_name = ""
    section = ""

    def allowed(self):
        if not self.may_edit:
            raise PermissionDenied

    def post(self, request, *args, **kwargs):
        self.allowed()
        form = self.get_form()
        if form.is_valid():
            try:
                message = self.take(form)
            except ValidationError as refusal:
                self.refused(form, refusal)
            else:
                messages.success(request, message)
                return redirect(reverse("reviews:inspect", args=[self.object.pk]) + self.section)
        else:
            self.refused(form, None)
        self.bound_forms = {self.form_name: form}
        return self.render_to_response(self.get_context_data(), status=400)

    def refused(self, form, refusal):
        if refusal is not None:
            form.add_error(None, refusal)


class ChairView(CaseFormView):
    form_name = "chair_form"
    section = "#panel-heading"

    def get_form(self):
        return ChairForm(self.request.POST, review=self.object)

    def take(self, form):
        chair = form.cleaned_data["chair"]
        panel.appoint_chair(self.object, chair, self.request.user)
        return f"{full_name(chair)} is the independent chair."


class PanelMemberView(CaseFormView):
    form_name = "panel_form"
    section = "#panel-heading"

    def get_form(self):
        return PanelMemberForm(self.request.POST, review=self.object, user=self.request.user)

    def take(self, form):
        data = form.cleaned_data
        member = data["user"]
        panel.add_panel_member(
            self.object, member, self.request.user, agency=data["agency"], role=data["role"]
        )
        return f"{full_name(member)} joined the panel."


class PanelMemberRemoveView(View):
    """POST: take a member off the case's panel (who may edit the case may)."""

    def post(self, request, pk, seat_pk):
        review = visible_review_or_404(request, pk)
        if not request.user.has_perm("reviews.change_review", review):
            raise PermissionDenied
        seat = get_object_or_404(review.panel_memberships.select_related("user"), pk=seat_pk)
        panel.remove_panel_member(seat, request.user)
        messages.success(request, f"{full_name(seat.user)} left the panel.")
        return redirect(reverse("reviews:inspect", args=[review.pk]) + "#panel-heading")


class PaperUploadView(CaseFormView):
    """A new paper or a new version: the file is checked when it is stored
    (reviews.papers.versions.add_version)."""

    form_name = "upload_form"
    section = "#documents-heading"

    def allowed(self):
        if not can_upload_papers.test(self.request.user, self.object):
            raise Http404  # as before: a panel member is not told the upload exists

    def get_form(self):
        return DocumentUploadForm(
            self.request.POST, self.request.FILES, review=self.object, user=self.request.user
        )

    def take(self, form):
        data = form.cleaned_data
        version = add_version(
            self.object,
            document=data["document"],
            kind=data["kind"],
            title=data["title"].strip(),
            audience=data["audience"],
            uploaded_file=data["file"],
            user=self.request.user,
            note=data["note"],
        )
        return f"Uploaded {version.document.title}, version {version.number}."

    def refused(self, form, refusal):
        if refusal is not None:  # the file's check: wrong type, too large, unreadable
            form.add_error("file", refusal)
            reason = error_sentences(refusal)
        else:
            reason = "; ".join(
                f"{form.fields[f].label or f}: {' '.join(e)}" if f in form.fields else " ".join(e)
                for f, e in form.errors.items()
            )
        messages.error(self.request, f"Nothing was uploaded. {reason}")
        form.ask_for_the_file_again()


class TransitionView(View):
    """GET: confirm a transition (and ask for its comment). POST: take it."""

    template_name = "reviews/transition.html"

    def dispatch(self, request, pk, transition_name):
        self.review = visible_review_or_404(request, pk)
        self.transition = all_transitions().get(transition_name)
        if self.transition is None:
            raise Http404("No such step.")
        return super().dispatch(request, pk, transition_name)

    @cached_property
    def review_url(self):
        return reverse("reviews:inspect", args=[self.review.pk])

    def render(self, form, error=None, status=200):
        context = {
            "review": self.review,
            "transition": self.transition,
            "form": form,
            "error": error,
            "review_url": self.review_url,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk, transition_name):
        form = TransitionForm(
            transition=self.transition, initial={"expected_state": self.review.state}
        )
        return self.render(form)

    def post(self, request, pk, transition_name):
        form = TransitionForm(request.POST, transition=self.transition)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            review = perform_transition(
                self.review.pk,
                self.transition.name,
                request.user,
                comment=form.cleaned_data["comment"],
                effective_on=form.cleaned_data["effective_on"] or None,
                expected_state=form.cleaned_data["expected_state"],
            )
        except TransitionRefused as refusal:
            self.review.refresh_from_db()
            return self.render(form, error=str(refusal), status=refusal.status)
        messages.success(
            request, f"{self.transition.label}: the case is now “{review.get_state_display()}”."
        )
        return redirect(self.review_url)


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label="Why is the review taken down?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the case's history with your name and today's date.",
    )


class TakeDownView(View):
    """GET: confirm taking the review down and ask why. POST: take it down (its page,
    downloads, feed and sitemap entries and search results at once; reviews.takedown)."""

    template_name = "reviews/take_down.html"

    def dispatch(self, request, pk):
        self.review = visible_review_or_404(request, pk)
        if not can_take_down.test(request.user, self.review):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def render(self, form, error=None, status=200):
        context = {
            "review": self.review,
            "form": form,
            "error": error,
            "review_url": reverse("reviews:inspect", args=[self.review.pk]),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render(TakeDownForm())

    def post(self, request, pk):
        form = TakeDownForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            take_down(self.review, request.user, form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            return self.render(form, error=str(refusal), status=refusal.status)
        messages.success(
            request,
            "The review was taken down: its page, downloads, feed and sitemap entries and "
            "search results are no longer public.",
        )
        return redirect("reviews:inspect", self.review.pk)
