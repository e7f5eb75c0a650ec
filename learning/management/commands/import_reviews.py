"""python manage.py import_reviews FILE --partnership SLUG --user USERNAME"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from partnerships.access import facts_of

from ...importing import ImportRefused
from ...review_files import import_reviews
from ._library import find_partnership, read_file, refusal_message


class Command(BaseCommand):
    help = (
        "Import past and in-flight reviews (CSV or XLSX) into a partnership, their history "
        "written as imported steps taken by a review manager of it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument(
            "--user", required=True, help="Username of a review manager of the partnership."
        )

    def handle(self, *args, **options):
        partnership = find_partnership(options["partnership"])
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None or partnership.pk not in facts_of(user).managed_partnerships:
            raise CommandError(
                f"“{options['user']}” is not an active review manager of {partnership}."
            )
        table = read_file(options["file"])
        try:
            result = import_reviews(partnership, table, user)
        except ImportRefused as refusal:
            raise CommandError(refusal_message(refusal)) from None
        self.stdout.write(f"{partnership}: {result.summary('reviews')}")
