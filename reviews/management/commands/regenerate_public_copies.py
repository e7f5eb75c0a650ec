"""Make the public copies of published reports again: `python manage.py
regenerate_public_copies` (docs/operations.md).

For every review with versions the public can download, each version's upload is read
again, its public copy made again and read again, and the live page's title and summary
are read with today's matcher (reviews.papers.publication.renew_public_copies). A review
where anything is found is refused and reported, and keeps what it had; the others get
their new copies. Run it after an upgrade that adds or changes public copies: until then
a published version without a copy is not served.
"""

from django.core.management.base import BaseCommand, CommandError

from reviews.models import DocumentVersion, Review
from reviews.papers.publication import PublicationRefused, renew_public_copies


class Command(BaseCommand):
    help = "Make and check again the public copy of every published report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--review", type=int, action="append", help="Only this review (its id); repeatable."
        )

    def handle(self, *args, **options):
        published = DocumentVersion.objects.public().values("document__review")
        reviews = Review.objects.filter(pk__in=published).order_by("pk")
        if options["review"]:
            reviews = reviews.filter(pk__in=options["review"])
        refused = 0
        for review in reviews:
            try:
                made = renew_public_copies(review)
            except PublicationRefused as refusal:
                refused += 1
                self.stderr.write(f"{review}: refused, nothing changed.")
                for problem in refusal.problems:
                    for sentence in problem.sentences():
                        self.stderr.write(f"  {sentence}")
            else:
                self.stdout.write(f"{review}: {made} public copy(ies) made, the rest unchanged.")
        if refused:
            raise CommandError(
                f"{refused} review(s) refused: correct them, then unpublish or publish again."
            )
