from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from partnerships.access import facts_of

from . import demo
from .components import LearningPanel, ReviewRecommendationsPanel
from .models import Action, Recommendation, Strategy, Theme
from .permissions import (
    action_permission_policy,
    recommendation_permission_policy,
    strategy_permission_policy,
    theme_permission_policy,
)
from .public.sections import THEME_FILTER, PublishedRecommendationsSection
from .views import (
    ActionPlanImportView,
    AnnualReportView,
    DashboardView,
    RecommendationExportView,
    RecommendationImportView,
)
from .viewsets import LearningLibraryGroup

register_permission_policy(Strategy, strategy_permission_policy)
register_permission_policy(Action, action_permission_policy)
register_permission_policy(Recommendation, recommendation_permission_policy)
register_permission_policy(Theme, theme_permission_policy)

# The shipped plans and the demo cases' recommendations, after the cases (load_demo).
hooks.register("register_demo_loader", demo.load, order=300)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return LearningLibraryGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("learning/dashboard/", DashboardView.as_view(), name="learning_dashboard"),
        path("learning/annual-report/", AnnualReportView.as_view(), name="learning_annual_report"),
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
            "learning/export/recommendations/",
            RecommendationExportView.as_view(),
            name="learning_export_recommendations",
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


@hooks.register("construct_review_page_context")
def add_published_recommendations(request, page, context):
    """A published review's public page shows its recommendations and their progress."""
    context["sections"].append(PublishedRecommendationsSection(request, page.review_id))


@hooks.register("register_review_listing_filter")
def theme_filter():
    """The published reviews list can be narrowed to a theme of their recommendations."""
    return THEME_FILTER
