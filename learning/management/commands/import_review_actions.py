"""Read a review's action plan from CSV (the export's columns):
`manage.py import_review_actions PARTNERSHIP REF plan.csv`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from learning.review_plans import import_csv
from reviews.models import Review


class Command(BaseCommand):
    help = "Add or update a review's own action plan from CSV."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug.")
        parser.add_argument("reference", help="The review's reference.")
        parser.add_argument("file", help="The CSV file (UTF-8).")

    def handle(self, *args, **options):
        review = Review.objects.get(
            partnership__slug=options["partnership"], reference=options["reference"]
        )
        with open(options["file"], encoding="utf-8-sig") as source:
            try:
                count = import_csv(review, source.read())
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{count} action(s) read into {review.reference}.")
