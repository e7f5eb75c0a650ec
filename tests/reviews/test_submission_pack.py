"""The Home Office submission pack and the quality assurance loop."""

import csv
import datetime
import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from learning.models import LearningEvent
from partnerships.models import Agency
from reviews.models import (
    AgeBand,
    CaseDocument,
    DocumentVersion,
    FamilyContact,
    FamilyMember,
    ReviewEvent,
    ReviewKind,
    Sex,
)
from reviews.people_vocabulary import PairRelationship
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition
from tests.factories import add_pair
from tests.files import docx_upload, pdf_bytes, pdf_upload, upload, xlsx_bytes
from tests.reviews.helpers import (
    add_paper,
    add_qa_letter,
    force_state,
    satisfy_prerequisites,
    walk,
)

Kind = CaseDocument.Kind

# Made once: a workbook records the time it was saved, so two makings can differ.
ACTION_PLAN_XLSX = xlsx_bytes()


@pytest.fixture
def signed_off(cast):
    review = cast.review(
        chair=cast.chair,
        pseudonym="Adult Q",
        date_of_death=datetime.date(2025, 12, 1),
    )
    add_pair(
        review,
        PairRelationship.FORMER_PARTNER,
        victim={"label": "Adult Q", "age_band": AgeBand.AGE_35_44, "sex": Sex.FEMALE},
        perpetrator={"label": "Perpetrator 1", "sex": Sex.MALE},
    )
    review.agencies.add(cast.agency, Agency.objects.create(name="=HYPERLINK(evil)"))
    add_paper(review, Kind.DRAFT_OVERVIEW_REPORT, cast.chair, pdf_upload(["Draft one."]))
    add_paper(review, Kind.EXECUTIVE_SUMMARY, cast.chair, pdf_upload(["Summary v1."]))
    add_paper(review, Kind.EXECUTIVE_SUMMARY, cast.chair, docx_upload("Summary v2."))
    add_paper(review, Kind.ACTION_PLAN, cast.manager, upload("plan.xlsx", ACTION_PLAN_XLSX))
    add_paper(review, Kind.IMR, cast.manager, pdf_upload(["An IMR, not for the pack."]))
    return force_state(review, State.SIGNED_OFF, signed_off_on=datetime.date(2026, 6, 1))


def get_pack(client, review):
    return client.get(reverse("reviews:submission_pack", args=[review.pk]))


def read_zip(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.django_db
def test_manager_downloads_the_pack_with_the_latest_papers_and_a_summary(client, cast, signed_off):
    member = FamilyMember.objects.create(review=signed_off, name="Fictional Relative")
    FamilyContact.objects.create(
        review=signed_off, member=member, contacted_on=datetime.date(2026, 2, 1), way="phone"
    )
    event = LearningEvent.objects.create(review=signed_off, held_on=datetime.date(2026, 3, 2))
    event.attendance.create(agency=cast.agency, attendees=5)
    client.force_login(cast.manager)
    response = get_pack(client, signed_off)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"{signed_off.reference}-home-office-submission.zip" in response["Content-Disposition"]
    package = read_zip(response)
    names = package.namelist()
    assert names == [
        "01 overview report - report.pdf",
        "02 executive summary - report.docx",
        "03 action plan - plan.xlsx",
        "04 case-summary.csv",
    ]
    assert package.read(names[0]) == pdf_bytes(["Draft one."])
    assert package.read(names[2]) == ACTION_PLAN_XLSX
    rows = dict(csv.reader(io.StringIO(package.read(names[3]).decode())))
    assert rows["Partnership"] == cast.partnership.name
    assert rows["Review type"] == ReviewKind.DHR.label
    assert rows["Case reference"] == signed_off.reference
    assert rows["Pseudonym"] == "Adult Q"
    assert rows["Independent chair"] == cast.chair.get_full_name()
    assert rows["Date of death"] == "2025-12-01"
    assert rows["Date signed off by the partnership"] == "2026-06-01"
    assert rows["Victims"].startswith("Adult Q: sex Female, gender identity Not known, 35–44")
    assert rows["Relationships"] == "Perpetrator 1 to Adult Q: Former intimate partner"
    assert rows["Homicide followed by suicide"] == "Not known"
    assert rows["Completion due (statutory timescale)"] == ""
    # Family involvement and the learning events as counts (no name of theirs).
    assert rows["Family members and friends recorded"] == "1"
    assert rows["Contacts with the family"] == "1"
    assert rows["Notice before publication given"] == ""
    assert (rows["Practitioner learning events"], rows["Learning event dates"]) == (
        "1",
        "2026-03-02",
    )
    assert rows["Practitioners attending learning events"] == "5"
    assert "Fictional Relative" not in package.read(names[3]).decode()
    # Agency names come out as text, never as a spreadsheet formula.
    assert rows["Agencies involved"] == "'=HYPERLINK(evil); Northbrook Police"
    assert ReviewEvent.objects.filter(
        review=signed_off, action="submission_pack_downloaded", actor=cast.manager
    ).exists()


@pytest.mark.django_db
def test_a_newer_final_report_replaces_the_draft_in_the_pack(client, cast, signed_off):
    add_paper(signed_off, Kind.FINAL_REPORT, cast.chair, pdf_upload(["Final."], name="final.pdf"))
    client.force_login(cast.manager)
    package = read_zip(get_pack(client, signed_off))
    assert package.namelist()[0] == "01 overview report - final.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize("state", [State.DRAFTING, State.PANEL_REVIEW, State.PARTNERSHIP_SIGNOFF])
def test_no_pack_before_sign_off(client, cast, signed_off, state):
    force_state(signed_off, state)
    client.force_login(cast.manager)
    response = get_pack(client, signed_off)
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "The submission pack is available once the partnership has signed the review off."
    ]


