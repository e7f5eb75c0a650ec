from django.core.management.base import BaseCommand
from django.db import transaction

from website.site_setup import ensure_site_pages


class Command(BaseCommand):
    help = (
        "Create the public home page (replacing Wagtail's welcome page) and the help, "
        "accessibility and privacy pages if they are missing. Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_site_pages(self.stdout.write)
