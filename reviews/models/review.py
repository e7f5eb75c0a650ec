"""A review case (DHR/DARDR, SAR, joint): its facts, deadlines and state machine."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField
from modelcluster.models import ClusterableModel
from wagtail.models import PageViewRestriction

from partnerships.access import Audience, ModelAccess, ScopedQuerySet
from partnerships.models import Agency, Partnership

from .. import deadlines
from ..stages import COMPLETION_PHASE, DECISION_PHASE, PUBLISHED_STATES, State
from .transitions import ReviewTransitions
from .vocabulary import (
    HOME_OFFICE_KINDS,
    AgeBand,
    CauseOfDeath,
    Indicator,
    LocationOfDeath,
    Relationship,
    ReviewKind,
    Sex,
    Timescale,
)


class ReviewQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the cases this user may open (the access rule)."""

    def public(self):
        """Reviews the public may read: published, with a live page nobody restricted.

        The one meaning of "public" for a review: the feed, the sitemap, the library,
        search, the listing and the public downloads all build on it, so taking the page
        down (unpublishing it) withdraws the review from all of them at once."""
        # The page model is reached through the relation: it lives in a module that
        # imports this one.
        pages = self.model._meta.get_field("public_page").related_model.objects
        # Wagtail's PageQuerySet.public() reads every view restriction first (a query per
        # use); the same rule as one subquery: no restriction on the page or an ancestor.
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        public_pages = pages.filter(live=True).exclude(Exists(restricted))
        return self.filter(
            state__in=PUBLISHED_STATES, pk__in=public_pages.values("review_id")
        ).annotate(known_public=Value(True))

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(state__in=DECISION_PHASE, decision_due_on__lt=today)
            | Q(state__in=COMPLETION_PHASE, completion_due_on__lt=today)
        )

    def with_due_on(self):
        """Annotate `due_on`, the running clock's due date (None when no clock runs), so
        a list can be sorted by it."""
        return self.annotate(
            due_on=Case(
                When(state__in=DECISION_PHASE, then=F("decision_due_on")),
                When(state__in=COMPLETION_PHASE, then=F("completion_due_on")),
                default=None,
                output_field=models.DateField(),
            )
        )

    def due_between(self, start, end):
        """Cases whose running clock ends in [start, end]."""
        return self.filter(
            Q(state__in=DECISION_PHASE, decision_due_on__range=(start, end))
            | Q(state__in=COMPLETION_PHASE, completion_due_on__range=(start, end))
        )


class Review(ReviewTransitions, ConcurrentTransitionMixin, ClusterableModel):
    """One review case, from notification to closure. Its transitions are in
    transitions.py (ReviewTransitions)."""

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

    # A case is for its partnership's staff, its chair and its panel (partnerships.access).
    access = ModelAccess(
        partnership="partnership_id",
        review="pk",
        audiences={Audience.PANEL: Q()},
        audience_of=lambda review: Audience.PANEL,
    )

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

    @property
    def is_public(self):
        # Rows fetched through public() know it already (one query for a whole list).
        known = getattr(self, "known_public", None)
        if known is not None:
            return known
        return Review.objects.public().filter(pk=self.pk).exists()

    def get_public_url(self, request=None):
        """The address of the review's public page while the review is public, else None."""
        if self.pk is None or not self.is_public:
            return None
        return self.public_page.get_url(request)

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
        due = deadlines.compute_due_dates(self, Timescale.months_for(self.kind))
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
