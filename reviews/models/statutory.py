"""The statutory loop of a review as records: the law in force (a commencement table),
which sends a review owes, the sends made, the Home Office's quality assurance outcomes
and their conditions, a decision not to publish, and a direction to hold a review.

The law is data: which sends a review needs is read from SendRule rows, each tied to the
Provision that imposes it, and a provision applies on a date by its commencement row, so a
commencement order is recorded by editing one row, not by changing code. The seed rows and
their sources are in migration 0007. reviews.statutory holds what is done with these.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .papers import DocumentVersion
from .review import Review
from .vocabulary import ReviewKind


class Provision(models.Model):
    """One provision of law or statutory guidance, and whether it is in force.

    `commenced_on` is the day it came into force. Null means not commenced (a prospective
    provision such as the Victims and Prisoners Act 2024, s19) unless `in_force` says the
    provision was already in force before any review recorded here (its date then does
    not decide anything and is left unrecorded rather than guessed)."""

    key = models.SlugField(max_length=60, unique=True)
    citation = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    in_force = models.BooleanField(
        default=False,
        help_text="In force. Leave unticked for a prospective provision until it commences.",
    )
    commenced_on = models.DateField(
        null=True, blank=True, help_text="Day it came into force; blank if not commenced."
    )
    ceased_on = models.DateField(
        null=True,
        blank=True,
        help_text="Day it stopped applying (repealed or replaced); blank while it applies.",
    )
    source = models.CharField(max_length=500, help_text="Where this row was checked.")

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.citation

    def in_force_on(self, day):
        if self.ceased_on is not None and day >= self.ceased_on:
            return False
        if self.commenced_on is not None:
            return day >= self.commenced_on
        return self.in_force


class SendKind(models.TextChoices):
    HOME_OFFICE_DECISION = "ho_decision", "Home Office told of the decision"
    HOME_OFFICE_SUBMISSION = "ho_submission", "Report submitted to the Home Office"
    COMMISSIONER_COPY = "commissioner_copy", "Copy of the report to the Domestic Abuse Commissioner"
    SECRETARY_OF_STATE_COPY = "sos_copy", "Copy of the report to the Secretary of State"
    CSPR_PANEL_COPY = (
        "cspr_panel_copy",
        "Copy of the report to the Child Safeguarding Practice Review Panel and the "
        "Secretary of State",
    )
    OWHR_NOTICE = "owhr_notice", "Secretary of State notified of the decision on the review"


class SendMethod(models.TextChoices):
    SECURE_EMAIL = "secure_email", "Secure email"
    EMAIL = "email", "Email"
    PORTAL = "portal", "Online portal or form"
    POST = "post", "Post"
    HAND = "hand", "By hand"


class Trigger(models.TextChoices):
    """The case date after which a send falls due (and on which the law is read)."""

    DECISION = "decision_on", "The decision whether to hold a review"
    SIGN_OFF = "signed_off_on", "Partnership sign-off of the report"
    QA_OUTCOME = "qa_outcome_on", "The Home Office's approval of the report"


class SendRule(models.Model):
    """A send a kind of review owes once its trigger date is set, while its provision is
    in force on that date. Several rows may ask for the same send (the copy to the
    Commissioner under the 2004 Act's s9(3B) and again under the 2024 Act's s19): the
    send is owed if any of them applies."""

    send = models.CharField(max_length=30, choices=SendKind.choices)
    review_kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="send_rules")
    recipient = models.CharField(max_length=200)
    only_after_approval = models.BooleanField(
        default=False,
        help_text="Owed only once the Home Office approved the report (not on a resubmission).",
    )

    class Meta:
        ordering = ["review_kind", "send", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["send", "review_kind", "provision"], name="one_send_rule_per_provision"
            )
        ]

    def __str__(self):
        return f"{self.get_review_kind_display()}: {self.get_send_display()} ({self.provision})"


class StatutorySend(models.Model):
    """A send made: what went to whom, when, how, and which version of which paper."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="statutory_sends")
    send = models.CharField(max_length=30, choices=SendKind.choices)
    sent_on = models.DateField()
    method = models.CharField(max_length=20, choices=SendMethod.choices)
    recipient = models.CharField(max_length=200)
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version of the paper sent.",
    )
    letter = models.TextField(blank=True, help_text="The letter sent, as generated.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.get_send_display()} to {self.recipient} on {self.sent_on:%d %B %Y}"


class QaOutcome(models.Model):
    """The Home Office quality assurance panel's outcome on one submission."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved for publication"
        APPROVED_SUBJECT_TO_CHANGES = "conditional", "Approved subject to changes"
        RESUBMIT = "resubmit", "Resubmission requested"

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="qa_outcomes")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    decided_on = models.DateField()
    feedback = models.TextField(blank=True)
    letter = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    letter_public = models.BooleanField(
        default=False, help_text="The partnership publishes the QA letter with the review."
    )

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.decided_on:%d %B %Y})"


class QaReason(models.TextChoices):
    """Coded reasons of the QA panel's feedback (local coding, for counting themes)."""

    CHRONOLOGY = "chronology", "Chronology or facts incomplete"
    ANALYSIS = "analysis", "Analysis of agencies' involvement"
    FAMILY = "family", "Involvement of family and friends"
    TERMS = "terms", "Terms of reference not addressed"
    RECOMMENDATIONS = "recommendations", "Recommendations or action plan"
    EQUALITY = "equality", "Equality and diversity"
    ANONYMISATION = "anonymisation", "Anonymisation or redaction"
    STYLE = "style", "Presentation, language or accessibility"
    OTHER = "other", "Other"


class QaFeedback(models.Model):
    """One point of the QA panel's feedback, coded by reason as well as in words."""

    outcome = models.ForeignKey(QaOutcome, on_delete=models.CASCADE, related_name="points")
    reason = models.CharField(max_length=20, choices=QaReason.choices)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_reason_display()


class QaCondition(models.Model):
    """A change the QA panel asked for when approving subject to changes. Each is ticked
    with its evidence; the review cannot be published until every one is ticked."""

    outcome = models.ForeignKey(QaOutcome, on_delete=models.CASCADE, related_name="conditions")
    text = models.TextField()
    met_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text

    @property
    def is_met(self):
        return self.met_on is not None


class NonPublication(models.Model):
    """A recorded decision not to publish a review's report."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="non_publication")
    decided_on = models.DateField()
    reason = models.TextField()
    approved_by = models.CharField(
        max_length=200, help_text="Who approved the decision (e.g. the partnership's chair)."
    )
    summary_published = models.BooleanField(
        default=False, help_text="A summary is published instead of the report."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self):
        return f"Not published: decided {self.decided_on:%d %B %Y}, approved by {self.approved_by}"


class Direction(models.Model):
    """A direction to hold a review (DVCVA 2004 s9(2)) that reopened a decision not to."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="directions")
    directed_by = models.CharField(max_length=200)
    directed_on = models.DateField()
    letter = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["directed_on", "pk"]

    def __str__(self):
        return f"Directed by {self.directed_by} on {self.directed_on:%d %B %Y}"


class SarBasis(models.Model):
    """Why a Safeguarding Adults Review is held: whether the board must arrange it (Care
    Act 2014, s44(1)-(3)) or chose to (s44(4)), with the criteria it found met."""

    class Basis(models.TextChoices):
        MANDATORY = "mandatory", "Mandatory (Care Act 2014, s44(1)-(3))"
        DISCRETIONARY = "discretionary", "Discretionary (Care Act 2014, s44(4))"

    class Condition(models.TextChoices):
        DIED = "died", "Condition 1 (s44(2)): the adult died of known or suspected abuse or neglect"
        ALIVE = (
            "alive",
            "Condition 2 (s44(3)): the adult is alive; serious abuse or neglect known or suspected",
        )
        NEITHER = "neither", "Neither condition is met"

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="sar_basis")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    needs_care_and_support = models.BooleanField(
        "adult in the board's area with needs for care and support (s44(1), s44(4))"
    )
    concern_about_joint_working = models.BooleanField(
        "reasonable cause for concern about how the board, its members or others worked "
        "together to safeguard the adult (s44(1)(a))"
    )
    condition = models.CharField(max_length=10, choices=Condition.choices)
    decided_on = models.DateField()
    rationale = models.TextField(blank=True)

    def __str__(self):
        return self.get_basis_display()

    @property
    def mandatory_criteria_met(self):
        return (
            self.needs_care_and_support
            and self.concern_about_joint_working
            and self.condition != self.Condition.NEITHER
        )

    @property
    def expected_basis(self):
        """What s44 makes of the criteria recorded: None where no SAR may be held under it
        (the adult has no needs for care and support)."""
        if not self.needs_care_and_support:
            return None
        return self.Basis.MANDATORY if self.mandatory_criteria_met else self.Basis.DISCRETIONARY
