"""The family involvement log: names kept confidential (and refused at publication), the
notice of publication the publish step asks for, the log's screens and its history."""

import datetime

import pytest
from django.urls import reverse

from reviews.family import involvement_of, save_family_involvement, save_family_member
from reviews.models import ConfidentialTerm, FamilyMember, ReviewEvent
from reviews.papers.publication import PublicationRefused
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition
from tests.factories import PanelMembershipFactory
from tests.files import pdf_upload
from tests.reviews.helpers import add_publishable_papers, approved_for_publication

SISTER = "Dorothy Examplecase"  # invented


@pytest.fixture
def approved(cast):
    return approved_for_publication(cast)


def test_a_family_members_name_goes_on_the_confidential_list_and_the_gate_refuses_it(
    cast, approved
):
    save_family_member(
        FamilyMember(review=approved, name=SISTER, relationship="sister"), cast.chair
    )
    assert ConfidentialTerm.objects.filter(review=approved, term=SISTER).exists()
    # Recording her again (or changing her details) does not list the name twice.
    save_family_member(FamilyMember.objects.get(review=approved), cast.chair)
    assert ConfidentialTerm.objects.filter(review=approved).count() == 1
    # The history says what happened, never the name (the panel reads it).
    assert SISTER not in " ".join(approved.events.values_list("comment", flat=True))

    report = pdf_upload(
        ["Final anonymised report.", f"Her sister {SISTER.upper()} was not asked."],
        name="final-report.pdf",
    )
    add_publishable_papers(approved, cast.manager, report=report)
    with pytest.raises(PublicationRefused) as refusal:
        perform_transition(approved.pk, "publish", cast.manager)
    assert f"“{SISTER}” appears in Final anonymised report" in str(refusal.value)


@pytest.mark.parametrize(
    ("notice_given_on", "reason", "published"),
    [
        (None, "", False),
        (datetime.date(2026, 1, 5), "", True),
        (None, "No family member could be traced.", True),
    ],
)
def test_publishing_needs_the_familys_notice_or_a_reason(
    cast, approved, notice_given_on, reason, published
):
    add_publishable_papers(approved, cast.manager)
    involvement = involvement_of(approved)
    involvement.notice_given_on, involvement.no_notice_reason = notice_given_on, reason
    save_family_involvement(involvement, cast.manager, ["notice_given_on", "no_notice_reason"])
    if published:
        assert perform_transition(approved.pk, "publish", cast.manager).state == State.PUBLISHED
    else:
        with pytest.raises(TransitionRefused, match="Record the date the family was given notice"):
            perform_transition(approved.pk, "publish", cast.manager)


def test_the_chair_keeps_the_log_and_the_panel_never_sees_it(client, cast):
    review = cast.review(chair=cast.chair)
    PanelMembershipFactory(review=review, user=cast.panel_member)  # sees the case, not this
    client.force_login(cast.chair)
    response = client.post(
        reverse("reviews:family_member_add", args=[review.pk]),
        {
            "name": SISTER,
            "kind": "family",
            "relationship": "sister",
            "consent": "given",
            "consent_on": "2026-01-10",
            "advocate": "AAFDA",
            "referred_to_advocate_on": "2026-01-12",
        },  # fmt: skip
    )
    assert response.status_code == 302
    member = FamilyMember.objects.get(review=review)
    response = client.post(
        reverse("reviews:family", args=[review.pk]),
        {
            "contacted_on": "2026-01-20",
            "member": member.pk,
            "way": "meeting",
            "by": "The chair",
            "outcome": "Agreed the pseudonym Adult Q.",
        },  # fmt: skip
    )
    assert response.status_code == 302
    contact = ReviewEvent.objects.get(review=review, action="family_contact")
    assert contact.effective_on == datetime.date(2026, 1, 20)
    page = client.get(reverse("reviews:family", args=[review.pk])).content.decode()
    assert SISTER in page and "AAFDA, referred 12 Jan 2026" in page
    assert (
        "Family involvement log"
        in client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    )

    for outsider in (cast.panel_member, cast.partner, cast.other_manager):
        client.force_login(outsider)
        assert client.get(reverse("reviews:family", args=[review.pk])).status_code == 404
    client.force_login(cast.panel_member)
    case_page = client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    assert "Family involvement log" not in case_page
