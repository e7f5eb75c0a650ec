"""The Elasticsearch backend (elasticsearch-dsl), used when settings.ELASTICSEARCH_URL is set.

One index of SearchEntry rows: text analysed with the English analyzer (stemming and
stop words), facets as keyword fields counted with terms aggregations, highlighting with
the 'html' encoder (text escaped, <mark> added), and the same access rules as the
database backend expressed as a bool filter in the query body. Rows are written in bulk
by `search_index --rebuild` and one by one as sources change (search.indexing).
Similar recommendations are Elasticsearch's more_like_this under the same filter.
"""

from django.conf import settings
from elasticsearch.helpers import bulk
from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    connections,
    token_filter,
)

from partnerships.access import compile_rule

from .. import facets as facet_table
from ..highlight import safe_fragments, snippet
from ..models import Kind, SearchEntry, split_values
from ..query import PAGE_SIZE, Hit, SearchResults
from .base import KIND_LABELS, BaseBackend

# Elasticsearch's "english" analyzer spelled out (as its reference documents it), so the
# mapping says exactly how text is analysed: possessives, lower case, stop words, stems.
ENGLISH = analyzer(
    "english_text",
    tokenizer="standard",
    filter=[
        token_filter("english_possessive", type="stemmer", language="possessive_english"),
        "lowercase",
        token_filter("english_stop", type="stop", stopwords="_english_"),
        token_filter("english_stemmer", type="stemmer", language="english"),
    ],
)


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}entries"


class EntryDocument(Document):
    """One SearchEntry. Multi-valued facets are keyword arrays here."""

    kind = Keyword()
    title = Text(analyzer=ENGLISH, fields={"raw": Keyword()})
    body = Text(analyzer=ENGLISH, term_vector="with_positions_offsets")
    url = Keyword(index=False)
    date = Date()
    review_kind = Keyword()
    year = Integer()
    partnership_id = Integer()
    themes = Keyword(multi=True)
    agencies = Keyword(multi=True)
    relationship = Keyword(multi=True)
    age_band = Keyword(multi=True)
    death_type = Keyword()
    status = Keyword()
    rag = Keyword()
    is_public = Boolean()
    published = Boolean()
    review_id = Integer()
    owner_agency_id = Integer()
    audience = Keyword()

    class Index:
        name = "entries"  # replaced by index_name() when used
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_entry(cls, entry):
        return cls(
            meta={"id": entry.pk, "index": index_name()},
            kind=entry.kind,
            title=entry.title,
            body=entry.body,
            url=entry.url,
            date=entry.date,
            review_kind=entry.review_kind or None,
            year=entry.year,
            partnership_id=entry.partnership_id,
            themes=split_values(entry.themes),
            agencies=split_values(entry.agencies),
            relationship=split_values(entry.relationship),
            age_band=split_values(entry.age_band),
            death_type=entry.death_type or None,
            status=entry.status or None,
            rag=entry.rag or None,
            is_public=entry.is_public,
            published=entry.published,
            review_id=entry.review_id,
            owner_agency_id=entry.owner_agency_id,
            audience=entry.audience or None,
        )


def connection():
    return connections.create_connection(
        alias="search", hosts=[settings.ELASTICSEARCH_URL], request_timeout=10, max_retries=1
    )


def index_body():
    """Mappings and settings of the index, as sent when it is created."""
    index = EntryDocument._index.clone(name=index_name())
    return index.to_dict()


class ElasticTarget:
    """The access rule (partnerships.access.compile_rule) as an Elasticsearch bool query
    over the scope fields of EntryDocument (those of SearchEntry.access)."""

    FIELDS = {
        "partnership": "partnership_id",
        "review": "review_id",
        "owner_agency": "owner_agency_id",
    }

    def everything(self):
        return Q("match_all")

    def public(self):
        return Q("term", is_public=True)

    def has_keys(self, keys):
        return True

    def audience_in(self, audiences):
        return Q("terms", audience=sorted(audiences))

    def holds(self, keys, held):
        if len(keys) == 1:
            return Q("terms", **{SearchEntry.access.path(keys[0]): sorted(held)})
        return Q(
            "bool",
            should=[
                Q(
                    "bool",
                    filter=[
                        Q("term", **{SearchEntry.access.path(key): value})
                        for key, value in zip(keys, values, strict=True)
                    ],
                )
                for values in sorted(held)
            ],
            minimum_should_match=1,
        )

    def both(self, first, second):
        return Q("bool", filter=[first, second])

    def any_of(self, clauses):
        return Q("bool", should=clauses, minimum_should_match=1)


