"""SQLite: the search rows' columns in memory (search.columns) and the scores read from
FTS5's term list (search.fts5), each checked against what the database says."""

import random

import numpy as np
import pytest
from django.db import connection
from django.http import QueryDict
from wagtail.search.models import IndexEntry

from learning.models import RAG, Status
from partnerships.access import EVERYTHING, PUBLIC, Facts, facts_of
from partnerships.models import Role
from reviews.models import ReviewKind
from reviews.people_vocabulary import PairRelationship
from search import columns, fts5
from search.backends import DatabaseBackend
from search.models import IndexStamp, SearchEntry
from search.query import PAGE_SIZE, SearchParams
from tests.factories import AgencyFactory, PanelMembershipFactory, add_pair
from tests.learning.factories import (
    ActionFactory,
    RecommendationFactory,
    StrategyFactory,
    ThemeFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the in-memory columns serve SQLite only"
    ),
]

WORDS = ["housing", "alcohol", "carers", "stalking", "dementia", "interpreter", "escalation"]


@pytest.fixture
def library(cast, published, draft):
    """Fictional recommendations and actions over two partnerships, several agencies,
    themes, statuses and RAG ratings; texts repeat words a varying number of times and
    some put them in the title, so the scores differ."""
    rng = random.Random(7)
    themes = [ThemeFactory(slug=f"theme-{n}", name=f"Theme {n}") for n in range(4)]
    agencies = [cast.agency, *(AgencyFactory(name=f"Agency {n}") for n in range(3))]
    PanelMembershipFactory(review=draft, user=cast.panel_member, agency=cast.agency)
    reviews = [
        published,
        draft,
        add_pair(cast.review(kind=ReviewKind.SAR), PairRelationship.OTHER_FAMILY).review,
        cast.review(partnership=cast.other_partnership),
    ]
    for n in range(60):
        words = rng.sample(WORDS, 3)
        text = (
            " ".join(words + [words[0]] * rng.randint(0, 2)) + " " + "filler " * rng.randint(0, 9)
        )
        recommendation = RecommendationFactory(
            review=rng.choice(reviews),
            text=f"Fictional recommendation {n}: {text}",
            owning_agency=rng.choice(agencies),
            status=rng.choice([Status.NOT_STARTED, Status.IN_PROGRESS]),
            rag=rng.choice(RAG.values),
        )
        recommendation.themes.set(rng.sample(themes, rng.randint(0, 2)))
    for partnership in (cast.partnership, cast.other_partnership):
        strategy = StrategyFactory(partnership=partnership)
        for n in range(10):
            ActionFactory(
                priority__strategy=strategy,
                objective=f"{rng.choice(WORDS)} fictional action {n} {rng.choice(WORDS)}",
                rag=rng.choice(RAG.values),
            )
    return themes, agencies


def token():
    return IndexStamp.objects.get(pk=1).token


def search(access, querystring):
    return DatabaseBackend().search(SearchParams.from_querydict(QueryDict(querystring)), access)


def test_token_counts_are_read_as_sqlite_varints():
    # FTS5's docsize record: one varint per column, most significant 7 bits first.
    assert columns.varints(bytes([0, 9, 5])) == [0, 9, 5]
    assert columns.varints(bytes([0, 0x81, 0x39, 6])) == [0, 185, 6]
    assert columns.varints(bytes([0x81, 0x80, 0x00, 1])) == [1 << 14, 1]


def test_every_change_to_the_rows_or_their_index_gives_a_new_token(cast, published):
    before = token()
    recommendation = RecommendationFactory(review=published, text="Fictional carers.")
    after_save = token()
    IndexEntry.objects.filter(object_id=str(SearchEntry.objects.last().pk)).update(title="x")
    after_index_change = token()
    recommendation.delete()
    assert len({before, after_save, after_index_change, token()}) == 4


def test_a_search_sees_a_change_made_after_the_columns_were_loaded(cast, published):
    everything = EVERYTHING
    assert search(everything, "q=brambleward").total == 0
    recommendation = RecommendationFactory(review=published, text="Fictional brambleward advice.")
    entry = SearchEntry.objects.get(source_id=recommendation.pk, kind="recommendation")
    assert entry.title in [hit.title for hit in search(everything, "q=brambleward").hits]
    recommendation.delete()
    assert search(everything, "q=brambleward").total == 0


