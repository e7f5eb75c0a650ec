"""The admin for dissemination and impact: a partnership's learning briefings (briefings,
training, policy changes) linked to the recommendations they cover, and the impact checks
of completed recommendations. Both show on the recommendation's page (views.py); the
forms offer only what the user manages. Registered by viewsets.py."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import AdminDateInput

from partnerships.models import partnerships_managed_by
from partnerships.viewsets import ScopedCreateView, ScopedModelViewSet

from .models import Briefing, ImpactCheck, Recommendation, Status


class FromRecommendationCreateView(ScopedCreateView):
    """An add link from a recommendation's page arrives with ?recommendation=<id>, which
    the form starts with (its choices still decide what may be chosen)."""

    field_name = "recommendation"

    def get_initial(self):
        initial = super().get_initial()
        value = self.request.GET.get("recommendation", "")
        if value.isdigit():
            initial[self.field_name] = (
                int(value) if self.field_name == "recommendation" else [int(value)]
            )
        return initial


class BriefingCreateView(FromRecommendationCreateView):
    field_name = "recommendations"


class BriefingForm(WagtailAdminModelForm):
    """Only the partnerships the user manages, and their reviews' recommendations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        managed = partnerships_managed_by(self.for_user)
        self.fields["partnership"].queryset = managed
        self.fields["recommendations"].queryset = Recommendation.objects.filter(
            review__partnership__in=managed
        ).select_related("review")

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        foreign = [
            str(r)
            for r in cleaned.get("recommendations") or ()
            if partnership and r.review.partnership_id != partnership.pk
        ]
        if foreign:
            self.add_error(
                "recommendations",
                "Link only recommendations of the partnership's own reviews: "
                + ", ".join(foreign)
                + ".",
            )
        return cleaned


class ImpactCheckForm(WagtailAdminModelForm):
    """Only completed recommendations of the partnerships the user manages (and the one the
    check already follows, should it have been reopened since)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choosable = Q(status=Status.COMPLETE)
        if self.instance.recommendation_id:
            choosable |= Q(pk=self.instance.recommendation_id)
        self.fields["recommendation"].queryset = (
            Recommendation.objects.filter(
                review__partnership__in=partnerships_managed_by(self.for_user)
            )
            .filter(choosable)
            .select_related("review")
        )
        self.fields[
            "recommendation"
        ].help_text = "Only complete recommendations: an impact check follows completion."


class BriefingViewSet(ScopedModelViewSet):
    model = Briefing
    icon = "mail"
    menu_label = "Briefings and training"
    url_prefix = "learning/briefings"
    url_namespace = "learning_briefings"
    add_view_class = BriefingCreateView
    list_per_page = 50
    copy_view_enabled = False
    list_display = ["title", "kind", "audience", "delivered_on", "partnership"]
    list_filter = ["kind"]
    list_export = [
        "partnership",
        "title",
        "kind",
        "audience",
        "delivered_on",
        "people_reached",
        "summary",
        "link",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("partnership"),
                    FieldPanel("title"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("delivered_on")]),
                    FieldRowPanel([FieldPanel("audience"), FieldPanel("people_reached")]),
                    FieldPanel("summary"),
                    FieldPanel("link"),
                ],
                heading="Briefing",
            ),
            FieldPanel("recommendations", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=BriefingForm,
    )


class ImpactCheckViewSet(ScopedModelViewSet):
    model = ImpactCheck
    icon = "doc-full"
    menu_label = "Impact checks"
    url_prefix = "learning/impact-checks"
    url_namespace = "learning_impact_checks"
    add_view_class = FromRecommendationCreateView
    list_per_page = 50
    copy_view_enabled = False
    list_display = ["recommendation", "re_audit_on", "checked_on", "outcome"]
    list_filter = ["outcome"]
    list_export = ["recommendation", "measure", "re_audit_on", "checked_on", "outcome", "result"]
    edit_handler = ObjectList(
        [
            FieldPanel("recommendation"),
            FieldPanel("measure"),
            FieldRowPanel(
                [
                    FieldPanel("re_audit_on", widget=AdminDateInput),
                    FieldPanel("checked_on", widget=AdminDateInput),
                ]
            ),
            FieldPanel("outcome"),
            FieldPanel("result"),
        ],
        base_form_class=ImpactCheckForm,
    )
