"""python manage.py import_recommendations FILE --partnership SLUG"""

from django.core.management.base import BaseCommand, CommandError

from ...importing import ImportRefused
from ...recommendation_files import import_recommendations
from ._library import find_partnership, read_file, refusal_message


class Command(BaseCommand):
    help = "Import review recommendations (CSV or XLSX) into a partnership's reviews."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")

    def handle(self, *args, **options):
        partnership = find_partnership(options["partnership"])
        table = read_file(options["file"])
        try:
            result = import_recommendations(partnership, table)
        except ImportRefused as refusal:
            raise CommandError(refusal_message(refusal)) from None
        self.stdout.write(f"{partnership}: {result.summary('recommendations')}")
