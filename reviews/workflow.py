"""Taking a transition in a case's workflow: the one way every view and command moves a case.

perform_transition() locks the case row, re-checks everything against the state it finds
there, runs the django-fsm transition and what the transition does beyond the case's own
fields (its side effects: the public page, the pause record), saves and writes the audit
event, all in one transaction. If anything is wrong it raises TransitionRefused with a
sentence fit to show the user, and nothing changes.
"""

from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from .events import record_event
from .models import Pause, Review
from .papers.publication import publish_review
from .refusals import TransitionRefused
from .stages import State

__all__ = [
    "Transition",
    "TransitionRefused",
    "all_transitions",
    "available_transitions",
    "check_transition",
    "perform_transition",
    "record_event",
    "state_label",
]


@dataclass(frozen=True)
class Transition:
    """A transition as the UI presents it."""

    name: str
    label: str
    target: str
    comment_required: bool
    comment_label: str
    style: str

    @classmethod
    def from_fsm(cls, fsm_transition):
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
def all_transitions():
    """Every transition of the workflow by name, with its UI description."""
    transitions = {}
    for fsm_transition in Review._meta.get_field("state").get_all_transitions(Review):
        transitions.setdefault(fsm_transition.name, Transition.from_fsm(fsm_transition))
    return transitions


def available_transitions(review, user):
    """The transitions this user may take on this case now: the admin shows exactly these."""
    return [Transition.from_fsm(t) for t in review.get_available_user_state_transitions(user)]


def state_label(value):
    try:
        return State(value).label
    except ValueError:
        return value


def check_transition(review, name, user, comment=""):
    """Raise TransitionRefused unless `user` may take transition `name` on `review` now."""
    method = getattr(review, name, None)
    meta = getattr(method, "_django_fsm", None)
    current = state_label(review.state)
    if meta is None or name not in all_transitions():
        raise TransitionRefused(f"'{name}' is not a step in the review workflow.", status=404)
    described = all_transitions()[name]
    if not meta.has_transition(review.state):
        raise TransitionRefused(
            f"“{described.label}” is not possible while the case is “{current}”."
        )
    fsm_transition = meta.get_transition(review.state)
    if not fsm_transition.has_perm(review, user):
        raise TransitionRefused(
            f"Your role on this case does not allow “{described.label}” (the case is “{current}”).",
            status=403,
        )
    unmet = [c.message for c in fsm_transition.conditions if not c(review)]
    if unmet:
        raise TransitionRefused(
            f"“{described.label}” cannot be taken yet (the case is “{current}”): " + " ".join(unmet)
        )
    if described.comment_required and not comment.strip():
        raise TransitionRefused(
            f"“{described.label}” needs this filled in: {described.comment_label}.", status=400
        )


# ---------------------------------------------------------------- side effects
#
# What a transition does beyond the case's own fields. Each runs after the transition
# method and before the case is saved (a pause's dates count in the due dates computed on
# save), inside perform_transition's transaction: a refusal raised here (the publication
# gate's) undoes the state, the page, the versions and the event alike. A side effect that
# writes files returns what undoes them (`undo()`), run if the transaction fails later.


def publish(review, comment):
    """The publication gate, then the public copies and page (reviews.papers.publication)."""
    return publish_review(review)


def start_pause(review, comment):
    Pause.objects.create(review=review, started_on=timezone.localdate(), reason=comment)


def end_pause(review, comment):
    review.pauses.filter(ended_on__isnull=True).update(ended_on=timezone.localdate())


SIDE_EFFECTS = {
    "publish": publish,
    "pause": start_pause,
    "resume": end_pause,
}


def perform_transition(review_pk, name, user, *, comment="", expected_state=None):
    """Take transition `name` on the case for `user`. Returns the saved case."""
    comment = (comment or "").strip()
    written = None
    try:
        with transaction.atomic():
            review = Review.objects.select_for_update().get(pk=review_pk)
            if expected_state is not None and review.state != expected_state:
                raise TransitionRefused(
                    f"The case moved to “{state_label(review.state)}” while you were viewing "
                    f"it as “{state_label(expected_state)}”. Nothing was changed; check the "
                    "case history and try again."
                )
            check_transition(review, name, user, comment)
            from_state = review.state
            getattr(review, name)(comment=comment)
            if name in SIDE_EFFECTS:
                written = SIDE_EFFECTS[name](review, comment)
            review.save()
            record_event(review, user, name, comment, from_state=from_state)
    except BaseException as exc:
        if written is not None:
            written.undo()  # the files a side effect stored: the database forgot them
        if isinstance(exc, ConcurrentTransition):
            raise TransitionRefused(
                "Someone else moved this case at the same moment. Nothing was changed; "
                "reload the case and try again."
            ) from exc
        raise
    return review
