"""Write a review's action plan: `manage.py export_review_actions PARTNERSHIP REF
[--format xlsx] [--output FILE]` (CSV to standard output by default)."""

from django.core.management.base import BaseCommand, CommandError

from learning.review_plans import export_review_plan
from reviews.models import Review


class Command(BaseCommand):
    help = "Export a review's own action plan as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug.")
        parser.add_argument("reference", help="The review's reference.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="The file to write (standard output if left out).")

    def handle(self, *args, **options):
        review = Review.objects.get(
            partnership__slug=options["partnership"], reference=options["reference"]
        )
        content = export_review_plan(review, options["format"])
        if options["output"]:
            with open(options["output"], "wb") as target:
                target.write(content)
        elif options["format"] == "csv":
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            raise CommandError("Give --output for an XLSX file.")
