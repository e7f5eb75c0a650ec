"""The learning library: strategies and their action plans, review recommendations, the
links between them, and the progress history that shows whether anything changed.

Strategy -> Priority -> Action is a partnership's own plan (the shipped Haringey plans are
real published documents). Recommendation comes from a review case and is linked to the
Actions that deliver it. ProgressUpdate is the dated history of both: added, never edited.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from partnerships.access import SHARED_LIST, Audience, ModelAccess, ScopedQuerySet
from partnerships.models import Agency, Partnership
from reviews.models import ConfidentialTerm, Review
from reviews.papers.public_text import PublicText, changed_texts, refuse_public_text
from reviews.stages import PUBLISHED_STATES
from security.records import AppendOnlyModel

from ..due_periods import parse_due_period


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


RAG_MEANINGS = {
    RAG.RED: "off track",
    RAG.AMBER: "at risk",
    RAG.GREEN: "on track",
    RAG.BLUE: "complete",
}


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ON_HOLD = "on_hold", "On hold"
    COMPLETE = "complete", "Complete"
    NOT_IMPLEMENTED = "not_implemented", "Decided not to implement"


# A recommendation or action in one of these is finished: never overdue. A decision not to
# implement a recommendation is an outcome with its reason (the SAB's annual report must
# give the reasons, Care Act 2014, Schedule 2, paragraph 4(1)(d)).
FINISHED_STATUSES = (Status.COMPLETE, Status.NOT_IMPLEMENTED)


class Level(models.TextChoices):
    SINGLE_AGENCY = "single_agency", "Single-agency"
    MULTI_AGENCY = "multi_agency", "Multi-agency"
    NATIONAL = "national", "National"


# A partnership's strategies and action plans are its library: for its staff and its
# partner agencies (partnerships.access).
LIBRARY_ONLY = {Audience.LIBRARY: Q()}


def in_library(obj):
    return Audience.LIBRARY


class StrategyQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the strategies this user may read (the access rule)."""


class Strategy(index.Indexed, ClusterableModel):
    """A partnership's strategy or delivery plan, with its source document."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="strategies"
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=100, help_text="Short name used in imports, e.g. vawg-strategy-2016-2026."
    )
    period_start = models.PositiveSmallIntegerField(
        help_text="First year of the plan. A bare quarter such as 'Q4' in a due period means "
        "that quarter of the financial year starting in April of this year."
    )
    period_end = models.PositiveSmallIntegerField(help_text="Last year of the plan.")
    governing_body = models.CharField(
        max_length=300, blank=True, help_text="The board or group that monitors delivery."
    )
    source_document = models.CharField(max_length=500, blank=True)
    source_file = models.CharField(
        max_length=255, blank=True, help_text="File name of the source the plan was taken from."
    )
    notes = models.TextField(
        blank=True,
        help_text="Transcription notes: where the source is cut off, garbled or ambiguous and "
        "how that was handled. One note per line.",
    )
    is_active = models.BooleanField(
        "being delivered",
        default=True,
        help_text="Untick once the plan's period is over and it is kept for reference: its "
        "unfinished actions then no longer count as overdue.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StrategyQuerySet.as_manager()

    access = ModelAccess(
        partnership="partnership_id", audiences=LIBRARY_ONLY, audience_of=in_library
    )

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("governing_body"),
        index.SearchField("source_document"),
        index.FilterField("id"),
        index.FilterField("partnership"),
        index.FilterField("is_active"),
        index.FilterField("period_start"),
    ]

    class Meta:
        ordering = ["-is_active", "-period_start", "title"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"], name="unique_strategy_slug_per_partnership"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="strategy_period_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def period(self):
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    @property
    def note_lines(self):
        return [line for line in self.notes.splitlines() if line.strip()]

    def get_admin_url(self):
        return reverse("learning_strategies:inspect", args=[self.pk])

    def has_history(self):
        """Progress posted on, or recommendations linked to, any of its actions."""
        return (
            ProgressUpdate.objects.filter(action__strategy=self).exists()
            or RecommendationAction.objects.filter(action__strategy=self).exists()
        )


class Priority(Orderable):
    """A numbered priority, outcome or work area of a strategy."""

    strategy = ParentalKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.CharField(max_length=20, help_text="As the plan numbers it: 1, 2 or 3.1...")
    title = models.CharField(max_length=500)
    outcomes_heading = models.CharField(
        max_length=200,
        blank=True,
        help_text="Heading of the priority-level outcomes, e.g. 'Performance Measures'.",
    )
    outcomes = models.TextField(
        blank=True, help_text="Priority-level outcomes or measures, one per line."
    )

    class Meta(Orderable.Meta):
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="unique_priority_number_per_strategy"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def outcome_lines(self):
        return [line for line in self.outcomes.splitlines() if line.strip()]


class ActionQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the actions this user may read (the access rule)."""

    def unfinished(self):
        return self.exclude(status__in=FINISHED_STATUSES)

    def overdue(self, today=None):
        """Unfinished actions of plans still being delivered whose due date has passed."""
        today = today or timezone.localdate()
        return self.unfinished().filter(due_on__lt=today, strategy__is_active=True)

    def due_between(self, start, end):
        """Unfinished actions of plans still being delivered due in [start, end]."""
        return self.unfinished().filter(due_on__range=(start, end), strategy__is_active=True)


