"""The scoped admin base: Wagtail views and a viewset for models under the access rule.

Every viewset of reviews and learning derives from `ScopedModelViewSet`, so every view it
mounts (index and its results, inspect, add, edit, delete, history and its results,
usage) finds rows through the model's permission policy (partnerships.permissions):

- a row the user may not see is a 404, whatever the view and whatever the user's role,
  so a guessed id reveals nothing;
- a row they may see but not change is refused by the view's own permission check;
- lists offer an edit link only on rows the user may change.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import SharedListForm
from .models import Agency


def visible_rows(view):
    return view.permission_policy.instances_user_has_permission_for(view.request.user, "view")


class ScopedObjectMixin:
    """For the views that open one row (inspect, edit, delete): look it up among the rows
    the user may see, then check the view's own right on it."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        obj = get_object_or_404(self.get_scoped_queryset(), pk=pk)
        required = getattr(self, "permission_required", None)
        if required and not self.permission_policy.user_has_permission_for_instance(
            self.request.user, required, obj
        ):
            raise PermissionDenied
        return obj

    def get_scoped_queryset(self):
        return visible_rows(self)


class ScopedBaseObjectMixin:
    """For the views built on Wagtail's BaseObjectMixin (history, usage)."""

    def get_base_object_queryset(self):
        return visible_rows(self)


class ScopedIndexView(generic.IndexView):
    """Lists exactly the rows the user may see; edit links only where they may change."""

    def get_base_queryset(self):
        return visible_rows(self)

    def get_edit_url(self, instance):
        # Model-level rights are not enough: a user may manage one partnership and only
        # read another's rows.
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        return None  # deletion, where allowed, is offered on the edit page


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    def get_edit_url(self):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        ):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        return None

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return ""


class ScopedCreateView(generic.CreateView):
    """Adding is checked by the permission policy (the partnership field's choices are the
    form's business)."""


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedBaseObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, usage.UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view is scoped by the model's permission policy."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    inspect_view_class = ScopedInspectView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False  # a copy would open a row through an unscoped lookup


class AgencyViewSet(ScopedModelViewSet):
    """Agencies: national ones (a system administrator's) and each partnership's own."""

    model = Agency
    icon = "group"
    menu_label = "Agencies"
    menu_order = 800
    add_to_settings_menu = True
    url_prefix = "agencies"
    url_namespace = "agencies"
    list_display = ["name", "short_name", Column("partnership", label="Partnership")]
    search_fields = ["name", "short_name"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("partnership")],
        base_form_class=SharedListForm,
    )
