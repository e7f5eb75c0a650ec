"""A case's combined chronology (import, timeline, exports, links from missed
opportunities), its findings and its learning event, in the admin.

Each view looks the case up among those the user may see (reviews.lookups): the
chronology and the learning are for the case's staff, chair and panel, as the case is;
recording them is for its review managers and chair (`learning.manage_case_learning`).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View

from reviews.lookups import visible_review_or_404
from reviews.models import ChronologyEntry, ChronologyImport

from .case_forms import (
    ChronologyFilterForm,
    ChronologyImportForm,
    FindingForm,
    LearningEventForm,
    OpportunityLinkForm,
    attendance_formset,
)
from .case_learning import link_opportunity, save_finding, save_learning_event
from .chronology import export_csv, export_docx, export_xlsx, filtered, import_chronology, timeline
from .models import Finding, LearningEvent, MissedOpportunityLink
from .tabular import DOCX, FORMATS
from .views import ImportView, LibraryPage


class CaseMixin:
    """The case named by the URL, if the user may see it (else 404); `manage=True` views
    also need the right to record."""

    manage = False

    def dispatch(self, request, *args, **kwargs):
        self.find_case(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def find_case(self, request, pk):
        self.review = visible_review_or_404(request, pk)
        self.may_manage = request.user.has_perm("learning.manage_case_learning", self.review)
        if self.manage and not self.may_manage:
            raise PermissionDenied

    @property
    def breadcrumbs_items(self):
        return [
            {"url": reverse("reviews:index"), "label": "Cases"},
            {"url": reverse("reviews:inspect", args=[self.review.pk]), "label": str(self.review)},
        ]

    def get_page_subtitle(self):
        return str(self.review)


def case_entries(review):
    return (
        ChronologyEntry.objects.filter(review=review)
        .timeline()
        .prefetch_related(
            Prefetch(
                "learning_links",
                queryset=MissedOpportunityLink.objects.select_related("finding", "theme"),
            )
        )
    )


class ChronologyView(CaseMixin, LibraryPage):
    """The merged timeline, filterable by agency and flag; ?format=csv|xlsx|docx exports
    what the filter shows."""

    template_name = "learning/chronology.html"
    page_title = "Combined chronology"
    header_icon = "time"

    def get(self, request, *args, **kwargs):
        form = ChronologyFilterForm(request.GET or None, review=self.review)
        entries = case_entries(self.review)
        if form.is_valid():
            entries = filtered(entries, form.cleaned_data["agency"], form.cleaned_data["missed"])
        lines = timeline(entries)
        file_format = request.GET.get("format")
        if file_format:
            return self.export(lines, file_format)
        query = request.GET.copy()
        query.pop("format", None)
        return self.render_to_response(
            self.get_context_data(
                review=self.review,
                form=form,
                lines=lines,
                query=query.urlencode(),
                chronologies=ChronologyImport.objects.filter(review=self.review)
                .select_related("agency")
                .prefetch_related("entries"),
                may_manage=self.may_manage,
                link_form=OpportunityLinkForm(review=self.review),
            )
        )

    def export(self, lines, file_format):
        name = f"chronology-{self.review.reference}".replace('"', "")
        title = f"Combined chronology: {self.review.pseudonym or self.review.reference}"
        if file_format == "csv":
            content, content_type = export_csv(lines), FORMATS["csv"]
        elif file_format == "xlsx":
            content, content_type = export_xlsx(lines), FORMATS["xlsx"]
        elif file_format == "docx":
            content, content_type = export_docx(lines, title), DOCX
        else:
            raise Http404("Unknown format.")
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return response


class ImportSummary:
    def __init__(self, chronology):
        self.chronology = chronology
        self.not_in_file = []

    def summary(self, noun):
        count = self.chronology.entries.count()
        return f"{count} {noun} from {self.chronology.agency.name}."


class ChronologyImportView(CaseMixin, ImportView):
    page_title = "Import an agency's chronology"
    form_class = ChronologyImportForm
    noun = "chronology entries"
    format_anchor = "Chronology"
    manage = True

    def dispatch(self, request, *args, **kwargs):
        # The case's managers and chair import (not only the library's importers).
        self.find_case(request, kwargs["pk"])
        return LibraryPage.dispatch(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro="The file is checked first: if any row has a problem, every problem is "
            "listed with its row and nothing is stored. A new file from an agency replaces "
            "the chronology that agency sent before.",
            **kwargs,
        )

    def get_form(self):
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, review=self.review, initial=self.request.GET.dict())

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        return super().post(request)

    def run_import(self, form, table):
        upload = form.cleaned_data["file"]
        chronology = import_chronology(
            self.review, form.cleaned_data["agency"], table, self.request.user, upload.name
        )
        return ImportSummary(chronology), reverse("learning_chronology", args=[self.review.pk])


class OpportunityLinkView(CaseMixin, View):
    manage = True

    def post(self, request, pk, entry_pk):
        entry = get_object_or_404(
            ChronologyEntry.objects.filter(review=self.review, missed_opportunity=True),
            pk=entry_pk,
        )
        form = OpportunityLinkForm(request.POST, review=self.review)
        if form.is_valid():
            try:
                link_opportunity(entry, request.user, **form.cleaned_data)
                messages.success(request, "Missed opportunity linked.")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(
                request, " ".join(form.non_field_errors()) or "Choose a finding or a theme."
            )
        return redirect(reverse("learning_chronology", args=[pk]) + f"#entry-{entry.pk}")


class CaseLearningView(CaseMixin, LibraryPage):
    """The case's findings (with a form to add one) and its learning events."""

    template_name = "learning/case_learning.html"
    page_title = "Findings and learning event"
    header_icon = "doc-full-inverse"

    def context(self, form=None):
        return self.get_context_data(
            review=self.review,
            may_manage=self.may_manage,
            findings=Finding.objects.filter(review=self.review).prefetch_related(
                "themes", "recommendations", "opportunities__entry__agency"
            ),
            events=LearningEvent.objects.filter(review=self.review).prefetch_related(
                "attendance__agency", "themes", "findings"
            ),
            form=form or FindingForm(review=self.review),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.context())

    def post(self, request, *args, **kwargs):
        if not self.may_manage:
            raise PermissionDenied
        form = FindingForm(request.POST, review=self.review)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        finding = save_finding(form, request.user)
        messages.success(request, f"{finding} added.")
        return redirect("learning_case", pk=self.review.pk)


