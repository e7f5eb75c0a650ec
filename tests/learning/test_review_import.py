"""Importing past and in-flight reviews: their history written as imported steps on the
file's dates, every bad row reported, re-import changing nothing, export -> import."""

import datetime
from copy import deepcopy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from learning.importing import ImportRefused
from learning.models import Recommendation
from learning.review_files import COLUMNS, export_reviews, import_reviews
from learning.tabular import read_table, write_csv
from reviews.models import Review, ReviewEvent
from reviews.stages import State

TODAY = datetime.date.today()


def table(rows, columns=COLUMNS):
    return read_table(write_csv(columns, [[r.get(c, "") for c in columns] for r in rows]), "r.csv")


# Four fictional reviews of the cast's partnership (Northbrook): a joint DHR/SAR with the
# Southmere board, published; a SAR signed off; a DHR not held; a DHR in drafting.
GOOD = [
    {
        "reference": "DHR-2018-001",
        "kind": "Joint DHR and SAR",
        "co_commissioners": "southmere",
        "pseudonym": "Adult B",
        "summary": "Fictional: an older woman died at home; her husband was her carer.",
        "date_of_death": "2017-11-20",
        "notified_on": "2017-12-01",
        "state": "Published",
        "decision_on": "2018-01-10",
        "chair_appointed_on": "2018-02-01",
        "draft_received_on": "2018-09-14",
        "signed_off_on": "2018-11-30",
        "submitted_to_home_office_on": "2018-12-07",
        "qa_outcome_on": "2019-03-15",
        "published_on": "2019-05-01",
        "decision_rationale": "Criteria of s9 and s44 met.",
        "victims": "Adult B; sex=female; age=71; disability=yes",
        "perpetrators": "Perpetrator 1; sex=male; age=74; ethnicity=white_british",
        "relationships": "Perpetrator 1 > Adult B: carer",
        "recommendations": "1 | Multi-agency |  | Carers' assessments ask about abuse.\n"
        "2 | Single-agency | Northbrook Police | Officers record the carer's role.",
    },
    {
        "reference": "SAR-2019-001",
        "kind": "sar",
        "notified_on": "2019-01-07",
        "state": "signed_off",
        "decision_on": "2019-02-01",
        "chair_appointed_on": "2019-02-20",
        "draft_received_on": "2019-07-01",
        "signed_off_on": "2019-08-30",
    },
    {
        "reference": "DHR-2019-002",
        "kind": "dhr",
        "notified_on": "2019-03-01",
        "state": "Not proceeding",
        "decision_on": "2019-03-20",
        "decision_rationale": "The death did not meet the criteria of s9.",
    },
    {
        "reference": "DHR-2019-003",
        "kind": "dhr",
        "criteria": "cspr",
        "notified_on": "2019-06-03",
        "state": "drafting",
        "decision_on": "2019-06-28",
        "chair_appointed_on": "2019-07-15",
        "chair": "chair",
        "victims": "Child C; age=17; gender_identity=non_binary\nAdult D; sex=female",
    },
]


@pytest.fixture(scope="module")
def imported(module_cast, django_db_blocker):
    with django_db_blocker.unblock():
        result = import_reviews(module_cast.partnership, table(GOOD), module_cast.manager)
    return result


def test_a_file_of_past_reviews_is_imported_with_its_history_on_its_dates(imported, shared_cast):
    assert sorted(imported.created) == sorted(row["reference"] for row in GOOD)
    published = Review.objects.get(reference="DHR-2018-001")
    assert published.state == State.PUBLISHED
    assert published.published_on == datetime.date(2019, 5, 1)
    assert published.signed_off_on == datetime.date(2018, 11, 30)
    assert published.co_commissioners.get() == shared_cast.other_partnership
    assert published.criterion_keys == {"dhr", "sar"}
    assert [str(p) for p in published.people.order_by("sort_order")] == [
        "Adult B",
        "Perpetrator 1",
    ]
    assert published.people.get(label="Adult B").age_band == "65-74"
    assert str(published.pairs.get()) == "Perpetrator 1 – Carer of Adult B"
    assert not published.is_public  # an imported publication publishes nothing
    assert all(event.imported for event in published.events.all())
    assert published.events.get(action="co_commissioner_added").comment.startswith(
        f"{shared_cast.other_partnership} commissions the review jointly as Community Safety"
    )
    events = published.events.exclude(action__in=["created", "co_commissioner_added"]).order_by(
        "pk"
    )
    assert [(e.action, e.effective_on) for e in events][:2] == [
        ("refer_for_decision", datetime.date(2017, 12, 1)),
        ("decide_to_proceed", datetime.date(2018, 1, 10)),
    ]
    assert events.last().action == "publish" and events.last().to_state == State.PUBLISHED
    assert set(Recommendation.objects.filter(review=published).values_list("number", "level")) == {
        ("1", "multi_agency"),
        ("2", "single_agency"),
    }
    sar = Review.objects.get(reference="SAR-2019-001")
    assert sar.state == State.SIGNED_OFF and sar.completion_due_on is not None
    assert not sar.events.filter(action="submit_to_home_office").exists()
    not_held = Review.objects.get(reference="DHR-2019-002")
    assert not_held.state == State.NOT_PROCEEDING
    assert not_held.decision_rationale == "The death did not meet the criteria of s9."
    drafting = Review.objects.get(reference="DHR-2019-003")
    assert drafting.state == State.DRAFTING and drafting.chair == shared_cast.chair
    assert drafting.criterion_keys == {"dhr", "cspr"}
    # The steps with no date column of their own take the date of the step before.
    assert drafting.events.get(action="start_drafting").effective_on == datetime.date(2019, 7, 15)


