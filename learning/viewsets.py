"""Wagtail admin for the learning library: strategies (with their priorities), actions,
recommendations and themes, grouped under "Learning library" in the menu. Reports and
imports join the same menu through its submenu hook (see wagtail_hooks.py)."""

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets import AdminDateInput

from partnerships.forms import SharedListForm
from partnerships.viewsets import ScopedModelViewSet

from .dissemination import BriefingViewSet, ImpactCheckViewSet
from .filters import ActionFilterSet, RecommendationFilterSet, StrategyFilterSet
from .forms import ActionForm, RecommendationForm, StrategyForm
from .models import Action, Recommendation, Strategy, Theme
from .national import BodyRecommendationViewSet, BodyViewSet, ReviewActionViewSet
from .permissions import action_permission_policy, recommendation_permission_policy
from .views import (
    ActionIndexView,
    ActionInspectView,
    ActionPlanExportView,
    ProgressView,
    RecommendationCreateView,
    RecommendationIndexView,
    RecommendationInspectView,
    StrategyIndexView,
    StrategyInspectView,
)


class RAGColumn(Column):
    cell_template_name = "learning/cells/rag_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["rag"] = instance.rag
        context["label"] = instance.get_rag_display()
        return context


class DueDateColumn(Column):
    """A due or target date, flagged when overdue."""

    cell_template_name = "learning/cells/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["date"] = self.get_value(instance)
        context["overdue"] = instance.is_overdue(timezone.localdate())
        return context


def detail_title(name, url_name, **kwargs):
    """The title column links to the detail page, where links and progress are."""
    return TitleColumn(name, get_url=lambda obj: reverse(url_name, args=[obj.pk]), **kwargs)


def status_label(obj):
    return obj.get_status_display() or "Not recorded"


def short(text, length=120):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class LibraryViewSet(ScopedModelViewSet):
    """Every view scoped by the access rule (partnerships.viewsets), a detail page."""

    list_per_page = 50


class StrategyViewSet(LibraryViewSet):
    model = Strategy
    icon = "doc-full"
    menu_label = "Strategies and plans"
    url_prefix = "learning/strategies"
    url_namespace = "learning_strategies"
    index_view_class = StrategyIndexView
    inspect_view_class = StrategyInspectView
    filterset_class = StrategyFilterSet
    list_display = [
        detail_title("title", "learning_strategies:inspect", label="Strategy"),
        Column("period", label="Period", sort_key="period_start"),
        "partnership",
        Column("action_count", label="Actions"),
        Column(
            "is_active",
            label="Being delivered",
            accessor=lambda strategy: "Yes" if strategy.is_active else "No: kept for reference",
            sort_key="is_active",
        ),
    ]
    list_export = [
        "title",
        "slug",
        "partnership",
        "period_start",
        "period_end",
        "governing_body",
        "source_document",
        "is_active",
    ]
    # The form class goes on the panels: with panels, a viewset's form_class is unused.
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("partnership"),
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                    FieldPanel("governing_body"),
                    FieldPanel("is_active"),
                ],
                heading="Strategy",
            ),
            MultiFieldPanel(
                [FieldPanel("source_document"), FieldPanel("source_file"), FieldPanel("notes")],
                heading="Source document",
            ),
            InlinePanel("priorities", heading="Priorities", label="Priority"),
        ],
        base_form_class=StrategyForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/export/", ActionPlanExportView.as_view(), name="export_plan"),
        ]


class ActionViewSet(LibraryViewSet):
    model = Action
    icon = "list-ul"
    menu_label = "Actions"
    url_prefix = "learning/actions"
    url_namespace = "learning_actions"
    index_view_class = ActionIndexView
    inspect_view_class = ActionInspectView
    filterset_class = ActionFilterSet
    list_display = [
        detail_title(
            "reference", "learning_actions:inspect", label="Ref.", classname="learning-nowrap"
        ),
        Column("objective", label="Action", accessor=lambda action: short(action.objective)),
        Column("strategy", label="Plan", sort_key="strategy__title"),
        Column("due_period", label="Due period"),
        DueDateColumn("due_on", label="Due", sort_key="due_on"),
        Column("lead_agency", label="Owner"),
        RAGColumn("rag", label="RAG", sort_key="rag"),
        Column("status", label="Status", accessor=status_label, sort_key="status"),
        Column("recommendation_count", label="Answers recommendations"),
    ]
    list_export = [
        "strategy",
        "reference",
        "objective",
        "key_deliverables",
        "due_period",
        "starts_on",
        "due_on",
        "lead",
        "lead_agency",
        "partners",
        "strategic_links",
        "expected_outcomes",
        "comments",
        "rag",
        "status",
    ]
    # The form class goes on the panels: with panels, a viewset's form_class is unused.
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("priority"),
                    FieldPanel("reference"),
                    FieldPanel("objective"),
                    FieldPanel("key_deliverables"),
                    FieldPanel("expected_outcomes"),
                ],
                heading="Action",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("due_period"),
                    FieldRowPanel(
                        [
                            FieldPanel("starts_on", widget=AdminDateInput),
                            FieldPanel("due_on", widget=AdminDateInput),
                        ]
                    ),
                ],
                heading="When",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("lead"),
                    FieldPanel("lead_agency"),
                    FieldPanel("partners"),
                    FieldPanel("strategic_links"),
                ],
                heading="Who",
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("rag"), FieldPanel("status")]), FieldPanel("comments")],
                heading="Progress",
                help_text="Post progress updates from the action's page: they keep the history.",
            ),
        ],
        base_form_class=ActionForm,
    )

    def get_urlpatterns(self):
        progress = ProgressView.as_view(policy=action_permission_policy)
        return super().get_urlpatterns() + [
            path("<int:pk>/progress/", progress, name="progress"),
        ]


