from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import demo
from .models import Agency
from .onboarding_admin import OnboardingGroup
from .permissions import ScopedPermissionPolicy
from .viewsets import AgencyViewSet

# First of the demo loaders (load_demo): partnerships, agencies and the demo users.
hooks.register("register_demo_loader", demo.load, order=100)

register_permission_policy(Agency, ScopedPermissionPolicy(Agency))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AgencyViewSet("agencies")


@hooks.register("register_admin_viewset")
def register_onboarding():
    return OnboardingGroup()


# Last of the demo removers (remove_demo): the demo users and the fictional board.
hooks.register("register_demo_remover", demo.remove, order=100)


@hooks.register("insert_global_admin_css")
def admin_css():
    """Fixes to the admin's own furniture that every app's pages share."""
    return format_html('<link rel="stylesheet" href="{}">', static("partnerships/admin.css"))
