"""Helpers to build cases in any state for tests."""

from pathlib import Path

from django.conf import settings

from reviews.family import involvement_of, save_family_involvement
from reviews.models import CaseDocument, PanelMembership, Review
from reviews.papers.confidential import add_confidential_term
from reviews.papers.versions import add_version
from reviews.stages import State
from reviews.workflow import perform_transition
from tests.factories import DocumentVersionFactory, InformationRequestFactory
from tests.files import pdf_upload

CLEAN_REPORT = ["Final anonymised overview report.", "Adult Q was known to three agencies."]
CLEAN_SUMMARY = ["Executive summary.", "The review found missed chances to share information."]


def stored_files():
    """Every file in private storage (uploads and public copies)."""
    root = Path(settings.PRIVATE_STORAGE_ROOT)
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def force_state(review, state, **fields):
    """Put a case straight into `state` (test set-up only: bypasses the workflow)."""
    Review.objects.filter(pk=review.pk).update(state=state, **fields)
    review.refresh_from_db()
    return review


def satisfy_prerequisites(review, cast):
    """Give a case everything any transition's conditions ask for."""
    review.chair = cast.chair
    review.terms_of_reference = "Fictional terms of reference."
    review.save()
    PanelMembership.objects.get_or_create(
        review=review, user=cast.panel_member, defaults={"agency": cast.agency}
    )
    InformationRequestFactory(review=review, agency=cast.agency)
    DocumentVersionFactory(document__review=review, number=1)
    add_paper(
        review,
        CaseDocument.Kind.HOME_OFFICE_LETTER,
        cast.manager,
        audience=CaseDocument.Audience.STAFF,
    )
    add_publishable_papers(review, cast.manager)
    add_paper(review, CaseDocument.Kind.ACTION_PLAN, cast.manager)
    return review


def add_paper(review, kind, user, upload=None, audience=CaseDocument.Audience.PANEL, title=None):
    """Upload a real file as a paper of the case through the normal service."""
    return add_version(
        review,
        kind=kind,
        title=title or CaseDocument.Kind(kind).label,
        audience=audience,
        uploaded_file=upload or pdf_upload([f"Fictional {CaseDocument.Kind(kind).label}."]),
        user=user,
    )


def add_publishable_papers(review, user, report=None, summary=None):
    """A clean final report and executive summary, marked public; and the family's notice
    of publication recorded, which the publish step asks for too."""
    give_publication_notice(review, user)
    public = CaseDocument.Audience.PUBLIC
    report = add_paper(
        review,
        CaseDocument.Kind.FINAL_REPORT,
        user,
        report or pdf_upload(CLEAN_REPORT, name="final-report.pdf"),
        audience=public,
    )
    summary = add_paper(
        review,
        CaseDocument.Kind.EXECUTIVE_SUMMARY,
        user,
        summary or pdf_upload(CLEAN_SUMMARY, name="executive-summary.pdf"),
        audience=public,
    )
    return report, summary


def give_publication_notice(review, user):
    involvement = involvement_of(review)
    involvement.notice_given_on = involvement.notice_given_on or review.notified_on
    save_family_involvement(involvement, user, ["notice_given_on"])


def approved_for_publication(cast, *terms):
    """A DHR ("Adult Q") approved by the Home Office, with `terms` on its confidential
    list: ready for the publish step but for its papers."""
    review = cast.review(chair=cast.chair, pseudonym="Adult Q")
    force_state(review, State.QA_APPROVED)
    for term in terms:
        add_confidential_term(review, term, cast.manager)
    return review


def add_qa_letter(review, user):
    return add_paper(
        review,
        CaseDocument.Kind.HOME_OFFICE_LETTER,
        user,
        pdf_upload(["Fictional Home Office QA panel letter."], name="qa-letter.pdf"),
        audience=CaseDocument.Audience.STAFF,
    )


def walk(review, steps, user, comment="Recorded in test."):
    for name in steps:
        if name.startswith("record_qa_"):
            add_qa_letter(review, user)
        review = perform_transition(review.pk, name, user, comment=comment)
    return review


def new_case_form(partnership, **fields):
    """POST data of the admin's new-case form, with empty panel, request and people
    formsets."""
    return {
        "partnership": partnership.pk,
        "kind": "dhr",
        "notified_on": "2026-05-31",
        "panel_memberships-TOTAL_FORMS": "0",
        "panel_memberships-INITIAL_FORMS": "0",
        "information_requests-TOTAL_FORMS": "0",
        "information_requests-INITIAL_FORMS": "0",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "pairs-TOTAL_FORMS": "0",
        "pairs-INITIAL_FORMS": "0",
        "commissioners-TOTAL_FORMS": "0",
        "commissioners-INITIAL_FORMS": "0",
        "death_type": "unknown",
        "homicide_suicide": "unknown",
        "children_in_household": "unknown",
        **fields,
    }
