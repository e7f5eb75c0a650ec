from django import forms
from django.urls import path
from django.utils import timezone
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from accounts.people import full_name
from partnerships.viewsets import ScopedModelViewSet

from .family_views import FamilyMemberView, FamilyView
from .filters import ReviewFilterSet
from .forms import ReviewForm
from .models import (
    Criterion,
    GuidanceVersion,
    NationalTimeliness,
    PartnershipGuidance,
    Review,
    Timescale,
)
from .papers.views import (
    CommentCreateView,
    ConfidentialTermAddView,
    ConfidentialTermDeleteView,
    ConfidentialTermVariantsView,
    DocumentAudienceView,
    DocumentDownloadView,
    DocumentVersionView,
    SubmissionPackView,
)
from .statutory_views import ConditionView, SarBasisView, SendView
from .views import (
    ChairView,
    PanelMemberRemoveView,
    PanelMemberView,
    PaperUploadView,
    ReviewCreateView,
    ReviewEditView,
    ReviewIndexView,
    ReviewView,
    TakeDownView,
    TransitionView,
)


def display_name(user):
    return full_name(user)


class DueColumn(Column):
    """The running clock's due date, flagged when overdue."""

    cell_template_name = "reviews/cells/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due_on"] = instance.current_due_on
        context["overdue"] = instance.is_overdue(timezone.localdate())
        context["paused"] = instance.is_paused
        return context


class ReviewViewSet(ScopedModelViewSet):
    model = Review
    icon = "folder-open-inverse"
    menu_label = "Cases"
    menu_order = 100
    add_to_admin_menu = True
    index_view_class = ReviewIndexView
    add_view_class = ReviewCreateView
    edit_view_class = ReviewEditView
    inspect_view_class = ReviewView
    filterset_class = ReviewFilterSet
    search_fields = ["reference", "pseudonym", "summary"]
    list_per_page = 50
    list_display = [
        "reference",
        "pseudonym",
        "kind",
        "partnership",
        StatusTagColumn("get_state_display", label="Stage", sort_key="state"),
        DueColumn("current_due_on", label="Due", sort_key="due_on"),
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
                    FieldPanel("criteria", widget=forms.CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("reference"), FieldPanel("pseudonym")]),
                    FieldPanel("guidance"),
                    FieldPanel("summary"),
                    FieldPanel("is_fictional"),
                ],
                heading="Case",
            ),
            InlinePanel(
                "commissioners",
                heading="Commissioned jointly with",
                label="Co-commissioning partnership",
                help_text="Partnerships that commission this review with the lead partnership "
                "(the Safeguarding Adults Board of a joint DHR/SAR, a second area). Their review "
                "managers and approvers see the whole case; the lead partnership runs it.",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("date_of_death"), FieldPanel("notified_on")]),
                    FieldPanel("take_down_on"),
                ],
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
            InlinePanel(
                "people",
                heading="People in the review",
                label="Person",
                help_text="Each victim and each perpetrator or alleged abuser, with what is "
                "known of them; 'Not known' wherever it is not. Labels, never names.",
            ),
            InlinePanel(
                "pairs",
                heading="Relationships",
                label="Relationship",
                help_text="What each perpetrator or alleged abuser was to each victim. Save "
                "new people first: a pair chooses from the people already saved.",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("death_type"),
                    FieldRowPanel(
                        [FieldPanel("homicide_suicide"), FieldPanel("children_in_household")]
                    ),
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

    def case_page(self, view_class):
        """A view that posts a form of the case page and, when it is refused, shows the
        case page again (reviews.views.CaseFormView): built as the case page is."""
        return self.construct_view(view_class, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name != "delete"]
        return patterns + [
            # "step" is the word people see; in code it is a transition.
            path(
                "<int:pk>/step/<str:transition_name>/",
                TransitionView.as_view(),
                name="transition",
            ),
            path("<int:pk>/take-down/", TakeDownView.as_view(), name="take_down"),
            path("<int:pk>/documents/upload/", self.case_page(PaperUploadView), name="upload"),
            path("<int:pk>/chair/", self.case_page(ChairView), name="chair"),
            path("<int:pk>/panel/", self.case_page(PanelMemberView), name="add_panel_member"),
            path(
                "<int:pk>/panel/<int:seat_pk>/remove/",
                PanelMemberRemoveView.as_view(),
                name="remove_panel_member",
            ),
            path(
                "<int:pk>/documents/<int:version_pk>/download/",
                DocumentDownloadView.as_view(),
                name="download",
            ),
            *paper_urlpatterns(),
            *family_urlpatterns(),
            *statutory_urlpatterns(),
        ]


def paper_urlpatterns():
    return [
        path(
            "<int:pk>/documents/paper/<int:document_pk>/audience/",
            DocumentAudienceView.as_view(),
            name="document_audience",
        ),
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
            "<int:pk>/confidential-terms/<int:term_pk>/variants/",
            ConfidentialTermVariantsView.as_view(),
            name="change_confidential_variants",
        ),
        path(
            "<int:pk>/home-office-pack/",
            SubmissionPackView.as_view(),
            name="submission_pack",
        ),
    ]


