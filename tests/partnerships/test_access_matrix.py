"""The role x object matrix, derived from the one access rule and checked against every
consumer of it.

For each person of the cast and each scoped row (reviews, case papers, strategies,
actions, recommendations, briefings and impact checks, a case's chronology, findings,
learning event and family log,
and the shared lists: national, own and another partnership's themes and agencies),
"may see" is what partnerships.access.GRANTS says for the
row's scope. Every place that decides what a person sees must agree with it: the
database filter (`visible_to`), the rules predicates (Wagtail's permission checks), every
admin URL the scoped viewsets mount (inspect, edit, delete, history and its results,
usage and any extra view: a row one may not see answers exactly as a row that does not
exist), the page chooser and the bulk-action pages, the lists' CSV exports, the search
rows on the database backend and the Elasticsearch filter (evaluated offline on the
documents that would be sent).

tests/reviews/test_permissions.py and tests/learning/test_permissions.py keep the matrix
written out by hand, so the rule itself is checked against what people expect.
"""

import csv
import io
from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from learning.models import (
    Action,
    Body,
    BodyRecommendation,
    Briefing,
    Finding,
    ImpactCheck,
    LearningEvent,
    MissedOpportunityLink,
    Recommendation,
    ReviewAction,
    Status,
    Strategy,
    Theme,
)
from partnerships.access import PUBLIC, allows, facts_of
from partnerships.models import Agency
from partnerships.viewsets import ScopedModelViewSet
from reviews.models import (
    CaseDocument,
    ChronologyEntry,
    ChronologyImport,
    FamilyContact,
    FamilyInvolvement,
    FamilyMember,
    Review,
)
from reviews.papers.publication import publish_page
from search.backends import elasticsearch as elastic
from search.indexing import rebuild
from search.models import SearchEntry
from tests.cast import ROLES
from tests.factories import (
    AgencyFactory,
    DocumentVersionFactory,
    InformationRequestFactory,
    PanelMembershipFactory,
)
from tests.learning.conftest import Library
from tests.learning.factories import RecommendationFactory, ThemeFactory

# Every role of the cast, and a member of an oversight body over the cast's partnership.
MATRIX_ROLES = [*ROLES, "oversight"]
MISSING_PK = 987654
# The views every ModelViewSet mounts for one row.
OBJECT_VIEWS = {"inspect", "edit", "delete", "history", "history_results", "usage"}


class World(Library):
    """The learning library's rows, plus the draft case's panel and a paper of each
    audience, another partnership's paper, and the published review's public page."""

    def __init__(self, cast):
        super().__init__(cast)
        PanelMembershipFactory(review=self.draft_review, user=cast.panel_member)
        self.papers = {
            f"{audience}_paper": DocumentVersionFactory(
                document__review=self.draft_review, document__audience=audience
            ).document
            for audience in CaseDocument.Audience.values
        }
        self.papers["foreign_paper"] = DocumentVersionFactory(
            document__review=self.foreign_review
        ).document
        # A draft recommendation the partnership shares with its oversight bodies, one
        # sent to a national body, and rows of a review's own action plan.
        self.shared_draft = RecommendationFactory(
            review=self.draft_review,
            number="3",
            owning_agency=self.other_agency,
            shared_with_oversight=True,
        )
        home_office = Body.objects.get(code="home-office")
        self.national = {
            "sent_published": BodyRecommendation.objects.create(
                recommendation=self.published_other, body=home_office
            ),
            "sent_draft": BodyRecommendation.objects.create(
                recommendation=self.draft_other, body=home_office
            ),
            "sent_shared": BodyRecommendation.objects.create(
                recommendation=self.shared_draft, body=home_office
            ),
            "review_action_draft": ReviewAction.objects.create(
                review=self.draft_review, reference="1", objective="Fictional action."
            ),
            "review_action_published": ReviewAction.objects.create(
                review=self.published_review,
                reference="1",
                objective="Fictional action.",
                lead_agency=self.cast.agency,
            ),
        }
        self.national.update(dissemination(self, cast))
        self.case_records = case_records(self.draft_review, cast)
        self.page = publish_page(self.published_review, "Fictional executive summary.")
        self.shared = {
            "national_theme": ThemeFactory(name="Housing", slug="housing"),
            "own_theme": ThemeFactory(slug="estates", partnership=cast.partnership),
            "foreign_theme": ThemeFactory(slug="ferries", partnership=cast.other_partnership),
            "national_agency": AgencyFactory(name="National Probation Service"),
            "own_agency": AgencyFactory(name="Northbrook Trust", partnership=cast.partnership),
            "foreign_agency": AgencyFactory(
                name="Southmere Trust", partnership=cast.other_partnership
            ),
        }
        rebuild(log=lambda *args: None)

    @property
    def rows(self):
        reviews = {
            "published_review": self.published_review,
            "draft_review": self.draft_review,
            "foreign_review": self.foreign_review,
        }
        return {
            **reviews,
            **self.papers,
            **self.strategies,
            **self.actions,
            **self.recommendations,
            **self.case_records,
            **self.shared,
            "shared_draft": self.shared_draft,
            **self.national,
        }


