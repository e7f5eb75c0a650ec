"""Taking a transition in a case's workflow: the one way every view, command and import
moves a case.

    perform_transition(review_pk, name, user, *, comment="", effective_on=None,
                       expected_state=None, imported=False) -> the saved Review

locks the case row, re-checks everything against the state it finds there, runs the
django-fsm transition and what the transition does beyond the case's own fields (its side
effects: the public page, the pause record), saves and writes the audit event, all in one
transaction. If anything is wrong it raises TransitionRefused with a sentence fit to show
the user, and nothing changes.

`effective_on` is the day the step happened (default today). It may be in the past, never
in the future, never before the partnership was notified and never before the case's
previous step; the case's milestone dates, pauses and due dates take it, and the audit
event keeps it beside the time it was recorded.

`imported=True` is for writing the history of a review that was run before it came into
this system (docs/workflow.md, "Importing a past review"): the user's right to take the
step, the date rules and required comments are checked as for any step; the guards that
ask for papers on file are not (the papers of a past review were not kept here); the
event is marked imported; nothing is published (publication runs the gate on papers held
here: an imported publication records the date only) and no one is emailed.
"""

from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django_fsm import ConcurrentTransition

from . import notifications, statutory
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
    "next_steps",
    "check_effective_date",
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


@dataclass(frozen=True)
class BlockedStep:
    """A step this user could take from the case's stage once something is provided:
    the guards' sentences and where on the case to provide it (reviews.conditions)."""

    transition: Transition
    reasons: tuple
    where: str


def next_steps(review, user):
    """(steps the user can take now, steps they could take once something is provided).

    A step whose guards can never be met by providing something (a SAR does not go to the
    Home Office) is left out: there is nothing to tell the user to do."""
    possible, blocked = [], []
    for name, described in all_transitions().items():
        meta = getattr(review, name)._django_fsm
        if not meta.has_transition(review.state):
            continue
        fsm_transition = meta.get_transition(review.state)
        if not fsm_transition.has_perm(review, user):
            continue
        unmet = [guard for guard in fsm_transition.conditions if not guard(review)]
        if not unmet:
            possible.append(described)
        elif all(getattr(guard, "where", None) for guard in unmet):
            reasons = tuple(dict.fromkeys(guard.message for guard in unmet))
            blocked.append(BlockedStep(described, reasons, unmet[0].where))
    return possible, blocked


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


def human_date(value):
    return format_date(value, "j F Y")


def previous_step(review):
    """(effective date, action) of the case's latest transition, or (None, None)."""
    steps = review.events.filter(action__in=list(all_transitions()))
    latest = steps.aggregate(on=Max("effective_on"))["on"]
    if latest is None:
        return None, None
    action = steps.filter(effective_on=latest).order_by("-occurred_at", "-pk").first().action
    return latest, action


def check_effective_date(review, name, effective_on, today=None):
    """Raise TransitionRefused (400) unless `effective_on` is a date transition `name` may
    carry on this case: not after today, not before the notification, not before the
    case's previous step."""
    today = today or timezone.localdate()
    label = all_transitions()[name].label
    if effective_on > today:
        raise TransitionRefused(
            f"“{label}” cannot be dated {human_date(effective_on)}: that is in the future. "
            "Give the date it happened, today at the latest.",
            status=400,
        )
    if effective_on < review.notified_on:
        raise TransitionRefused(
            f"“{label}” cannot be dated {human_date(effective_on)}: that is before the "
            f"partnership was notified ({human_date(review.notified_on)}).",
            status=400,
        )
    latest, action = previous_step(review)
    if latest is not None and effective_on < latest:
        previous = all_transitions()[action].label
        raise TransitionRefused(
            f"“{label}” cannot be dated {human_date(effective_on)}: that is before the "
            f"case's previous step (“{previous}”, dated {human_date(latest)}).",
            status=400,
        )


# ---------------------------------------------------------------- side effects
#
# What a transition does beyond the case's own fields. Each runs after the transition
# method and before the case is saved (a pause's dates count in the due dates computed on
# save), inside perform_transition's transaction: a refusal raised here (the publication
# gate's) undoes the state, the page, the versions and the event alike. A side effect that
# writes files returns what undoes them (`undo()`), run if the transaction fails later.


@dataclass(frozen=True)
class Step:
    """What perform_transition hands a side effect: the step being taken."""

    name: str
    user: object
    comment: str
    effective_on: object
    imported: bool = False
    details: dict | None = None

    def detail(self, key, default=None):
        return (self.details or {}).get(key, default)


def publish(review, step):
    """The publication gate, then the public copies and page (reviews.papers.publication).
    An imported publication happened elsewhere: it records the date and publishes nothing
    here (the papers were not held here, so the gate has read nothing)."""
    if step.imported:
        return None
    return publish_review(review)


def start_pause(review, step):
    Pause.objects.create(review=review, started_on=step.effective_on, reason=step.comment)


def end_pause(review, step):
    review.pauses.filter(ended_on__isnull=True).update(ended_on=step.effective_on)


SIDE_EFFECTS = {
    "publish": publish,
    "pause": start_pause,
    "resume": end_pause,
    "record_qa_approval": statutory.record_qa_outcome,
    "record_qa_conditional_approval": statutory.record_qa_outcome,
    "record_qa_resubmission": statutory.record_qa_outcome,
    "decide_not_to_publish": statutory.record_non_publication,
    "reopen_on_direction": statutory.record_direction,
}


def perform_transition(
    review_pk,
    name,
    user,
    *,
    comment="",
    effective_on=None,
    expected_state=None,
    imported=False,
    details=None,
):
    """Take transition `name` on the case for `user`, as of `effective_on` (default
    today). Returns the saved case; raises TransitionRefused and changes nothing if the
    step may not be taken (see the module's docstring). `details` carries what a step
    records beyond its comment (reviews.statutory: a QA outcome's coded reasons, a
    direction's letter, who approved a decision not to publish)."""
    comment = (comment or "").strip()
    effective_on = effective_on or timezone.localdate()
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
            # An imported step is not held to the guards that ask for papers on file
            # (reviews.conditions, evidence=True).
            review.recording_history = imported
            check_transition(review, name, user, comment)
            check_effective_date(review, name, effective_on)
            step = Step(name, user, comment, effective_on, imported, details)
            from_state = review.state
            with notifications.muted() if imported else nullcontext():
                getattr(review, name)(comment=comment, on=effective_on)
            if name in SIDE_EFFECTS:
                written = SIDE_EFFECTS[name](review, step)
            review.save()
            record_event(
                review,
                user,
                name,
                comment,
                from_state=from_state,
                effective_on=effective_on,
                imported=imported,
            )
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
