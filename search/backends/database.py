"""The database backend (the default): Wagtail's search index finds the matching rows
(SQLite FTS5 or PostgreSQL full text). On SQLite the matches are filtered, counted and
ordered over the columns held in memory (search.columns); on PostgreSQL the matches'
facet columns are read in one query and counted. The page of hits is fetched with its
text for the snippets.
"""

import heapq
from collections import Counter
from datetime import date
from operator import itemgetter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from .. import columns as search_columns
from .. import facets as facet_table
from .. import fts5
from ..highlight import snippet
from ..models import SearchEntry, count_values
from ..query import PAGE_SIZE, Hit, SearchResults
from .base import KIND_LABELS, BaseBackend


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
    def text_matches(params, order_by_relevance=False):
        """Rows whose text matches every word, as a queryset (more filters can follow).

        Wagtail only accepts filters on declared FilterFields before searching, so the
        search runs over all rows and the access and facet filters are applied to its
        (unsliced) queryset."""
        results = get_search_backend().search(
            " ".join(params.terms),
            SearchEntry.objects.all(),
            operator="and",
            order_by_relevance=order_by_relevance,
        )
        return results.get_queryset()

    def run(self, params, facts, filters, vocabulary, facet_names):
        results = SearchResults(params=params)
        if params.q and not params.terms:
            return results
        in_memory = fts5.available()
        if in_memory:
            found = self.found_in_memory(params, facts, filters)
        else:
            found = self.found_in_database(params, facts, filters, facet_names)
        results.total = len(found)
        counters = {name: found.counts(facet_table.FACETS[name].column) for name in facet_names}
        results.facets = self.facet_counts(counters, params, vocabulary, facet_names)
        if params.offset >= results.total:
            return results
        page = slice(params.offset, params.offset + PAGE_SIZE)
        relevance = params.terms and params.sort == "relevance"
        if relevance and not in_memory:
            ranked = self.text_matches(params, order_by_relevance=True)
            entries = list(self.filtered(ranked, facts, filters)[page])
        else:
            ordered = found.best_first(page.stop) if relevance else found.newest_first(page.stop)
            ids = ordered[page]
            by_id = SearchEntry.objects.in_bulk(ids)
            # A row deleted since the match is left out rather than failing the page.
            entries = [by_id[pk] for pk in ids if pk in by_id]
        results.hits = [self.hit(entry, params) for entry in entries]
        return results

    @staticmethod
    def found_in_memory(params, facts, filters):
        """SQLite: the permitted, filtered matches as search.columns.Rows."""
        columns = search_columns.current()
        if params.terms:
            relevance = params.sort == "relevance"
            ids, score = fts5.matches(params.terms, columns.document_lengths, scored=relevance)
            found = columns.rows(ids, score)
        else:
            found = columns.rows()
        keep = found.permitted(facts)
        for name, values in filters.items():
            facet = facet_table.FACETS[name]
            chosen = (
                found.contains_any(facet.column, values)
                if facet.multi
                else found.isin(facet.column, values)
            )
            keep = chosen if keep is None else keep & chosen
        return found if keep is None else found.subset(keep)

    def found_in_database(self, params, facts, filters, facet_names):
        """PostgreSQL: the permitted, filtered matches' facet columns, read in one query."""
        columns = ["pk", "date"] + sorted({facet_table.FACETS[n].column for n in facet_names})
        if params.terms:
            rows = self.filtered(self.text_matches(params), facts, filters)
        else:
            rows = self.filtered(SearchEntry.objects.all(), facts, filters)
        return MatchedRows(list(rows.order_by().values(*columns)))

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
        """Reindex every row in Wagtail's search index (after a bulk rebuild of rows)."""
        content_type = ContentType.objects.get_for_model(SearchEntry)
        IndexEntry.objects.filter(content_type=content_type)._raw_delete(IndexEntry.objects.db)
        backend = get_search_backend()
        index = backend.get_index_for_model(SearchEntry)
        # Large batches: Wagtail recomputes its title norms over the table after each one.
        batch = []
        for entry in SearchEntry.objects.order_by("pk").iterator(chunk_size=5000):
            batch.append(entry)
            if len(batch) >= 25000:
                index.add_items(SearchEntry, batch)
                batch = []
        if batch:
            index.add_items(SearchEntry, batch)


class MatchedRows:
    """Matched rows as dicts of their columns, answering what search.columns.Rows
    answers (without ranking: PostgreSQL ranks in Wagtail's query)."""

    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def counts(self, column):
        """Counts per value: per stored value first (a C loop over the rows), then split."""
        stored = Counter(map(itemgetter(column), self.rows))
        return count_values(stored) if column in facet_table.MULTI_COLUMNS else stored

    def newest_first(self, count):
        ordered = heapq.nlargest(
            count, self.rows, key=lambda row: (row["date"] or date.min, row["pk"])
        )
        return [row["pk"] for row in ordered]
