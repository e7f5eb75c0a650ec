"""Joint and multi-criteria reviews: a review commissioned by two partnerships is seen by
both partnerships' staff and no one else (every consumer of the access rule, the admin's
URLs and search), co-commissioners are changed and audited on the case, and the criteria
a review meets decide its outputs as data."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from learning.sab_report import schedule_2_tables
from partnerships.access import facts_of, may_see
from partnerships.models import Partnership, Role
from reviews.models import (
    CaseDocument,
    ChronologyEntry,
    ChronologyImport,
    CoCommissioner,
    Criterion,
    Review,
    ReviewKind,
    SendKind,
)
from reviews.statutory import owed_sends, record_sar_basis, sends_required
from reviews.workflow import TransitionRefused
from search.backends import elasticsearch as elastic
from search.indexing import rebuild
from search.models import SearchEntry
from tests.factories import (
    AgencyFactory,
    DocumentVersionFactory,
    PartnershipFactory,
    ReviewFactory,
    UserFactory,
    user_with_role,
)
from tests.learning.factories import RecommendationFactory
from tests.partnerships.test_access_matrix import matches
from tests.reviews.test_admin_flow import edit_form_data

SECRET = "quillmarsh"  # only in the joint review's summary and its papers' search rows
ROLES = {
    "manager": Role.REVIEW_MANAGER,
    "approver": Role.APPROVER,
    "chair": Role.CHAIR,
    "panel": Role.PANEL_MEMBER,
    "partner": Role.PARTNER,
    "admin": Role.PARTNERSHIP_ADMIN,
}
STAFF = {"manager", "approver"}


class World:
    """Partnerships A (the lead CSP), B (the SAB commissioning with it) and C (neither),
    each with one person of every role; a joint DHR/SAR of A and B with a staff-only
    paper, a recommendation and a chronology entry; B's own review."""

    def __init__(self):
        self.partnerships = {
            "A": PartnershipFactory(name="Fictional Aldham CSP", slug="aldham"),
            "B": PartnershipFactory(
                name="Fictional Aldham SAB", slug="aldham-sab", kind=Partnership.Kind.SAB
            ),
            "C": PartnershipFactory(name="Fictional Cresby CSP", slug="cresby"),
        }
        agency = AgencyFactory(name="Fictional Aldham Police")
        self.users = {
            f"{name}_{role}": user_with_role(
                ROLES[role],
                partnership,
                agency=agency if role in ("panel", "partner") else None,
                username=f"{name}-{role}",
            )
            for name, partnership in self.partnerships.items()
            for role in ROLES
        }
        self.users["stranger"] = UserFactory(username="stranger")
        self.users["root"] = UserFactory(username="root", is_superuser=True, is_staff=True)
        self.review = ReviewFactory(
            partnership=self.partnerships["A"],
            kind=ReviewKind.JOINT,
            reference="DHR-2026-900",
            summary=f"Fictional joint case noting {SECRET}.",
        )
        CoCommissioner.objects.create(
            review=self.review,
            partnership=self.partnerships["B"],
            role=CoCommissioner.Role.SAB,
            joined_on=date(2026, 2, 1),
        )
        self.own_b = ReviewFactory(partnership=self.partnerships["B"], reference="SAR-2026-001")
        self.rows = {
            "review": self.review,
            "paper": DocumentVersionFactory(
                document__review=self.review, document__audience=CaseDocument.Audience.STAFF
            ).document,
            "recommendation": RecommendationFactory(review=self.review),
            "chronology": ChronologyEntry.objects.create(
                chronology=ChronologyImport.objects.create(review=self.review, agency=agency),
                review=self.review,
                agency=agency,
                row=2,
                happened_on=date(2025, 1, 1),
                event="Fictional event.",
            ),
        }
        rebuild(log=lambda *args: None)

    def expected(self, who):
        """The joint review's staff: A's and B's review managers and approvers (and the
        system administrator)."""
        return who == "root" or (who[0] in "AB" and who.split("_")[1] in STAFF)


@pytest.fixture(scope="module")
def world(module_db, django_db_blocker):
    with django_db_blocker.unblock():
        return World()