class LearningEventView(CaseMixin, LibraryPage):
    """Add (no event_pk) or change a learning event with its attendance by agency."""

    template_name = "learning/learning_event.html"
    page_title = "Learning event"
    header_icon = "group"
    manage = True

    def event(self):
        event_pk = self.kwargs.get("event_pk")
        if event_pk is None:
            return LearningEvent(review=self.review)
        return get_object_or_404(LearningEvent.objects.filter(review=self.review), pk=event_pk)

    def render(self, form, attendance, status=200):
        return self.render_to_response(
            self.get_context_data(review=self.review, form=form, attendance=attendance),
            status=status,
        )

    def get(self, request, *args, **kwargs):
        event = self.event()
        return self.render(
            LearningEventForm(instance=event, review=self.review),
            attendance_formset(self.review, instance=event, prefix="attendance"),
        )

    def post(self, request, *args, **kwargs):
        event = self.event()
        form = LearningEventForm(request.POST, instance=event, review=self.review)
        attendance = attendance_formset(
            self.review, request.POST, instance=event, prefix="attendance"
        )
        if not (form.is_valid() and attendance.is_valid()):
            return self.render(form, attendance, status=400)
        save_learning_event(form, attendance, request.user)
        messages.success(request, "Learning event recorded.")
        return redirect("learning_case", pk=self.review.pk)
