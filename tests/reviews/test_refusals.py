"""Every step that is not allowed from a state is refused, says why, and changes nothing."""

import pytest

from reviews.models import Review, ReviewEvent
from reviews.stages import State
from reviews.workflow import TransitionRefused, all_transitions, perform_transition
from tests.reviews.helpers import force_state, satisfy_prerequisites


def allowed_sources():
    """step name -> the states it may start from, read from the state machine itself."""
    sources = {}
    for transition in Review._meta.get_field("state").get_all_transitions(Review):
        sources.setdefault(transition.name, set()).add(transition.source)
    return sources


DISALLOWED = [
    (state, step)
    for state in State
    for step, sources in sorted(allowed_sources().items())
    if state not in sources
]


@pytest.fixture
def cast(shared_cast):
    """One cast for the module's several hundred tests (see tests/conftest.py)."""
    return shared_cast


@pytest.fixture(scope="module")
def prepared_pk(module_cast, django_db_blocker):
    """A case with everything any step's conditions ask for, made once for the module; each
    test puts it in its state inside the test's own savepoint."""
    with django_db_blocker.unblock():
        return satisfy_prerequisites(module_cast.review(pseudonym="Adult Z"), module_cast).pk


def test_the_table_of_disallowed_pairs_is_not_empty():
    # Guards against the parametrisation silently collapsing to nothing.
    assert len(DISALLOWED) > len(State) * 10
    assert (State.NOTIFIED, "publish") in DISALLOWED
    assert (State.CLOSED, "pause") in DISALLOWED


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "step"), DISALLOWED)
def test_step_not_allowed_from_state_is_refused_and_nothing_changes(cast, prepared_pk, state, step):
    review = force_state(
        Review.objects.get(pk=prepared_pk), state, paused_from_state=State.DRAFTING
    )
    before = Review.objects.filter(pk=review.pk).values().get()
    events_before = ReviewEvent.objects.count()

    with pytest.raises(TransitionRefused) as refusal:
        perform_transition(review.pk, step, cast.manager, comment="Trying anyway.")

    label = all_transitions()[step].label
    assert str(refusal.value) == f"“{label}” is not possible while the case is “{state.label}”."
    assert refusal.value.status == 409
    assert Review.objects.filter(pk=review.pk).values().get() == before
    assert ReviewEvent.objects.count() == events_before


@pytest.mark.django_db
def test_unknown_step_is_refused(cast):
    review = cast.review()
    with pytest.raises(TransitionRefused, match="'explode' is not a step"):
        perform_transition(review.pk, "explode", cast.manager)
    review.refresh_from_db()
    assert review.state == State.NOTIFIED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "step", "missing"),
    [
        (State.COMMISSIONED, "appoint_chair", "An independent chair must be assigned"),
        (State.CHAIR_APPOINTED, "establish_panel", "at least one member and the terms"),
        (State.PANEL_ESTABLISHED, "start_information_gathering", "Request at least one IMR"),
        (State.DRAFTING, "submit_draft", "Upload a draft overview report"),
        (State.QA_APPROVED, "publish", "A pseudonym for publication must be recorded"),
    ],
)
def test_missing_data_blocks_a_step_and_names_what_is_missing(cast, state, step, missing):
    # A bare case: no chair, panel, requests, papers or pseudonym.
    review = force_state(cast.review(pseudonym=""), state)
    with pytest.raises(TransitionRefused, match=missing) as refusal:
        perform_transition(review.pk, step, cast.manager, comment="x")
    assert state.label in str(refusal.value)
    review.refresh_from_db()
    assert review.state == state
    assert not review.events.exists()


@pytest.mark.django_db
def test_sar_cannot_go_to_the_home_office(cast):
    review = force_state(cast.review(kind="sar"), State.SIGNED_OFF)
    with pytest.raises(TransitionRefused, match="Only DHRs and joint reviews go to the Home"):
        perform_transition(review.pk, "submit_to_home_office", cast.manager)


@pytest.mark.django_db
def test_dhr_cannot_be_published_before_home_office_approval(cast):
    review = force_state(cast.review(kind="dhr", pseudonym="Adult Y"), State.SIGNED_OFF)
    with pytest.raises(TransitionRefused, match="approved by its quality assurance panel"):
        perform_transition(review.pk, "publish", cast.manager)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "step"),
    [
        (State.DECISION_PENDING, "decide_not_to_proceed"),
        (State.PANEL_REVIEW, "return_to_drafting"),
        (State.PARTNERSHIP_SIGNOFF, "sign_off"),
        (State.DRAFTING, "pause"),
        (State.MONITORING, "close"),
    ],
)
def test_steps_that_need_a_comment_refuse_an_empty_one(cast, state, step):
    review = force_state(cast.review(), state)
    with pytest.raises(TransitionRefused, match="needs this filled in") as refusal:
        perform_transition(review.pk, step, cast.manager, comment="   ")
    assert refusal.value.status == 400
    review.refresh_from_db()
    assert review.state == state
    assert review.decision_rationale == ""


@pytest.mark.django_db
def test_a_stale_page_cannot_move_a_case_that_has_moved_on(cast):
    review = force_state(cast.review(), State.DECISION_PENDING)
    perform_transition(review.pk, "decide_to_proceed", cast.approver)
    with pytest.raises(TransitionRefused, match="moved to “Commissioned” while you were viewing"):
        perform_transition(
            review.pk,
            "decide_not_to_proceed",
            cast.manager,
            comment="Not needed",
            expected_state=State.DECISION_PENDING,
        )
    review.refresh_from_db()
    assert review.state == State.COMMISSIONED
    assert review.events.count() == 1
