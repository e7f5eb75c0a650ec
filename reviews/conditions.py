"""Guards on transitions: data that must be present before a case may move on.

Each guard carries the sentence shown to the user when it blocks a transition, so a
refusal always says what is missing rather than just "not allowed".
"""


def condition(message):
    def decorate(func):
        func.message = message
        return func

    return decorate


@condition("An independent chair must be assigned to the case first.")
def has_chair(review):
    return review.chair_id is not None


@condition("The panel needs at least one member and the terms of reference must be recorded.")
def has_panel_and_terms(review):
    return bool(review.terms_of_reference.strip()) and review.panel_memberships.exists()


@condition("Request at least one IMR or chronology from an agency first.")
def has_information_requests(review):
    return review.information_requests.exists()


@condition("Upload a draft overview report before submitting it.")
def has_draft_report(review):
    return review.has_document_of_kind("draft_overview_report")


@condition("Only DHRs and joint reviews go to the Home Office.")
def goes_to_home_office(review):
    return review.needs_home_office


@condition(
    "A pseudonym for publication must be recorded, and a review that goes to the Home "
    "Office must be approved by its quality assurance panel first."
)
def ready_to_publish(review):
    from .stages import State

    if not review.pseudonym.strip():
        return False
    return review.state == State.QA_APPROVED or not review.needs_home_office
