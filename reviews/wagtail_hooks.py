from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import demo
from .agency_portal import RequestsView, RequestView
from .components import DeadlinesPanel, FamilyPanel, TimelinessPanel, YourWorkPanel
from .family_views import may_see_family
from .models import Review
from .permissions import review_permission_policy
from .viewsets import ReviewSettingsGroup, review_viewset

register_permission_policy(Review, review_permission_policy)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [review_viewset, ReviewSettingsGroup()]


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if request.user.has_perm("reviews.view_review"):
        panels.append(YourWorkPanel(request.user))
        panels.append(DeadlinesPanel(request.user))
    if request.user.has_perm("reviews.view_timeliness"):
        panels.append(TimelinessPanel(request.user))


@hooks.register("construct_review_sections")
def add_family_panel(request, review, sections):
    """The family involvement log, for the case's staff and chair."""
    if may_see_family(request.user, review):
        sections.append(FamilyPanel(review))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("information-requests/", RequestsView.as_view(), name="reviews_information_requests"),
        path(
            "information-requests/<int:pk>/",
            RequestView.as_view(),
            name="reviews_information_request",
        ),
    ]


class InformationRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reviews.view_informationrequest")


@hooks.register("register_admin_menu_item")
def information_requests_menu_item():
    return InformationRequestsMenuItem(
        "Information requests",
        reverse("reviews_information_requests"),
        icon_name="doc-full",
        order=110,
    )


# Demo cases, after the partnerships and users they belong to (load_demo).
hooks.register("register_demo_loader", demo.load, order=200)
# The fictional cases, their papers and files, before the demo users go (remove_demo).
hooks.register("register_demo_remover", demo.remove, order=200)
