"""The database backend over its own full-text index: counts and totals exact for every
kind of searcher (checked against the rows themselves), an edit found by the very next
search with the index equal to the rows, and similar recommendations across the country
that never include another partnership's unpublished text."""

import datetime
import random
import re
from collections import Counter

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from learning.models import RAG, Status
from partnerships.access import EVERYTHING, PUBLIC, Facts, facts_of
from partnerships.models import Partnership, Role
from reviews.models import ReviewKind
from reviews.people_vocabulary import PairRelationship
from reviews.stages import State
from reviews.workflow import perform_transition
from search import facets as facet_table
from search.backends import DatabaseBackend
from search.lessons import recurring_lessons, similar_recommendations
from search.models import SearchEntry, split_values
from search.query import SearchParams
from tests.factories import AgencyFactory, PanelMembershipFactory, add_pair
from tests.learning.factories import (
    ActionFactory,
    RecommendationFactory,
    StrategyFactory,
    ThemeFactory,
)
from tests.reviews.helpers import add_publishable_papers, force_state

pytestmark = pytest.mark.django_db

# Words the porter stemmer leaves alone in these texts (no other form of them occurs), so
# the oracle below can match them as whole words.
WORDS = ["alcohol", "carers", "stalking", "dementia", "interpreter", "escalation"]


def publish(review, user):
    force_state(review, State.QA_APPROVED)
    add_publishable_papers(review, user)
    return perform_transition(review.pk, "publish", user, comment="Publish.")


@pytest.fixture(scope="module")
def library(module_cast, django_db_blocker):
    """Fictional recommendations and actions over two partnerships (one review of each
    published), several agencies, themes, statuses and RAG ratings."""
    cast = module_cast
    with django_db_blocker.unblock():
        rng = random.Random(7)
        themes = [ThemeFactory(slug=f"theme-{n}", name=f"Theme {n}") for n in range(4)]
        agencies = [cast.agency, *(AgencyFactory(name=f"Agency {n}") for n in range(3))]
        draft = cast.review(chair=cast.chair)
        add_pair(draft, victim={"age": 30})
        PanelMembershipFactory(review=draft, user=cast.panel_member, agency=cast.agency)
        published = publish(add_pair(cast.review(chair=cast.chair)).review, cast.manager)
        theirs = publish(
            cast.review(partnership=cast.other_partnership, kind=ReviewKind.SAR),
            cast.other_manager,
        )
        reviews = [
            published,
            draft,
            theirs,
            add_pair(cast.review(kind=ReviewKind.SAR), PairRelationship.OTHER_FAMILY).review,
            cast.review(partnership=cast.other_partnership),
        ]
        for n in range(60):
            words = rng.sample(WORDS, 3)
            recommendation = RecommendationFactory(
                review=rng.choice(reviews),
                text=f"Fictional recommendation {n}: {' '.join(words)}",
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
    return cast, draft, agencies


def accesses(cast, draft, agencies):
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
    ]


def search(facts, querystring):
    params = SearchParams.from_querydict(QueryDict(querystring))
    return DatabaseBackend().search(params, facts)


def expected(facts, querystring):
    """(total, {facet: {value: count}}) computed from the permitted rows themselves."""
    data = QueryDict(querystring)
    slugs = dict(Partnership.objects.values_list("pk", "slug"))
    rows = list(SearchEntry.objects.permitted(facts).values())
    words = re.findall(r"\w+", data.get("q", "").lower())

    def values(row, facet):
        stored = row[facet.column]
        if facet.multi:
            return split_values(stored)
        if stored in (None, ""):
            return []
        return [slugs[stored] if facet.name == "partnership" else str(stored)]

    def keeps(row):
        text = f"{row['title']} {row['body']}".lower()
        if not all(re.search(rf"\b{word}\b", text) for word in words):
            return False
        return all(
            set(values(row, facet_table.FACETS[name])) & set(data.getlist(name))
            for name in data
            if name in facet_table.FACETS
        )

    kept = [row for row in rows if keeps(row)]
    counts = {
        name: dict(Counter(v for row in kept for v in values(row, facet)))
        for name, facet in facet_table.FACETS.items()
    }
    return len(kept), {name: found for name, found in counts.items() if found}


QUERIES = [
    "q=alcohol",
    "q=carers+stalking&sort=newest",
    "q=dementia&rag=red&rag=green",
    "q=fictional&theme=theme-1&theme=theme-2",
    "q=fictional&type=action",
    "q=fictional&kind=sar&status=in_progress",
    "type=recommendation&sort=newest",
    "age_band=25-34",
    "q=nosuchwordanywhere",
]


def test_totals_and_facet_counts_are_exact_for_every_searcher(library):
    cast, draft, agencies = library
    for facts in accesses(cast, draft, agencies):
        for querystring in QUERIES:
            results = search(facts, querystring)
            total, counts = expected(facts, querystring)
            found = {f.name: {v.value: v.count for v in f.values} for f in results.facets}
            assert (results.total, found) == (total, counts), (querystring, facts)
            assert len(results.hits) == min(total, 20)
            if "sort=newest" in querystring:
                dates = [hit.date for hit in results.hits]
                assert dates == sorted(dates, reverse=True)