def dissemination(world, cast):
    """A briefing of each partnership, and impact checks of a published and a draft
    recommendation (completed first: a check follows completion)."""
    rows = {}
    for name, partnership, recommendation in (
        ("briefing", cast.partnership, world.draft_other),
        ("foreign_briefing", cast.other_partnership, world.foreign_recommendation),
    ):
        rows[name] = Briefing.objects.create(
            partnership=partnership,
            title="Fictional briefing",
            audience="Front-line staff",
            delivered_on=date(2026, 2, 1),
        )
        rows[name].recommendations.add(recommendation)
    for name, recommendation in (
        ("impact_published", world.published_other),
        ("impact_draft", world.draft_owned),
    ):
        recommendation.status, recommendation.evidence = Status.COMPLETE, "Fictional evidence."
        recommendation.save()
        rows[name] = ImpactCheck.objects.create(
            recommendation=recommendation,
            measure="A fictional audit.",
            re_audit_on=date(2027, 1, 1),
        )
    return rows


def case_records(review, cast):
    """One row of each record of a case's people: the combined chronology and its links,
    the findings and learning event (the panel's), the family log (staff and chair)."""
    chronology = ChronologyImport.objects.create(review=review, agency=cast.agency)
    entry = ChronologyEntry.objects.create(
        chronology=chronology,
        review=review,
        agency=cast.agency,
        row=2,
        happened_on=date(2025, 1, 1),
        event="Fictional event.",
        missed_opportunity=True,
        note="Fictional note.",
    )
    finding = Finding.objects.create(review=review, number="1", text="Fictional finding.")
    member = FamilyMember.objects.create(review=review, name="Fictional Name")
    return {
        "chronology_entry": entry,
        "opportunity_link": MissedOpportunityLink.objects.create(entry=entry, finding=finding),
        "finding": finding,
        "learning_event": LearningEvent.objects.create(review=review, held_on=date(2026, 1, 1)),
        "family_member": member,
        "family_contact": FamilyContact.objects.create(
            review=review, member=member, contacted_on=date(2026, 1, 2), way="phone", by="Chair"
        ),
        "family_involvement": FamilyInvolvement.objects.create(review=review),
        "information_request": InformationRequestFactory(review=review, agency=cast.agency),
    }


@pytest.fixture
def world(cast):
    return World(cast)


def expected(user, obj):
    return allows(facts_of(user), type(obj).access.scope(obj))


def each_cell(world):
    for role in MATRIX_ROLES:
        user = world.cast.user(role)
        for name, obj in world.rows.items():
            yield role, user, name, obj


def test_the_database_filter_and_the_predicates_agree_with_the_rule(world):
    seen = {True: 0, False: 0}
    for role, user, name, obj in each_cell(world):
        want = expected(user, obj)
        seen[want] += 1
        model = type(obj)
        assert model.objects.visible_to(user).filter(pk=obj.pk).exists() == want, (role, name)
        if model is not CaseDocument:  # papers have no Wagtail permission of their own
            permission = f"{model._meta.app_label}.view_{model._meta.model_name}"
            assert user.has_perm(permission, obj) == want, (role, name)
    # The matrix is not trivial: each role sees something and misses something.
    assert seen[True] and seen[False]


def scoped_viewsets():
    """Every ScopedModelViewSet the admin registers (inside groups too)."""
    found = []
    for register in hooks.get_hooks("register_admin_viewset"):
        registered = register()
        for viewset in registered if isinstance(registered, list | tuple) else [registered]:
            items = viewset.registerables if isinstance(viewset, ViewSetGroup) else [viewset]
            found += [item for item in items if isinstance(item, ScopedModelViewSet)]
    return found


def object_urls(viewset, obj):
    """Every URL the viewset mounts for one row (patterns whose only argument is the pk)."""
    urls = {}
    for pattern in viewset.get_urlpatterns():
        arguments = set(pattern.pattern.converters)
        if arguments == {"pk"}:
            try:
                urls[pattern.name] = reverse(
                    f"{viewset.url_namespace}:{pattern.name}", args=[obj.pk]
                )
            except NoReverseMatch:  # pragma: no cover - a pattern without a name
                continue
    return urls


def test_every_url_a_scoped_viewset_mounts_hides_what_the_rule_hides(client, world):
    viewsets = scoped_viewsets()
    assert {viewset.model for viewset in viewsets} >= {
        Review,
        Strategy,
        Action,
        Recommendation,
        Theme,
        Agency,
    }
    checked = 0
    for viewset in viewsets:
        rows = [obj for obj in world.rows.values() if type(obj) is viewset.model]
        for role in MATRIX_ROLES:
            user = world.cast.user(role)
            client.force_login(user)
            missing = {
                name: client.get(url).status_code
                for name, url in object_urls(viewset, viewset.model(pk=MISSING_PK)).items()
            }
            for obj in rows:
                for name, url in object_urls(viewset, obj).items():
                    status = client.get(url).status_code
                    assert status < 500, (role, url)
                    if expected(user, obj):
                        # (Other views may answer 404 for their own reasons: no Home
                        # Office pack before the papers exist, say.)
                        if name in OBJECT_VIEWS:
                            assert status != 404, (role, url)
                    else:
                        # Exactly the answer for an id that does not exist.
                        assert status == missing[name], (role, url, status, missing[name])
                    checked += 1
    assert checked > 100


