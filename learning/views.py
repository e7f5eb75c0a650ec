"""Admin views of the learning library beyond plain create/edit: the detail pages with
their links and progress history, posting progress, imports, exports and reports.

Every view that takes an id looks it up among the rows the user may see (the permission
policies' querysets), so another partnership's strategy, action or recommendation is a
plain 404: guessing ids reveals nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.search.backends import get_search_backend

from partnerships.access import facts_of
from partnerships.models import Partnership, Role
from partnerships.viewsets import ScopedIndexView, ScopedInspectView
from reviews.models import Review

from .action_plans import export_action_plan, import_action_plan
from .forms import (
    ActionPlanImportForm,
    DistributionForm,
    ProgressForm,
    RecommendationImportForm,
    ReviewImportForm,
    ReviewPlanImportForm,
)
from .import_help import (
    ACTION_PLAN_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_PLAN_COLUMNS,
    template_csv,
)
from .importing import ImportRefused
from .models import Action, AnnualReportDistribution, Briefing, Recommendation, Status
from .permissions import strategy_permission_policy
from .progress import ProgressRefused, post_progress
from .recommendation_files import export_recommendations, import_recommendations
from .reports import annual_report, current_financial_year, dashboard, report_csv, report_xlsx
from .review_files import export_reviews, import_reviews
from .review_plans import import_review_plan
from .sab_report import record_distribution, schedule_2_docx
from .tabular import DOCX, FORMATS, TableError, read_table

# ------------------------------------------------------------------ generic views, scoped


class LibraryIndexView(ScopedIndexView):
    """Lists exactly the rows the user may see, with what the columns need in one query."""

    related = ()

    def get_base_queryset(self):
        return self.annotate(super().get_base_queryset().select_related(*self.related))

    def annotate(self, queryset):
        return queryset

    def search_queryset(self, queryset):
        # The search backend sorts only by relevance or by indexed filter fields, and
        # fails on any other column (a plan's title, say). When the user has chosen a
        # column, search for the matches and let the database keep that order.
        if not (self.is_searching and self.is_explicitly_ordered):
            return super().search_queryset(queryset)
        matches = get_search_backend(self.search_backend_name).autocomplete(
            self.search_query, queryset.model.objects.all(), fields=self.search_fields
        )
        return queryset.filter(pk__in=[match.pk for match in matches])


class StrategyIndexView(LibraryIndexView):
    related = ("partnership",)
    # The count annotations group rows, which drops the model's default ordering.
    default_ordering = ("-is_active", "-period_start", "title")

    def annotate(self, queryset):
        return queryset.annotate(action_count=Count("actions", distinct=True))


class ActionIndexView(LibraryIndexView):
    related = ("strategy", "priority", "lead_agency")
    default_ordering = (
        "-strategy__is_active",
        "-strategy__period_start",
        "strategy__title",
        "priority__sort_order",
        "position",
    )

    def annotate(self, queryset):
        return queryset.annotate(recommendation_count=Count("recommendation_links", distinct=True))


class RecommendationIndexView(LibraryIndexView):
    related = ("review", "owning_agency")
    default_ordering = ("review__reference", "number", "pk")

    def annotate(self, queryset):
        return queryset.annotate(action_count=Count("action_links", distinct=True))


def unposted_key(target):
    return f"unposted-progress:{target_namespace(target)}:{target.pk}"


def progress_context(request, target):
    """The history and the form. A form that was refused comes back as the user filled it
    in, with its problems beside the fields (kept in the session across the redirect)."""
    can_post = request.user.has_perm("learning.post_progress", target)
    unposted = request.session.pop(unposted_key(target), None)
    with_evidence = isinstance(target, Recommendation)
    form = None
    if can_post:
        form = ProgressForm(unposted, with_evidence=with_evidence)
        if unposted is not None:
            form.is_valid()  # shows the problems beside the fields
    return {
        "updates": target.progress_updates.select_related("author"),
        "can_post_progress": can_post,
        "progress_form": form,
        "progress_url": reverse(f"{target_namespace(target)}:progress", args=[target.pk]),
    }


def target_namespace(target):
    return "learning_actions" if isinstance(target, Action) else "learning_recommendations"


class StrategyInspectView(ScopedInspectView):
    template_name = "learning/strategy_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = self.object
        actions = (
            strategy.actions.select_related("priority", "lead_agency", "strategy")
            .prefetch_related("recommendations")
            .order_by("priority__sort_order", "position")
        )
        by_priority = {priority.pk: [] for priority in strategy.priorities.all()}
        for action in actions:
            by_priority.setdefault(action.priority_id, []).append(action)
        context.update(
            strategy=strategy,
            priorities=[(p, by_priority.get(p.pk, [])) for p in strategy.priorities.all()],
            today=timezone.localdate(),
            can_import=self.request.user.has_perm("learning.change_strategy", strategy),
        )
        return context


class ActionInspectView(ScopedInspectView):
    template_name = "learning/action_detail.html"

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("strategy", "priority", "lead_agency")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        visible_recommendations = Recommendation.objects.visible_to(self.request.user)
        links = action.recommendation_links.filter(
            recommendation__in=visible_recommendations
        ).select_related("recommendation__review", "recommendation__owning_agency")
        context.update(
            action=action,
            links=links,
            period=action.read_due_period(),
            overdue=action.is_overdue(),
            **progress_context(self.request, action),
        )
        return context


class RecommendationCreateView(generic.CreateView):
    """ "Add a recommendation" from a case arrives with ?review=<id>: that case is chosen
    (the form offers only cases of partnerships the user manages, so nothing more is
    reachable this way)."""

    def get_initial(self):
        initial = super().get_initial()
        review = self.request.GET.get("review", "")
        if review.isdigit():
            initial["review"] = int(review)
        return initial


class RecommendationInspectView(ScopedInspectView):
    template_name = "learning/recommendation_detail.html"

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("review", "owning_agency")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recommendation = self.object
        visible_action_ids = set(
            Action.objects.visible_to(self.request.user)
            .filter(recommendation_links__recommendation=recommendation)
            .values_list("pk", flat=True)
        )
        context.update(
            recommendation=recommendation,
            themes=recommendation.themes.all(),
            links=recommendation.action_links.select_related(
                "action__strategy", "action__priority"
            ),
            visible_action_ids=visible_action_ids,
            overdue=recommendation.is_overdue(),
            can_view_review=self.request.user.has_perm(
                "reviews.view_review", recommendation.review
            ),
            **progress_context(self.request, recommendation),
            **dissemination_context(self.request.user, recommendation),
        )
        return context


def dissemination_context(user, recommendation):
    """The briefings that cover a recommendation (those the user may read) and its impact
    checks (seen with the recommendation), with the add links for its managers."""
    may_manage = user.has_perm("learning.change_recommendation", recommendation)
    return {
        "briefings": recommendation.briefings.filter(
            pk__in=Briefing.objects.visible_to(user).values("pk")
        ),
        "impact_checks": recommendation.impact_checks.all(),
        "add_briefing_url": may_manage
        and f"{reverse('learning_briefings:add')}?recommendation={recommendation.pk}",
        "add_impact_check_url": may_manage
        and recommendation.status == Status.COMPLETE
        and f"{reverse('learning_impact_checks:add')}?recommendation={recommendation.pk}",
        "may_change_dissemination": may_manage,
    }


# ------------------------------------------------------------------ progress


class ProgressView(View):
    """POST a progress update on an action or recommendation the user can see."""

    policy = None

    def post(self, request, pk):
        target = get_object_or_404(
            self.policy.instances_user_has_permission_for(request.user, "view"), pk=pk
        )
        form = ProgressForm(request.POST, with_evidence=isinstance(target, Recommendation))
        back = reverse(f"{target_namespace(target)}:inspect", args=[target.pk])
        if not form.is_valid():
            errors = "; ".join(
                f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items()
            )
            messages.error(request, f"The update was not posted. {errors}")
            return self.keep(request, target, back)
        try:
            post_progress(
                target,
                request.user,
                rag=form.cleaned_data["rag"],
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                evidence=form.cleaned_data.get("evidence", ""),
                reported_on=form.cleaned_data["reported_on"],
            )
        except ProgressRefused as refusal:
            if refusal.status == 403:
                raise PermissionDenied(str(refusal)) from refusal
            messages.error(request, f"The update was not posted. {refusal}")
            return self.keep(request, target, back)
        messages.success(request, "Progress update posted.")
        return redirect(back)

    def keep(self, request, target, back):
        """Back to the page with the form as the user left it: nothing typed is lost."""
        fields = ProgressForm.base_fields
        request.session[unposted_key(target)] = {
            name: request.POST.get(name, "") for name in fields
        }
        return redirect(back + "#progress-form")


# ------------------------------------------------------------------ imports and exports


def download(content, filename, file_format):
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def requested_format(request):
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        raise Http404("Unknown format.")
    return file_format


class ActionPlanExportView(View):
    def get(self, request, pk):
        strategy = get_object_or_404(
            strategy_permission_policy.instances_user_has_permission_for(request.user, "view"),
            pk=pk,
        )
        file_format = requested_format(request)
        return download(export_action_plan(strategy, file_format), strategy.slug, file_format)


class LibraryPage(WagtailAdminTemplateMixin, TemplateView):
    """An admin page of the library outside the viewsets, under its own breadcrumb."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ImportView(LibraryPage):
    """Upload a file; show every problem (nothing stored) or what was imported."""

    template_name = "learning/import.html"
    header_icon = "upload"
    form_class = None
    format_anchor = ""
    columns = ()
    template_name_stem = ""

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") == "csv":
            return download(template_csv(self.columns), self.template_name_stem, "csv")
        return super().get(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("learning.import_data"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, user=self.request.user, initial=self.request.GET.dict())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["format_anchor"] = self.format_anchor
        context["columns"] = self.columns
        context["template_url"] = self.request.path + "?template=csv"
        return context

    def post(self, request):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.read(), upload.name)
            result, done_url = self.run_import(form, table)
        except TableError as error:
            return self.refused(form, [str(error)])
        except ImportRefused as refusal:
            return self.refused(form, [str(error) for error in refusal.errors])
        messages.success(request, f"Imported {upload.name}: {result.summary(self.noun)}")
        if result.not_in_file:
            messages.info(
                request, "Kept, though not in the file: " + ", ".join(result.not_in_file) + "."
            )
        return redirect(done_url)

    def refused(self, form, errors):
        context = self.get_context_data(form=form, errors=errors)
        return self.render_to_response(context, status=400)


