"""Load the demonstration data: `python manage.py load_demo`. Safe to run again.

Each app that has demo data provides `<app>/demo.py` with `load(log)`; they run in
INSTALLED_APPS order (partnerships and users first, then cases, then the library...).
"""

import logging
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.demo import describe_logins


class Command(BaseCommand):
    help = "Create fictional demo cases, the shipped action plans and one demo user per role."

    def handle(self, *args, **options):
        # Wagtail logs every page it creates and publishes; the demo makes many.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if not app_config.name.startswith(("wagtail", "django")) and find_spec(module_name):
                with transaction.atomic():
                    import_module(module_name).load(self.stdout.write)
        call_command("update_index", verbosity=0)
        # Last: the site's pages (pages.demo) move the published reviews under the home page.
        call_command("search_index", rebuild=True, stdout=self.stdout)
        call_command("rebuild_references_index", verbosity=0)
        describe_logins(self.stdout.write)