@pytest.fixture
def people(world, db):
    """The world's users loaded afresh for one test (no cached facts carried over)."""
    User = get_user_model()
    return {who: User.objects.get(pk=user.pk) for who, user in world.users.items()}


def test_a_joint_review_is_seen_by_both_partnerships_staff_and_no_one_else(client, world, people):
    review = world.review
    version = world.rows["paper"].versions.get()
    urls = [
        reverse("reviews:inspect", args=[review.pk]),
        reverse("reviews:download", args=[review.pk, version.pk]),
        reverse("learning_recommendations:inspect", args=[world.rows["recommendation"].pk]),
    ]
    missing = [
        reverse("reviews:inspect", args=[987654]),
        reverse("reviews:download", args=[987654, version.pk]),
        reverse("learning_recommendations:inspect", args=[987654]),
    ]
    seen_by = set()
    for who, user in people.items():
        want = world.expected(who)
        facts = facts_of(user)
        for name, row in world.rows.items():
            model = type(row)
            assert model.objects.visible_to(user).filter(pk=row.pk).exists() == want, (who, name)
            assert may_see(user, row) == want, (who, name)
        # Search: the rows standing for the review and its papers, on the database backend
        # and through the admin's search page.
        rows = SearchEntry.objects.filter(review_id=review.pk)
        assert rows.exists()
        found = SearchEntry.objects.permitted(facts).filter(review_id=review.pk).count()
        assert found == (rows.count() if want else 0), who
        # The Elasticsearch filter that would be sent, evaluated on the rows' documents.
        query = elastic.access_filter(facts).to_dict()
        documents = [elastic.EntryDocument.from_entry(entry).to_dict() for entry in rows]
        assert [matches(query, doc) for doc in documents] == [want] * len(documents), who
        client.force_login(user)
        if facts.has_any_role or user.is_superuser:
            page = client.get(reverse("search_admin:search"), {"q": SECRET})
            assert page.status_code == 200, who
            assert (f"<mark>{SECRET}</mark>" in page.content.decode()) == want, who
        # Guessing the case's URLs answers exactly as an id that does not exist.
        for url, absent in zip(urls, missing, strict=True):
            status = client.get(url).status_code
            if want:
                assert status == 200, (who, url)
                seen_by.add(who)
            else:
                assert status == client.get(absent).status_code, (who, url)
    assert seen_by == {"A_manager", "A_approver", "B_manager", "B_approver", "root"}
    # B's own review stays B's: the lead partnership's staff gain nothing of it.
    assert not Review.objects.visible_to(people["A_manager"]).filter(pk=world.own_b.pk).exists()
    assert Review.objects.visible_to(people["B_manager"]).filter(pk=world.own_b.pk).exists()


def test_the_co_commissioners_staff_see_but_the_lead_runs_the_case(client, world, people):
    client.force_login(people["B_manager"])
    page = client.get(reverse("reviews:inspect", args=[world.review.pk])).content.decode()
    assert "Commissioned jointly with" in page and "Fictional Aldham SAB (Safeguarding" in page
    assert "Domestic Homicide Review; Safeguarding Adults Review" in page  # criteria met
    assert client.get(reverse("reviews:edit", args=[world.review.pk])).status_code != 200
    assert not people["B_manager"].has_perm("reviews.change_review", world.review)
    assert people["A_manager"].has_perm("reviews.change_review", world.review)