class ActionPlanImportView(ImportView):
    page_title = "Import an action plan"
    form_class = ActionPlanImportForm
    noun = "actions"
    columns = ACTION_PLAN_COLUMNS
    template_name_stem = "action-plan-template"
    format_anchor = "action-plans"

    def run_import(self, form, table):
        strategy = form.cleaned_data["strategy"]
        result = import_action_plan(strategy, table)
        return result, reverse("learning_strategies:inspect", args=[strategy.pk])


class RecommendationImportView(ImportView):
    page_title = "Import recommendations"
    form_class = RecommendationImportForm
    noun = "recommendations"
    columns = RECOMMENDATION_COLUMNS
    template_name_stem = "recommendations-template"
    format_anchor = "recommendations"

    def run_import(self, form, table):
        result = import_recommendations(form.cleaned_data["partnership"], table)
        return result, reverse("learning_recommendations:index")


class ReviewImportView(ImportView):
    page_title = "Import past reviews"
    form_class = ReviewImportForm
    noun = "reviews"
    columns = REVIEW_COLUMNS
    template_name_stem = "reviews-template"
    format_anchor = "reviews"

    def run_import(self, form, table):
        result = import_reviews(form.cleaned_data["partnership"], table, self.request.user)
        return result, reverse("reviews:index")


