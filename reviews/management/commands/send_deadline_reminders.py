"""Email deadline reminders: `python manage.py send_deadline_reminders`, daily from cron.

A case whose running clock ends within the next 14 days gets one "due soon" email; a
case past its due date gets one "overdue" email. Each is sent once per deadline
(recorded in DeadlineReminder), so running the command again the same day, or every
day, sends nothing twice. If the due date moves (a pause), the new date is reminded.
"""

from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews import notifications
from reviews.components import DUE_SOON_DAYS
from reviews.models import DeadlineReminder, Review


class Command(BaseCommand):
    help = "Email reminders for case deadlines 14 days away or passed (once per deadline)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD); for testing."
        )

    def handle(self, *args, **options):
        today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        due_soon = Review.objects.due_between(today, today + timedelta(days=DUE_SOON_DAYS))
        batches = [
            (DeadlineReminder.Kind.OVERDUE, Review.objects.overdue(today)),
            (DeadlineReminder.Kind.DUE_SOON, due_soon),
        ]
        sent = 0
        for kind, reviews in batches:
            for review in reviews.select_related("partnership", "chair"):
                sent += self.remind(review, kind, today)
        self.stdout.write(f"Deadline reminders: {sent} email(s) sent.")

    def remind(self, review, kind, today):
        milestone, due_on = review.current_milestone, review.current_due_on
        already = DeadlineReminder.objects.filter(
            review=review, milestone=milestone, due_on=due_on, kind=kind
        )
        if already.exists():
            return 0
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(
                    review=review, milestone=milestone, due_on=due_on, kind=kind, sent_on=today
                )
                messages = notifications.deadline_reminder(review, kind, milestone, due_on)
        except IntegrityError:
            return 0  # another run reminded about this deadline at the same moment
        return len(messages)
