"""PostgreSQL: the rows' search_vector (title weighted A, body B, English stemming and
stop words), written by a trigger and GIN-indexed (migration 0008), queried with
plainto_tsquery (every word) and ranked with ts_rank, as django.contrib.postgres's
SearchQuery and SearchRank compile."""

CONFIG = "pg_catalog.english"


class PostgresText:
    def query(self, terms, any_word=False):
        """The tsquery of the words: all of them (plainto_tsquery's AND), or any (OR)."""
        if not any_word:
            return f"plainto_tsquery('{CONFIG}', %s)", [" ".join(terms)]
        return (
            " || ".join([f"plainto_tsquery('{CONFIG}', %s)"] * len(terms)),
            list(terms),
        )

    def matching(self, terms, any_word=False):
        query, params = self.query(terms, any_word)
        return "search_searchentry", f"search_searchentry.search_vector @@ ({query})", params

    def rank(self, terms, any_word=False):
        """(expression, params, higher is better) of a match's relevance."""
        query, params = self.query(terms, any_word)
        return f"ts_rank(search_searchentry.search_vector, ({query}))", params, True

    def optimise(self, cursor):
        cursor.execute("ANALYZE search_searchentry")
