"""SQLite fast path for the database backend: Wagtail's FTS5 table queried directly.

Wagtail's own query (`pk IN (matches)` plus a correlated subquery per row for the score)
takes seconds on 100,000 rows. Here the matches come straight from the FTS5 index that
Wagtail keeps (its rebuild and signal handlers fill it) as index-entry ids with their
bm25 scores; search.columns does the rest in memory. PostgreSQL uses Wagtail's query.

One or two plain words, the commonest searches and the ones with the most matches, are
read from the index's term list (an fts5vocab table) and scored with FTS5's own bm25
formula over arrays, for the matches left after the filters only: calling bm25() once
per match would cost more than the rest of the search.
"""

import math
import re
from functools import cache

import numpy as np
from django.db import connection

FTS_TABLE = "wagtailsearch_indexentry_fts"
TERMS_TABLE = "search_fts_terms"  # fts5vocab 'instance' table over FTS_TABLE (migration 0002)
# bm25 weights per FTS5 column (autocomplete, body, title): title words count double,
# as SearchEntry.search_fields boosts them.
# (The term list names columns; their first letters tell them apart.)
WEIGHTS = {"autocomplete": 0.0, "body": 1.0, "title": 2.0}
RANK = f"bm25({FTS_TABLE}, {WEIGHTS['autocomplete']}, {WEIGHTS['body']}, {WEIGHTS['title']})"
K1, B = 1.2, 0.75  # FTS5's bm25 constants
# Words the unicode61 tokenizer indexes unchanged (no folding, no splitting), so the term
# list can be looked up with the word as typed.
PLAIN_WORD = re.compile(r"[a-z0-9]+")
# Matches of several words scored by FTS5 in the query that finds them, up to this many;
# past it, FTS5's bm25() per match costs more than reading each word's list.
SCORE_IN_QUERY = 1000


@cache
def _tables(alias):
    with connection.cursor() as cursor:
        return frozenset(connection.introspection.table_names(cursor))


def available():
    return connection.vendor == "sqlite" and FTS_TABLE in _tables(connection.alias)


def match_expression(terms):
    """Every word, quoted (so nothing typed is FTS5 syntax), in the title or body."""
    quoted = " AND ".join('"' + term.replace('"', "") + '"' for term in terms)
    return f"{{title body}} : ({quoted})"


def matches(terms, lengths, scored=True):
    """(index-entry ids of the entries matching every term, score) where score(positions)
    gives the bm25 scores of the ids at those positions (lower is better), or None when
    not `scored`. Scoring waits until the filters have left the matches a search keeps.
    `lengths` is search.columns.Columns.document_lengths: (per id, rows, average)."""
    plain = all(PLAIN_WORD.fullmatch(term) for term in terms) and TERMS_TABLE in _tables(
        connection.alias
    )
    if plain and len(terms) == 1:
        return one_word(terms[0], lengths, scored)
    expression = match_expression(terms)
    if scored:
        # Usually several words match few entries: score them all in the same query.
        found = fetch(
            f"SELECT rowid, {RANK} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            f"LIMIT {SCORE_IN_QUERY + 1}",
            [expression],
        )
        if len(found) <= SCORE_IN_QUERY:
            scores = np.array([row[1] for row in found], dtype=np.float64)
            return np.array([row[0] for row in found], dtype=np.int64), scores.__getitem__
    ids = ids_matching(expression)
    if not scored:
        return ids, None
    if plain:
        return ids, words_scorer(ids, terms, lengths)
    return ids, sql_scorer(ids, expression)


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def ids_matching(expression):
    (listed,) = fetch(
        f"SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
        [expression],
    )[0]
    return integers(listed)


def integers(listed):
    """SQLite's group_concat of integers as an array (one string: no row per value)."""
    return np.fromstring(listed, dtype=np.int64, sep=",") if listed else np.zeros(0, np.int64)


def one_word(word, lengths, scored):
    ids, frequency = occurrences(word)
    if not scored:
        return ids, None
    return ids, lambda positions: bm25(frequency[positions], ids[positions], len(ids), lengths)


def words_scorer(ids, words, lengths):
    """Scores for many matches of several plain words, from each word's list."""

    def score(positions):
        chosen, total = ids[positions], 0.0
        for word in words:
            with_word, frequency = occurrences(word)
            at = np.searchsorted(with_word, chosen)
            total = total + bm25(frequency[at], chosen, len(with_word), lengths)
        return total

    return score


def sql_scorer(ids, expression):
    """Scores from FTS5 itself (words the term list cannot be read with as typed)."""

    def score(positions):
        scored = dict(
            fetch(
                f"SELECT rowid, {RANK} FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s",
                [expression],
            )
        )
        return np.array([scored[index_id] for index_id in ids[positions].tolist()])

    return score


def occurrences(word):
    """(sorted ids of the entries with `word` in their title or body, weighted count of
    the word in each), from the term list: one row per occurrence, in id order."""
    ((docs, columns),) = fetch(
        f"SELECT group_concat(doc), group_concat(unicode(col)) FROM {TERMS_TABLE} "  # noqa: S608
        "WHERE term = %s",
        [word],
    )
    docs, columns = integers(docs), integers(columns)
    weights = np.zeros(len(columns))
    for name, weight in WEIGHTS.items():
        weights[columns == ord(name[0])] = weight
    docs, weights = docs[weights > 0], weights[weights > 0]
    if len(docs) and np.all(docs[1:] >= docs[:-1]):
        starts = np.concatenate(([True], docs[1:] != docs[:-1]))
        return docs[starts], np.add.reduceat(weights, np.flatnonzero(starts))
    ids, per_occurrence = np.unique(docs, return_inverse=True)
    return ids, np.bincount(per_occurrence, weights=weights, minlength=len(ids))


def bm25(frequency, ids, with_word, lengths):
    """FTS5's bm25 for one phrase: -idf * f(k1 + 1) / (f + k1(1 - b + b·D/avgdl)), where f
    is the weighted count of the word in each document and D the document's length."""
    per_id, rows, average = lengths
    idf = math.log((rows - with_word + 0.5) / (with_word + 0.5))
    idf = idf if idf > 0 else 1e-6
    known = ids < len(per_id)
    length = np.where(known, per_id[np.where(known, ids, 0)], average)
    normalised = 1 - B + B * length / average
    return -idf * frequency * (K1 + 1) / (frequency + K1 * normalised)
