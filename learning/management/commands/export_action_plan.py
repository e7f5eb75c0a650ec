"""python manage.py export_action_plan --strategy SLUG [--format csv|xlsx] [--output FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...action_plans import export_action_plan
from ._library import find_strategy


class Command(BaseCommand):
    help = "Export a strategy's action plan in the import format (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--strategy", required=True)
        parser.add_argument("--partnership")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="File to write (default: standard output, CSV only).")

    def handle(self, *args, **options):
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("An XLSX export needs --output FILE.")
        strategy = find_strategy(options["strategy"], options["partnership"])
        content = export_action_plan(strategy, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(content)
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