def test_the_columns_are_reused_until_something_changes(cast, published):
    first = columns.current()
    assert columns.current() is first
    RecommendationFactory(review=published, text="Fictional carers.")
    assert columns.current() is not first


def accesses(cast, library, draft):
    _, agencies = library
    return [
        PUBLIC,
        EVERYTHING,
        *(facts_of(user) for user in cast.everyone.values()),
        Facts(panel_reviews=frozenset({draft.pk})),
        Facts(roles={cast.other_partnership.pk: frozenset({Role.PARTNER})}),
        Facts(
            agency_seats=frozenset(
                {(cast.partnership.pk, agencies[1].pk), (cast.other_partnership.pk, agencies[2].pk)}
            )
        ),
        Facts(
            roles={cast.other_partnership.pk: frozenset({Role.REVIEW_MANAGER})},
            chaired_reviews=frozenset({draft.pk}),
        ),
    ]


def test_the_access_mask_finds_exactly_the_rows_the_database_filter_finds(cast, library, draft):
    loaded = columns.current()
    for facts in accesses(cast, library, draft):
        rows = loaded.rows()
        mask = rows.permitted(facts)
        in_memory = set(rows.entry_ids() if mask is None else rows.subset(mask).entry_ids())
        permitted = set(SearchEntry.objects.permitted(facts).values_list("pk", flat=True))
        assert in_memory == permitted, facts


def test_scores_read_from_the_term_list_equal_fts5s_own(library):
    lengths = columns.current().document_lengths
    for terms in [["housing"], ["carers"], ["housing", "alcohol"], ["stalking", "filler"]]:
        expression = fts5.match_expression(terms)
        by_fts5 = dict(
            fts5.fetch(
                f"SELECT rowid, {fts5.RANK} FROM {fts5.FTS_TABLE} "  # noqa: S608
                f"WHERE {fts5.FTS_TABLE} MATCH %s",
                [expression],
            )
        )
        ids = fts5.ids_matching(expression)
        score = (
            fts5.one_word(terms[0], lengths, scored=True)[1]
            if len(terms) == 1
            else fts5.words_scorer(ids, terms, lengths)
        )
        if len(terms) == 1:
            ids = fts5.occurrences(terms[0])[0]
        assert sorted(ids.tolist()) == sorted(by_fts5)
        assert len(ids) > 3
        expected = [by_fts5[index_id] for index_id in ids.tolist()]
        got = score(np.arange(len(ids)))
        assert np.allclose(got, expected, rtol=1e-9), terms
        assert len(set(expected)) > 1  # the words' counts and the lengths differ


QUERIES = [
    "q=housing",
    "q=housing&sort=newest",
    "q=carers+alcohol",
    "q=stalking&rag=red&rag=green",
    "q=dementia&theme=theme-1&theme=theme-2",
    "q=fictional&type=action",
    "q=fictional&kind=sar",
    "q=interpreter&status=in_progress&sort=newest",
    "type=recommendation&sort=newest",
    "q=Adult",
    "q=zanzibarquill",
    "q=nosuchwordanywhere",
]


@pytest.mark.parametrize("querystring", QUERIES)
def test_in_memory_results_equal_the_database_querys(
    cast, library, draft, monkeypatch, querystring
):
    """The same searches through the columns and through Wagtail's query with the facet
    columns read from the database (the PostgreSQL path) give the same results."""
    for access in accesses(cast, library, draft):
        in_memory = search(access, querystring)
        with monkeypatch.context() as patched:
            patched.setattr(fts5, "available", lambda: False)
            from_database = search(access, querystring)
        assert in_memory.total == from_database.total, (querystring, access)
        assert in_memory.facets == from_database.facets, (querystring, access)
        titles = [hit.title for hit in in_memory.hits]
        expected = [hit.title for hit in from_database.hits]
        if "sort=newest" in querystring or "q=" not in querystring:
            assert titles == expected
        elif in_memory.total <= PAGE_SIZE:
            # Each ranks with its own formula, so only the page's contents must agree.
            assert sorted(titles) == sorted(expected)
