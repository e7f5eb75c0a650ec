"""The four real Haringey action plans shipped as data: counts, and rows checked field by
field against the seed documents they were transcribed from."""

import csv
import io
from dataclasses import replace
from datetime import date

import pytest

from learning.action_plans import COLUMNS, export_action_plan
from learning.lead_agencies import named_agency
from learning.models import Action, Priority, Strategy
from learning.shipped import FIXTURES, load_shipped_plans, manifest
from partnerships.demo import partnerships
from partnerships.models import Partnership

SLUGS = {
    "da": "haringey-domestic-abuse-2023-2028",
    "delivery": "community-safety-delivery-plan-2015-16-outcome-3",
    "cs": "community-safety-strategy-2019-2023",
    "vawg": "vawg-strategy-2016-2026",
}


@pytest.fixture(scope="module")
def shipped(module_db, django_db_blocker):
    """The plans imported once for the module (see module_db in tests/conftest.py); each
    test's changes are rolled back after it."""
    with django_db_blocker.unblock():
        haringey = partnerships()["haringey"]
        plans = load_shipped_plans(haringey, today=date(2026, 11, 23))
    return haringey, plans


@pytest.fixture
def haringey(shipped, db):
    return Partnership.objects.get(pk=shipped[0].pk)


@pytest.fixture
def loaded(shipped, db):
    # Each test reads its strategies afresh: nothing one test sets on them reaches the next.
    return {
        plan.strategy.slug: replace(plan, strategy=Strategy.objects.get(pk=plan.strategy.pk))
        for plan in shipped[1]
    }


def action(slug, reference):
    return Action.objects.select_related("priority", "strategy").get(
        strategy__slug=slug, reference=reference
    )


def test_every_plan_imports_with_the_expected_rows_and_priorities(loaded):
    entries = manifest()
    assert [e["slug"] for e in entries] == list(loaded)
    for entry in entries:
        strategy = loaded[entry["slug"]].strategy
        assert strategy.actions.count() == entry["expected_rows"]
        assert strategy.priorities.count() == entry["expected_priorities"]
        assert len(loaded[entry["slug"]].result.created) == entry["expected_rows"]
    assert [loaded[slug].strategy.actions.count() for slug in SLUGS.values()] == [16, 28, 70, 32]


def test_strategy_metadata_and_notes_come_from_the_manifest(loaded, haringey):
    strategy = loaded[SLUGS["delivery"]].strategy
    assert strategy.partnership == haringey
    assert strategy.title == "Community Safety 2013-2017 Delivery Plan 2015/16 – Outcome Three"
    assert (strategy.period_start, strategy.period_end) == (2015, 2016)
    assert strategy.governing_body == "Violence Against Women and Girls Strategy Group"
    assert strategy.source_file == "002_b228c0e689a60438.txt"
    assert len(strategy.note_lines) == len(manifest()[1]["notes"])
    assert strategy.note_lines[-1].startswith("governing_body: the source says progress")
    # Plans whose period has ended are kept for reference; current ones are delivered.
    assert not strategy.is_active
    assert loaded[SLUGS["da"]].strategy.is_active
    assert loaded[SLUGS["vawg"]].strategy.is_active
    assert loaded[SLUGS["vawg"]].strategy.governing_body == ""


def test_haringey_2023_2028_objective_2_4_daha_accreditation(loaded):
    row = action(SLUGS["da"], "2.4")

    assert row.priority.number == "2"
    assert (
        row.priority.title == "Provision of quality support for victim/survivors of domestic abuse"
    )
    assert row.objective == "Achieve Domestic Abuse Housing Alliance accreditation"
    assert row.key_deliverables == "Accreditation"
    assert row.due_period == "By April 2025"
    assert (row.starts_on, row.due_on) == (None, date(2025, 4, 30))
    assert row.partners == "Domestic Abuse Housing Alliance"
    assert row.expected_outcomes == (
        "Housing services are better able to identify and respond to domestic abuse, better "
        "meeting the needs of victim/survivors whilst holding perpetrators to account."
    )
    assert (row.lead, row.strategic_links, row.comments, row.rag, row.status) == ("",) * 5
    assert row.lead_agency is None


