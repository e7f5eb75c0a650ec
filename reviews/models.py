"""Review cases (DHR/DARDR, SAR, joint), their state machine, deadlines and audit trail."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django_fsm import GET_STATE, ConcurrentTransitionMixin, FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from partnerships.models import Agency, Partnership, Role, roles_of
from security.records import AppendOnlyModel

from . import conditions, deadlines
from .rules import MANAGER, MANAGER_OR_APPROVER, MANAGER_OR_CHAIR
from .stages import COMPLETION_PHASE, DECISION_PHASE, PAUSABLE, PUBLISHED_STATES, State


class ReviewKind(models.TextChoices):
    DHR = "dhr", "Domestic Homicide Review (DARDR)"
    SAR = "sar", "Safeguarding Adults Review"
    JOINT = "joint", "Joint DHR and SAR"
    OTHER = "other", "Other learning review"


# Kinds whose final report goes to the Home Office quality assurance panel.
HOME_OFFICE_KINDS = frozenset({ReviewKind.DHR, ReviewKind.JOINT})


class Timescale(models.Model):
    """How long a milestone may take, per kind of review: statutory timescales as data.

    Seeded from the 2016 Home Office statutory guidance (decision within one month of
    notification, review completed within six months of the decision). Changing a row
    recomputes every open case's due dates.
    """

    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    milestone = models.CharField(max_length=20, choices=deadlines.Milestone.choices)
    months = models.PositiveSmallIntegerField()
    source = models.CharField(
        max_length=300, blank=True, help_text="Where this timescale comes from."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "milestone"], name="one_timescale_per_milestone"
            )
        ]
        ordering = ["kind", "milestone"]

    def __str__(self):
        return (
            f"{self.get_kind_display()}: {self.get_milestone_display()} within {self.months} months"
        )


class AgeBand(models.TextChoices):
    AGE_16_17 = "16-17", "16–17"
    AGE_18_24 = "18-24", "18–24"
    AGE_25_34 = "25-34", "25–34"
    AGE_35_44 = "35-44", "35–44"
    AGE_45_54 = "45-54", "45–54"
    AGE_55_64 = "55-64", "55–64"
    AGE_65_74 = "65-74", "65–74"
    AGE_75_PLUS = "75+", "75 and over"
    UNKNOWN = "unknown", "Not known"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Not known"


class Relationship(models.TextChoices):
    INTIMATE_PARTNER = "intimate_partner", "Intimate partner or former partner"
    PARRICIDE = "parricide", "Parricide (killed by their child)"
    FAMILIAL = "familial", "Other family member"
    HOUSEHOLD = "household", "Household member"
    NONE = "none", "No perpetrator (e.g. suicide, self-neglect)"
    UNKNOWN = "unknown", "Not known"


class CauseOfDeath(models.TextChoices):
    SHARP_INSTRUMENT = "sharp_instrument", "Sharp instrument"
    ASPHYXIATION = "asphyxiation", "Strangulation or asphyxiation"
    BLUNT_FORCE = "blunt_force", "Blunt force or assault"
    OTHER_VIOLENCE = "other_violence", "Other violence"
    SUICIDE = "suicide", "Suicide"
    NEGLECT = "neglect", "Neglect or self-neglect"
    OTHER = "other", "Other or not known"


class LocationOfDeath(models.TextChoices):
    VICTIM_HOME = "victim_home", "Victim's home"
    SHARED_HOME = "shared_home", "Shared home"
    PERPETRATOR_HOME = "perpetrator_home", "Perpetrator's home"
    PUBLIC_PLACE = "public_place", "Public place"
    CARE_SETTING = "care_setting", "Care or health setting"
    OTHER = "other", "Other or not known"


class Indicator(models.Model):
    """Controlled vocabulary for abuse types and vulnerabilities (Home Office DHR Library)."""

    class Kind(models.TextChoices):
        ABUSE = "abuse", "Abuse type"
        VULNERABILITY = "vulnerability", "Vulnerability"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cases this user may open. Must agree with rules.can_view_review."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        staff_of = roles_of(user).partnerships_with(Role.REVIEW_MANAGER, Role.APPROVER)
        return self.filter(
            Q(partnership_id__in=staff_of)
            | Q(chair=user)
            | Q(pk__in=PanelMembership.objects.filter(user=user).values("review_id"))
        )

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(state__in=DECISION_PHASE, decision_due_on__lt=today)
            | Q(state__in=COMPLETION_PHASE, completion_due_on__lt=today)
        )

    def due_between(self, start, end):
        """Cases whose running clock ends in [start, end]."""
        return self.filter(
            Q(state__in=DECISION_PHASE, decision_due_on__range=(start, end))
            | Q(state__in=COMPLETION_PHASE, completion_due_on__range=(start, end))
        )

    def published(self):
        return self.filter(state__in=PUBLISHED_STATES)


class Review(ConcurrentTransitionMixin, ClusterableModel):
    """One review case, from notification to closure."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    reference = models.CharField(
        max_length=50,
        blank=True,
        help_text="Internal case reference. Left blank, one is assigned, e.g. DHR-2026-003.",
    )
    pseudonym = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name used for the victim in published material, agreed with the family.",
    )
    summary = models.TextField(
        blank=True,
        help_text="Short anonymised description of the circumstances. No real names.",
    )
    is_fictional = models.BooleanField(
        default=False, help_text="Demonstration case: every detail is invented."
    )

    # Key dates. Milestone dates are set by the transitions, not typed in.
    date_of_death = models.DateField(null=True, blank=True)
    notified_on = models.DateField(help_text="Date the partnership was notified of the death.")
    decision_on = models.DateField(null=True, blank=True, editable=False)
    chair_appointed_on = models.DateField(null=True, blank=True, editable=False)
    draft_received_on = models.DateField(null=True, blank=True, editable=False)
    signed_off_on = models.DateField(null=True, blank=True, editable=False)
    submitted_to_home_office_on = models.DateField(null=True, blank=True, editable=False)
    qa_outcome_on = models.DateField(null=True, blank=True, editable=False)
    published_on = models.DateField(null=True, blank=True, editable=False)
    closed_on = models.DateField(null=True, blank=True, editable=False)

    # Computed by refresh_deadlines() on every save; never typed in.
    decision_due_on = models.DateField(null=True, blank=True, editable=False)
    completion_due_on = models.DateField(null=True, blank=True, editable=False)

    decision_rationale = models.TextField(blank=True, editable=False)
    terms_of_reference = models.TextField(blank=True)

    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_reviews",
        verbose_name="independent chair",
    )
    agencies = models.ManyToManyField(Agency, blank=True, related_name="reviews")

    # Anonymised demographics, for statistics and search facets. No names here: the
    # confidential record of identifying details is kept apart (see documents).
    victim_age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    victim_sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    victim_ethnicity = models.CharField(max_length=100, blank=True)
    perpetrator_age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    perpetrator_sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    relationship = models.CharField(
        "victim–perpetrator relationship", max_length=20, choices=Relationship.choices, blank=True
    )
    homicide_suicide = models.BooleanField(default=False)
    children_present = models.BooleanField(null=True, blank=True)
    cause_of_death = models.CharField(max_length=20, choices=CauseOfDeath.choices, blank=True)
    location_of_death = models.CharField(max_length=20, choices=LocationOfDeath.choices, blank=True)
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="reviews",
        verbose_name="abuse types and vulnerabilities",
    )

    state = FSMField(default=State.NOTIFIED, choices=State.choices, protected=True, db_index=True)
    paused_from_state = models.CharField(
        max_length=40, choices=State.choices, blank=True, editable=False
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_reference_per_partnership"
            )
        ]

    def __str__(self):
        label = self.reference or f"Review {self.pk}"
        return f"{label} ({self.pseudonym})" if self.pseudonym else label

    def get_admin_url(self):
        return reverse("reviews:inspect", args=[self.pk])

    # ------------------------------------------------------------------ derived facts

    @property
    def needs_home_office(self):
        return self.kind in HOME_OFFICE_KINDS

    @property
    def is_paused(self):
        return self.state == State.PAUSED

    def has_document_of_kind(self, kind):
        return self.documents.filter(kind=kind, versions__isnull=False).exists()

    @property
    def current_milestone(self):
        if self.state in DECISION_PHASE:
            return deadlines.Milestone.DECISION
        if self.state in COMPLETION_PHASE:
            return deadlines.Milestone.COMPLETION
        return None

    @property
    def current_due_on(self):
        return {
            deadlines.Milestone.DECISION: self.decision_due_on,
            deadlines.Milestone.COMPLETION: self.completion_due_on,
        }.get(self.current_milestone)

    def days_until_due(self, today=None):
        due = self.current_due_on
        if due is None:
            return None
        return (due - (today or timezone.localdate())).days

    def is_overdue(self, today=None):
        days = self.days_until_due(today)
        return days is not None and days < 0

    def refresh_deadlines(self):
        due = deadlines.compute_due_dates(self)
        self.decision_due_on = due[deadlines.Milestone.DECISION]
        self.completion_due_on = due[deadlines.Milestone.COMPLETION]

    def assign_reference(self):
        year = self.notified_on.year
        prefix = f"{self.kind.upper()}-{year}-"
        taken = Review.objects.filter(
            partnership_id=self.partnership_id, reference__startswith=prefix
        ).values_list("reference", flat=True)
        numbers = [
            int(ref.removeprefix(prefix)) for ref in taken if ref.removeprefix(prefix).isdigit()
        ]
        self.reference = f"{prefix}{max(numbers, default=0) + 1:03d}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.assign_reference()
        self.refresh_deadlines()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "decision_due_on",
                "completion_due_on",
                "updated_at",
            }
        super().save(*args, **kwargs)

    # ------------------------------------------------------------------ transitions
    #
    # Transitions change fields in memory only; reviews.workflow.perform_transition()
    # checks the user, calls one inside a transaction with the row locked, saves, and
    # writes the audit event. `custom` describes the step for the admin UI:
    # label, and whether a comment is required (and what to call it).

    @transition(
        field=state,
        source=State.NOTIFIED,
        target=State.DECISION_PENDING,
        permission=MANAGER,
        custom={"label": "Refer for a decision"},
    )
    def refer_for_decision(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.DECISION_PENDING,
        target=State.COMMISSIONED,
        permission=MANAGER_OR_APPROVER,
        custom={"label": "Decide to hold a review", "comment_label": "Reasons for the decision"},
    )
    def decide_to_proceed(self, comment=""):
        self.decision_on = timezone.localdate()
        self.decision_rationale = comment

    @transition(
        field=state,
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
    def decide_not_to_proceed(self, comment=""):
        self.decision_on = timezone.localdate()
        self.decision_rationale = comment

    @transition(
        field=state,
        source=State.COMMISSIONED,
        target=State.CHAIR_APPOINTED,
        permission=MANAGER,
        conditions=[conditions.has_chair],
        custom={"label": "Confirm chair appointment"},
    )
    def appoint_chair(self, comment=""):
        self.chair_appointed_on = timezone.localdate()

    @transition(
        field=state,
        source=State.CHAIR_APPOINTED,
        target=State.PANEL_ESTABLISHED,
        permission=MANAGER_OR_CHAIR,
        conditions=[conditions.has_panel_and_terms],
        custom={"label": "Confirm panel and terms of reference"},
    )
    def establish_panel(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.PANEL_ESTABLISHED,
        target=State.INFORMATION_GATHERING,
        permission=MANAGER_OR_CHAIR,
        conditions=[conditions.has_information_requests],
        custom={"label": "Start information gathering"},
    )
    def start_information_gathering(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.INFORMATION_GATHERING,
        target=State.DRAFTING,
        permission=MANAGER_OR_CHAIR,
        custom={"label": "Start drafting"},
    )
    def start_drafting(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.DRAFTING,
        target=State.DRAFT_SUBMITTED,
        permission=MANAGER_OR_CHAIR,
        conditions=[conditions.has_draft_report],
        custom={"label": "Submit draft for panel review"},
    )
    def submit_draft(self, comment=""):
        self.draft_received_on = timezone.localdate()

    @transition(
        field=state,
        source=State.DRAFT_SUBMITTED,
        target=State.PANEL_REVIEW,
        permission=MANAGER,
        custom={"label": "Start panel review"},
    )
    def begin_panel_review(self, comment=""):
        pass

    @transition(
        field=state,
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
    def return_to_drafting(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.PANEL_REVIEW,
        target=State.PARTNERSHIP_SIGNOFF,
        permission=MANAGER,
        custom={"label": "Panel agrees: send for partnership sign-off"},
    )
    def request_signoff(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.PARTNERSHIP_SIGNOFF,
        target=State.SIGNED_OFF,
        permission=MANAGER_OR_APPROVER,
        custom={
            "label": "Record partnership sign-off",
            "comment_required": True,
            "comment_label": "Sign-off record (meeting, date or approver's note)",
        },
    )
    def sign_off(self, comment=""):
        self.signed_off_on = timezone.localdate()

    @transition(
        field=state,
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
    def refuse_signoff(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.SIGNED_OFF,
        target=State.SUBMITTED_TO_HOME_OFFICE,
        permission=MANAGER,
        conditions=[conditions.goes_to_home_office],
        custom={"label": "Record submission to the Home Office"},
    )
    def submit_to_home_office(self, comment=""):
        self.submitted_to_home_office_on = timezone.localdate()

    @transition(
        field=state,
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
    def record_qa_resubmission(self, comment=""):
        self.qa_outcome_on = timezone.localdate()

    @transition(
        field=state,
        source=State.QA_RESUBMISSION_REQUESTED,
        target=State.DRAFTING,
        permission=MANAGER_OR_CHAIR,
        custom={"label": "Resume drafting for resubmission"},
    )
    def resume_drafting_for_qa(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.SUBMITTED_TO_HOME_OFFICE,
        target=State.QA_APPROVED,
        permission=MANAGER,
        conditions=[conditions.has_qa_letter],
        custom={"label": "Record QA outcome: approved for publication"},
    )
    def record_qa_approval(self, comment=""):
        self.qa_outcome_on = timezone.localdate()

    @transition(
        field=state,
        source=[State.QA_APPROVED, State.SIGNED_OFF],
        target=State.PUBLISHED,
        permission=MANAGER,
        conditions=[conditions.ready_to_publish, conditions.has_publishable_documents],
        custom={"label": "Publish"},
    )
    def publish(self, comment=""):
        # The anonymisation check and the public page are part of this step: a finding
        # raises TransitionRefused, and perform_transition's transaction undoes any page
        # work already done, so publication happens whole or not at all.
        from .publication import publish_review

        self.published_on = timezone.localdate()
        publish_review(self)

    @transition(
        field=state,
        source=State.PUBLISHED,
        target=State.MONITORING,
        permission=MANAGER,
        custom={"label": "Start monitoring the action plan"},
    )
    def start_monitoring(self, comment=""):
        pass

    @transition(
        field=state,
        source=State.MONITORING,
        target=State.CLOSED,
        permission=MANAGER_OR_APPROVER,
        custom={
            "label": "Close the case",
            "comment_required": True,
            "comment_label": "Why the action plan is complete",
        },
    )
    def close(self, comment=""):
        self.closed_on = timezone.localdate()

    @transition(
        field=state,
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
    def pause(self, comment=""):
        self.paused_from_state = self.state
        self.pauses.create(started_on=timezone.localdate(), reason=comment)

    @transition(
        field=state,
        source=State.PAUSED,
        target=GET_STATE(
            lambda review, *args, **kwargs: review.paused_from_state, states=list(PAUSABLE)
        ),
        permission=MANAGER,
        custom={"label": "Resume after parallel proceedings"},
    )
    def resume(self, comment=""):
        self.pauses.filter(ended_on__isnull=True).update(ended_on=timezone.localdate())


class PanelMembership(models.Model):
    review = ParentalKey(Review, on_delete=models.CASCADE, related_name="panel_memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_panel_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(
        max_length=100, blank=True, help_text="e.g. panel member, specialist adviser."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="one_panel_seat_per_person")
        ]

    def __str__(self):
        return f"{self.user} on {self.review}"


class InformationRequest(models.Model):
    """An IMR, chronology or summary requested from an agency, with its due date."""

    class Kind(models.TextChoices):
        SCOPING = "scoping", "Scoping return"
        CHRONOLOGY = "chronology", "Chronology"
        IMR = "imr", "Individual management review (IMR)"
        SUMMARY = "summary", "Summary of involvement"

    review = ParentalKey(Review, on_delete=models.CASCADE, related_name="information_requests")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="information_requests"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    requested_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.agency}"

    def is_overdue(self, today=None):
        return self.received_on is None and self.due_on < (today or timezone.localdate())


class Pause(models.Model):
    """A period during which parallel proceedings stopped the case's clock."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["started_on"]

    def __str__(self):
        return f"Paused {self.started_on}–{self.ended_on or 'now'}"


class ReviewEvent(AppendOnlyModel):
    """One line of a case's audit trail. Written once; never edited or deleted."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, help_text="Kept in case the account is removed.")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=40, choices=State.choices, blank=True)
    comment = models.TextField(blank=True)

    records_name = "Audit events"

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action}"

    @property
    def is_transition(self):
        return self.from_state != self.to_state


def private_storage():
    return storages["private"]


def document_upload_path(review_id, filename):
    """Files are stored under an unguessable name; the original name is kept on the row."""
    return f"reviews/{review_id}/{uuid.uuid4().hex}"


def version_upload_to(version, filename):
    return document_upload_path(version.document.review_id, filename)


class CaseDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Papers this user may open. Must agree with rules.can_view_document (tested):
        partnership staff and the case's chair see every paper of the case; its panel
        members see panel and public papers; nobody else sees any."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        staff_of = roles_of(user).partnerships_with(Role.REVIEW_MANAGER, Role.APPROVER)
        panel_cases = PanelMembership.objects.filter(user=user).values("review_id")
        return self.filter(
            Q(review__partnership_id__in=staff_of)
            | Q(review__chair=user)
            | Q(review_id__in=panel_cases, audience__in=CaseDocument.PANEL_AUDIENCES)
        )


class CaseDocument(models.Model):
    """A case paper (terms of reference, IMR, draft report...). Its content lives in versions."""

    class Kind(models.TextChoices):
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
        IMR = "imr", "Individual management review (IMR)"
        CHRONOLOGY = "chronology", "Chronology"
        DRAFT_OVERVIEW_REPORT = "draft_overview_report", "Draft overview report"
        EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
        ACTION_PLAN = "action_plan", "Action plan"
        HOME_OFFICE_LETTER = "home_office_letter", "Home Office QA letter"
        FINAL_REPORT = "final_report", "Final anonymised report"
        OTHER = "other", "Other"

    class Audience(models.TextChoices):
        STAFF = "staff", "Partnership staff and the chair"
        PANEL = "panel", "Panel, partnership staff and the chair"
        PUBLIC = "public", "Public once the review is published"

    # Audiences a panel member may read; staff-only papers are hidden from the panel.
    PANEL_AUDIENCES = (Audience.PANEL, Audience.PUBLIC)
    # Only these kinds may ever be marked public, and so published.
    PUBLISHABLE_KINDS = (Kind.FINAL_REPORT, Kind.EXECUTIVE_SUMMARY)

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PANEL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


class DocumentVersionQuerySet(models.QuerySet):
    def public(self):
        """Versions anyone may download: passed the check at publication, of a paper that
        may be public, on a case that is published. The one rule for public downloads."""
        return (
            self.filter(
                published_at__isnull=False,
                document__audience=CaseDocument.Audience.PUBLIC,
                document__kind__in=CaseDocument.PUBLISHABLE_KINDS,
                document__review__in=Review.objects.published(),
            )
            .select_related("document")
            .order_by("-document__kind", "document__title")  # the final report first
        )


class DocumentVersion(models.Model):
    """One uploaded file. Versions are added, never overwritten."""

    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, upload_to=version_upload_to, max_length=300)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Set when this version passed the anonymisation check and was published.",
    )

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_version_number")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    @property
    def format_label(self):
        from .uploads import FORMATS

        file_format = FORMATS.get(self.content_type)
        return file_format.extension.upper() if file_format else ""

    def get_public_url(self):
        return reverse("reviews_public:document", args=[self.pk, self.original_filename])


class DocumentComment(models.Model):
    """A comment on one version of a paper, or a reply in its thread (one level deep)."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, help_text="Kept in case the account is removed.")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name} on {self.version}"

    @property
    def thread(self):
        return self.parent or self


class ConfidentialTerm(models.Model):
    """A name or identifier that must never appear in published material (the real
    names of the victim, perpetrator and family, addresses...). Seen only by the
    partnership's staff; the publication check refuses any document containing one."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="confidential_terms")
    term = models.CharField(max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                Lower("term"), "review", name="unique_confidential_term_per_review"
            )
        ]

    def __str__(self):
        return "Confidential term"  # never the term itself: str() ends up in logs and lists


class DeadlineReminder(models.Model):
    """A deadline email already sent, so the daily command sends each one once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reminders")
    milestone = models.CharField(max_length=20, choices=deadlines.Milestone.choices)
    due_on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "milestone", "due_on", "kind"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.review}, due {self.due_on}"


# Wagtail page models for published reviews live in their own module.
from .pages import ReviewIndexPage, ReviewPage  # noqa: E402, F401
