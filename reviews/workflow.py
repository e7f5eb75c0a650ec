"""Taking a step in a case's workflow: the one way every view and command moves a case.

perform_transition() locks the case row, re-checks everything against the state it finds
there, runs the django-fsm transition, saves and writes the audit event, all in one
transaction. If anything is wrong it raises TransitionRefused with a sentence fit to show
the user, and nothing changes.
"""

from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django_fsm import ConcurrentTransition

from .models import Review, ReviewEvent
from .stages import State


class TransitionRefused(Exception):
    """A step that cannot be taken; str(exc) says why, naming the state.

    `status` is the HTTP status a view should answer with: 403 when the user's role does
    not allow the step, 400 when required input is missing, 409 when the case is not in
    a state (or does not yet hold the data) that allows it."""

    def __init__(self, message, status=409):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Step:
    """A transition as the UI presents it."""

    name: str
    label: str
    target: str
    comment_required: bool
    comment_label: str
    style: str

    @classmethod
    def from_transition(cls, fsm_transition):
        custom = fsm_transition.custom
        target = fsm_transition.target
        return cls(
            name=fsm_transition.name,
            label=custom.get("label", fsm_transition.name.replace("_", " ").capitalize()),
            target=target if isinstance(target, str) else "",
            comment_required=custom.get("comment_required", False),
            comment_label=custom.get("comment_label", "Comment"),
            style=custom.get("style", "primary"),
        )


@cache
def all_steps():
    """Every step of the workflow by name, with its UI description."""
    steps = {}
    for fsm_transition in Review._meta.get_field("state").get_all_transitions(Review):
        steps.setdefault(fsm_transition.name, Step.from_transition(fsm_transition))
    return steps


def available_steps(review, user):
    """The steps this user may take on this case now: the admin shows exactly these."""
    return [Step.from_transition(t) for t in review.get_available_user_state_transitions(user)]


def state_label(value):
    try:
        return State(value).label
    except ValueError:
        return value


def check_step(review, name, user, comment=""):
    """Raise TransitionRefused unless `user` may take step `name` on `review` as it is now."""
    method = getattr(review, name, None)
    meta = getattr(method, "_django_fsm", None)
    current = state_label(review.state)
    if meta is None or name not in all_steps():
        raise TransitionRefused(f"'{name}' is not a step in the review workflow.", status=404)
    step = all_steps()[name]
    if not meta.has_transition(review.state):
        raise TransitionRefused(f"“{step.label}” is not possible while the case is “{current}”.")
    fsm_transition = meta.get_transition(review.state)
    if not fsm_transition.has_perm(review, user):
        raise TransitionRefused(
            f"Your role on this case does not allow “{step.label}” (the case is “{current}”).",
            status=403,
        )
    unmet = [c.message for c in fsm_transition.conditions if not c(review)]
    if unmet:
        raise TransitionRefused(
            f"“{step.label}” cannot be taken yet (the case is “{current}”): " + " ".join(unmet)
        )
    if step.comment_required and not comment.strip():
        raise TransitionRefused(
            f"“{step.label}” needs this filled in: {step.comment_label}.", status=400
        )


def perform_transition(review_pk, name, user, *, comment="", expected_state=None):
    """Take step `name` on the case for `user`. Returns the saved case."""
    comment = (comment or "").strip()
    try:
        with transaction.atomic():
            review = Review.objects.select_for_update().get(pk=review_pk)
            if expected_state is not None and review.state != expected_state:
                raise TransitionRefused(
                    f"The case moved to “{state_label(review.state)}” while you were viewing "
                    f"it as “{state_label(expected_state)}”. Nothing was changed; check the "
                    "case history and try again."
                )
            check_step(review, name, user, comment)
            from_state = review.state
            getattr(review, name)(comment=comment)
            review.save()
            record_event(review, user, name, comment, from_state=from_state)
    except ConcurrentTransition as exc:
        raise TransitionRefused(
            "Someone else moved this case at the same moment. Nothing was changed; "
            "reload the case and try again."
        ) from exc
    return review


def record_event(review, user, action, comment="", from_state=None):
    """Write one audit event. Without from_state it records a change that is not a
    transition (an edit, an upload, a panel change)."""
    return ReviewEvent.objects.create(
        review=review,
        actor=user,
        actor_name=user.get_full_name() or user.get_username(),
        action=action,
        from_state=from_state or review.state,
        to_state=review.state,
        comment=comment,
    )