def access_filter(facts):
    """The filter that keeps the rows a searcher with these facts may find."""
    return compile_rule(facts, ElasticTarget())


def build_search(params, facts, filters, facet_names=facet_table.FACET_NAMES):
    """The query body for one search (Search.to_dict() is what is sent)."""
    search = Search(index=index_name()).extra(track_total_hits=True)
    if params.terms:
        search = search.query(
            "multi_match",
            query=" ".join(params.terms),
            fields=["title^2", "body"],
            operator="and",
        )
    search = search.filter(access_filter(facts))
    for name, values in filters.items():
        facet = facet_table.FACETS[name]
        search = search.filter("terms", **{facet.column: [str(v) for v in values]})
    for name in facet_names:
        column = facet_table.FACETS[name].column
        search.aggs.bucket(name, "terms", field=column, size=100)
    if params.sort == "newest" or not params.terms:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    search = search.highlight_options(
        encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=2
    ).highlight("body", fragment_size=160)
    search = search.source(excludes=["body"])
    return search[params.offset : params.offset + PAGE_SIZE]


class ElasticsearchBackend(BaseBackend):
    name = "elasticsearch"

    def run(self, params, facts, filters, vocabulary, facet_names):
        results = SearchResults(params=params)
        if params.q and not params.terms:
            return results
        search = build_search(params, facts, filters, facet_names).using(connection())
        response = search.execute()
        results.total = response.hits.total.value
        counters = {
            name: {
                self.stored(name, bucket.key): bucket.doc_count
                for bucket in getattr(response.aggregations, name).buckets
            }
            for name in facet_names
        }
        results.facets = self.facet_counts(counters, params, vocabulary, facet_names)
        results.hits = [self.hit(hit, params) for hit in response]
        return results

    @staticmethod
    def stored(name, key):
        return int(key) if name == "partnership" else str(key)

    @staticmethod
    def hit(hit, params):
        fragments = list(getattr(getattr(hit.meta, "highlight", None), "body", []) or [])
        return Hit(
            kind=hit.kind,
            kind_label=KIND_LABELS.get(hit.kind, hit.kind),
            title=hit.title,
            url=hit.url,
            snippet=safe_fragments(fragments) if fragments else snippet("", params.terms),
            date=getattr(hit, "date", None),
            is_public=hit.is_public,
        )

    def rebuild(self):
        """Drop and recreate the index, then write every row in bulk."""
        client = connection()
        index = EntryDocument._index.clone(name=index_name())
        index.delete(ignore_unavailable=True, using=client)
        index.create(using=client)
        actions = (
            EntryDocument.from_entry(entry).to_dict(include_meta=True)
            for entry in SearchEntry.objects.order_by("pk").iterator(chunk_size=2000)
        )
        bulk(client, actions, chunk_size=1000)
        index.refresh(using=client)

    def similar(self, text, facts, limit=5, exclude_review=None, on_or_before=None):
        search = more_like_this(text, facts, limit, exclude_review, on_or_before)
        entry_ids = [int(hit.meta.id) for hit in search.using(connection()).execute()]
        sources = dict(SearchEntry.objects.filter(pk__in=entry_ids).values_list("pk", "source_id"))
        return [(sources[pk], None) for pk in entry_ids if pk in sources]


def index_entries(entries):
    bulk(connection(), (EntryDocument.from_entry(e).to_dict(include_meta=True) for e in entries))


def delete_entry(entry):
    connection().delete(index=index_name(), id=entry.pk, ignore=[404])


def similar_filter(facts):
    """Which recommendation rows may be compared with (BaseBackend.similar_rows): those
    the access rule lets the searcher find, and every published one (public text)."""
    rule = access_filter(facts)
    if rule == Q("match_all"):
        return rule
    return Q("bool", should=[rule, Q("term", published=True)], minimum_should_match=1)


def more_like_this(text, facts, limit=5, exclude_review=None, on_or_before=None):
    """Recommendations whose text is most like `text` (Elasticsearch's more_like_this),
    among those similar_filter(facts) allows, of other reviews notified on or before."""
    search = (
        Search(index=index_name())
        .query(
            "more_like_this",
            fields=["body"],
            like=text,
            min_term_freq=1,
            min_doc_freq=1,
            minimum_should_match="30%",
        )
        .filter("term", kind=Kind.RECOMMENDATION.value)
        .filter(similar_filter(facts))
        .source(["review_id"])
    )
    if exclude_review is not None:
        search = search.exclude("term", review_id=exclude_review)
    if on_or_before is not None:
        search = search.filter("range", date={"lte": on_or_before.isoformat()})
    return search[:limit]