def test_importing_the_same_file_again_changes_nothing(imported, shared_cast):
    events = ReviewEvent.objects.count()
    again = import_reviews(shared_cast.partnership, table(GOOD), shared_cast.manager)
    assert (again.created, again.updated) == ([], [])
    assert sorted(again.unchanged) == sorted(row["reference"] for row in GOOD)
    assert ReviewEvent.objects.count() == events


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_is_a_round_trip(imported, shared_cast, file_format):
    reviews = Review.objects.filter(partnership=shared_cast.partnership)
    exported = export_reviews(reviews, file_format)
    read = read_table(exported, f"reviews.{file_format}")
    by_reference = {values["reference"]: values for _, values in read.rows}
    same_text = ["co_commissioners", "pseudonym", "summary", "decision_rationale", "relationships"]
    for row in GOOD:
        written = by_reference[row["reference"]]
        for column in same_text + [c for c in COLUMNS if c.endswith("_on") or c == "date_of_death"]:
            value = written[column]
            assert str(value or "") == row.get(column, ""), (row["reference"], column)
        assert written["state"] == Review.objects.get(reference=row["reference"]).state
    assert by_reference["DHR-2018-001"]["victims"] == "Adult B; age=71; sex=female; disability=yes"
    assert by_reference["DHR-2019-003"]["chair"] == shared_cast.chair.email
    events = ReviewEvent.objects.count()
    again = import_reviews(shared_cast.partnership, read, shared_cast.manager)
    assert (again.created, again.updated) == ([], [])
    assert len(again.unchanged) == len(GOOD)
    assert ReviewEvent.objects.count() == events


def changed(reference, **cells):
    rows = deepcopy(GOOD)
    row = next(r for r in rows if r["reference"] == reference)
    row.update(cells)
    return rows, GOOD.index(next(r for r in GOOD if r["reference"] == reference)) + 2


NEW = {"reference": "DHR-2020-001", "kind": "dhr", "notified_on": "2020-01-06", "state": "notified"}


def with_new(**cells):
    return [*deepcopy(GOOD), {**NEW, **cells}], len(GOOD) + 2


