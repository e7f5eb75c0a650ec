"""The search rows' facet and access columns, held in memory as arrays (SQLite).

Counting ten facets over every match of a common word means reading tens of thousands
of rows; on SQLite that is a B-tree lookup and a Python tuple per row, far slower than
the text match itself. Like Elasticsearch's doc values, the columns are loaded once per
process into numpy arrays indexed by Wagtail's index-entry id (the FTS5 rowid), so a
search filters, counts and orders its matches with array operations.

The arrays are reloaded when search_indexstamp's token differs from the one they were
loaded with: triggers give it a new token on any change to the rows or to Wagtail's
index of them (see search.models.IndexStamp). The token is read before the rows, so a
change committed during a load only causes one more load, never a stale copy.
"""

import threading
from dataclasses import dataclass

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.models import IndexEntry

from partnerships.access import compile_rule

from .facets import FACETS, MULTI_COLUMNS
from .fts5 import FTS_TABLE, fetch
from .models import IndexStamp, SearchEntry, count_values, split_values

# Single-valued columns, each stored as codes into its list of distinct values. Themes and
# agencies ("|a|b|") are coded by their whole stored string: there are few combinations,
# and each is split once, not once per row.
CODED = sorted(
    {facet.column for facet in FACETS.values()}
    | {"partnership_id", "review_id", "owner_agency_id", "audience"}
)
MISSING = -1  # index-entry ids that are not search rows (pages, other models)


@dataclass
class Column:
    codes: np.ndarray  # per index-entry id
    values: list  # code -> stored value

    def __post_init__(self):
        self.code_of = {value: code for code, value in enumerate(self.values)}

    def codes_for(self, wanted):
        return [self.code_of[value] for value in wanted if value in self.code_of]


class Rows:
    """Some index entries' columns (the matches of one search), for filters and counts."""

    def __init__(self, columns, ids, score=None, positions=None):
        self.columns = columns
        self.ids = ids  # index-entry ids
        # score(positions) -> bm25 (lower is better) of the matches at those positions
        # (search.fts5.matches); positions: where each row stands in those matches.
        self.score = score
        self.positions = np.arange(len(ids)) if positions is None else positions

    def __len__(self):
        return len(self.ids)

    def codes(self, name):
        return self.columns.coded[name].codes[self.ids]

    def isin(self, name, wanted):
        """Rows whose stored `name` is one of `wanted`."""
        column = self.columns.coded[name]
        return np.isin(self.codes(name), column.codes_for(wanted))

    def contains_any(self, name, wanted):
        """Rows of a "|a|b|" column holding any of `wanted`."""
        column, wanted = self.columns.coded[name], {str(value) for value in wanted}
        combinations = [
            code for code, stored in enumerate(column.values) if wanted & set(split_values(stored))
        ]
        return np.isin(self.codes(name), combinations)

    @property
    def is_public(self):
        return self.columns.is_public[self.ids]

    def subset(self, mask):
        return Rows(self.columns, self.ids[mask], self.score, self.positions[mask])

    def permitted(self, facts):
        """Which of these rows a searcher with these facts may find (None: all of them):
        the one access rule (partnerships.access) compiled over the arrays."""
        return compile_rule(facts, ArrayTarget(self))

    def counts(self, name):
        """{stored value: rows}, for a facet column ("|a|b|" columns split into values)."""
        column = self.columns.coded[name]
        per_code = np.bincount(self.codes(name), minlength=len(column.values))
        counts = {column.values[code]: int(per_code[code]) for code in np.flatnonzero(per_code)}
        return count_values(counts) if name in MULTI_COLUMNS else counts

    def entry_ids(self):
        return self.columns.entry_id[self.ids].tolist()

    def best_first(self, count):
        """Entry ids of the `count` best-scored rows, best first (ties: newest entry)."""
        return self.first(self.score(self.positions), count)

    def newest_first(self, count):
        """Entry ids of the `count` most recent rows (ties, and no date: newest entry)."""
        return self.first(-self.columns.day[self.ids], count)

    def first(self, key, count):
        """Entry ids of the `count` rows with the lowest key, then the highest entry id.
        Only the rows that can make the cut are sorted."""
        entry_ids = self.columns.entry_id[self.ids]
        candidates = np.arange(len(key))
        if len(key) > count > 0:
            cut = np.partition(key, count - 1)[count - 1]
            candidates = np.flatnonzero(key <= cut)
        order = candidates[np.lexsort((-entry_ids[candidates], key[candidates]))]
        return entry_ids[order[:count]].tolist()


