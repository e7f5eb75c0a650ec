"""Load the demonstration data: `python manage.py load_demo`. Safe to run again.

Each app with demo data registers its loader, `load(log)`, with the Wagtail hook
`register_demo_loader` and an order that follows the layers (docs/architecture.md):
partnerships and users first (100), then cases (200), the learning library (300) and the
public site's pages (500), which move the published reviews under the home page. Each
loader runs in its own transaction.
"""

import logging

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks

from partnerships.demo import describe_logins


class Command(BaseCommand):
    help = "Create fictional demo cases, the shipped action plans and one demo user per role."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA", False):
            raise CommandError(
                "These settings do not allow demo data (DEMO_DATA is not set): "
                "load_demo is for development and tests only."
            )
        # Wagtail logs every page it creates and publishes; the demo makes many.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        for load in hooks.get_hooks("register_demo_loader"):
            with transaction.atomic():
                load(self.stdout.write)
        call_command("update_index", verbosity=0)
        call_command("search_index", rebuild=True, stdout=self.stdout)
        call_command("rebuild_references_index", verbosity=0)
        describe_logins(self.stdout.write)
