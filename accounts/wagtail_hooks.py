from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import AccountEventViewSet, LockoutViewSet
from .models import AccountEvent
from .permissions import SuperuserViewOnlyPolicy

register_permission_policy(AccountEvent, SuperuserViewOnlyPolicy(AccountEvent))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [AccountEventViewSet("account_events"), LockoutViewSet()]


@hooks.register("register_account_menu_item")
def recovery_codes_item(request):
    return {
        "url": reverse("accounts:recovery_codes"),
        "label": "Recovery codes",
        "help_text": "See how many two-factor recovery codes you have left, or issue new ones.",
    }
