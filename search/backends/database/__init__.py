"""The database backend (the default): the search rows and the project's own full-text
index over them, in the site's database.

- common.DatabaseBackend: access, filters, exact facet counts, ordering, similarity, in
  SQL over search_searchentry, whichever the database;
- sqlite.SQLiteText: the FTS5 table search_searchentry_fts (migration 0008);
- postgres.PostgresText: the search_vector column and its GIN index (migration 0008).
"""

from .common import DatabaseBackend

__all__ = ["DatabaseBackend"]
