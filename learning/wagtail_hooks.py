from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from partnerships.access import facts_of

from . import demo
from .case_learning import learning_event_rows
from .case_views import (
    CaseLearningView,
    ChronologyImportView,
    ChronologyView,
    LearningEventView,
    OpportunityLinkView,
)
from .chronology import read_returned_chronology
from .components import CaseChronologyPanel, LearningPanel, ReviewRecommendationsPanel
from .models import (
    Action,
    Body,
    BodyRecommendation,
    Briefing,
    ImpactCheck,
    Recommendation,
    ReviewAction,
    Strategy,
    Theme,
)
from .national import OversightView, ReminderOptOutView
from .permissions import (
    action_permission_policy,
    body_permission_policy,
    body_recommendation_permission_policy,
    briefing_permission_policy,
    impact_check_permission_policy,
    recommendation_permission_policy,
    review_action_permission_policy,
    strategy_permission_policy,
    theme_permission_policy,
)
from .public.sections import THEME_FILTER, PublishedRecommendationsSection, public_texts
from .views import (
    ActionPlanImportView,
    AnnualReportView,
    DashboardView,
    DistributionView,
    RecommendationExportView,
    RecommendationImportView,
    ReviewExportView,
    ReviewImportView,
    ReviewPlanImportView,
)
from .viewsets import LearningLibraryGroup

register_permission_policy(Strategy, strategy_permission_policy)
register_permission_policy(Action, action_permission_policy)
register_permission_policy(Recommendation, recommendation_permission_policy)
register_permission_policy(Theme, theme_permission_policy)
register_permission_policy(Body, body_permission_policy)
register_permission_policy(BodyRecommendation, body_recommendation_permission_policy)
register_permission_policy(ReviewAction, review_action_permission_policy)
register_permission_policy(Briefing, briefing_permission_policy)
register_permission_policy(ImpactCheck, impact_check_permission_policy)

# The shipped plans and the demo cases' recommendations, after the cases (load_demo).
hooks.register("register_demo_loader", demo.load, order=300)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return LearningLibraryGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("learning/dashboard/", DashboardView.as_view(), name="learning_dashboard"),
        path("learning/oversight/", OversightView.as_view(), name="learning_oversight"),
        path("learning/reminders/", ReminderOptOutView.as_view(), name="learning_reminders"),
        path("learning/annual-report/", AnnualReportView.as_view(), name="learning_annual_report"),
        path(
            "learning/annual-report/distribution/",
            DistributionView.as_view(),
            name="learning_annual_report_distribution",
        ),
        path(
            "learning/import/action-plan/",
            ActionPlanImportView.as_view(),
            name="learning_import_action_plan",
        ),
        path(
            "learning/import/recommendations/",
            RecommendationImportView.as_view(),
            name="learning_import_recommendations",
        ),
        path(
            "learning/import/reviews/", ReviewImportView.as_view(), name="learning_import_reviews"
        ),
        path(
            "learning/export/reviews/", ReviewExportView.as_view(), name="learning_export_reviews"
        ),
        path(
            "learning/import/review-action-plan/",
            ReviewPlanImportView.as_view(),
            name="learning_import_review_plan",
        ),
        path(
            "learning/export/recommendations/",
            RecommendationExportView.as_view(),
            name="learning_export_recommendations",
        ),
        # A case's combined chronology, findings and learning event.
        path(
            "learning/cases/<int:pk>/chronology/",
            ChronologyView.as_view(),
            name="learning_chronology",
        ),
        path(
            "learning/cases/<int:pk>/chronology/import/",
            ChronologyImportView.as_view(),
            name="learning_chronology_import",
        ),
        path(
            "learning/cases/<int:pk>/chronology/<int:entry_pk>/link/",
            OpportunityLinkView.as_view(),
            name="learning_chronology_link",
        ),
        path("learning/cases/<int:pk>/learning/", CaseLearningView.as_view(), name="learning_case"),
        path(
            "learning/cases/<int:pk>/learning-events/add/",
            LearningEventView.as_view(),
            name="learning_event_add",
        ),
        path(
            "learning/cases/<int:pk>/learning-events/<int:event_pk>/",
            LearningEventView.as_view(),
            name="learning_event_edit",
        ),
    ]


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_learning_library_menu_item")
def dashboard_menu_item():
    return PermittedMenuItem(
        "Dashboard",
        reverse("learning_dashboard"),
        icon_name="table",
        order=0,
        permission="learning.view_reports",
    )


