"""Search backends. Each takes SearchParams and the access facts of whoever searches
(partnerships.access) and returns SearchResults.

- database.DatabaseBackend (default): Wagtail's search index (SQLite FTS5 or PostgreSQL
  full text), facets counted over the rows' columns.
- search.elastic.ElasticsearchBackend: chosen when settings.ELASTICSEARCH_URL is set.

get_backend() picks one; on_saved/on_deleted keep Elasticsearch in step with the rows.
"""

import logging

from django.conf import settings
from django.db import transaction

from .base import BaseBackend
from .database import DatabaseBackend

__all__ = [
    "BaseBackend",
    "DatabaseBackend",
    "after_commit",
    "get_backend",
    "on_deleted",
    "on_saved",
]

log = logging.getLogger(__name__)


def get_backend():
    if settings.ELASTICSEARCH_URL:
        # Imported only when configured: the Elasticsearch client is not needed otherwise.
        from ..elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return DatabaseBackend()


def on_saved(entry):
    """A row changed: the database backend follows through Wagtail's own signal handlers;
    Elasticsearch is told once the transaction commits."""
    if settings.ELASTICSEARCH_URL:
        from ..elastic import index_entries  # as in get_backend: only when configured

        after_commit(index_entries, [entry])


def on_deleted(entry):
    if settings.ELASTICSEARCH_URL:
        from ..elastic import delete_entry  # as in get_backend: only when configured

        after_commit(delete_entry, entry)


def after_commit(function, argument):
    """Tell Elasticsearch after the change is committed. If it is unreachable the change
    still stands (case work must not wait on search); the log says to rebuild."""

    def send():
        try:
            function(argument)
        except Exception:  # any transport or server error
            log.exception("Search: Elasticsearch not updated; run search_index --rebuild")

    transaction.on_commit(send)