class ReviewPlanImportView(ImportView):
    page_title = "Import a review's action plan"
    form_class = ReviewPlanImportForm
    noun = "actions"
    columns = REVIEW_PLAN_COLUMNS
    template_name_stem = "review-action-plan-template"
    format_anchor = "review-action-plans"

    def run_import(self, form, table):
        review = form.cleaned_data["review"]
        result = import_review_plan(review, table)
        return result, reverse("learning_review_actions:index")


def chosen_partnership(request):
    """The partnership a report or export is for: one whose library the user may read."""
    facts = facts_of(request.user)
    readable = Partnership.objects.all()
    if not facts.everything:
        readable = readable.filter(
            pk__in=facts.partnerships_with(Role.REVIEW_MANAGER, Role.APPROVER, Role.PARTNER)
        )
    chosen = request.GET.get("partnership")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        return get_object_or_404(readable, pk=chosen), readable
    return readable.first(), readable


class PartnershipExportView(View):
    """A partnership's rows in their import format (what the user may see of them)."""

    noun = ""

    def rows(self, user, partnership):
        raise NotImplementedError

    def export(self, rows, file_format):
        raise NotImplementedError

    def get(self, request):
        if not request.user.has_perm("learning.view_reports"):
            raise PermissionDenied
        partnership, _ = chosen_partnership(request)
        if partnership is None:
            raise Http404
        file_format = requested_format(request)
        rows = self.rows(request.user, partnership)
        name = f"{self.noun}-{partnership.slug}"
        return download(self.export(rows, file_format), name, file_format)