def test_haringey_2023_2028_objective_4_2_recurs_annually(loaded):
    row = action(SLUGS["da"], "4.2")

    assert row.due_period == "Nov 25th – Dec 10th 2023 (then annually)"
    assert (row.starts_on, row.due_on) == (date(2023, 11, 25), date(2023, 12, 10))
    assert row.read_due_period().recurs == "annually"
    assert row.key_deliverables == "Communications campaign, including Walk for Women 2023."
    assert row.partners == "Specialist VAWG Services, Metropolitan Police Service."


def test_haringey_2023_2028_objective_3_1_keeps_its_numbered_strands(loaded):
    row = action(SLUGS["da"], "3.1")

    assert row.key_deliverables.splitlines() == [
        "Sixty perpetrators (30 per year) complete package of support across the following "
        "four strands:",
        "1. Male perpetrators",
        "2. Female perpetrators",
        "3. Adult child to parent perpetrators",
        "4. LGBTQI+ perpetrators",
        "Twenty-one victims and families (per year) receive support.",
    ]
    assert row.due_period == "2023 - 2025"
    assert (row.starts_on, row.due_on) == (date(2023, 1, 1), date(2025, 12, 31))
    assert row.partners == "RISE Mutual"


def test_delivery_plan_3_2_1_dhr_commissioning_business_as_usual(loaded):
    row = action(SLUGS["delivery"], "3.2.1")

    assert row.priority.number == "3.2"
    assert row.priority.title == "Domestic Homicide Reviews"
    assert row.objective == (
        "Ensure that the DHR process is appropriately commissioned, chaired and convened and "
        "oversee the timely completion of the action plans"
    )
    assert row.due_period == "Business as usual"
    assert (row.starts_on, row.due_on) == (None, None)
    assert row.read_due_period().ongoing
    assert row.lead == "Strategic Lead Strategic Group CSP DHR Panel"
    assert row.strategic_links == ""
    assert row.comments == (
        "NT DHR awaiting draft report. DM DHR commissioning independent chair See separate "
        "action plan concerning the internal review action plan for DD and DM"
    )
    assert (row.rag, row.status) == ("", "")


def test_delivery_plan_quarters_are_quarters_of_the_2015_16_financial_year(loaded):
    assert action(SLUGS["delivery"], "3.1.1").due_period == "Q4"
    assert action(SLUGS["delivery"], "3.1.1").due_on == date(2016, 3, 31)
    assert action(SLUGS["delivery"], "3.1.4").due_on == date(2015, 6, 30)  # Q1
    assert action(SLUGS["delivery"], "3.4.3").starts_on == date(2015, 10, 1)  # Q3
    assert action(SLUGS["delivery"], "3.1.3").comments == "Not yet commenced"
    # 3.4.4 and 3.4.5 are not in the source: nothing was invented for them.
    references = set(
        Action.objects.filter(strategy__slug=SLUGS["delivery"]).values_list("reference", flat=True)
    )
    assert {"3.4.3", "3.4.6"} <= references
    assert not {"3.4.4", "3.4.5"} & references


def test_community_safety_2019_2023_rows_whose_text_the_source_lost_are_known_gaps(loaded):
    gaps = manifest()[2]["known_gaps"]
    assert sorted(gaps) == ["1.15", "1.16", "1.17", "3.10", "3.11"]
    for reference, note in gaps.items():
        row = action(SLUGS["cs"], reference)
        assert row.objective == ""
        assert row.source_gap == note
    # Every other row has its objective, and no gap recorded.
    others = Action.objects.filter(strategy__slug=SLUGS["cs"]).exclude(reference__in=gaps)
    assert not others.filter(objective="").exists()
    assert not others.exclude(source_gap="").exists()
    assert action(SLUGS["cs"], "1.16").lead == "cor for"
    assert action(SLUGS["cs"], "3.11").comments.startswith(
        "We are delivering training to professionals and the voluntary sector."
    )