class Action(index.Indexed, models.Model):
    """One row of an action plan, in the plan's own words."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="actions", editable=False
    )
    # RESTRICT: a priority with actions cannot be removed on its own, but deleting the
    # whole strategy takes both.
    priority = models.ForeignKey(Priority, on_delete=models.RESTRICT, related_name="actions")
    reference = models.CharField(
        max_length=30, help_text="The action's number in the plan, e.g. 3.2.1. Unique per plan."
    )
    objective = models.TextField(blank=True)
    source_gap = models.TextField(
        blank=True,
        editable=False,
        help_text="What the source document lacks for this row (e.g. its action text was cut "
        "off). Only rows listed as known gaps of a shipped plan may have no objective.",
    )
    key_deliverables = models.TextField(blank=True)
    due_period = models.CharField(
        max_length=300,
        blank=True,
        help_text="As written in the plan: 'Q4', 'By April 2025', 'Business as usual'...",
    )
    starts_on = models.DateField(
        null=True, blank=True, help_text="Left blank, worked out from the due period."
    )
    due_on = models.DateField(
        "due (end) date",
        null=True,
        blank=True,
        help_text="Left blank, worked out from the due period.",
    )
    lead = models.TextField(blank=True, help_text="Lead officer(s) or group, as written.")
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
        help_text="The agency that owns this action: its partner users may post progress.",
    )
    partners = models.TextField(blank=True)
    strategic_links = models.TextField(blank=True)
    expected_outcomes = models.TextField(blank=True)
    comments = models.TextField(blank=True, help_text="Progress comments from the plan itself.")
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    position = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    access = ModelAccess(
        partnership="strategy__partnership_id",
        owner_agency="lead_agency_id",
        audiences=LIBRARY_ONLY,
        audience_of=in_library,
    )

    search_fields = [
        index.SearchField("objective", boost=2),
        index.AutocompleteField("objective"),
        index.SearchField("key_deliverables"),
        index.SearchField("expected_outcomes"),
        index.SearchField("comments"),
        index.SearchField("lead"),
        index.SearchField("partners"),
        index.SearchField("strategic_links"),
        index.AutocompleteField("reference"),
        index.FilterField("id"),
        index.FilterField("reference"),
        index.FilterField("strategy"),
        index.FilterField("priority"),
        index.FilterField("lead_agency"),
        index.FilterField("rag"),
        index.FilterField("status"),
        index.FilterField("due_on"),
        index.RelatedFields(
            "strategy",
            [
                index.SearchField("title"),
                index.FilterField("partnership"),
                index.FilterField("is_active"),
            ],
        ),
    ]

    class Meta:
        ordering = ["strategy_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "reference"], name="unique_action_reference_per_strategy"
            )
        ]

    def __str__(self):
        summary = self.objective or "(action text missing in the source)"
        if len(summary) > 80:
            summary = summary[:77].rstrip() + "…"
        return f"{self.reference} {summary}"

    def save(self, *args, **kwargs):
        self.strategy_id = self.priority.strategy_id
        self.fill_dates_from_due_period()
        self.check_public_text()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.objective.strip() and not self.source_gap:
            raise ValidationError({"objective": "Say what the action is."})
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            raise ValidationError({"due_on": "The due date is before the start date."})
        self.check_public_text()

    # The plan's text the public reads on the strategy's page (and, for an action linked
    # to a published review's recommendation, on the review's page).
    PUBLIC_TEXT = {
        "objective": "the action's text",
        "key_deliverables": "the action's key deliverables",
        "expected_outcomes": "the action's expected outcomes",
        "comments": "the action's progress comments",
        "lead": "the action's lead",
        "partners": "the action's partners",
        "strategic_links": "the action's strategic links",
        "due_period": "the action's due period",
    }

    def public_texts(self):
        return [PublicText(f, label, getattr(self, f)) for f, label in self.PUBLIC_TEXT.items()]

    def check_public_text(self):
        """Refuse a change holding a confidential term of a published review whose
        recommendation this action delivers (its page shows the action)."""
        if self.pk is None:
            return  # a new action delivers no recommendation yet
        changed = changed_texts(self, self.PUBLIC_TEXT)
        if changed:
            terms = ConfidentialTerm.objects.filter(
                review__state__in=PUBLISHED_STATES,
                review__recommendations__action_links__action_id=self.pk,
            ).distinct()
            refuse_public_text(changed, terms)

    def get_admin_url(self):
        return reverse("learning_actions:inspect", args=[self.pk])

    def has_history(self):
        return self.progress_updates.exists() or self.recommendation_links.exists()

    def read_due_period(self):
        return parse_due_period(self.due_period, financial_year=self.strategy.period_start)

    def fill_dates_from_due_period(self):
        """Dates not given are worked out from the due period text (when it has them)."""
        if self.starts_on is None and self.due_on is None:
            period = self.read_due_period()
            self.starts_on, self.due_on = period.starts_on, period.due_on

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(
            self.due_on
            and self.due_on < today
            and self.status not in FINISHED_STATUSES
            and self.strategy.is_active
        )


class ThemeQuerySet(ScopedQuerySet):
    """`visible_to(user)`: national themes and those of the user's partnerships."""


