"""Write a review's action plan as CSV: `manage.py export_review_actions PARTNERSHIP REF`."""

from django.core.management.base import BaseCommand

from learning.review_plans import export_csv
from reviews.models import Review


class Command(BaseCommand):
    help = "Export a review's own action plan as CSV to standard output."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug.")
        parser.add_argument("reference", help="The review's reference.")

    def handle(self, *args, **options):
        review = Review.objects.get(
            partnership__slug=options["partnership"], reference=options["reference"]
        )
        self.stdout.write(export_csv(review), ending="")