def test_community_safety_2019_2023_performance_measures_are_priority_outcomes(loaded):
    priority = Priority.objects.get(strategy__slug=SLUGS["cs"], number="4")
    assert priority.outcomes_heading == "Performance Measures"
    assert priority.outcome_lines == [
        "Percentage of residents who feel safe in their local area after dark",
        "Percentage of residents who agree the police do a good job in the local area",
    ]
    row = action(SLUGS["cs"], "6.3")
    assert "restoritive" in row.comments  # spelled as in the source


def test_vawg_2016_2026_has_commitments_but_no_dates_or_leads(loaded):
    actions = Action.objects.filter(strategy__slug=SLUGS["vawg"])
    assert actions.count() == 32
    assert not actions.exclude(due_period="").exists()
    assert not actions.exclude(lead="").exists()
    assert not actions.filter(due_on__isnull=False).exists()
    assert actions.get(reference="3.1").objective.startswith(
        "Work with all organisations - statutory and voluntary – to embed a 'rule it out' approach"
    )
    priority = Priority.objects.get(strategy__slug=SLUGS["vawg"], number="4")
    assert priority.outcomes_heading == "Where do we want to be in 10 years?"
    assert len(priority.outcome_lines) == 5


def test_loading_again_changes_nothing(loaded, haringey):
    before = list(Action.objects.order_by("pk").values())

    again = load_shipped_plans(haringey, today=date(2026, 11, 23))

    for plan in again:
        assert plan.result.created == plan.result.updated == []
        assert len(plan.result.unchanged) == plan.strategy.actions.count()
    assert list(Action.objects.order_by("pk").values()) == before
    assert Strategy.objects.count() == 4


def test_a_partnership_s_decision_that_a_plan_is_finished_survives_a_reload(loaded, haringey):
    Strategy.objects.filter(slug=SLUGS["da"]).update(is_active=False)

    load_shipped_plans(haringey, today=date(2026, 11, 23))

    assert not Strategy.objects.get(slug=SLUGS["da"]).is_active


@pytest.mark.parametrize("slug", SLUGS.values())
def test_export_gives_back_the_shipped_file_row_for_row(loaded, slug):
    strategy = loaded[slug].strategy
    exported = list(csv.DictReader(io.StringIO(export_action_plan(strategy, "csv").decode())))
    entry = next(e for e in manifest() if e["slug"] == slug)
    with open(FIXTURES / entry["csv"], encoding="utf-8", newline="") as shipped_file:
        shipped = list(csv.DictReader(shipped_file))

    # Cells a spreadsheet would run as formulas carry a leading apostrophe (security.
    # spreadsheets); the text after it is the shipped text.
    def as_written(value):
        return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value

    assert [{c: as_written(row[c]) for c in COLUMNS} for row in exported] == shipped


def test_each_shipped_action_is_owned_by_the_agency_its_lead_text_names_first(loaded):
    """The plans named their leads only in words, so no action had an owning agency and
    no partner agency user could find or update one."""
    for plan in loaded.values():
        for row in plan.strategy.actions.select_related("lead_agency"):
            named = named_agency(row.lead)
            assert (row.lead_agency.name if row.lead_agency else None) == (
                named[0] if named else None
            ), row.lead
    assert Action.objects.filter(lead_agency__isnull=False).count() > 50
    police_first = Action.objects.get(lead__startswith="-Superintendent, MPS -Intelligence")
    assert police_first.lead_agency.short_name == "MPS"
    assert police_first.lead == "-Superintendent, MPS -Intelligence Analyst, Haringey Council"
    assert named_agency("Strategic Lead Strategy Group") is None
