from django.urls import path
from django.utils import timezone
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .document_views import (
    CommentCreateView,
    ConfidentialTermAddView,
    ConfidentialTermDeleteView,
    DocumentDownloadView,
    DocumentUploadView,
    DocumentVersionView,
    SubmissionPackView,
)
from .filters import ReviewFilterSet
from .forms import ReviewForm
from .models import Review, Timescale
from .views import (
    CaseHistoryView,
    CaseUsageView,
    CaseView,
    ReviewCreateView,
    ReviewEditView,
    ReviewIndexView,
    TransitionView,
)


def display_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class DueColumn(Column):
    """The running clock's due date, flagged when overdue."""

    cell_template_name = "reviews/cells/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due_on"] = instance.current_due_on
        context["overdue"] = instance.is_overdue(timezone.localdate())
        context["paused"] = instance.is_paused
        return context


class CaseIndexView(ReviewIndexView):
    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The case page, not the edit form, is where a case is worked on.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "folder-open-inverse"
    menu_label = "Cases"
    menu_order = 100
    add_to_admin_menu = True
    index_view_class = CaseIndexView
    add_view_class = ReviewCreateView
    edit_view_class = ReviewEditView
    inspect_view_class = CaseView
    history_view_class = CaseHistoryView
    usage_view_class = CaseUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ReviewFilterSet
    search_fields = ["reference", "pseudonym", "summary"]
    list_per_page = 50
    list_display = [
        "reference",
        "pseudonym",
        "kind",
        "partnership",
        StatusTagColumn("get_state_display", label="Stage", sort_key="state"),
        DueColumn("current_due_on", label="Due"),
        Column("chair", label="Chair", accessor=lambda review: display_name(review.chair)),
    ]
    list_export = [
        "reference",
        "pseudonym",
        "kind",
        "partnership",
        "state",
        "notified_on",
        "decision_due_on",
        "completion_due_on",
        "chair",
    ]
    edit_handler = ObjectList(
        base_form_class=ReviewForm,
        children=[
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("partnership"), FieldPanel("kind")]),
                    FieldRowPanel([FieldPanel("reference"), FieldPanel("pseudonym")]),
                    FieldPanel("summary"),
                    FieldPanel("is_fictional"),
                ],
                heading="Case",
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("date_of_death"), FieldPanel("notified_on")])],
                heading="Dates",
            ),
            MultiFieldPanel(
                [FieldPanel("chair"), FieldPanel("terms_of_reference")],
                heading="Chair and terms of reference",
            ),
            InlinePanel("panel_memberships", heading="Panel", label="Panel member"),
            FieldPanel("agencies"),
            InlinePanel(
                "information_requests", heading="IMRs and chronologies requested", label="Request"
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("victim_age_band"), FieldPanel("victim_sex")]),
                    FieldPanel("victim_ethnicity"),
                    FieldRowPanel(
                        [FieldPanel("perpetrator_age_band"), FieldPanel("perpetrator_sex")]
                    ),
                    FieldPanel("relationship"),
                    FieldRowPanel([FieldPanel("homicide_suicide"), FieldPanel("children_present")]),
                    FieldRowPanel([FieldPanel("cause_of_death"), FieldPanel("location_of_death")]),
                    FieldPanel("indicators"),
                ],
                heading="Anonymised details for statistics",
                classname="collapsed",
            ),
        ],
    )

    def get_common_view_kwargs(self, **kwargs):
        # Cases are closed, never deleted: no delete view or button anywhere.
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name != "delete"]
        return patterns + [
            path("<int:pk>/step/<str:step_name>/", TransitionView.as_view(), name="step"),
            path("<int:pk>/documents/upload/", DocumentUploadView.as_view(), name="upload"),
            path(
                "<int:pk>/documents/<int:version_pk>/download/",
                DocumentDownloadView.as_view(),
                name="download",
            ),
            *case_paper_urlpatterns(),
        ]


def case_paper_urlpatterns():
    return [
        path("<int:pk>/documents/<int:version_pk>/", DocumentVersionView.as_view(), name="version"),
        path(
            "<int:pk>/documents/<int:version_pk>/comments/",
            CommentCreateView.as_view(),
            name="comment",
        ),
        path(
            "<int:pk>/confidential-terms/",
            ConfidentialTermAddView.as_view(),
            name="add_confidential_term",
        ),
        path(
            "<int:pk>/confidential-terms/<int:term_pk>/delete/",
            ConfidentialTermDeleteView.as_view(),
            name="delete_confidential_term",
        ),
        path(
            "<int:pk>/home-office-pack/",
            SubmissionPackView.as_view(),
            name="submission_pack",
        ),
    ]


class TimescaleViewSet(ModelViewSet):
    model = Timescale
    icon = "time"
    menu_label = "Statutory timescales"
    list_display = ["kind", "milestone", "months", "source"]
    form_fields = ["kind", "milestone", "months", "source"]
    copy_view_enabled = False


class ReviewSettingsGroup(ModelViewSetGroup):
    menu_label = "Review settings"
    menu_icon = "cog"
    menu_order = 900
    items = [TimescaleViewSet("timescales")]


review_viewset = ReviewViewSet("reviews")
