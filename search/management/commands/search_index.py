"""Rebuild the search index for the configured backend (database, or Elasticsearch when
ELASTICSEARCH_URL is set): every row is recomputed from reviews, recommendations,
actions and case papers, then indexed in bulk."""

from django.core.management.base import BaseCommand, CommandError

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (reviews, recommendations, actions and case papers)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Recompute every entry and reindex them."
        )

    def handle(self, *args, **options):
        if not options["rebuild"]:
            raise CommandError("Say what to do: manage.py search_index --rebuild")
        rebuild(log=self.stdout.write)
