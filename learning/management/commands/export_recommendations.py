"""python manage.py export_recommendations --partnership SLUG [--format] [--output FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...models import Recommendation
from ...recommendation_files import export_recommendations
from ._library import find_partnership


class Command(BaseCommand):
    help = "Export a partnership's review recommendations in the import format."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="File to write (default: standard output, CSV only).")

    def handle(self, *args, **options):
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("An XLSX export needs --output FILE.")
        partnership = find_partnership(options["partnership"])
        recommendations = Recommendation.objects.filter(review__partnership=partnership)
        content = export_recommendations(recommendations, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(content)
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