def index_matches_the_rows():
    """The full-text index holds exactly the rows' current title and body."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5 compares its index with the content table; it raises if they differ.
            cursor.execute(
                "INSERT INTO search_searchentry_fts(search_searchentry_fts, rank) "
                "VALUES ('integrity-check', 1)"
            )
            return True
        cursor.execute(
            "SELECT COUNT(*) FROM search_searchentry WHERE search_vector IS DISTINCT FROM "
            "setweight(to_tsvector('pg_catalog.english', title), 'A') || "
            "setweight(to_tsvector('pg_catalog.english', body), 'B')"
        )
        return cursor.fetchone()[0] == 0


def test_the_full_text_index_and_its_triggers_exist():
    """Made by migrations 0008 and 0009 with raw SQL. On SQLite, Django remakes a table for
    some field changes and drops what it did not create: a migration that alters
    SearchEntry must create these again (this test fails until it does)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name IN "
                "('search_searchentry', 'search_searchentry_fts')"
            )
            wanted = {"search_searchentry_fts", "search_row_columns"}
            wanted |= {f"search_fts_{event}" for event in ("insert", "update", "delete")}
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'search_searchentry'::regclass "
                "UNION SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry'"
            )
            wanted = {"search_searchentry_vector", "search_searchentry_vector_gin"}
        assert wanted <= {name for (name,) in cursor.fetchall()}


def test_an_edit_is_found_by_the_very_next_search(library):
    cast, draft, _ = library
    recommendation = RecommendationFactory(review=draft, text="Fictional heronsgate advice.")
    assert search(facts_of(cast.manager), "q=heronsgate").total == 1
    recommendation.text = "Fictional kingfisher advice."
    recommendation.save()
    assert search(facts_of(cast.manager), "q=heronsgate").total == 0
    assert [hit.title for hit in search(facts_of(cast.manager), "q=kingfisher").hits] == [
        SearchEntry.objects.get(source="recommendation", source_id=recommendation.pk).title
    ]
    recommendation.delete()
    assert search(facts_of(cast.manager), "q=kingfisher").total == 0
    assert index_matches_the_rows()


def test_words_are_stemmed_and_typed_syntax_is_only_words(library):
    cast, draft, _ = library
    RecommendationFactory(review=draft, text="Fictional: interpreters were not booked.")
    facts = facts_of(cast.manager)
    assert search(facts, "q=interpreter").total == search(facts, "q=interpreters").total
    assert search(facts, 'q="interpreter" OR NEAR(x)').total == 0  # every word, as words


COERCIVE = "Train GP practices to recognise coercive control and economic abuse."
ALIKE = "GP practices should be trained to recognise coercive control and economic abuse."


def test_similar_recommendations_across_the_country_never_show_unpublished_text(library, client):
    """A manager sees their own partnership's recommendations (published or not) and every
    partnership's published ones; another partnership's unpublished text never."""
    cast, draft, _ = library
    earlier = datetime.date(2019, 1, 1)
    ours_draft = cast.review(chair=cast.chair, notified_on=earlier)
    ours = RecommendationFactory(review=ours_draft, text=ALIKE)
    theirs_published = publish(
        cast.review(partnership=cast.other_partnership, notified_on=earlier, reference="SM-2019-7"),
        cast.other_manager,
    )
    published = RecommendationFactory(review=theirs_published, text=ALIKE)
    unpublished = RecommendationFactory(
        review=cast.review(partnership=cast.other_partnership, notified_on=earlier), text=ALIKE
    )
    assert SearchEntry.objects.get(source="recommendation", source_id=published.pk).published
    mine = RecommendationFactory(review=draft, text=COERCIVE)

    found = {s.recommendation for s in similar_recommendations(cast.manager, COERCIVE, mine)}
    assert found == {ours, published}
    assert all(s.score >= 0.25 for s in similar_recommendations(cast.manager, COERCIVE))
    # Another partnership's published recommendation is shown as its public page shows it.
    client.force_login(cast.manager)
    page = client.get(reverse("search_admin:similar_text"), {"text": COERCIVE}).content.decode()
    assert ours.get_admin_url() in page and published.get_admin_url() not in page
    assert theirs_published.get_public_url() in page
    assert f"{theirs_published.public_page.title} (published)" in page
    assert "SM-2019-7" not in page
    assert unpublished.get_admin_url() not in page
    # The other partnership's manager: their own draft and the published one, not ours.
    found = {s.recommendation for s in similar_recommendations(cast.other_manager, COERCIVE)}
    assert found == {published, unpublished}
    # The national recurring lessons report: published text joins the groups, drafts of
    # other partnerships never do.
    theme = ThemeFactory(slug="coercive-control", name="Coercive control")
    for recommendation in (ours, published, unpublished, mine):
        recommendation.themes.add(theme)
        recommendation.save()  # parental many-to-many links are written on save
    national = [
        set(group.recommendations)
        for group in recurring_lessons(cast.manager, national=True)
        if group.theme == theme
    ]
    assert national == [{ours, published, mine}]
    local = [set(g.recommendations) for g in recurring_lessons(cast.manager) if g.theme == theme]
    assert local == [{ours, mine}]
