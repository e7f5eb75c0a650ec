"""The Home Office submission pack: one zip with what the quality assurance panel asks for.

Contents: the latest overview report (the final report, or the draft overview report if
no final report has been uploaded since), the latest executive summary and action plan,
and case-summary.csv, the case data the Home Office records (partnership, kind, dates,
anonymised demographics, agencies, timescales, family involvement and learning event
counts). Available to review managers once the
partnership has signed the review off.
"""

import csv
import io
import tempfile
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from wagtail import hooks

from security.spreadsheets import spreadsheet_safe

from ..family import family_summary
from ..models import DocumentVersion
from ..people_vocabulary import ETHNICITY_LABELS, PersonRole
from ..stages import State
from .vocabulary import PACK_PAPERS

# From sign-off on, the report the partnership agreed exists.
PACK_STATES = frozenset(
    {
        State.SIGNED_OFF,
        State.SUBMITTED_TO_HOME_OFFICE,
        State.QA_RESUBMISSION_REQUESTED,
        State.QA_APPROVED,
        State.PUBLISHED,
        State.MONITORING,
        State.CLOSED,
    }
)


@dataclass(frozen=True)
class PackItem:
    label: str
    kinds: tuple


PACK_ITEMS = [PackItem(label, kinds) for label, kinds in PACK_PAPERS]


class PackUnavailable(Exception):
    pass


def pack_is_available(review):
    return review.needs_home_office and review.state in PACK_STATES


def latest_version_of(review, kinds):
    return (
        DocumentVersion.objects.filter(document__review=review, document__kind__in=kinds)
        .select_related("document")
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def pack_contents(review):
    """(item, version) for each paper of the pack; PackUnavailable if any is missing."""
    if not review.needs_home_office:
        raise PackUnavailable("Only DHRs and joint reviews are submitted to the Home Office.")
    if review.state not in PACK_STATES:
        raise PackUnavailable(
            "The submission pack is available once the partnership has signed the review off."
        )
    contents = [(item, latest_version_of(review, item.kinds)) for item in PACK_ITEMS]
    missing = [item.label for item, version in contents if version is None]
    if missing:
        raise PackUnavailable(
            "The submission pack needs an " + " and ".join(missing) + ". Upload it first."
            if len(missing) == 1
            else "The submission pack needs: " + ", ".join(missing) + ". Upload them first."
        )
    return contents


def pack_filename(review):
    return f"{review.reference}-home-office-submission.zip"


def build_pack(review):
    """A temporary file holding the zip, positioned at its start."""
    contents = pack_contents(review)
    output = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for number, (item, version) in enumerate(contents, start=1):
            name = f"{number:02d} {item.label} - {version.original_filename}"
            with version.file.open("rb") as stored:
                package.writestr(name, stored.read())
        package.writestr(f"{len(contents) + 1:02d} case-summary.csv", summary_csv(review))
    output.seek(0)
    return output


def display(value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def summary_rows(review):
    pauses = list(review.pauses.all())
    today = timezone.localdate()
    paused_days = sum(((p.ended_on or today) - p.started_on).days for p in pauses)
    completed_in_time = (
        review.signed_off_on <= review.completion_due_on
        if review.signed_off_on and review.completion_due_on
        else None
    )
    return [
        ("Partnership", review.partnership.name),
        ("Partnership type", review.partnership.get_kind_display()),
        ("Local authority area", review.partnership.area),
        ("Region", review.partnership.region),
        ("Review type", review.get_kind_display()),
        ("Case reference", review.reference),
        ("Pseudonym", review.pseudonym),
        ("Independent chair", review.chair.get_full_name() if review.chair else ""),
        ("Date of death", display(review.date_of_death)),
        ("Date partnership notified", display(review.notified_on)),
        ("Date of decision to hold a review", display(review.decision_on)),
        ("Date chair appointed", display(review.chair_appointed_on)),
        ("Date draft received", display(review.draft_received_on)),
        ("Date signed off by the partnership", display(review.signed_off_on)),
        ("Date submitted to the Home Office", display(review.submitted_to_home_office_on)),
        ("Decision due (statutory timescale)", display(review.decision_due_on)),
        ("Completion due (statutory timescale)", display(review.completion_due_on)),
        ("Completed within timescale", display(completed_in_time)),
        ("Days paused for parallel proceedings", str(paused_days)),
        ("Parallel proceedings", "; ".join(p.reason for p in pauses)),
        ("Police force area", review.partnership.get_police_force_area_display()),
        ("Death type", review.get_death_type_display()),
        ("Victims", "; ".join(describe_person(p) for p in people(review, PersonRole.VICTIM))),
        (
            "Perpetrators or alleged abusers",
            "; ".join(describe_person(p) for p in people(review, PersonRole.PERPETRATOR)),
        ),
        (
            "Relationships",
            "; ".join(
                f"{pair.perpetrator} to {pair.victim}: {pair.get_relationship_display()}"
                for pair in review.pairs.select_related("victim", "perpetrator")
            ),
        ),
        ("Homicide followed by suicide", review.get_homicide_suicide_display()),
        ("Children in the household", review.get_children_in_household_display()),
        ("Cause of death", review.get_cause_of_death_display()),
        ("Location of death", review.get_location_of_death_display()),
        ("Abuse types and vulnerabilities", "; ".join(i.name for i in review.indicators.all())),
        ("Agencies involved", "; ".join(a.name for a in review.agencies.all())),
        ("Panel agencies", "; ".join(sorted({s.agency.name for s in panel_seats(review)}))),
        *family_rows(review),
        # Other apps' counts (hook `register_case_summary_rows`: the learning event).
        *(row for rows in hooks.get_hooks("register_case_summary_rows") for row in rows(review)),
    ]


def family_rows(review):
    """Family involvement as counts and dates, never a name (statutory guidance 2016,
    section 6, and the QA panel ask how the family was involved)."""
    family = family_summary(review)
    return [
        ("Family members and friends recorded", str(family["members"])),
        ("Family members and friends taking part", str(family["taking_part"])),
        ("Contacts with the family", str(family["contacts"])),
        ("Referred to a specialist advocate", display(family["advocate"])),
        ("Draft shared with the family", display(family["draft_shared_on"])),
        ("Notice before publication given", display(family["notice_given_on"])),
    ]


def people(review, role):
    return [p for p in review.people.all() if p.role == role]


def describe_person(person):
    """One person's coded characteristics, every one of them said ("Not known" too)."""
    age = f"age {person.age}" if person.age is not None else person.get_age_band_display()
    return (
        f"{person}: sex {person.get_sex_display()}, gender identity "
        f"{person.get_gender_identity_display()}, {age}, ethnicity "
        f"{ETHNICITY_LABELS.get(person.ethnicity, person.ethnicity_as_recorded)}, "
        f"disability {person.get_disability_display()}"
    )


def panel_seats(review):
    return review.panel_memberships.filter(agency__isnull=False).select_related("agency")


def summary_csv(review):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Field", "Value"])
    for field, value in summary_rows(review):
        writer.writerow([field, spreadsheet_safe(str(value))])
    return buffer.getvalue()
