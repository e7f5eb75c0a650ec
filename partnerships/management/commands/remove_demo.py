"""Remove the demonstration data: `python manage.py remove_demo [--dry-run]`.

Removes every fictional record and stored file that `load_demo` made, and nothing else
(partnerships.demo_removal says what that is). Then rebuilds the search indexes."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from partnerships.demo_removal import DemoStillReferenced, remove_demo


class Command(BaseCommand):
    help = "Remove the fictional demo cases, their papers and files, and the demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would go; change nothing."
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        self.stdout.write("Would remove:" if dry_run else "Removed:")
        try:
            remove_demo(self.stdout.write, dry_run=dry_run)
        except DemoStillReferenced as error:
            raise CommandError(str(error)) from error
        if not dry_run:
            call_command("update_index", verbosity=0)
            call_command("search_index", rebuild=True, stdout=self.stdout)
            call_command("rebuild_references_index", verbosity=0)
