"""The Elasticsearch backend: documents, mappings and query bodies checked offline, and
live tests against a server when ELASTICSEARCH_URL is set."""

import os

import pytest
from django.http import QueryDict

from partnerships.access import EVERYTHING, PUBLIC
from search.backends import elasticsearch as elastic
from search.models import Audience, SearchEntry
from search.query import SearchParams

from .conftest import PRIVATE_WORD, PUBLIC_PHRASE, search

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


def params(querystring):
    return SearchParams.from_querydict(QueryDict(querystring))


def test_mapping_is_explicit_with_an_english_analyzer():
    body = elastic.index_body()
    properties = body["mappings"]["properties"]
    assert properties["body"] == {
        "type": "text",
        "analyzer": "english_text",
        "term_vector": "with_positions_offsets",
    }
    assert properties["title"]["analyzer"] == "english_text"
    for facet in ("kind", "review_kind", "themes", "agencies", "status", "rag", "audience"):
        assert properties[facet] == {"type": "keyword"}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["is_public"] == {"type": "boolean"}
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["english_text"]["filter"] == [
        "english_possessive",
        "lowercase",
        "english_stop",
        "english_stemmer",
    ]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}


def test_a_document_splits_many_valued_facets():
    entry = SearchEntry(
        pk=7,
        kind="recommendation",
        title="R1",
        body="text",
        url="/x/",
        themes="|housing|mental-health|",
        agencies="|3|",
        is_public=False,
        audience=Audience.AGENCY,
        partnership_id=2,
        owner_agency_id=3,
    )
    document = elastic.EntryDocument.from_entry(entry).to_dict(include_meta=True)
    assert document["_id"] == 7 and document["_index"].endswith("entries")
    assert document["_source"]["themes"] == ["housing", "mental-health"]
    assert document["_source"]["agencies"] == ["3"]
    assert document["_source"]["is_public"] is False


def test_the_public_query_body_filters_to_public_rows_with_facets_and_highlighting():
    body = elastic.build_search(
        params("q=coercive+control&sort=relevance&page=2"),
        PUBLIC,
        {"kind": ["dhr"], "theme": ["housing", "carers"]},
    ).to_dict()
    query = body["query"]["bool"]
    assert query["must"] == [
        {
            "multi_match": {
                "query": "coercive control",
                "fields": ["title^2", "body"],
                "operator": "and",
            }
        }
    ]
    assert {"bool": {"should": [{"term": {"is_public": True}}], "minimum_should_match": 1}} in (
        query["filter"]
    )
    assert {"terms": {"review_kind": ["dhr"]}} in query["filter"]
    assert {"terms": {"themes": ["housing", "carers"]}} in query["filter"]
    assert body["aggs"]["theme"] == {"terms": {"field": "themes", "size": 100}}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["from"] == 20 and body["size"] == 20
    assert body["track_total_hits"] is True


def test_a_system_administrator_s_filter_matches_everything():
    # The filter of every other searcher is checked against the database's, row by row,
    # in tests/partnerships/test_access_matrix.py.
    assert elastic.access_filter(EVERYTHING).to_dict() == {"match_all": {}}


def test_newest_first_sorts_by_date_and_more_like_this_is_limited_to_recommendations():
    body = elastic.build_search(params("q=x&sort=newest"), PUBLIC, {}).to_dict()
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}


def test_more_like_this_compares_with_what_the_rule_allows_and_published_text(cast):
    """Similar recommendations: only recommendation rows, of other and earlier reviews,
    that the searcher may find under the access rule or that are published; never
    another partnership's unpublished ones."""
    import datetime

    from partnerships.access import facts_of

    similar = elastic.more_like_this(
        "Train GPs",
        facts_of(cast.manager),
        exclude_review=4,
        on_or_before=datetime.date(2025, 3, 1),
    ).to_dict()
    query = similar["query"]["bool"]
    assert query["must"][0]["more_like_this"]["like"] == "Train GPs"
    assert {"term": {"kind": "recommendation"}} in query["filter"]
    assert {"range": {"date": {"lte": "2025-03-01"}}} in query["filter"]
    assert {"bool": {"must_not": [{"term": {"review_id": 4}}]}} in query["filter"]
    (allowed,) = [f for f in query["filter"] if "should" in f.get("bool", {})]
    assert allowed["bool"]["should"] == [
        elastic.access_filter(facts_of(cast.manager)).to_dict(),
        {"term": {"published": True}},
    ]
    assert allowed["bool"]["minimum_should_match"] == 1
    # The public compares with published text only; a superuser with everything.
    public = elastic.more_like_this("Train GPs", PUBLIC).to_dict()["query"]["bool"]["filter"]
    assert {
        "bool": {
            "should": [
                {"bool": {"should": [{"term": {"is_public": True}}], "minimum_should_match": 1}},
                {"term": {"published": True}},
            ],
            "minimum_should_match": 1,
        }
    } in public
    everything = elastic.more_like_this("x", EVERYTHING).to_dict()["query"]["bool"]["filter"]
    assert {"match_all": {}} in everything


def test_the_backend_is_chosen_by_settings(settings):
    from search.backends import DatabaseBackend, get_backend

    settings.ELASTICSEARCH_URL = ""
    assert isinstance(get_backend(), DatabaseBackend)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert isinstance(get_backend(), elastic.ElasticsearchBackend)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_unreachable_server_does_not_stop_case_work(cast, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    review = cast.review(summary="Saved while search is down.")
    review.refresh_from_db()
    assert review.summary == "Saved while search is down."
    assert "run search_index --rebuild" in caplog.text


# ---------------------------------------------------------------- against a live server

live = pytest.mark.skipif(
    not ELASTICSEARCH_URL,
    reason="ELASTICSEARCH_URL is not set: live Elasticsearch tests need a running server",
)


@pytest.fixture
def elasticsearch(settings):
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = "test_reviews_"
    yield elastic.ElasticsearchBackend()
    elastic.connection().indices.delete(index=elastic.index_name(), ignore_unavailable=True)


@live
@pytest.mark.django_db
def test_live_search_finds_published_material_with_highlights(elasticsearch, published, draft):
    from search.indexing import rebuild

    rebuild(log=lambda line: None)
    results = search(PUBLIC, f"q={PUBLIC_PHRASE}", backend=elasticsearch)
    assert results.total >= 1 and "<mark>" in str(results.hits[0].snippet)
    assert {f.name for f in results.facets} >= {"kind", "type"}
    hidden = search(PUBLIC, f"q={PRIVATE_WORD}", backend=elasticsearch)
    assert hidden.total == 0 and hidden.facets == []


@live
@pytest.mark.django_db
def test_live_index_follows_saves(elasticsearch, cast):
    review = cast.review(summary="Nothing yet.")
    review.summary = "The heronsgate protocol was not followed."
    review.save()
    elastic.connection().indices.refresh(index=elastic.index_name())
    results = search(cast.manager, "q=heronsgate", backend=elasticsearch)
    assert [hit.kind for hit in results.hits] == ["review"]
