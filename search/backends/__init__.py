"""Search backends, laid out as Wagtail's (wagtail/search/backends/): each takes
SearchParams and the access facts of whoever searches (partnerships.access) and returns
SearchResults; each also finds similar recommendations.

- base.BaseBackend: what they share (filters, facet labels, which rows may be compared);
- database.DatabaseBackend (default): the project's own full-text index in the site's
  database (SQLite FTS5 or PostgreSQL tsvector), facets counted in SQL;
- elasticsearch.ElasticsearchBackend: chosen when settings.ELASTICSEARCH_URL is set.

get_backend() picks one; on_saved/on_deleted keep Elasticsearch in step with the rows
(the database backend's index follows the rows through its triggers).
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
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    return DatabaseBackend()


def on_saved(entry):
    """A row changed: Elasticsearch is told once the transaction commits."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import index_entries  # as in get_backend: only when configured

        after_commit(index_entries, [entry])


def on_deleted(entry):
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import delete_entry  # as in get_backend: only when configured

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
