from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from security.admin_lists import bulk_action

urlpatterns = [
    # Two-factor pages, before the admin's own URLs (they must work before the second
    # factor is passed, so they are not behind Wagtail's admin access check).
    path("admin/two-factor/", include("accounts.urls")),
    # Bulk actions receive only the objects the user may act on (security.admin_lists).
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        bulk_action,
        name="wagtail_bulk_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Published reports only; case papers are served by the permission-checked admin views.
    path("published-reports/", include("reviews.public.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Static files only. MEDIA_ROOT is deliberately not served wholesale: case papers
    # must only ever be reachable through the permission-checked document views.
    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [
    path("search/", include("search.public.urls")),
    # Open data: published reviews and recommendations, read-only (learning.public.api).
    path("open-data/", include("learning.public.urls")),
    path("", include("website.urls")),  # sitemap.xml, site map, feeds
    path("", include(wagtail_urls)),
]