@hooks.register("register_learning_library_menu_item")
def oversight_menu_item():
    return PermittedMenuItem(
        "Across partnerships",
        reverse("learning_oversight"),
        icon_name="table",
        order=5,
        permission="learning.view_reports",
    )


@hooks.register("register_learning_library_menu_item")
def annual_report_menu_item():
    return PermittedMenuItem(
        "Annual report",
        reverse("learning_annual_report"),
        icon_name="date",
        order=10,
        permission="learning.view_reports",
    )


@hooks.register("register_learning_library_menu_item")
def import_action_plan_menu_item():
    return PermittedMenuItem(
        "Import an action plan",
        reverse("learning_import_action_plan"),
        icon_name="upload",
        order=20,
        permission="learning.import_data",
    )


@hooks.register("register_learning_library_menu_item")
def import_recommendations_menu_item():
    return PermittedMenuItem(
        "Import recommendations",
        reverse("learning_import_recommendations"),
        icon_name="upload",
        order=21,
        permission="learning.import_data",
    )


@hooks.register("register_learning_library_menu_item")
def import_reviews_menu_item():
    return PermittedMenuItem(
        "Import past reviews",
        reverse("learning_import_reviews"),
        icon_name="upload",
        order=22,
        permission="learning.import_data",
    )


@hooks.register("register_learning_library_menu_item")
def import_review_plan_menu_item():
    return PermittedMenuItem(
        "Import a review's action plan",
        reverse("learning_import_review_plan"),
        icon_name="upload",
        order=23,
        permission="learning.import_data",
    )


@hooks.register("register_learning_library_menu_item")
def reminders_menu_item():
    # Anyone who may be reminded (an owning agency's user, a manager) finds the switch here.
    return PermittedMenuItem(
        "Your reminders",
        reverse("learning_reminders"),
        icon_name="mail",
        order=30,
        permission="learning.view_reports",
    )


@hooks.register("construct_homepage_panels")
def add_learning_panel(request, panels):
    # Report readers see the library's counts; partner agency users their agency's work.
    if request.user.has_perm("learning.view_reports") or facts_of(request.user).agency_seats:
        panels.append(LearningPanel(request.user))


@hooks.register("insert_global_admin_css")
def learning_css():
    return format_html('<link rel="stylesheet" href="{}">', static("learning/learning.css"))


# ---------------------------------------------------------------- into the reviews app's pages


@hooks.register("construct_review_sections")
def add_review_recommendations(request, review, sections):
    """The case page lists the case's recommendations and the actions that deliver them."""
    sections.append(ReviewRecommendationsPanel(request, review))
    sections.append(CaseChronologyPanel(request, review))


@hooks.register("construct_review_page_context")
def add_published_recommendations(request, page, context):
    """A published review's public page shows its recommendations and their progress."""
    context["sections"].append(PublishedRecommendationsSection(request, context["review"]))


@hooks.register("register_review_listing_filter")
def theme_filter():
    """The published reviews list can be narrowed to a theme of their recommendations."""
    return THEME_FILTER


# The fictional recommendations, before the fictional cases go (remove_demo).
hooks.register("register_demo_remover", demo.remove, order=300)

# The publication gate reads what the library will show of a review (reviews.hooks).
hooks.register("register_public_texts", public_texts)
# A chronology returned through the agency portal joins the combined chronology.
hooks.register("register_returned_chronology_reader", read_returned_chronology)
# The Home Office pack's case summary counts the learning events (reviews.hooks).
hooks.register("register_case_summary_rows", learning_event_rows)
