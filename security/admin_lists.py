"""Wagtail admin pages that list objects by title whatever the user's rights: the page
chooser and the bulk-action confirmation pages. Scoped here so that a signed-in user
learns no title they could not otherwise see.

- The page chooser (browse and search) offers the pages the user may explore in the
  page tree (Wagtail's own rule) and the pages the public can see (live, unrestricted);
  a taken-down review's page is neither.
- A bulk action only ever receives the objects the user may perform it on: the ids of
  any others are dropped before Wagtail's view lists them ("you cannot ... these items"
  would otherwise name them), and with none left the answer is a 404, as for an id that
  does not exist.
"""

from django.apps import apps
from django.db.models import Q
from django.http import Http404, QueryDict
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action import dispatcher
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy


def choosable_pages(pages, request):
    """Hook `construct_page_chooser_queryset`."""
    user = request.user
    if user.is_active and user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user)
    public = Page.objects.live().public()
    return pages.filter(Q(pk__in=explorable.values("pk")) | Q(pk__in=public.values("pk")))


@require_admin_access
def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk-action view, given only the ids of objects the user may act on."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    allowed, _ = action_class(request, model).get_actionable_objects()
    if not allowed:
        raise Http404
    query = request.GET.copy()
    query.setlist("id", [str(obj.pk) for obj in allowed])
    query.pop("childOf", None)
    request.GET = QueryDict(query.urlencode())
    request.META["QUERY_STRING"] = request.GET.urlencode()
    return dispatcher.index(request, app_label, model_name, action)