BAD_ROWS = {
    "no reference": (with_new(reference=""), "reference is missing"),
    "unknown kind": (with_new(kind="inquest"), "unknown kind of review “inquest”"),
    "no notification date": (with_new(notified_on=""), "notified_on is missing"),
    "not a date": (with_new(notified_on="spring 2020"), "is not a date"),
    "unknown state": (with_new(state="shelved"), "unknown state “shelved”"),
    "a state's date missing": (
        with_new(state="commissioned"),
        "the state “Commissioned” needs decision_on",
    ),
    "a date of a step not reached": (
        with_new(signed_off_on="2020-06-01"),
        "signed_off_on is given, but the state “Notified” is before it",
    ),
    "a SAR's Home Office date": (
        changed("SAR-2019-001", submitted_to_home_office_on="2019-09-01"),
        "submitted_to_home_office_on is given",
    ),
    "not held without reasons": (
        with_new(state="not proceeding", decision_on="2020-01-20"),
        "needs its decision_rationale",
    ),
    "unknown criterion": (with_new(criteria="inquest"), "unknown criterion “inquest”"),
    "unknown co-commissioner": (
        with_new(co_commissioners="nowhere"),
        "unknown partnership (by its slug) “nowhere”",
    ),
    "its own partnership as co-commissioner": (
        with_new(co_commissioners="northbrook"),
        "unknown partnership (by its slug) “northbrook”",
    ),
    "unknown chair": (with_new(chair="nobody"), "chair “nobody” is not an independent chair"),
    "unknown person field": (with_new(victims="Adult E; eyes=blue"), "unknown field “eyes”"),
    "unknown sex": (with_new(victims="Adult E; sex=x"), "unknown sex “x” of Adult E"),
    "not an age": (with_new(victims="Adult E; age=old"), "age “old” of Adult E"),
    "a person twice": (with_new(victims="Adult E\nAdult E"), "“Adult E” is given twice"),
    "unknown relationship": (
        with_new(victims="Adult E", perpetrators="P", relationships="P > Adult E: landlord"),
        "unknown relationship “landlord”",
    ),
    "a relationship with someone not in the row": (
        with_new(victims="Adult E", relationships="P > Adult E: carer"),
        "“P” is not one of the row's perpetrators",
    ),
    "unknown ethnicity": (with_new(victims="Adult E; ethnicity=martian"), "unknown ethnicity"),
    "recommendation not in its format": (
        with_new(recommendations="1 - share more"),
        "is not written as “number | level | owning agency | text”",
    ),
    "unknown level": (
        with_new(recommendations="1 | Regional |  | Share more."),
        "unknown level “Regional”",
    ),
    "single-agency without an owner": (
        with_new(recommendations="1 | Single-agency |  | Share more."),
        "needs its owning agency",
    ),
    "unknown agency": (
        with_new(recommendations="1 | Single-agency | Nowhere Trust | Share more."),
        "unknown agency “Nowhere Trust”",
    ),
    "a recommendation twice": (
        with_new(recommendations="1 | Multi-agency |  | A.\n1 | Multi-agency |  | B."),
        "recommendation 1 is given twice",
    ),
    "a reference twice": ((GOOD + [dict(GOOD[1])], len(GOOD) + 2), "also on row 3"),
    "a date in the future": (
        with_new(state="decision_pending", notified_on=(TODAY + datetime.timedelta(2)).isoformat()),
        "future",
    ),
    "a decision before the notification": (
        with_new(state="commissioned", decision_on="2019-12-01"),
        "before",
    ),
    "published without a pseudonym": (
        with_new(
            state="published",
            decision_on="2020-01-20",
            chair_appointed_on="2020-02-01",
            draft_received_on="2020-06-01",
            signed_off_on="2020-07-01",
            submitted_to_home_office_on="2020-07-02",
            qa_outcome_on="2020-10-01",
            published_on="2020-11-01",
        ),
        "A pseudonym for publication must be recorded",
    ),
    "a case moved back": (
        changed("DHR-2019-003", state="commissioned", chair_appointed_on=""),
        "an import does not move a case back",
    ),
    "a recorded date rewritten": (
        changed("DHR-2019-003", decision_on="2019-06-27"),
        "decision_on is recorded as 2019-06-28, not 2019-06-27",
    ),
    "the kind changed": (changed("DHR-2019-002", kind="sar"), "the kind of a case is not changed"),
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_every_bad_row_is_reported_with_its_number_and_nothing_is_stored(
    imported, shared_cast, case
):
    (rows, number), reason = BAD_ROWS[case]
    before = (Review.objects.count(), ReviewEvent.objects.count(), Recommendation.objects.count())
    with pytest.raises(ImportRefused) as refused:
        import_reviews(shared_cast.partnership, table(rows), shared_cast.manager)
    messages = [str(error) for error in refused.value.errors]
    assert any(m.startswith(f"Row {number}: ") and reason in m for m in messages), messages
    assert len(messages) == 1, messages  # the other rows are good
    after = (Review.objects.count(), ReviewEvent.objects.count(), Recommendation.objects.count())
    assert after == before


def test_the_admin_page_imports_into_the_managers_own_partnership_only(
    client, imported, shared_cast, tmp_path
):
    client.force_login(shared_cast.manager)
    url = reverse("learning_import_reviews")
    page = client.get(url)
    assert page.status_code == 200 and "victims" in page.content.decode()
    template = client.get(url, {"template": "csv"})
    assert template.content.decode().splitlines()[0] == ",".join(COLUMNS)
    upload = SimpleUploadedFile("new.csv", write_csv(COLUMNS, [[NEW.get(c, "") for c in COLUMNS]]))
    response = client.post(url, {"partnership": shared_cast.partnership.pk, "file": upload})
    assert response.status_code == 302
    assert Review.objects.filter(reference="DHR-2020-001").exists()
    # Another partnership is not offered, and a forged choice is refused.
    client.force_login(shared_cast.other_manager)
    upload = SimpleUploadedFile("new.csv", write_csv(COLUMNS, [[NEW.get(c, "") for c in COLUMNS]]))
    forged = client.post(url, {"partnership": shared_cast.partnership.pk, "file": upload})
    assert forged.status_code == 400
    # The command does the same, and names a user who manages the partnership.
    path = tmp_path / "reviews.csv"
    path.write_bytes(export_reviews(Review.objects.filter(reference="DHR-2020-001"), "csv"))
    with pytest.raises(CommandError, match="not an active review manager"):
        call_command("import_reviews", str(path), partnership="northbrook", user="other_manager")
    call_command("import_reviews", str(path), partnership="northbrook", user="manager")