class RecommendationExportView(PartnershipExportView):
    noun = "recommendations"

    def rows(self, user, partnership):
        return Recommendation.objects.visible_to(user).filter(review__partnership=partnership)

    def export(self, rows, file_format):
        return export_recommendations(rows, file_format)


class ReviewExportView(PartnershipExportView):
    noun = "reviews"

    def rows(self, user, partnership):
        return Review.objects.visible_to(user).filter(partnership=partnership)

    def export(self, rows, file_format):
        return export_reviews(rows, file_format)


# ------------------------------------------------------------------ reports


class ReportView(LibraryPage):
    template_name = "learning/report.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("learning.view_reports"):
            raise PermissionDenied
        self.partnership, self.partnerships = chosen_partnership(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report(self):
        return self.build_report()

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format")
        if file_format and self.partnership:
            if file_format not in FORMATS:
                raise Http404("Unknown format.")
            content = report_xlsx(self.report) if file_format == "xlsx" else report_csv(self.report)
            return download(content, self.filename(), file_format)
        return super().get(request, *args, **kwargs)

    def filename(self):
        return slugify(self.report.title)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            partnership=self.partnership,
            partnerships=self.partnerships,
            report=self.report if self.partnership else None,
        )
        return context


class DashboardView(ReportView):
    page_title = "Learning dashboard"

    def build_report(self):
        return dashboard(self.partnership, self.request.user)


def requested_year(request):
    """The financial year asked for (?year=2025: April 2025 to March 2026), else this one."""
    written = request.GET.get("year", "")
    if written.isdigit() and 2000 <= int(written) <= 2100:
        return int(written)
    return current_financial_year(timezone.localdate())


class AnnualReportView(ReportView):
    page_title = "Annual report"

    @cached_property
    def year(self):
        return requested_year(self.request)

    def build_report(self):
        return annual_report(self.partnership, self.request.user, self.year)

    def get(self, request, *args, **kwargs):
        # A Safeguarding Adults Board's report has its SAR section as a Word document too.
        if request.GET.get("format") == "docx":
            if self.partnership is None or self.partnership.kind == Partnership.Kind.CSP:
                raise Http404
            response = HttpResponse(schedule_2_docx(self.report), content_type=DOCX)
            name = f"{self.filename()}-safeguarding-adults-reviews.docx"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = current_financial_year(timezone.localdate())
        context.update(year=self.year, years=list(range(this_year, this_year - 12, -1)))
        if self.partnership is not None:
            row = AnnualReportDistribution(partnership=self.partnership)
            context["may_record_distribution"] = self.request.user.has_perm(
                "learning.record_distribution", row
            )
        return context


class DistributionView(LibraryPage):
    """Record that a Safeguarding Adults Board's annual report went to one of its
    statutory recipients (Care Act 2014, Schedule 2, paragraph 4(2)); for the
    partnership's review managers."""

    page_title = "Record the annual report's distribution"
    template_name = "learning/distribution.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.partnership, self.partnerships = chosen_partnership(request)
        if self.partnership is None or self.partnership.kind == Partnership.Kind.CSP:
            raise Http404
        row = AnnualReportDistribution(partnership=self.partnership)
        if not request.user.has_perm("learning.record_distribution", row):
            raise PermissionDenied
        self.year = requested_year(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=DistributionForm()))

    def post(self, request, *args, **kwargs):
        form = DistributionForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=400)
        data = form.cleaned_data
        record_distribution(
            self.partnership,
            self.year,
            data["recipient"],
            request.user,
            sent_on=data["sent_on"],
            name=data["recipient_name"],
            method=data["method"],
        )
        messages.success(request, "The distribution is recorded.")
        return redirect(
            f"{reverse('learning_annual_report')}?partnership={self.partnership.pk}"
            f"&year={self.year}#section-sab_distribution"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(partnership=self.partnership, year=self.year)
        return context
