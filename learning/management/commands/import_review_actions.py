"""Read a review's action plan from CSV or XLSX (the export's columns):
`manage.py import_review_actions PARTNERSHIP REF plan.csv`."""

from django.core.management.base import BaseCommand, CommandError

from learning.importing import ImportRefused
from learning.review_plans import import_review_plan
from learning.tabular import TableError, read_path
from reviews.models import Review


class Command(BaseCommand):
    help = "Add or update a review's own action plan from CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug.")
        parser.add_argument("reference", help="The review's reference.")
        parser.add_argument("file", help="The CSV or XLSX file.")

    def handle(self, *args, **options):
        review = Review.objects.get(
            partnership__slug=options["partnership"], reference=options["reference"]
        )
        try:
            result = import_review_plan(review, read_path(options["file"]))
        except TableError as error:
            raise CommandError(str(error)) from error
        except ImportRefused as refusal:
            raise CommandError("\n".join(str(error) for error in refusal.errors)) from refusal
        self.stdout.write(f"{review.reference}: {result.summary('actions')}")
