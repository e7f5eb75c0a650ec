"""python manage.py export_reviews --partnership SLUG [--format] [--output FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.models import Review

from ...review_files import export_reviews
from ._library import find_partnership


class Command(BaseCommand):
    help = "Export a partnership's reviews in the format import_reviews reads."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="File to write (default: standard output, CSV only).")

    def handle(self, *args, **options):
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("An XLSX export needs --output FILE.")
        partnership = find_partnership(options["partnership"])
        content = export_reviews(Review.objects.filter(partnership=partnership), options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(content)
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
