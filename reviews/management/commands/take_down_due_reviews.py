"""python manage.py take_down_due_reviews [--date YYYY-MM-DD]

Run daily (docs/operations.md). Takes down every published review whose retention date
(Review.take_down_on) has come: its page, downloads, feed entry, sitemap entry and search
results, recorded in the case's history (reviews.takedown)."""

import datetime

from django.core.management.base import BaseCommand

from ...takedown import take_down_due


class Command(BaseCommand):
    help = "Take down the published reviews whose retention date has come."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Take down what is due on this day (default today).",
        )

    def handle(self, *args, date=None, **options):
        taken = take_down_due(date)
        for review in taken:
            self.stdout.write(
                f"Taken down: {review.reference} (retention date {review.take_down_on})."
            )
        self.stdout.write(f"{len(taken)} review(s) taken down.")
