"""The transitions of a review's state machine: what each step changes on the case.

A transition changes the case's own fields in memory only. reviews.workflow.
perform_transition() checks the user, the date and the guards, calls one inside a
transaction with the row locked, runs what the transition does beyond these fields (the
public page, the pause record), saves, and writes the audit event. Every transition takes
`on`, the date the step happened (its effective date: today unless the step is recorded
late or imported); the milestone dates of the case take it, never the moment of the click.

`custom` describes the transition for the admin UI: its label, and whether a comment is
required (and what to call it).
"""

from django.utils import timezone
from django_fsm import GET_STATE, transition

from .. import conditions
from ..rules import MANAGER, MANAGER_OR_APPROVER, MANAGER_OR_CHAIR
from ..stages import PAUSABLE, State


class ReviewTransitions:
    """Mixed into Review: the state field is named, not passed, so it can live here."""

    @transition(
        field="state",
        source=State.NOTIFIED,
        target=State.DECISION_PENDING,
        permission=MANAGER,
        custom={"label": "Refer for a decision"},
    )
    def refer_for_decision(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.DECISION_PENDING,
        target=State.COMMISSIONED,
        permission=MANAGER_OR_APPROVER,
        conditions=[conditions.skips_scoping],
        custom={"label": "Decide to hold a review", "comment_label": "Reasons for the decision"},
    )
    def decide_to_proceed(self, comment="", on=None):
        self.decision_on = on or timezone.localdate()
        self.decision_rationale = comment

    # The scoping stage of the 2024 draft DHR guidance: taken only by a review whose
    # guidance version lists it (reviews.models.guidance); the others skip it above.
    @transition(
        field="state",
        source=State.DECISION_PENDING,
        target=State.SCOPING,
        permission=MANAGER_OR_APPROVER,
        conditions=[conditions.follows_scoping],
        custom={
            "label": "Decide to hold a review: start scoping",
            "comment_label": "Reasons for the decision",
        },
    )
    def decide_to_scope(self, comment="", on=None):
        self.decision_on = on or timezone.localdate()
        self.decision_rationale = comment

    @transition(
        field="state",
        source=State.SCOPING,
        target=State.COMMISSIONED,
        permission=MANAGER,
        custom={
            "label": "Scoping complete: commission the review",
            "comment_required": True,
            "comment_label": "What the scoping found (the scope, agencies and early learning)",
        },
    )
    def complete_scoping(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.DECISION_PENDING,
        target=State.NOT_PROCEEDING,
        permission=MANAGER_OR_APPROVER,
        custom={
            "label": "Decide not to hold a review",
            "comment_required": True,
            "comment_label": "Rationale (sent to the Home Office for DHRs)",
            "style": "warning",
        },
    )
    def decide_not_to_proceed(self, comment="", on=None):
        self.decision_on = on or timezone.localdate()
        self.decision_rationale = comment

    @transition(
        field="state",
        source=State.NOT_PROCEEDING,
        # A directed review goes through the stages its guidance version lists.
        target=GET_STATE(
            lambda review, *args, **kwargs: (
                State.SCOPING if review.follows_stage(State.SCOPING) else State.COMMISSIONED
            ),
            states=[State.SCOPING, State.COMMISSIONED],
        ),
        permission=MANAGER,
        conditions=[conditions.may_be_directed],
        custom={
            "label": "Reopen on a direction to hold a review",
            "comment_required": True,
            "comment_label": "Who directed the review, and how (the direction letter)",
            "style": "warning",
        },
    )
    def reopen_on_direction(self, comment="", on=None):
        # The completion clock runs from the direction; the earlier decision stays in the
        # case's history (its event and rationale). reviews.workflow writes the Direction.
        self.decision_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.COMMISSIONED,
        target=State.CHAIR_APPOINTED,
        permission=MANAGER,
        conditions=[conditions.has_chair],
        custom={"label": "Confirm chair appointment"},
    )
    def appoint_chair(self, comment="", on=None):
        self.chair_appointed_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.CHAIR_APPOINTED,
        target=State.PANEL_ESTABLISHED,
        permission=MANAGER_OR_CHAIR,
        conditions=[conditions.has_panel_and_terms],
        custom={"label": "Confirm panel and terms of reference"},
    )
    def establish_panel(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.PANEL_ESTABLISHED,
        target=State.INFORMATION_GATHERING,
        permission=MANAGER_OR_CHAIR,
        conditions=[conditions.has_information_requests],
        custom={"label": "Start information gathering"},
    )
    def start_information_gathering(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.INFORMATION_GATHERING,
        target=State.DRAFTING,
        permission=MANAGER_OR_CHAIR,
        custom={"label": "Start drafting"},
    )
    def start_drafting(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.DRAFTING,
        target=State.DRAFT_SUBMITTED,
        permission=MANAGER_OR_CHAIR,
        conditions=[conditions.has_draft_report],
        custom={"label": "Submit draft for panel review"},
    )
    def submit_draft(self, comment="", on=None):
        self.draft_received_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.DRAFT_SUBMITTED,
        target=State.PANEL_REVIEW,
        permission=MANAGER,
        custom={"label": "Start panel review"},
    )
    def begin_panel_review(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.PANEL_REVIEW,
        target=State.DRAFTING,
        permission=MANAGER_OR_CHAIR,
        custom={
            "label": "Return to drafting",
            "comment_required": True,
            "comment_label": "What the panel asks to change",
            "style": "secondary",
        },
    )
    def return_to_drafting(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.PANEL_REVIEW,
        target=State.PARTNERSHIP_SIGNOFF,
        permission=MANAGER,
        custom={"label": "Panel agrees: send for partnership sign-off"},
    )
    def request_signoff(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.PARTNERSHIP_SIGNOFF,
        target=State.SIGNED_OFF,
        permission=MANAGER_OR_APPROVER,
        custom={
            "label": "Record partnership sign-off",
            "comment_required": True,
            "comment_label": "Sign-off record (meeting, date or approver's note)",
        },
    )
    def sign_off(self, comment="", on=None):
        self.signed_off_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.PARTNERSHIP_SIGNOFF,
        target=State.DRAFTING,
        permission=MANAGER_OR_APPROVER,
        custom={
            "label": "Refuse sign-off and return to drafting",
            "comment_required": True,
            "comment_label": "What must change before sign-off",
            "style": "secondary",
        },
    )
    def refuse_signoff(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.SIGNED_OFF,
        target=State.SUBMITTED_TO_HOME_OFFICE,
        permission=MANAGER,
        conditions=[conditions.goes_to_home_office, conditions.has_submission_pack],
        custom={"label": "Record submission to the Home Office"},
    )
    def submit_to_home_office(self, comment="", on=None):
        self.submitted_to_home_office_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.SUBMITTED_TO_HOME_OFFICE,
        target=State.QA_RESUBMISSION_REQUESTED,
        permission=MANAGER,
        conditions=[conditions.has_qa_letter],
        custom={
            "label": "Record QA outcome: resubmission requested",
            "comment_required": True,
            "comment_label": "What the quality assurance panel asked for",
            "style": "secondary",
        },
    )
    def record_qa_resubmission(self, comment="", on=None):
        self.qa_outcome_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.QA_RESUBMISSION_REQUESTED,
        target=State.DRAFTING,
        permission=MANAGER_OR_CHAIR,
        custom={"label": "Resume drafting for resubmission"},
    )
    def resume_drafting_for_qa(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=State.SUBMITTED_TO_HOME_OFFICE,
        target=State.QA_APPROVED,
        permission=MANAGER,
        conditions=[conditions.has_qa_letter],
        custom={"label": "Record QA outcome: approved for publication"},
    )
    def record_qa_approval(self, comment="", on=None):
        self.qa_outcome_on = on or timezone.localdate()

    @transition(
        field="state",
        source=State.SUBMITTED_TO_HOME_OFFICE,
        target=State.QA_APPROVED,
        permission=MANAGER,
        conditions=[conditions.has_qa_letter],
        custom={
            "label": "Record QA outcome: approved subject to changes",
            "comment_required": True,
            "comment_label": "The changes the panel asks for, one per line",
        },
    )
    def record_qa_conditional_approval(self, comment="", on=None):
        # The conditions (one per line of the comment) are written by reviews.workflow;
        # publication waits until each is ticked (conditions.qa_conditions_met).
        self.qa_outcome_on = on or timezone.localdate()

    @transition(
        field="state",
        source=[State.QA_APPROVED, State.SIGNED_OFF],
        target=State.PUBLISHED,
        permission=MANAGER,
        conditions=[
            conditions.ready_to_publish,
            conditions.qa_conditions_met,
            conditions.has_publishable_documents,
            conditions.family_told_before_publication,
        ],
        custom={"label": "Publish"},
    )
    def publish(self, comment="", on=None):
        # The anonymisation check and the public page follow in reviews.workflow, in the
        # same transaction: a finding refuses the transition and nothing is published.
        self.published_on = on or timezone.localdate()

    @transition(
        field="state",
        source=[State.QA_APPROVED, State.SIGNED_OFF],
        target=State.NOT_PUBLISHED,
        permission=MANAGER_OR_APPROVER,
        conditions=[conditions.ready_to_conclude],
        custom={
            "label": "Record a decision not to publish",
            "comment_required": True,
            "comment_label": "Why the report is not published (the exceptional circumstances)",
            "style": "warning",
        },
    )
    def decide_not_to_publish(self, comment="", on=None):
        pass  # reviews.workflow writes the NonPublication record

    @transition(
        field="state",
        source=[State.PUBLISHED, State.NOT_PUBLISHED],
        target=GET_STATE(
            lambda review, *args, **kwargs: (
                State.MONITORING
                if review.state == State.PUBLISHED
                else State.MONITORING_UNPUBLISHED
            ),
            states=[State.MONITORING, State.MONITORING_UNPUBLISHED],
        ),
        permission=MANAGER,
        custom={"label": "Start monitoring the action plan"},
    )
    def start_monitoring(self, comment="", on=None):
        pass

    @transition(
        field="state",
        source=[State.MONITORING, State.MONITORING_UNPUBLISHED],
        target=GET_STATE(
            lambda review, *args, **kwargs: (
                State.CLOSED if review.state == State.MONITORING else State.CLOSED_UNPUBLISHED
            ),
            states=[State.CLOSED, State.CLOSED_UNPUBLISHED],
        ),
        permission=MANAGER_OR_APPROVER,
        custom={
            "label": "Close the case",
            "comment_required": True,
            "comment_label": "Why the action plan is complete",
        },
    )
    def close(self, comment="", on=None):
        self.closed_on = on or timezone.localdate()

    @transition(
        field="state",
        source=list(PAUSABLE),
        target=State.PAUSED,
        permission=MANAGER,
        custom={
            "label": "Pause for parallel proceedings",
            "comment_required": True,
            "comment_label": "Which proceedings (criminal trial, inquest, IOPC investigation...)",
            "style": "secondary",
        },
    )
    def pause(self, comment="", on=None):
        # The Pause record is written by reviews.workflow after this method.
        self.paused_from_state = self.state

    @transition(
        field="state",
        source=State.PAUSED,
        target=GET_STATE(
            lambda review, *args, **kwargs: review.paused_from_state, states=list(PAUSABLE)
        ),
        permission=MANAGER,
        custom={"label": "Resume after parallel proceedings"},
    )
    def resume(self, comment="", on=None):
        pass  # reviews.workflow ends the open Pause before the case is saved