def family_urlpatterns():
    return [
        path("<int:pk>/family/", FamilyView.as_view(), name="family"),
        path("<int:pk>/family/members/add/", FamilyMemberView.as_view(), name="family_member_add"),
        path(
            "<int:pk>/family/members/<int:member_pk>/",
            FamilyMemberView.as_view(),
            name="family_member",
        ),
    ]


def statutory_urlpatterns():
    return [
        path("<int:pk>/statutory/send/", SendView.as_view(), name="record_send"),
        path(
            "<int:pk>/statutory/conditions/<int:condition_pk>/",
            ConditionView.as_view(),
            name="meet_condition",
        ),
        path("<int:pk>/statutory/sar-basis/", SarBasisView.as_view(), name="sar_basis"),
    ]


class TimescaleViewSet(ModelViewSet):
    model = Timescale
    icon = "time"
    menu_label = "Statutory timescales"
    list_display = ["kind", "milestone", "months", "guidance", "source"]
    list_filter = ["guidance", "kind"]
    form_fields = ["guidance", "kind", "milestone", "months", "source"]
    copy_view_enabled = False


class NationalTimelinessViewSet(ModelViewSet):
    """National figures shown beside the partnerships' own (reviews.timeliness), each
    entered with the publication it comes from."""

    model = NationalTimeliness
    icon = "doc-full"
    menu_label = "National timeliness figures"
    list_display = ["kind", "measure", "reviews_counted", "within_timescale", "period", "source"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("clock")]),
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("reviews_counted"), FieldPanel("within_timescale")]),
        FieldPanel("period"),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("published_on")]),
    ]


class GuidanceVersionViewSet(ModelViewSet):
    """The guidance versions reviews follow: each with its stages in order (its
    timescales are rows of Statutory timescales that name it)."""

    model = GuidanceVersion
    icon = "list-ol"
    menu_label = "Guidance versions"
    list_display = ["name", "status", "in_force_from", "is_default"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("status")]),
        FieldPanel("name"),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("in_force_from"), FieldPanel("is_default")]),
        InlinePanel("stages", heading="Stages, in order", label="Stage"),
    ]


class PartnershipGuidanceViewSet(ModelViewSet):
    """Which version a partnership's new reviews follow (else the default)."""

    model = PartnershipGuidance
    icon = "group"
    menu_label = "Partnerships' guidance"
    list_display = ["partnership", "version"]
    form_fields = ["partnership", "version"]
    copy_view_enabled = False


class CriterionViewSet(ModelViewSet):
    """The criteria for review and what each asks of a case (docs/workflow.md). Rows are
    seeded with their law; a system administrator corrects them, nobody adds code."""

    model = Criterion
    icon = "list-ul"
    menu_label = "Criteria for review"
    list_display = ["name", "key", "citation", "home_office_qa", "care_act_basis"]
    form_fields = ["name", "key", "citation", "home_office_qa", "care_act_basis", "sort_order"]
    copy_view_enabled = False


class ReviewSettingsGroup(ModelViewSetGroup):
    menu_label = "Review settings"
    menu_icon = "cog"
    menu_order = 900
    items = [
        TimescaleViewSet("timescales"),
        NationalTimelinessViewSet("national_timeliness"),
        CriterionViewSet("criteria"),
        GuidanceVersionViewSet("guidance_versions"),
        PartnershipGuidanceViewSet("partnership_guidance"),
    ]


review_viewset = ReviewViewSet("reviews")
