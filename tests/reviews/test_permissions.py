"""Role x step matrix: who may take each step, and that the case page offers exactly those."""

import pytest

from partnerships.models import Role
from reviews.models import GuidanceVersion, Review
from reviews.stages import State
from reviews.workflow import TransitionRefused, available_transitions, perform_transition
from tests.cast import ROLES
from tests.factories import user_with_role
from tests.reviews.helpers import force_state, satisfy_prerequisites

MANAGER = {"manager"}
MANAGER_OR_APPROVER = {"manager", "approver"}
MANAGER_OR_CHAIR = {"manager", "chair"}

# The specification: which roles may take each step (the chair is the case's own chair).
EXPECTED = {
    "refer_for_decision": MANAGER,
    "decide_to_proceed": MANAGER_OR_APPROVER,
    "decide_not_to_proceed": MANAGER_OR_APPROVER,
    "decide_to_scope": MANAGER_OR_APPROVER,
    "complete_scoping": MANAGER,
    "reopen_on_direction": MANAGER,
    "appoint_chair": MANAGER,
    "establish_panel": MANAGER_OR_CHAIR,
    "start_information_gathering": MANAGER_OR_CHAIR,
    "start_drafting": MANAGER_OR_CHAIR,
    "submit_draft": MANAGER_OR_CHAIR,
    "begin_panel_review": MANAGER,
    "return_to_drafting": MANAGER_OR_CHAIR,
    "request_signoff": MANAGER,
    "sign_off": MANAGER_OR_APPROVER,
    "refuse_signoff": MANAGER_OR_APPROVER,
    "submit_to_home_office": MANAGER,
    "record_qa_resubmission": MANAGER,
    "resume_drafting_for_qa": MANAGER_OR_CHAIR,
    "record_qa_approval": MANAGER,
    "record_qa_conditional_approval": MANAGER,
    "publish": MANAGER,
    "decide_not_to_publish": MANAGER_OR_APPROVER,
    "start_monitoring": MANAGER,
    "close": MANAGER_OR_APPROVER,
    "pause": MANAGER,
    "resume": MANAGER,
}

# A state each step can start from.
FROM_STATE = {
    "refer_for_decision": State.NOTIFIED,
    "decide_to_proceed": State.DECISION_PENDING,
    "decide_not_to_proceed": State.DECISION_PENDING,
    "decide_to_scope": State.DECISION_PENDING,
    "complete_scoping": State.SCOPING,
    "reopen_on_direction": State.NOT_PROCEEDING,
    "appoint_chair": State.COMMISSIONED,
    "establish_panel": State.CHAIR_APPOINTED,
    "start_information_gathering": State.PANEL_ESTABLISHED,
    "start_drafting": State.INFORMATION_GATHERING,
    "submit_draft": State.DRAFTING,
    "begin_panel_review": State.DRAFT_SUBMITTED,
    "return_to_drafting": State.PANEL_REVIEW,
    "request_signoff": State.PANEL_REVIEW,
    "sign_off": State.PARTNERSHIP_SIGNOFF,
    "refuse_signoff": State.PARTNERSHIP_SIGNOFF,
    "submit_to_home_office": State.SIGNED_OFF,
    "record_qa_resubmission": State.SUBMITTED_TO_HOME_OFFICE,
    "resume_drafting_for_qa": State.QA_RESUBMISSION_REQUESTED,
    "record_qa_approval": State.SUBMITTED_TO_HOME_OFFICE,
    "record_qa_conditional_approval": State.SUBMITTED_TO_HOME_OFFICE,
    "publish": State.QA_APPROVED,
    "decide_not_to_publish": State.QA_APPROVED,
    "start_monitoring": State.PUBLISHED,
    "close": State.MONITORING,
    "pause": State.DRAFTING,
    "resume": State.PAUSED,
}


def test_the_specification_covers_every_step_of_the_state_machine():
    names = {t.name for t in Review._meta.get_field("state").get_all_transitions(Review)}
    assert set(EXPECTED) == names == set(FROM_STATE)


def actor(cast, role):
    return cast.user(role)


@pytest.fixture
def cast(shared_cast):
    """One cast for the module's two hundred tests (see tests/conftest.py)."""
    return shared_cast


@pytest.fixture(scope="module")
def prepared_pk(module_cast, django_db_blocker):
    """A case with everything any step's conditions ask for, made once for the module; each
    test puts it in the step's state inside the test's own savepoint."""
    with django_db_blocker.unblock():
        return satisfy_prerequisites(module_cast.review(pseudonym="Adult Z"), module_cast).pk


# The steps of a stage only some guidance versions have, on a case on such a version.
ON_VERSION = {"decide_to_scope": "dhr-2024-draft"}


def prepared_case(pk, step):
    review = Review.objects.get(pk=pk)
    version = GuidanceVersion.objects.get(key=ON_VERSION.get(step, "dhr-2016"))
    return force_state(review, FROM_STATE[step], paused_from_state=State.DRAFTING, guidance=version)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", sorted(EXPECTED))
def test_role_may_take_step_only_if_the_specification_says_so(cast, prepared_pk, step, role):
    review = prepared_case(prepared_pk, step)
    user = actor(cast, role)
    offered = {s.name for s in available_transitions(review, user)}

    if role in EXPECTED[step]:
        assert step in offered
        moved = perform_transition(review.pk, step, user, comment="Allowed.")
        assert moved.state != FROM_STATE[step]
        assert moved.events.get(action=step).actor == user
    else:
        assert step not in offered
        with pytest.raises(TransitionRefused, match="Your role on this case does not allow") as e:
            perform_transition(review.pk, step, user, comment="Not allowed.")
        assert e.value.status == 403
        review.refresh_from_db()
        assert review.state == FROM_STATE[step]
        assert not review.events.filter(action=step).exists()


@pytest.mark.django_db
def test_a_chair_of_another_case_in_the_same_partnership_is_not_this_cases_chair(cast, prepared_pk):
    review = prepared_case(prepared_pk, "submit_draft")
    second_chair = user_with_role(Role.CHAIR, cast.partnership, username="second_chair")
    with pytest.raises(TransitionRefused):
        perform_transition(review.pk, "submit_draft", second_chair)
    assert "submit_draft" not in {s.name for s in available_transitions(review, second_chair)}
