from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import demo
from .components import DeadlinesPanel, YourWorkPanel
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


# Demo cases, after the partnerships and users they belong to (load_demo).
hooks.register("register_demo_loader", demo.load, order=200)