class Theme(models.Model):
    """A theme of the learning (housing, information sharing, coercive control...).

    National (no partnership: every partnership may use it, only a system administrator
    changes it, since every partnership's public pages show it) or one partnership's own
    (only its own recommendations may carry it, its review managers change it):
    partnerships.access.SHARED_LIST."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_themes",
        help_text="Leave blank for a national theme every partnership may use (a system "
        "administrator's choice); otherwise the partnership whose own theme it is.",
    )

    objects = ThemeQuerySet.as_manager()

    access = SHARED_LIST

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def recommendation_audiences(prefix=""):
    """The access rule's audiences of a recommendation (or of rows reached from one
    through `prefix`, e.g. "recommendation__")."""
    published = Q(**{f"{prefix}review__state__in": PUBLISHED_STATES})
    shared = Q(**{f"{prefix}shared_with_oversight": True})
    return {
        Audience.LIBRARY: published,
        Audience.SHARED: ~published & shared,
        Audience.AGENCY: ~published & ~shared,
    }


class RecommendationQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the recommendations this user may read (the access rule)."""

    def unfinished(self):
        return self.exclude(status__in=FINISHED_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.unfinished().filter(target_date__lt=today)

    def due_between(self, start, end):
        """Unfinished recommendations whose target date is in [start, end]."""
        return self.unfinished().filter(target_date__range=(start, end))


class Recommendation(index.Indexed, ClusterableModel):
    """A recommendation made by a review, owned by an agency, delivered through actions."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(max_length=20, help_text="As numbered in the review's report.")
    text = models.TextField()
    level = models.CharField(max_length=20, choices=Level.choices)
    owning_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_recommendations",
        help_text="Required for a single-agency recommendation. Its partner users may post "
        "progress.",
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="recommendations")
    actions = models.ManyToManyField(
        Action,
        through="RecommendationAction",
        blank=True,
        related_name="recommendations",
    )
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, blank=True)
    evidence = models.TextField(
        "evidence of completion",
        blank=True,
        help_text="What shows the recommendation is done. Required to mark it complete.",
    )
    not_implemented_reason = models.TextField(
        "reason for not implementing",
        blank=True,
        help_text="Required when the partnership decides not to implement the recommendation.",
    )
    completed_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    shared_with_oversight = models.BooleanField(
        "share with oversight bodies",
        default=False,
        help_text="Before the review is published, let the bodies that oversee the "
        "partnership read this recommendation and its progress. Once published, they see it "
        "anyway.",
    )

    # A published review's recommendations join the partnership's library; before that
    # they are for the staff, the chair and the agency that owns each one (and the
    # oversight bodies, when the partnership shares it with them).
    access = ModelAccess(
        partnership="review__partnership_id",
        review="review_id",
        owner_agency="owning_agency_id",
        audiences=recommendation_audiences(),
        audience_of=lambda recommendation: recommendation.audience,
    )

    search_fields = [
        index.SearchField("text", boost=2),
        index.AutocompleteField("text"),
        index.SearchField("evidence"),
        index.AutocompleteField("number"),
        index.FilterField("id"),
        index.FilterField("number"),
        index.FilterField("review"),
        index.FilterField("level"),
        index.FilterField("owning_agency"),
        index.FilterField("status"),
        index.FilterField("rag"),
        index.FilterField("target_date"),
        index.FilterField("shared_with_oversight"),
        index.RelatedFields(
            "review",
            [
                index.SearchField("reference"),
                index.FilterField("partnership"),
                index.FilterField("chair"),
                index.FilterField("state"),
            ],
        ),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("id")]),
    ]

    class Meta:
        ordering = ["review_id", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="unique_recommendation_number_per_review"
            ),
            # The database refuses a completed recommendation with no evidence too.
            models.CheckConstraint(
                condition=~Q(status="complete") | ~Q(evidence=""),
                name="complete_recommendation_has_evidence",
            ),
            models.CheckConstraint(
                condition=~Q(status="not_implemented") | ~Q(not_implemented_reason=""),
                name="not_implemented_recommendation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.review.reference} recommendation {self.number}"

    def get_admin_url(self):
        return reverse("learning_recommendations:inspect", args=[self.pk])

    def has_history(self):
        return self.progress_updates.exists()

    @property
    def review_is_published(self):
        return self.review.state in PUBLISHED_STATES

    @property
    def audience(self):
        if self.review_is_published:
            return Audience.LIBRARY
        return Audience.SHARED if self.shared_with_oversight else Audience.AGENCY

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(
            self.target_date and self.target_date < today and self.status not in FINISHED_STATUSES
        )

    PUBLIC_TEXT = {
        "number": "the recommendation's number",
        "text": "the recommendation's text",
    }

    def public_texts(self):
        return [PublicText(f, label, getattr(self, f)) for f, label in self.PUBLIC_TEXT.items()]

    def check_public_text(self):
        """Refuse a change holding one of the case's confidential terms once the review is
        published (the library and the review's page show it; the publication gate reads
        the recommendations before that)."""
        if self.review_id is None or not self.review_is_published:
            return
        refuse_public_text(
            changed_texts(self, self.PUBLIC_TEXT),
            ConfidentialTerm.objects.filter(review_id=self.review_id),
        )

    def clean(self):
        super().clean()
        self.check_public_text()
        errors = {}
        if self.status == Status.COMPLETE and not self.evidence.strip():
            errors["evidence"] = "A recommendation cannot be marked complete without evidence."
        if self.status == Status.NOT_IMPLEMENTED and not self.not_implemented_reason.strip():
            errors["not_implemented_reason"] = (
                "Give the reason for the decision not to implement the recommendation."
            )
        if self.level == Level.SINGLE_AGENCY and self.owning_agency_id is None:
            errors["owning_agency"] = "Say which agency owns a single-agency recommendation."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.check_public_text()
        if self.status == Status.COMPLETE and self.completed_on is None:
            self.completed_on = timezone.localdate()
        elif self.status != Status.COMPLETE:
            self.completed_on = None
        super().save(*args, **kwargs)


class RecommendationAction(models.Model):
    """How an action of a strategy answers a review's recommendation."""

    recommendation = ParentalKey(
        Recommendation, on_delete=models.CASCADE, related_name="action_links"
    )
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="recommendation_links"
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="How this action answers the recommendation."
    )

    class Meta:
        verbose_name = "link to an action"
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "action"], name="one_link_per_recommendation_action"
            )
        ]

    def __str__(self):
        return f"{self.recommendation} → action {self.action.reference}"

    def save(self, *args, **kwargs):
        self.check_public_text()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            review, action = self.recommendation.review, self.action
        except ObjectDoesNotExist:
            return  # the form reports the missing choice itself
        if action.strategy.partnership_id != review.partnership_id:
            raise ValidationError(
                {"action": "Link only actions of the plans of the review's own partnership."}
            )
        self.check_public_text()

    def check_public_text(self):
        """Linking an action to a published review's recommendation shows the action (and
        its strategy's title) on the review's page: refuse it if either holds one of the
        case's confidential terms."""
        review = self.recommendation.review
        if review.state not in PUBLISHED_STATES:
            return
        texts = [
            PublicText("action", f"{text.label} (action {self.action.reference})", text.text)
            for text in self.action.public_texts()
        ]
        texts.append(
            PublicText("action", "the title of the action's strategy", self.action.strategy.title)
        )
        refuse_public_text(texts, ConfidentialTerm.objects.filter(review_id=review.pk))


class ProgressUpdate(AppendOnlyModel):
    """One dated report on an action or a recommendation. Added, never edited or deleted."""

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="progress_updates"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    review_action = models.ForeignKey(
        "learning.ReviewAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    reported_on = models.DateField(default=timezone.localdate)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices)
    status = models.CharField(
        max_length=20, choices=Status.choices, blank=True, help_text="Blank: unchanged."
    )
    comment = models.TextField()
    evidence = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, help_text="Kept in case the account is removed.")
    created_at = models.DateTimeField(default=timezone.now)

    records_name = "Progress updates"

    class Meta:
        ordering = ["-reported_on", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(action__isnull=False)
                    & Q(recommendation__isnull=True)
                    & Q(review_action__isnull=True)
                )
                | (
                    Q(action__isnull=True)
                    & Q(recommendation__isnull=False)
                    & Q(review_action__isnull=True)
                )
                | (
                    Q(action__isnull=True)
                    & Q(recommendation__isnull=True)
                    & Q(review_action__isnull=False)
                ),
                name="progress_update_on_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.reported_on:%Y-%m-%d} {self.get_rag_display()}: {self.subject}"

    @property
    def subject(self):
        if self.action_id:
            return self.action
        return self.recommendation if self.recommendation_id else self.review_action
