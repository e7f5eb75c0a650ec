"""The admin for learning beyond the partnership: the list of bodies, recommendations sent
to them (with the letter), a review's own action plan, the oversight report and the
reminder opt-out. Registered by wagtail_hooks.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.views import View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput

from partnerships.models import partnerships_managed_by
from partnerships.viewsets import ScopedModelViewSet
from reviews.models import Review

from . import oversight
from .letters import letter_docx, letter_parts
from .models import Body, BodyRecommendation, Recommendation, ReminderOptOut, ReviewAction
from .views import download

DATE = AdminDateInput


class BodyViewSet(ModelViewSet):
    """The maintained list of addressees: administrators add and change it."""

    model = Body
    icon = "group"
    menu_label = "Bodies"
    url_prefix = "learning/bodies"
    url_namespace = "learning_bodies"
    copy_view_enabled = False
    list_display = ["name", "code", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    form_fields = [
        "name",
        "code",
        "kind",
        "address",
        "email",
        "website",
        "acknowledgement_days",
        "response_days",
        "is_active",
    ]


class BodyRecommendationForm(WagtailAdminModelForm):
    """Only recommendations of the partnerships the user manages; only bodies in use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = Recommendation.objects.filter(
            review__partnership__in=partnerships_managed_by(self.for_user)
        ).select_related("review")
        self.fields["body"].queryset = Body.objects.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        recommendation = cleaned.get("recommendation")
        if self.instance.pk and recommendation and recommendation != self.instance.recommendation:
            self.add_error("recommendation", "A letter cannot be moved to another recommendation.")
        return cleaned


class ReviewActionForm(WagtailAdminModelForm):
    """Only reviews (and their recommendations) of the partnerships the user manages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        managed = partnerships_managed_by(self.for_user)
        self.fields["review"].queryset = Review.objects.filter(partnership__in=managed)
        self.fields["recommendation"].queryset = Recommendation.objects.filter(
            review__partnership__in=managed
        ).select_related("review")


def stage_label(sent):
    return sent.stage().label


class BodyRecommendationViewSet(ScopedModelViewSet):
    model = BodyRecommendation
    icon = "mail"
    menu_label = "Sent to bodies"
    url_prefix = "learning/sent"
    url_namespace = "learning_body_recommendations"
    list_per_page = 50
    list_display = [
        "recommendation",
        "body",
        "sent_on",
        Column("stage", label="Stage", accessor=stage_label),
        "response_due_on",
        "outcome",
        "implementation_status",
    ]
    list_filter = ["body", "outcome", "implementation_status"]
    list_export = [
        "recommendation",
        "body",
        "sent_on",
        "sent_by",
        "acknowledgement_due_on",
        "acknowledged_on",
        "response_due_on",
        "responded_on",
        "outcome",
        "outcome_reasons",
        "implementation_status",
        "implementation_evidence",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("recommendation"), FieldPanel("body")])],
                heading="Recommendation and addressee",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("sent_on", widget=DATE),
                            FieldPanel("sent_by"),
                            FieldPanel("sent_reference"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("acknowledgement_due_on", widget=DATE),
                            FieldPanel("acknowledged_on", widget=DATE),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("response_due_on", widget=DATE),
                            FieldPanel("responded_on", widget=DATE),
                        ]
                    ),
                ],
                heading="Sent, acknowledged, answered",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("response_text"),
                    FieldPanel("outcome"),
                    FieldPanel("outcome_reasons"),
                    FieldPanel("implementation_status"),
                    FieldPanel("implementation_evidence"),
                ],
                heading="Response and implementation",
            ),
        ],
        base_form_class=BodyRecommendationForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/letter/", LetterView.as_view(), name="letter"),
        ]


class ReviewActionViewSet(ScopedModelViewSet):
    model = ReviewAction
    icon = "list-ol"
    menu_label = "Review action plans"
    url_prefix = "learning/review-actions"
    url_namespace = "learning_review_actions"
    list_per_page = 50
    list_display = ["review", "reference", "objective", "lead_agency", "due_on", "rag", "status"]
    list_filter = ["rag", "status"]
    list_export = [
        "review",
        "reference",
        "objective",
        "key_deliverables",
        "starts_on",
        "due_on",
        "lead",
        "lead_agency",
        "partners",
        "expected_outcomes",
        "comments",
        "rag",
        "status",
        "evidence",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("review"), FieldPanel("reference")]),
            FieldPanel("recommendation"),
            FieldPanel("objective"),
            FieldPanel("key_deliverables"),
            FieldRowPanel(
                [FieldPanel("starts_on", widget=DATE), FieldPanel("due_on", widget=DATE)]
            ),
            FieldRowPanel([FieldPanel("lead"), FieldPanel("lead_agency")]),
            FieldPanel("partners"),
            FieldPanel("expected_outcomes"),
            FieldPanel("comments"),
            FieldRowPanel([FieldPanel("rag"), FieldPanel("status")]),
            FieldPanel("evidence"),
        ],
        base_form_class=ReviewActionForm,
    )


class LetterView(View):
    """The letter sending one recommendation to its body: ?format=docx for Word."""

    def get(self, request, pk):
        sent = get_object_or_404(
            BodyRecommendation.objects.visible_to(request.user).select_related(
                "body", "recommendation__review__partnership"
            ),
            pk=pk,
        )
        if not request.user.has_perm("learning.change_bodyrecommendation", sent):
            raise PermissionDenied
        name = slugify(f"{sent.recommendation.review.reference} {sent.recommendation.number}")
        name = f"letter-{name}-{sent.body.code}"
        if request.GET.get("format") == "docx":
            response = HttpResponse(
                letter_docx(sent),
                content_type="application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
            return response
        address, subject, paragraphs = letter_parts(sent)
        return TemplateResponse(
            request,
            "learning/letter.html",
            {
                "sent": sent,
                "address": address,
                "subject": subject,
                "paragraphs": paragraphs,
                "docx_url": reverse("learning_body_recommendations:letter", args=[pk])
                + "?format=docx",
            },
        )


class OversightView(View):
    """Implementation across every partnership the user may see: tables and a CSV."""

    def get(self, request):
        if not request.user.has_perm("learning.view_reports"):
            raise PermissionDenied
        file_format = request.GET.get("format")
        if file_format == "csv":
            content = oversight.as_csv(oversight.recommendations_for(request.user))
            return download(content, "implementation", "csv")
        if file_format:
            if file_format != "xlsx":
                raise Http404("Unknown format.")
            return download(
                oversight.as_xlsx(oversight.summary(request.user)), "implementation", "xlsx"
            )
        context = oversight.summary(request.user)
        context["dimensions"] = [
            (label, context["by"][name], context["charts"][name])
            for name, label in oversight.DIMENSIONS.items()
        ]
        context["page_title"] = "Implementation across partnerships"
        return TemplateResponse(request, "learning/oversight.html", context)


class ReminderOptOutView(View):
    """Switch the learning reminders off (or on again) for oneself."""

    def post(self, request):
        if request.POST.get("reminders") == "off":
            ReminderOptOut.objects.get_or_create(user=request.user)
            messages.success(request, "You will get no more learning reminders.")
        else:
            ReminderOptOut.objects.filter(user=request.user).delete()
            messages.success(request, "You will get learning reminders again.")
        return redirect("learning_reminders")

    def get(self, request):
        return TemplateResponse(
            request,
            "learning/reminders.html",
            {
                "opted_out": ReminderOptOut.objects.filter(user=request.user).exists(),
                "page_title": "Learning reminders",
            },
        )
