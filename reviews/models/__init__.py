"""The reviews app's models, one module per part of a case (as wagtail/models/ does):

- vocabulary: kinds of review, demographics, abuse types, timescales
- guidance: the guidance versions reviews follow (their stages and timescales)
- review: the case and its state machine
- casework: panel, information requests, pauses, deadline reminders
- audit: the case's audit trail
- chronology: the agencies' chronologies, merged into one timeline
- family: the family involvement log
- papers: case papers, their versions, comments and the confidential list
- pages: the public Wagtail pages of published reviews
- statutory: the law in force, statutory sends, QA outcomes, non-publication, directions
- joint: partnerships commissioning a review together, criteria for review
- people: the victims and perpetrators or alleged abusers in a review, and their pairs

`from reviews.models import X` works for every model and vocabulary below.
"""

from ..papers.vocabulary import (
    PANEL_AUDIENCES,
    PUBLISHABLE_KINDS,
    DocumentAudience,
    DocumentKind,
)
from .audit import ReviewEvent
from .casework import DeadlineReminder, InformationRequest, PanelMembership, Pause
from .chronology import ChronologyEntry, ChronologyImport
from .family import FamilyContact, FamilyInvolvement, FamilyMember
from .guidance import GuidanceStage, GuidanceVersion, PartnershipGuidance
from .joint import CoCommissioner, Criterion
from .pages import ReviewIndexPage, ReviewPage
from .papers import (
    CaseDocument,
    CaseDocumentQuerySet,
    ConfidentialTerm,
    DocumentComment,
    DocumentVersion,
    DocumentVersionQuerySet,
    PublicCopy,
    document_upload_path,
    private_storage,
    public_copy_upload_to,
    version_upload_to,
)
from .people import ReviewPair, ReviewPerson
from .review import Review, ReviewQuerySet
from .statutory import (
    Direction,
    NonPublication,
    Provision,
    QaCondition,
    QaFeedback,
    QaOutcome,
    QaReason,
    SarBasis,
    SendKind,
    SendMethod,
    SendRule,
    StatutorySend,
    Trigger,
)
from .vocabulary import (
    KIND_CRITERIA,
    AgeBand,
    CauseOfDeath,
    Indicator,
    LocationOfDeath,
    NationalTimeliness,
    ReviewKind,
    Sex,
    Timescale,
)

__all__ = [
    "Direction",
    "NonPublication",
    "Provision",
    "QaCondition",
    "QaFeedback",
    "QaOutcome",
    "QaReason",
    "SarBasis",
    "SendKind",
    "SendMethod",
    "SendRule",
    "StatutorySend",
    "Trigger",
    "KIND_CRITERIA",
    "CoCommissioner",
    "Criterion",
    "PANEL_AUDIENCES",
    "PUBLISHABLE_KINDS",
    "AgeBand",
    "CaseDocument",
    "CaseDocumentQuerySet",
    "CauseOfDeath",
    "ChronologyEntry",
    "ChronologyImport",
    "ConfidentialTerm",
    "DeadlineReminder",
    "DocumentAudience",
    "DocumentComment",
    "DocumentKind",
    "DocumentVersion",
    "DocumentVersionQuerySet",
    "FamilyContact",
    "FamilyInvolvement",
    "FamilyMember",
    "GuidanceStage",
    "GuidanceVersion",
    "PartnershipGuidance",
    "Indicator",
    "InformationRequest",
    "LocationOfDeath",
    "NationalTimeliness",
    "PanelMembership",
    "Pause",
    "PublicCopy",
    "Review",
    "ReviewEvent",
    "ReviewIndexPage",
    "ReviewKind",
    "ReviewPair",
    "ReviewPerson",
    "ReviewPage",
    "ReviewQuerySet",
    "Sex",
    "Timescale",
    "document_upload_path",
    "private_storage",
    "public_copy_upload_to",
    "version_upload_to",
]