def test_co_commissioners_are_added_and_removed_on_the_case_and_audited(client, world, people):
    manager, c_manager = people["A_manager"], people["C_manager"]
    c = world.partnerships["C"]
    review = world.review
    assert not Review.objects.visible_to(c_manager).filter(pk=review.pk).exists()  # facts read
    client.force_login(manager)
    data = edit_form_data(client, review)
    assert data["commissioners-TOTAL_FORMS"] == "1"
    data.update(
        {
            "commissioners-TOTAL_FORMS": "2",
            "commissioners-1-partnership": str(c.pk),
            "commissioners-1-role": CoCommissioner.Role.CSP,
            "commissioners-1-joined_on": "2026-03-02",
            "commissioners-1-id": "",
        }
    )
    response = client.post(reverse("reviews:edit", args=[review.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    # The same user object: its cached facts were invalidated by the change.
    assert Review.objects.visible_to(c_manager).filter(pk=review.pk).exists()
    added = review.events.get(action="co_commissioner_added")
    assert added.comment.startswith(f"{c} commissions the review jointly as Community Safety")
    assert "2 March 2026" in added.comment

    # The lead partnership cannot be its own co-commissioner, nor one be named twice.
    data = edit_form_data(client, review)
    data.update(
        {
            "commissioners-TOTAL_FORMS": "3",
            "commissioners-2-partnership": str(review.partnership_id),
            "commissioners-2-role": CoCommissioner.Role.OTHER,
            "commissioners-2-joined_on": "2026-03-02",
            "commissioners-2-id": "",
        }
    )
    refused = client.post(reverse("reviews:edit", args=[review.pk]), data)
    assert refused.status_code == 200
    assert "commissions the case already" in refused.content.decode()

    data = edit_form_data(client, review)
    row = next(k for k, v in data.items() if k.endswith("-partnership") and v == str(c.pk))
    data[row.replace("-partnership", "-DELETE")] = "1"
    response = client.post(reverse("reviews:edit", args=[review.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert not Review.objects.visible_to(c_manager).filter(pk=review.pk).exists()
    assert review.events.get(action="co_commissioner_removed").comment == (
        f"{c} no longer commissions the review."
    )


def test_a_joint_review_is_one_of_the_co_commissioning_boards_sars(world, people):
    Review.objects.filter(pk=world.review.pk).update(decision_on=date(2026, 2, 1))
    tables = dict(
        schedule_2_tables(
            world.partnerships["B"],
            people["B_manager"],
            date(2026, 1, 1),
            date(2026, 12, 31),
            lambda key, title, header, rows, description="": (key, rows),
        )
    )
    assert [row[0] for row in tables["sar_ongoing"]] == [world.review.reference]


def test_the_criteria_a_review_meets_decide_its_outputs(world, people, db):
    manager = people["A_manager"]
    dhr = ReviewFactory(partnership=world.partnerships["A"], kind=ReviewKind.DHR)
    assert dhr.needs_home_office and not dhr.held_under_care_act
    with pytest.raises(TransitionRefused):
        record_sar_basis(
            dhr,
            manager,
            basis="mandatory",
            needs_care_and_support=True,
            concern=True,
            condition="died",
            on=date(2026, 2, 1),
        )
    # The victim was also a child in the safeguarding partners' area and an adult with
    # care and support needs: the criteria of a CSPR and a SAR are added to the DHR.
    dhr.criteria.add(*Criterion.objects.filter(key__in=["cspr", "sar"]))
    assert dhr.criterion_keys == {"dhr", "cspr", "sar"}
    assert dhr.held_under_care_act
    record_sar_basis(
        dhr,
        manager,
        basis="mandatory",
        needs_care_and_support=True,
        concern=True,
        condition="died",
        on=date(2026, 2, 1),
    )
    Review.objects.filter(pk=dhr.pk).update(decision_on=date(2026, 2, 1))
    Review.objects.filter(pk=dhr.pk).update(signed_off_on=date(2026, 6, 1))
    dhr = Review.objects.get(pk=dhr.pk)
    assert {entry.send for entry in owed_sends(dhr)} == {
        SendKind.HOME_OFFICE_DECISION,
        SendKind.HOME_OFFICE_SUBMISSION,
        SendKind.CSPR_PANEL_COPY,
    }
    # A SAR alone goes to no one; one that meets the DHR's criteria goes to the Home Office.
    sar = ReviewFactory(partnership=world.partnerships["B"], kind=ReviewKind.SAR)
    assert not sar.needs_home_office
    sar.criteria.add(Criterion.objects.get(key="dhr"))
    assert sar.needs_home_office
    assert Review.objects.meeting(home_office_qa=True).filter(pk=sar.pk).exists()
    # The commencement table, read per kind and criteria (the docs' table).
    assert sends_required(ReviewKind.OWHR, date(2023, 3, 31)) == set()
    assert sends_required(ReviewKind.OWHR, date(2024, 1, 1)) == {SendKind.OWHR_NOTICE}
    assert sends_required(ReviewKind.JOINT, date(2026, 1, 1)) == sends_required(
        ReviewKind.DHR, date(2026, 1, 1)
    )
