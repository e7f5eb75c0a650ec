"""Superuser pages: the account audit trail (read-only) and current sign-in lockouts."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views import View
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from .filters import AccountEventFilterSet
from .lockouts import current_lockouts, unlock
from .models import AccountEvent


class AccountEventViewSet(ModelViewSet):
    model = AccountEvent
    icon = "history"
    menu_label = "Account events"
    menu_order = 900
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    # Nobody may add or edit (the policy refuses); a form still has to be declared.
    form_fields = ["kind"]
    list_display = ["occurred_at", "kind", "username", "ip_address", "detail"]
    list_export = ["occurred_at", "kind", "username", "ip_address", "user_agent", "detail"]
    filterset_class = AccountEventFilterSet
    search_fields = ["username", "detail"]
    list_per_page = 100


class SuperuserOnly:
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_superuser):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LockoutListView(SuperuserOnly, View):
    def get(self, request):
        context = {"lockouts": current_lockouts()}
        return TemplateResponse(request, "accounts/lockouts.html", context)


class UnlockView(SuperuserOnly, View):
    def post(self, request, pk):
        attempt = get_object_or_404(AccessAttempt, pk=pk)
        unlock(attempt, by=request.user, request=request)
        messages.success(request, f"Signing in as “{attempt.username}” is unlocked.")
        return redirect("lockouts:index")


class LockoutViewSet(ViewSet):
    name = "lockouts"
    icon = "lock"
    menu_label = "Sign-in lockouts"
    menu_order = 901
    add_to_settings_menu = True

    def get_urlpatterns(self):
        return [
            path("", LockoutListView.as_view(), name="index"),
            path("<int:pk>/unlock/", UnlockView.as_view(), name="unlock"),
        ]

    menu_item_class = AdminOnlyMenuItem