def test_the_page_chooser_and_bulk_actions_name_no_page_one_may_not_see(client, world):
    """A taken-down review's page is in no one's chooser or bulk-action page but an
    administrator's (the cast's partnership roles have no rights on pages)."""
    page = world.page
    page.unpublish()
    parent = page.get_parent()
    chooser = reverse("wagtailadmin_choose_page_child", args=[parent.pk])
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    for role in ROLES:
        user = world.cast.user(role)
        if not user.has_perm("wagtailadmin.access_admin"):
            continue
        client.force_login(user)
        listed = client.get(chooser)
        assert listed.status_code == 200, role
        confirm = client.get(bulk, {"id": page.pk})
        if role == "superuser":
            assert page.title in listed.content.decode()
            assert confirm.status_code == 200 and page.title in confirm.content.decode()
        else:
            assert page.title not in listed.content.decode(), role
            assert confirm.status_code == 404, role
            assert page.title not in confirm.content.decode(), role


def exported(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200, url
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


def test_list_exports_hold_exactly_the_rows_the_rule_allows(client, world):
    lists = {
        "reviews:index": (Review, lambda row: row[0], lambda obj: obj.reference),
        "learning_strategies:index": (Strategy, lambda row: row[1], lambda obj: obj.slug),
        "learning_actions:index": (
            Action,
            lambda row: (row[0], row[1]),
            lambda obj: (obj.strategy.title, obj.reference),
        ),
    }
    for role in MATRIX_ROLES:
        user = world.cast.user(role)
        if not facts_of(user).has_any_role and not user.is_superuser:
            continue  # no admin at all (tested in tests/accounts)
        client.force_login(user)
        for url_name, (model, key_of_row, key_of_obj) in lists.items():
            if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
                continue
            rows = {key_of_row(row) for row in exported(client, reverse(url_name))}
            wanted = {
                key_of_obj(obj)
                for obj in world.rows.values()
                if type(obj) is model and expected(user, obj)
            }
            assert rows == wanted, (role, url_name)


def search_rows_of(obj):
    """The private search row(s) standing for a scoped row (None: it has none)."""
    if isinstance(obj, CaseDocument):
        return SearchEntry.objects.filter(source="document", source_id__in=obj.versions.all())
    source = {Review: "review", Action: "action", Recommendation: "recommendation"}.get(type(obj))
    return SearchEntry.objects.filter(source=source, source_id=obj.pk) if source else None


def test_search_rows_carry_their_sources_scope_on_both_backends(world):
    everything = list(SearchEntry.objects.all())
    documents = {
        entry.pk: elastic.EntryDocument.from_entry(entry).to_dict() for entry in everything
    }
    for role in [*MATRIX_ROLES, "visitor"]:
        facts = PUBLIC if role == "visitor" else facts_of(world.cast.user(role))
        permitted = set(SearchEntry.objects.permitted(facts).values_list("pk", flat=True))
        # Elasticsearch: the filter that would be sent, evaluated on the documents.
        query = elastic.access_filter(facts).to_dict()
        assert {pk for pk, doc in documents.items() if matches(query, doc)} == permitted, role
        if role == "visitor":
            assert permitted == {e.pk for e in everything if e.is_public}
            continue
        for name, obj in world.rows.items():
            rows = search_rows_of(obj)
            if rows is None:
                continue
            ids = set(rows.values_list("pk", flat=True))
            assert ids, name
            want = expected(world.cast.user(role), obj)
            assert (ids <= permitted) == want and (bool(ids & permitted) == want), (role, name)


def matches(query, doc):
    """Whether an Elasticsearch query (the subset the access filter uses) matches a
    document: a test oracle of the query DSL's documented semantics."""
    ((kind, body),) = query.items()
    if kind == "match_all":
        return True
    if kind in ("term", "terms"):
        ((field, wanted),) = body.items()
        if kind == "term":
            wanted = [wanted["value"] if isinstance(wanted, dict) else wanted]
        value = doc.get(field)
        values = value if isinstance(value, list) else [value]
        return any(v in wanted for v in values if v is not None)
    if kind == "bool":
        must = [*as_list(body.get("filter")), *as_list(body.get("must"))]
        should = as_list(body.get("should"))
        if not all(matches(q, doc) for q in must):
            return False
        if any(matches(q, doc) for q in as_list(body.get("must_not"))):
            return False
        needed = body.get("minimum_should_match", 0 if must else 1) if should else 0
        return sum(matches(q, doc) for q in should) >= needed
    raise AssertionError(f"the access filter uses a query the oracle does not know: {kind}")


def as_list(clauses):
    if clauses is None:
        return []
    return clauses if isinstance(clauses, list) else [clauses]
