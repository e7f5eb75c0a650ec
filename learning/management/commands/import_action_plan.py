"""python manage.py import_action_plan FILE --strategy SLUG [--partnership SLUG]

Imports a CSV or XLSX action plan into an existing strategy. All or nothing: any bad row
stops the import and every problem is printed with its row number."""

from django.core.management.base import BaseCommand, CommandError

from ...action_plans import import_action_plan
from ...importing import ImportRefused
from ._library import find_strategy, read_file, refusal_message


class Command(BaseCommand):
    help = "Import an action plan (CSV or XLSX) into a strategy, updating actions by reference."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--strategy", required=True, help="The strategy's slug.")
        parser.add_argument(
            "--partnership", help="The partnership's slug, if several have that strategy slug."
        )

    def handle(self, *args, **options):
        strategy = find_strategy(options["strategy"], options["partnership"])
        table = read_file(options["file"])
        try:
            result = import_action_plan(strategy, table)
        except ImportRefused as refusal:
            raise CommandError(refusal_message(refusal)) from None
        self.stdout.write(f"{strategy} ({strategy.partnership}): {result.summary('actions')}")
        if result.not_in_file:
            self.stdout.write("Kept, though not in the file: " + ", ".join(result.not_in_file))