class Columns:
    """Every search row's columns, indexed by index-entry id, plus each entry's length in
    tokens for ranking (FTS5's bm25 needs the length of every matched document)."""

    def __init__(self, token):
        self.token = token
        content_type = ContentType.objects.get_for_model(SearchEntry)
        links = list(
            IndexEntry.objects.filter(content_type=content_type).values_list("pk", "object_id")
        )
        rows = SearchEntry.objects.values_list("pk", "date", "is_public", *CODED)
        by_entry = {row[0]: row for row in rows.iterator(chunk_size=10_000)}
        size = max((pk for pk, _ in links), default=0) + 1
        self.entry_id = np.full(size, MISSING, dtype=np.int64)
        self.day = np.zeros(size, dtype=np.int64)
        self.is_public = np.zeros(size, dtype=bool)
        values = {name: [] for name in CODED}
        codes = {name: {} for name in CODED}
        code_arrays = {name: np.zeros(size, dtype=np.int32) for name in CODED}
        for index_id, object_id in links:
            row = by_entry.get(int(object_id))
            if row is None:
                continue
            self.entry_id[index_id] = row[0]
            self.day[index_id] = row[1].toordinal() if row[1] else 0
            self.is_public[index_id] = row[2]
            for name, stored in zip(CODED, row[3:], strict=True):
                code = codes[name].get(stored)
                if code is None:
                    code = codes[name][stored] = len(values[name])
                    values[name].append(stored)
                code_arrays[name][index_id] = code
        # Entries that are not search rows keep code 0; `rows` leaves them out.
        self.coded = {name: Column(code_arrays[name], values[name] or [None]) for name in CODED}
        self.document_lengths = document_lengths(size)

    def rows(self, index_ids=None, score=None):
        """The search rows among these index-entry ids (others are Wagtail's, for pages,
        or newer than this copy), or all of them."""
        if index_ids is None:
            return Rows(self, np.flatnonzero(self.entry_id != MISSING))
        known = index_ids < len(self.entry_id)
        known[known] = self.entry_id[index_ids[known]] != MISSING
        return Rows(self, index_ids[known], score, np.flatnonzero(known))


def document_lengths(size):
    """(tokens per index entry for ids below `size`, rows in the FTS table, average tokens)
    from FTS5's own docsize table, as bm25 counts them (all columns together)."""
    lengths = np.zeros(size, dtype=np.float64)
    rows, total = 0, 0
    for index_id, sizes in fetch(f"SELECT id, sz FROM {FTS_TABLE}_docsize", []):  # noqa: S608
        tokens = sum(varints(sizes))
        rows += 1
        total += tokens
        if index_id < size:
            lengths[index_id] = tokens
    return lengths, rows, (total / rows if rows else 0.0)


def varints(data):
    """FTS5 stores each column's token count as an SQLite varint: 7 bits a byte, most
    significant first, the high bit set on every byte but the last."""
    if all(byte < 0x80 for byte in data):  # the usual case: every column under 128 tokens
        return list(data)
    out, value = [], 0
    for byte in data:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(value)
            value = 0
    return out


_lock = threading.Lock()
_loaded = {}  # database alias -> Columns


def current():
    """The columns as they are now, reloaded if the index changed since the last load."""
    stamp = fetch(f"SELECT token FROM {IndexStamp._meta.db_table} WHERE id = 1", [])  # noqa: S608
    token = stamp[0][0] if stamp else None
    columns = _loaded.get(connection.alias)
    if columns is not None and token is not None and columns.token == token:
        return columns
    with _lock:
        columns = _loaded.get(connection.alias)
        if columns is not None and token is not None and columns.token == token:
            return columns  # another thread loaded it meanwhile
        columns = Columns(token)
        # No stamp row (a test flushed the table): nothing can tell a change, so not kept.
        if token is not None:
            _loaded[connection.alias] = columns
    return columns


class ArrayTarget:
    """The access rule (partnerships.access.compile_rule) as a boolean mask over Rows,
    whose scope columns are SearchEntry's (see SearchEntry.access)."""

    COLUMNS = {
        "partnership": "partnership_id",
        "review": "review_id",
        "owner_agency": "owner_agency_id",
    }

    def __init__(self, rows):
        self.rows = rows

    def everything(self):
        return None

    def public(self):
        return self.rows.is_public.copy()

    def has_keys(self, keys):
        return True

    def audience_in(self, audiences):
        return self.rows.isin("audience", sorted(audiences))

    def holds(self, keys, held):
        if len(keys) == 1:
            return self.rows.isin(SearchEntry.access.path(keys[0]), sorted(held))
        mask = np.zeros(len(self.rows), dtype=bool)
        for values in sorted(held):
            one = np.ones(len(self.rows), dtype=bool)
            for key, value in zip(keys, values, strict=True):
                one &= self.rows.isin(SearchEntry.access.path(key), [value])
            mask |= one
        return mask

    def both(self, first, second):
        return first & second

    def any_of(self, clauses):
        combined = clauses[0]
        for clause in clauses[1:]:
            combined = combined | clause
        return combined