@pytest.mark.django_db
def test_a_missing_paper_is_named(client, cast):
    review = cast.review(chair=cast.chair)
    add_paper(review, Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    force_state(review, State.SUBMITTED_TO_HOME_OFFICE)
    client.force_login(cast.manager)
    response = get_pack(client, review)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "The submission pack needs: executive summary, action plan. Upload them first."
    ]


@pytest.mark.django_db
def test_sars_have_no_home_office_pack(client, cast):
    review = cast.review(kind=ReviewKind.SAR, chair=cast.chair)
    force_state(review, State.SIGNED_OFF)
    client.force_login(cast.manager)
    response = get_pack(client, review)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Only DHRs and joint reviews are submitted to the Home Office."
    ]
    page = client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    assert 'data-testid="submission-pack"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("approver", 404),
        ("chair", 404),
        ("panel_member", 404),
        ("partner", 404),
        ("other_manager", 404),
        ("stranger", 302),
    ],
)
def test_only_managers_get_the_pack(client, cast, signed_off, person, status):
    client.force_login(getattr(cast, person))
    response = get_pack(client, signed_off)
    assert response.status_code == status
    assert response.get("Content-Type") != "application/zip"


@pytest.mark.django_db
def test_case_page_offers_the_pack_to_managers_only(client, cast, signed_off):
    link = 'data-testid="submission-pack"'
    client.force_login(cast.manager)
    assert link in client.get(reverse("reviews:inspect", args=[signed_off.pk])).content.decode()
    client.force_login(cast.chair)
    assert link not in client.get(reverse("reviews:inspect", args=[signed_off.pk])).content.decode()


# ---------------------------------------------------------------- the QA outcome and loop


@pytest.mark.django_db
def test_qa_outcome_needs_the_letter_and_resubmission_loops_back_to_drafting(cast):
    review = satisfy_prerequisites(cast.review(chair=cast.chair), cast)
    review = force_state(review, State.SIGNED_OFF)
    letters_before = DocumentVersion.objects.filter(
        document__review=review, document__kind=Kind.HOME_OFFICE_LETTER
    ).count()
    review = perform_transition(review.pk, "submit_to_home_office", cast.manager)

    with pytest.raises(TransitionRefused, match="Home Office QA letter"):
        perform_transition(review.pk, "record_qa_resubmission", cast.manager, comment="More.")

    letter = add_qa_letter(review, cast.manager)
    assert letter.document.audience == CaseDocument.Audience.STAFF
    review = perform_transition(
        review.pk, "record_qa_resubmission", cast.manager, comment="Expand on agency X."
    )
    assert review.state == State.QA_RESUBMISSION_REQUESTED
    assert review.qa_outcome_on is not None
    review = perform_transition(review.pk, "resume_drafting_for_qa", cast.chair)
    assert review.state == State.DRAFTING

    review = walk(review, ["submit_draft"], cast.chair)
    review = walk(review, ["begin_panel_review", "request_signoff"], cast.manager)
    review = walk(review, ["sign_off"], cast.approver)
    review = perform_transition(review.pk, "submit_to_home_office", cast.manager)
    # The first round's letter does not count for the second submission.
    with pytest.raises(TransitionRefused, match="received since the latest submission"):
        perform_transition(review.pk, "record_qa_approval", cast.manager)
    add_qa_letter(review, cast.manager)
    review = perform_transition(review.pk, "record_qa_approval", cast.manager)
    assert review.state == State.QA_APPROVED
    letters = CaseDocument.objects.get(review=review, kind=Kind.HOME_OFFICE_LETTER)
    assert letters.versions.count() == letters_before + 2


@pytest.mark.django_db
def test_a_submission_is_refused_while_the_pack_lacks_a_paper(cast):
    """The case page's pack said "needs: executive summary, action plan" and the step to
    record the submission went through all the same."""
    review = force_state(cast.review(kind="dhr", chair=cast.chair), State.SIGNED_OFF)
    add_paper(review, Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    add_paper(review, Kind.EXECUTIVE_SUMMARY, cast.chair)

    with pytest.raises(TransitionRefused, match="submission pack needs"):
        perform_transition(review.pk, "submit_to_home_office", cast.manager)

    add_paper(review, Kind.ACTION_PLAN, cast.chair)
    review = perform_transition(review.pk, "submit_to_home_office", cast.manager)
    assert review.state == State.SUBMITTED_TO_HOME_OFFICE
