from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Security"

    def ready(self):
        from .spreadsheets import neutralise_wagtail_exports

        neutralise_wagtail_exports()
