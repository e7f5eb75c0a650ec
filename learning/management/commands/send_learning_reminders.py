"""Email reminders for the learning library: `python manage.py send_learning_reminders`,
daily from cron beside send_deadline_reminders. See learning.chasing for who hears what.
"""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from learning.chasing import send_reminders


class Command(BaseCommand):
    help = (
        "Email reminders for recommendations, actions, impact re-audits and responses due in "
        "14 days or overdue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD); for testing."
        )

    def handle(self, *args, **options):
        today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        sent = send_reminders(today)
        self.stdout.write(f"Learning reminders: {sent} email(s) sent.")
