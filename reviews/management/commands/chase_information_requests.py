"""Chase overdue information requests: `python manage.py chase_information_requests`,
daily from cron. Each overdue request's agency contact gets one email per due date
(moving the due date chases again); a request without a contact is on the managers'
list of late returns instead (the home page's deadlines panel)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from reviews.agency_portal import chase_overdue


class Command(BaseCommand):
    help = "Email the contacts of overdue information requests (once per due date)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD); for testing."
        )

    def handle(self, *args, **options):
        today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        sent = chase_overdue(today)
        self.stdout.write(f"Information requests chased: {sent} email(s) sent.")
