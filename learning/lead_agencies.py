"""Which agency leads an action of a shipped plan, read from its lead text.

The shipped plans name their leads in words ("-Superintendent, MPS -Head of Community
Safety and Enforcement, Haringey Council"). The text is kept as written; the action's
owning agency (lead_agency, whose partner users post its progress) is the agency the
text names first. Text that names no agency ("Strategic Lead", "MARAC Steering Group",
a fragment the source lost) gives no owner.
"""

import re

from partnerships.models import Agency

# (what the text says, the agency: name, short name). Officers' titles that only the
# police use count as the police.
AGENCY_WORDS = [
    (
        r"Metropolitan Police Service|\bMPS\b|Superintendent|Chief Inspector|Borough Commander",
        ("Metropolitan Police Service", "MPS"),
    ),
    (r"Homes for Haringey", ("Homes for Haringey", "HfH")),
    (r"Haringey Council|Public Health", ("Haringey Council", "LBH")),
    (r"Victim Support", ("Victim Support", "")),
    (r"Safer London", ("Safer London", "")),
    (r"National Probation Service", ("Probation Service", "PS")),
    (r"Community Rehabilitation Company", ("Probation Service", "PS")),
    # Clinical commissioning groups' duties passed to integrated care boards in 2022.
    (r"\bCCG\b", ("NHS North Central London Integrated Care Board", "NCL ICB")),
]
PATTERNS = [(re.compile(words, re.IGNORECASE), agency) for words, agency in AGENCY_WORDS]


def named_agency(lead_text):
    """(name, short name) of the agency the lead text names first, or None."""
    found = [
        (match.start(), agency)
        for pattern, agency in PATTERNS
        if (match := pattern.search(lead_text or ""))
    ]
    return min(found)[1] if found else None


def set_lead_agencies(strategy):
    """Give each action of the plan without an owner the agency its lead text names."""
    for action in strategy.actions.filter(lead_agency__isnull=True).exclude(lead=""):
        agency = named_agency(action.lead)
        if agency is None:
            continue
        name, short_name = agency
        action.lead_agency = Agency.objects.get_or_create(
            name=name, defaults={"short_name": short_name}
        )[0]
        action.save(update_fields=["lead_agency"])
