"""SQLite: an external-content FTS5 table over the rows' title and body, kept in step by
triggers on search_searchentry (migration 0008), stemmed by FTS5's porter tokenizer.

The matches are joined to the rows through a covering index of every column a search
filters, counts or orders by (search_row_columns, migration 0009): ten thousand matches
then read a few hundred narrow index pages, not the rows' text."""

TABLE = "search_searchentry_fts"
# bm25 weights of the FTS5 columns (title, body): a word in the title counts double.
RANK = f"bm25({TABLE}, 2.0, 1.0)"


def quoted(term):
    """A word as an FTS5 string: nothing typed is FTS5 syntax."""
    return '"' + term.replace('"', "") + '"'


class SQLiteText:
    def matching(self, terms, any_word=False):
        """(FROM clause, condition, parameters) for the rows holding every word (or any
        of them). The FTS5 table drives the join (CROSS JOIN fixes the order in SQLite),
        so a search reads its matches and only their rows, whatever else it filters on."""
        expression = (" OR " if any_word else " AND ").join(quoted(term) for term in terms)
        source = (
            f"{TABLE} CROSS JOIN search_searchentry INDEXED BY search_row_columns "
            f"ON search_searchentry.id = {TABLE}.rowid"
        )
        return source, f"{TABLE} MATCH %s", [expression]

    def rank(self, terms, any_word=False):
        """(expression, params, higher is better) of a match's relevance: bm25, lower for
        better matches, computed only for the rows the other conditions keep."""
        return RANK, [], False

    def optimise(self, cursor):
        """After a rebuild: merge the index's segments into one (faster reads)."""
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")  # noqa: S608
        cursor.execute("ANALYZE search_searchentry")
