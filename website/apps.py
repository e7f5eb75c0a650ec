from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The site-wide part of the public website: home and content pages, navigation,
    site map, feed and the layout's template tags. Its label stays "pages" (the name it
    was created under), so its tables, migrations and templates/pages/ keep their names."""

    name = "website"
    label = "pages"
    verbose_name = "Public website"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (  # noqa: F401
            checks,  # the shared cache starts empty (check --deploy)
            signals,  # connects the public cache's invalidation
        )
