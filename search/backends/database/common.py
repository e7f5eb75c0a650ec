"""What the database backend does the same on SQLite and PostgreSQL.

A search is one SQL statement over search_searchentry, driven by the full-text index when
there are words (search.backends.database.sqlite / postgres): the permitted, filtered
matches are read once into a materialised CTE; then the total, one GROUP BY per facet
("|a|b|" columns are counted per stored string and then split by count_values, which is
exact and cheap: there are few distinct strings) and the page (the first rows by
relevance or date, LIMIT/OFFSET) are read from it.

The access rule (partnerships.access.compile_rule, through SearchEntry.objects.permitted)
and the filters are an ORM queryset whose WHERE clause is compiled into the statement,
so nothing is checked twice and nothing is held in memory between searches: a change is
found by the very next search.
"""

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Q

from learning.models import Recommendation

from ... import facets as facet_table
from ...highlight import snippet
from ...models import SearchEntry, count_values
from ...query import PAGE_SIZE, Hit, SearchResults
from ...similarity import STOP_WORDS, WORD, TfidfIndex
from ..base import KIND_LABELS, BaseBackend
from .postgres import PostgresText
from .sqlite import SQLiteText

INTEGER_COLUMNS = {"year", "partnership_id"}
# Similar recommendations: the words of the text looked up (any of them), and how many of
# the best matches the TF-IDF cosine (search.similarity) then scores.
MAX_LIKE_WORDS = 40
SIMILAR_CANDIDATES = 200
SIMILAR_THRESHOLD = 0.25  # below this, two texts share little more than boilerplate


def text_index():
    return PostgresText() if connection.vendor == "postgresql" else SQLiteText()


