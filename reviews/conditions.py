"""Guards on transitions: data that must be present before a case may move on.

Each guard carries the sentence shown to the user when it blocks a transition, so a
refusal always says what is missing rather than just "not allowed".

Guards read the case and its related rows through the case itself (review.documents...),
so the case's model can name them without this module importing the models.

A guard marked `evidence=True` asks for something to be on file here (a chair, a paper, a
letter). The history of a review run before it came into this system is imported without
them (reviews.workflow, `imported=True` sets `review.recording_history`): those guards then
let the step through. Every other guard (the kind of review, the order of the stages) holds
for imported steps too.
"""

from functools import wraps

from .papers.vocabulary import PACK_PAPERS, PUBLISHABLE_KINDS, DocumentAudience, DocumentKind
from .stages import State

# Where on the case a person provides what a guard asks for (reviews.workflow.next_steps
# links there): the case's edit form, the chair and panel section of the case page, or
# the papers on the case page.
EDIT = "edit"
PEOPLE = "people"
PAPERS = "papers"


def condition(message, *, evidence=False, where=None):
    def decorate(func):
        @wraps(func)
        def guard(review):
            if evidence and getattr(review, "recording_history", False):
                return True
            return func(review)

        guard.message = message
        guard.evidence = evidence
        guard.where = where
        return guard

    return decorate


@condition("An independent chair must be assigned to the case first.", evidence=True, where=PEOPLE)
def has_chair(review):
    return review.chair_id is not None


@condition(
    "The panel needs at least one member and the terms of reference must be recorded.",
    evidence=True,
    where=PEOPLE,
)
def has_panel_and_terms(review):
    return bool(review.terms_of_reference.strip()) and review.panel_memberships.exists()


@condition(
    "Request at least one IMR or chronology from an agency first.",
    evidence=True,
    where=EDIT,
)
def has_information_requests(review):
    return review.information_requests.exists()


@condition("Upload a draft overview report before submitting it.", evidence=True, where=PAPERS)
def has_draft_report(review):
    return review.has_document_of_kind("draft_overview_report")


@condition(
    "The guidance this review follows has no scoping stage: decide to hold the review without it."
)
def follows_scoping(review):
    return review.follows_stage(State.SCOPING)


@condition(
    "The guidance this review follows has a scoping stage: decide to hold the review and "
    "start scoping."
)
def skips_scoping(review):
    return not review.follows_stage(State.SCOPING)


@condition("Only DHRs and joint reviews go to the Home Office.")
def goes_to_home_office(review):
    return review.needs_home_office


@condition(
    "The submission pack needs the overview report (final or draft), the executive summary "
    "and the action plan: upload the missing papers first.",
    evidence=True,
    where=PAPERS,
)
def has_submission_pack(review):
    """What the submission pack holds is on file: the step cannot record a submission the
    pack on the case page says is incomplete."""
    papers = review.documents.filter(versions__isnull=False)
    return all(papers.filter(kind__in=kinds).exists() for _, kinds in PACK_PAPERS)


@condition(
    "A pseudonym for publication must be recorded, and a review that goes to the Home "
    "Office must be approved by its quality assurance panel first.",
    where=EDIT,
)
def ready_to_publish(review):
    if not review.pseudonym.strip():
        return False
    return review.state == State.QA_APPROVED or not review.needs_home_office


@condition(
    "Upload the Home Office quality assurance panel's letter (kind “Home Office QA letter”) "
    "received since the latest submission first.",
    evidence=True,
    where=PAPERS,
)
def has_qa_letter(review):
    letters = review.documents.filter(kind=DocumentKind.HOME_OFFICE_LETTER, versions__isnull=False)
    submitted = (
        review.events.filter(action="submit_to_home_office").order_by("-occurred_at").first()
    )
    if submitted is not None:
        letters = letters.filter(versions__uploaded_at__gte=submitted.occurred_at)
    return letters.exists()


@condition(
    "Upload the final anonymised report and the executive summary, each marked for the "
    "public (“Public once the review is published”), before publishing.",
    evidence=True,
    where=PAPERS,
)
def has_publishable_documents(review):
    public = review.documents.filter(audience=DocumentAudience.PUBLIC, versions__isnull=False)
    return all(public.filter(kind=kind).exists() for kind in PUBLISHABLE_KINDS)


@condition(
    "Only a DHR or a joint review is held under the 2004 Act, s9, whose subsection (2) lets "
    "the Secretary of State direct a review."
)
def may_be_directed(review):
    return review.needs_home_office


@condition(
    "A review that goes to the Home Office must be approved by its quality assurance panel "
    "before it is concluded."
)
def ready_to_conclude(review):
    return review.state == State.QA_APPROVED or not review.needs_home_office


@condition(
    "The Home Office approved the report subject to changes: tick each change as made, "
    "with its evidence, first."
)
def qa_conditions_met(review):
    unmet = review.qa_outcomes.filter(conditions__pk__isnull=False, conditions__met_on__isnull=True)
    return not unmet.exists()


@condition(
    "Record the date the family was given notice of publication (Family involvement), or "
    "the reason no notice is needed, before publishing.",
    evidence=True,
)
def family_told_before_publication(review):
    involvement = getattr(review, "family_involvement", None)
    return involvement is not None and involvement.publication_notice_settled
