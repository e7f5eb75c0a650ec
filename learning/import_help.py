"""What the import pages tell people about the file they upload: each column, whether it
is required, what it holds, and an example row (the downloadable template is the header
and that row). The full rules are in the data formats guide; this is its summary for the
page, so nobody is sent to a file they cannot open."""

from dataclasses import dataclass

from .tabular import write_csv


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: str
    example: str


ACTION_PLAN_COLUMNS = [
    Column("priority_number", True, "The priority as the plan numbers it, e.g. 1 or 3.1.", "1"),
    Column(
        "priority_title", True, "The priority's title, the same on each of its rows.", "Prevention"
    ),
    Column("reference", True, "The action's number in the plan, unique in the file.", "1.1"),
    Column(
        "objective", True, "The action, as written.", "Train front-line staff in routine enquiry"
    ),
    Column("key_deliverables", False, "As written; one item per line.", "Training for 200 staff"),
    Column(
        "due_period", False, "The due date or period as written (Q4, By April 2026, Ongoing).", "Q4"
    ),
    Column("lead", False, "The lead officer, team or group, as written.", "Police DA lead"),
    Column("partners", False, "Key partners, as written.", "Health; Housing"),
    Column("strategic_links", False, "Strategic links, as written.", ""),
    Column("expected_outcomes", False, "As written; one per line.", "More early disclosures"),
    Column(
        "rag", False, "red, amber, green or blue (complete). Empty leaves it as it is.", "amber"
    ),
    Column(
        "status",
        False,
        "Not started, In progress, On hold or Complete. Empty leaves it.",
        "In progress",
    ),
    Column("comments", False, "Progress comments that are part of the plan.", ""),
    Column("starts_on", False, "Start date, e.g. 2026-04-01 or 01/04/2026.", ""),
    Column("due_on", False, "Due date, e.g. 2027-03-31 or 31/03/2027.", ""),
    Column(
        "lead_agency",
        False,
        "The agency that owns the action, by full or short name.",
        "Northbrook Police",
    ),
]

RECOMMENDATION_COLUMNS = [
    Column(
        "review_reference",
        True,
        "The case reference of a review of the partnership.",
        "DHR-2026-001",
    ),
    Column("number", True, "The recommendation's number in the report.", "1"),
    Column(
        "text",
        True,
        "The recommendation, as written.",
        "Agencies share risk information at the first contact.",
    ),
    Column("level", True, "Single-agency, Multi-agency or National.", "Single-agency"),
    Column(
        "owning_agency",
        False,
        "The agency that owns it (required for a single-agency one).",
        "Northbrook Police",
    ),
    Column("themes", False, "Theme names separated by ;", "Information sharing; Housing"),
    Column("target_date", False, "Date, e.g. 2027-03-31 or 31/03/2027.", "2027-03-31"),
    Column("status", False, "Not started, In progress, On hold or Complete.", ""),
    Column("rag", False, "red, amber, green or blue (complete).", ""),
    Column("evidence", False, "Evidence of completion: needed to mark it Complete.", ""),
    Column(
        "linked_actions", False, "Actions that deliver it, one per line: plan-slug/reference.", ""
    ),
]


REVIEW_COLUMNS = [
    Column("reference", True, "The case reference, unique in the partnership.", "DHR-2018-002"),
    Column(
        "kind",
        True,
        "dhr, sar, joint, cspr, owhr, mhhr or other (or the name, e.g. Joint DHR and SAR).",
        "joint",
    ),
    Column("criteria", False, "Further criteria met, separated by ; (e.g. cspr).", ""),
    Column(
        "co_commissioners",
        False,
        "Slugs of the partnerships commissioning it with yours, separated by ;",
        "eastwick-sab",
    ),
    Column("pseudonym", False, "The name used in publication.", "Adult B"),
    Column("summary", False, "Short anonymised description. No real names.", ""),
    Column("date_of_death", False, "Date, e.g. 2017-11-20.", "2017-11-20"),
    Column("notified_on", True, "The day the partnership was notified.", "2017-12-01"),
    Column(
        "state",
        True,
        "The stage reached (e.g. Signed off, published, closed, not proceeding).",
        "Signed off",
    ),
    Column("decision_on", False, "Day of the decision whether to hold a review.", "2018-01-10"),
    Column("chair_appointed_on", False, "Day the chair was appointed.", "2018-02-01"),
    Column("draft_received_on", False, "Day the draft report was received.", "2018-09-14"),
    Column("signed_off_on", False, "Day the partnership signed the report off.", "2018-11-30"),
    Column("submitted_to_home_office_on", False, "Day it went to the Home Office.", ""),
    Column("qa_outcome_on", False, "Day of the Home Office's approval.", ""),
    Column("published_on", False, "Day it was published.", ""),
    Column("closed_on", False, "Day the case was closed.", ""),
    Column(
        "decision_rationale",
        False,
        "Reasons for the decision; required when the state is Not proceeding.",
        "Criteria of s9 met.",
    ),
    Column("chair", False, "The independent chair's username or email (a chair of yours).", ""),
    Column(
        "victims",
        False,
        "One per line: label; sex=...; age=...; ethnicity=...; disability=...",
        "Adult B; sex=female; age=71; disability=yes",
    ),
    Column(
        "perpetrators",
        False,
        "One per line, as victims (perpetrators or alleged abusers).",
        "Perpetrator 1; sex=male; age=74",
    ),
    Column(
        "relationships",
        False,
        "One per line: perpetrator label > victim label: relationship.",
        "Perpetrator 1 > Adult B: carer",
    ),
    Column(
        "recommendations",
        False,
        "One per line: number | level | owning agency | text.",
        "1 | Multi-agency |  | Carers' assessments ask about domestic abuse.",
    ),
]


REVIEW_PLAN_COLUMNS = [
    Column("reference", True, "The action's number in the review's plan, unique.", "1.1"),
    Column("objective", True, "The action, as written.", "Audit referrals to MARAC"),
    Column("key_deliverables", False, "As written; one item per line.", ""),
    Column("starts_on", False, "Start date, e.g. 2026-04-01 or 01/04/2026.", ""),
    Column("due_on", False, "Due date, e.g. 2027-03-31 or 31/03/2027.", "2027-03-31"),
    Column("lead", False, "The lead officer, team or group, as written.", "Safeguarding lead"),
    Column(
        "lead_agency",
        False,
        "The agency that owns the action, by full or short name.",
        "Northbrook Police",
    ),
    Column("partners", False, "Key partners, as written.", ""),
    Column("expected_outcomes", False, "As written; one per line.", ""),
    Column("comments", False, "Progress comments that are part of the plan.", ""),
    Column("rag", False, "red, amber, green or blue (complete). Empty leaves it.", ""),
    Column(
        "status",
        False,
        "Not started, In progress, On hold, Complete or Decided not to implement. Empty leaves it.",
        "",
    ),
    Column("evidence", False, "Evidence of completion: needed to mark it Complete.", ""),
    Column("recommendation", False, "The number of the review's recommendation it delivers.", "1"),
]


def template_csv(columns):
    """The header and the example row, as a CSV file to fill in."""
    return write_csv([c.name for c in columns], [[c.example for c in columns]])