class RecommendationViewSet(LibraryViewSet):
    model = Recommendation
    icon = "tick-inverse"
    menu_label = "Recommendations"
    url_prefix = "learning/recommendations"
    url_namespace = "learning_recommendations"
    index_view_class = RecommendationIndexView
    add_view_class = RecommendationCreateView
    inspect_view_class = RecommendationInspectView
    filterset_class = RecommendationFilterSet
    list_display = [
        detail_title(
            "number",
            "learning_recommendations:inspect",
            label="Review, number",
            accessor=lambda recommendation: (
                f"{recommendation.review.reference} · {recommendation.number}"
            ),
            classname="learning-nowrap",
        ),
        Column("text", label="Text", accessor=lambda recommendation: short(recommendation.text)),
        Column("get_level_display", label="Level", sort_key="level"),
        Column("owning_agency", label="Owner"),
        DueDateColumn("target_date", label="Target date", sort_key="target_date"),
        RAGColumn("rag", label="RAG", sort_key="rag"),
        Column("get_status_display", label="Status", sort_key="status"),
        Column("action_count", label="Actions"),
    ]
    list_export = [
        "review",
        "number",
        "text",
        "level",
        "owning_agency",
        "target_date",
        "status",
        "rag",
        "evidence",
        "not_implemented_reason",
    ]

    def get_edit_handler(self):
        """The form's panels, with those other apps add after the recommendation's own
        fields (hook `register_recommendation_panel`; search: similar recommendations).
        Built when the admin first needs it, once every app's hooks are registered."""
        # The form class goes on the panels: with panels, a viewset's form_class is unused.
        return ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("review"), FieldPanel("number")]),
                        FieldPanel("text"),
                        FieldRowPanel([FieldPanel("level"), FieldPanel("owning_agency")]),
                        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("target_date", widget=AdminDateInput),
                        FieldPanel("shared_with_oversight"),
                    ],
                    heading="Recommendation",
                ),
                *(register() for register in hooks.get_hooks("register_recommendation_panel")),
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("status"), FieldPanel("rag")]),
                        FieldPanel("evidence"),
                        FieldPanel("not_implemented_reason"),
                    ],
                    heading="Progress",
                    help_text="Post progress updates from the recommendation's page: they keep "
                    "the history.",
                ),
                InlinePanel("action_links", heading="Actions that deliver it", label="Action"),
            ],
            base_form_class=RecommendationForm,
        ).bind_to_model(self.model)

    def get_urlpatterns(self):
        progress = ProgressView.as_view(policy=recommendation_permission_policy)
        return super().get_urlpatterns() + [
            path("<int:pk>/progress/", progress, name="progress"),
        ]


class ThemeViewSet(LibraryViewSet):
    """National themes (a system administrator's) and each partnership's own."""

    model = Theme
    icon = "tag"
    menu_label = "Themes"
    url_prefix = "learning/themes"
    url_namespace = "learning_themes"
    list_display = ["name", "slug", Column("partnership", label="Partnership"), "description"]
    search_fields = ["name", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("partnership"),
            FieldPanel("description"),
        ],
        base_form_class=SharedListForm,
    )


class LearningLibraryGroup(ModelViewSetGroup):
    menu_label = "Learning library"
    menu_icon = "doc-full-inverse"
    menu_order = 200
    submenu_hook = "register_learning_library_menu_item"
    items = (
        StrategyViewSet,
        ActionViewSet,
        RecommendationViewSet,
        ThemeViewSet,
        BodyViewSet,
        BodyRecommendationViewSet,
        ReviewActionViewSet,
        BriefingViewSet,
        ImpactCheckViewSet,
    )