def where_of(rows):
    """The WHERE clause of a queryset over SearchEntry, as (sql, params); None when it
    can match nothing. Its columns are named "search_searchentry"."column"."""
    query = rows.query
    try:
        sql, params = query.get_compiler(using=rows.db).compile(query.where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "", []
    return sql, list(params)


class DatabaseBackend(BaseBackend):
    name = "database"

    @staticmethod
    def filtered(rows, facts, filters):
        rows = rows.permitted(facts)
        for name, values in filters.items():
            facet = facet_table.FACETS[name]
            if facet.multi:
                any_of = Q()
                for value in values:
                    any_of |= Q(**{f"{facet.column}__contains": f"|{value}|"})
                rows = rows.filter(any_of)
            else:
                rows = rows.filter(**{f"{facet.column}__in": values})
        return rows

    @staticmethod
    def statement(rows, terms, any_word=False):
        """(FROM, WHERE, params) for the rows of this queryset matching the words."""
        where = where_of(rows)
        if where is None:
            return None
        conditions, params = [where[0]] if where[0] else [], where[1]
        if terms:
            source, match, match_params = text_index().matching(terms, any_word)
            conditions.insert(0, match)
            params = match_params + params
        else:
            source = "search_searchentry"
        return source, " AND ".join(f"({c})" for c in conditions) or "1 = 1", params

    def run(self, params, facts, filters, vocabulary, facet_names):
        results = SearchResults(params=params)
        if params.q and not params.terms:
            return results
        found = self.statement(
            self.filtered(SearchEntry.objects.all(), facts, filters), params.terms
        )
        if found is None:
            return results
        results.total, counters, ids = self.counts_and_page(found, params, facet_names)
        results.facets = self.facet_counts(counters, params, vocabulary, facet_names)
        by_id = SearchEntry.objects.defer("search_vector").in_bulk(ids)
        # A row deleted since the page was read is left out rather than failing the page.
        results.hits = [self.hit(by_id[pk], params) for pk in ids if pk in by_id]
        return results

    @staticmethod
    def order(terms, relevance):
        """(rank column for the CTE, its params, ORDER BY over the CTE): best match first,
        or newest first (no date last); ties newest row first."""
        if terms and relevance:
            rank, params, higher_is_better = text_index().rank(terms)
            key = "relevance DESC" if higher_is_better else "relevance"
            return f", {rank} AS relevance", params, f"{key}, id DESC"
        return "", [], "sort_date DESC NULLS LAST, id DESC"

    def counts_and_page(self, found, params, facet_names):
        """(total, {facet: {stored value: rows}}, ids of the page's rows) in one statement:
        the matches are read once into a CTE, then counted per facet and ordered."""
        source, where, where_params = found
        columns = sorted({facet_table.FACETS[name].column for name in facet_names})
        rank, rank_params, order = self.order(params.terms, params.sort == "relevance")
        selected = "".join(f", search_searchentry.{c}" for c in columns)
        # Column names come from the facet table, values are parameters.
        matched = (
            "SELECT search_searchentry.id AS id, search_searchentry.date AS sort_date"  # noqa: S608
            f"{rank}{selected} FROM {source} WHERE {where}"
        )
        parts = ["SELECT -1, NULL, COUNT(*) FROM matched"]
        parts += [
            f"SELECT {n}, CAST({c} AS TEXT), COUNT(*) FROM matched GROUP BY {c}"  # noqa: S608
            for n, c in enumerate(columns)
        ]
        # The page: the first rows in order (a bounded sort), numbered in that order.
        parts.append(
            f"SELECT -2, CAST(id AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) "  # noqa: S608
            f"FROM (SELECT * FROM matched ORDER BY {order} "
            f"LIMIT {PAGE_SIZE} OFFSET {int(params.offset)}) AS page"
        )
        sql = f"WITH matched AS MATERIALIZED ({matched}) " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, rank_params + where_params)
            rows = cursor.fetchall()
        total, page, by_column = 0, [], {c: {} for c in columns}
        for number, stored, count in rows:
            if number == -1:
                total = count
            elif number == -2:
                page.append((count, int(stored)))
            else:
                column = columns[number]
                if stored is not None and column in INTEGER_COLUMNS:
                    stored = int(stored)
                by_column[column][stored] = count
        counters = {}
        for name in facet_names:
            column = facet_table.FACETS[name].column
            stored = by_column[column]
            counters[name] = count_values(stored) if column in facet_table.MULTI_COLUMNS else stored
        return total, counters, [pk for _, pk in sorted(page)]

    @staticmethod
    def hit(entry, params):
        return Hit(
            kind=entry.kind,
            kind_label=KIND_LABELS.get(entry.kind, entry.kind),
            title=entry.title,
            url=entry.url,
            snippet=snippet(entry.body, params.terms),
            date=entry.date,
            is_public=entry.is_public,
        )

    def rebuild(self):
        """The rows are indexed by the triggers as they are written; merge the index and
        refresh the planner's statistics after a bulk rebuild."""
        with connection.cursor() as cursor:
            text_index().optimise(cursor)

    def similar(self, text, facts, limit=5, exclude_review=None, on_or_before=None):
        """[(recommendation id, score)] of the recommendations most like `text`: the
        full-text index finds the best candidates holding any of its words, then the
        TF-IDF cosine over word stems (search.similarity) scores them."""
        words = []
        for word in WORD.findall(text.lower()):
            if word not in STOP_WORDS and len(word) > 2 and word not in words:
                words.append(word)
        if not words:
            return []
        words = words[:MAX_LIKE_WORDS]
        rows = self.similar_rows(facts, exclude_review, on_or_before)
        found = self.statement(rows, words, any_word=True)
        if found is None:
            return []
        source, where, params = found
        rank, rank_params, higher_is_better = text_index().rank(words, any_word=True)
        key = f"{rank} DESC" if higher_is_better else rank
        sql = (
            f"SELECT search_searchentry.source_id FROM {source} WHERE {where} "  # noqa: S608
            f"ORDER BY {key}, search_searchentry.id DESC LIMIT {SIMILAR_CANDIDATES}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + rank_params)
            ids = [row[0] for row in cursor.fetchall()]
        texts = dict(Recommendation.objects.filter(pk__in=ids).values_list("pk", "text"))
        index = TfidfIndex(texts)
        return [
            (pk, round(score, 2))
            for score, pk in index.most_similar(text, limit=limit, threshold=SIMILAR_THRESHOLD)
        ]
