"""The stages a review case passes through, in one table.

Adding a stage means adding a row here and its transitions (models/transitions.py);
lists, filters, badges and the deadline phases all read from this module. A stage only
some guidance versions have (scoping, in the 2024 draft DHR guidance) is guarded by the
review's version (reviews.models.guidance), not by code per version.
"""

from django.db import models


class State(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    DECISION_PENDING = "decision_pending", "Decision pending"
    NOT_PROCEEDING = "not_proceeding", "Not proceeding"
    SCOPING = "scoping", "Scoping"
    COMMISSIONED = "commissioned", "Commissioned"
    CHAIR_APPOINTED = "chair_appointed", "Chair appointed"
    PANEL_ESTABLISHED = "panel_established", "Panel established"
    INFORMATION_GATHERING = "information_gathering", "Information gathering"
    DRAFTING = "drafting", "Drafting"
    DRAFT_SUBMITTED = "draft_submitted", "Draft submitted"
    PANEL_REVIEW = "panel_review", "Panel review"
    PARTNERSHIP_SIGNOFF = "partnership_signoff", "Awaiting partnership sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    SUBMITTED_TO_HOME_OFFICE = "submitted_to_home_office", "Submitted to the Home Office"
    QA_RESUBMISSION_REQUESTED = "qa_resubmission_requested", "Home Office asked for resubmission"
    QA_APPROVED = "qa_approved", "Approved by the Home Office"
    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published (decision recorded)"
    MONITORING_UNPUBLISHED = "monitoring_unpublished", "Monitoring the action plan (not published)"
    CLOSED_UNPUBLISHED = "closed_unpublished", "Closed (not published)"
    MONITORING = "monitoring", "Monitoring the action plan"
    CLOSED = "closed", "Closed"
    PAUSED = "paused", "Paused for parallel proceedings"


# Deadline phases: which statutory clock is running in each state. A paused case is in
# neither: its clock is stopped.
DECISION_PHASE = frozenset({State.NOTIFIED, State.DECISION_PENDING})
COMPLETION_PHASE = frozenset(
    {
        State.SCOPING,
        State.COMMISSIONED,
        State.CHAIR_APPOINTED,
        State.PANEL_ESTABLISHED,
        State.INFORMATION_GATHERING,
        State.DRAFTING,
        State.DRAFT_SUBMITTED,
        State.PANEL_REVIEW,
        State.PARTNERSHIP_SIGNOFF,
    }
)

# Stages in which agencies' IMRs and chronologies are still awaited.
GATHERING = frozenset({State.CHAIR_APPOINTED, State.PANEL_ESTABLISHED, State.INFORMATION_GATHERING})

# A case can be paused for parallel proceedings while review work is still to do.
PAUSABLE = (
    DECISION_PHASE
    | COMPLETION_PHASE
    | frozenset(
        {
            State.SIGNED_OFF,
            State.SUBMITTED_TO_HOME_OFFICE,
            State.QA_RESUBMISSION_REQUESTED,
            State.QA_APPROVED,
        }
    )
)
FINISHED = frozenset({State.NOT_PROCEEDING, State.CLOSED, State.CLOSED_UNPUBLISHED})
# A decision not to proceed stays final unless the Secretary of State directs a review
# (reviews.statutory, Direction): the direction reopens it into commissioning.
OPEN = frozenset(State) - FINISHED

# A case whose report was approved and then, by a recorded decision, not published
# (reviews.models.statutory.NonPublication): it is monitored and closed as a published one
# is, in states of its own, so nothing that follows publication (the library, search, the
# public site) ever takes it for published.
UNPUBLISHED_STATES = frozenset(
    {State.NOT_PUBLISHED, State.MONITORING_UNPUBLISHED, State.CLOSED_UNPUBLISHED}
)

# A case whose final report is public: published, then monitored, then closed. Other apps
# (the learning library) show a case's material more widely once it is in one of these.
PUBLISHED_STATES = frozenset({State.PUBLISHED, State.MONITORING, State.CLOSED})
