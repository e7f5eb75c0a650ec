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

from .. import deadlines, terminology
from ..papers.public_text import changed_texts, refuse_public_text
from ..people_vocabulary import DeathType, Known, PersonRole
from ..stages import COMPLETION_PHASE, DECISION_PHASE, PUBLISHED_STATES, State
from .guidance import GuidanceVersion
from .transitions import ReviewTransitions
from .vocabulary import (
    KIND_CRITERIA,
    CauseOfDeath,
    Indicator,
    LocationOfDeath,
    ReviewKind,
    Timescale,
)


def known_values(values):
    """Distinct recorded values, "not known" left out, in a stable order."""
    return sorted({str(value) for value in values if value and value != Known.UNKNOWN})


def public_review_rule(prefix=""):
    """The review's part of the public rule (Review.objects.public): published, and not
    past its retention date: a retention date that has come withdraws the review at once,
    even before the daily take_down_due_reviews command unpublishes its page and records
    it. `prefix` reaches the review from another model ("review__")."""
    return Q(**{f"{prefix}state__in": PUBLISHED_STATES}) & ~Q(
        **{f"{prefix}take_down_on__lte": timezone.localdate()}
    )


def public_page_rule():
    """The page's part of the public rule, for a query of review pages: live, and no view
    restriction on the page or an ancestor. Wagtail's PageQuerySet.public() reads every
    view restriction first (a query per use); this is the same test as one subquery."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Q(live=True) & ~Exists(restricted)


class ReviewQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the cases this user may open (the access rule)."""

    def public(self):
        """Reviews the public may read: published, with a live page nobody restricted,
        not past their retention date (take_down_on).

        The one meaning of "public" for a review: the feed, the sitemap, the library,
        search, the listing and the public downloads all build on it, so taking the page
        down (unpublishing it) withdraws the review from all of them at once. The reviews
        index reads the same two parts (public_review_rule, public_page_rule) from the page
        side (ReviewIndexPage.published_pages)."""
        # The page model is reached through the relation: it lives in a module that
        # imports this one.
        pages = self.model._meta.get_field("public_page").related_model.objects
        # EXISTS for this review's page, not IN (every public page): SQLite builds an IN
        # list in full even when one review is asked about.
        has_public_page = Exists(pages.filter(public_page_rule(), review=OuterRef("pk")))
        return self.filter(public_review_rule(), has_public_page).annotate(known_public=Value(True))

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

    def meeting(self, **flags):
        """Reviews that meet a criterion with these flags (e.g. care_act_basis=True),
        by their kind or by a criterion added to them."""
        criteria = self.model._meta.get_field("criteria").related_model.objects.filter(**flags)
        keys = set(criteria.values_list("key", flat=True))
        kinds = [kind for kind, implied in KIND_CRITERIA.items() if keys & set(implied)]
        added = self.model.criteria.through.objects.filter(criterion__in=criteria)
        return self.filter(Q(kind__in=kinds) | Q(pk__in=added.values("review_id")))

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
    take_down_on = models.DateField(
        "take down on",
        null=True,
        blank=True,
        help_text="Retention: from this date the public page, its downloads, feed, sitemap and "
        "search entries are withdrawn (the daily take_down_due_reviews command records it). "
        "Leave empty to keep a published review public.",
    )

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

    # Joint and multi-criteria reviews (models/joint.py): partnerships commissioning the
    # review with its lead partnership, and the criteria it meets besides its kind's own.
    co_commissioners = models.ManyToManyField(
        Partnership,
        through="reviews.CoCommissioner",
        blank=True,
        related_name="co_commissioned_reviews",
    )
    criteria = models.ManyToManyField(
        "reviews.Criterion",
        blank=True,
        related_name="reviews",
        verbose_name="further criteria met",
        help_text="Criteria for review the case meets besides its kind's own (a joint "
        "review already meets those of a DHR and a SAR). Each brings the outputs it "
        "requires: sends, the Home Office's quality assurance, a Care Act basis.",
    )

    # Anonymised facts for statistics and search facets. The people in the review (victims,
    # perpetrators or alleged abusers, their characteristics and relationships) are
    # ReviewPerson and ReviewPair rows (models/people.py). No names here: the
    # confidential record of identifying details is kept apart (see documents).
    death_type = models.CharField(
        max_length=30,
        choices=DeathType.choices,
        default=DeathType.UNKNOWN,
        help_text="As the Home Office's analyses of DHRs categorise deaths. A suspected "
        "victim suicide still records the abuser among the people in the review.",
    )
    homicide_suicide = models.CharField(
        "homicide followed by the perpetrator's suicide",
        max_length=10,
        choices=Known.choices,
        default=Known.UNKNOWN,
    )
    children_in_household = models.CharField(
        max_length=10, choices=Known.choices, default=Known.UNKNOWN
    )
    cause_of_death = models.CharField(max_length=20, choices=CauseOfDeath.choices, blank=True)
    location_of_death = models.CharField(max_length=20, choices=LocationOfDeath.choices, blank=True)
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="reviews",
        verbose_name="abuse types and vulnerabilities",
    )

    guidance = models.ForeignKey(
        GuidanceVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name="guidance followed",
        help_text="The guidance whose stages and timescales the review follows. Left blank, "
        "the partnership's version, else the default; none for a kind no version governs "
        "(it follows the timescales set for its kind).",
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
        indexes = [
            # The newest public reviews (the feed) and the first and latest publication
            # dates (the reviews index's years) are read from the end of an index, not
            # by sorting every published review. SQLite, without table statistics,
            # prefers an index that starts with the state; PostgreSQL walks the dates.
            models.Index(fields=["state", "published_on"], name="review_state_published_on"),
            models.Index(fields=["published_on"], name="review_published_on"),
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
    def kind_name(self):
        """What this review is called by the law in force when it was published (or
        today): "Domestic Homicide Review" until the 2024 Act's s19 commences."""
        return terminology.review_name(self.kind, self.published_on)

    @property
    def criteria_met(self):
        """Every criterion the review meets: its kind's own and those added. Read once per
        object (reviews.signals forgets it when the criteria change)."""
        cached = self.__dict__.get("_criteria_met")
        if cached is not None and cached[0] == self.kind:
            return cached[1]
        Criterion = self._meta.get_field("criteria").related_model
        condition = Q(key__in=KIND_CRITERIA.get(self.kind, ()))
        if self.pk is not None:
            condition |= Q(reviews=self)
        met = list(Criterion.objects.filter(condition).distinct())
        self.__dict__["_criteria_met"] = (self.kind, met)
        return met

    def forget_criteria(self):
        self.__dict__.pop("_criteria_met", None)

    @property
    def criterion_keys(self):
        return frozenset(criterion.key for criterion in self.criteria_met)

    @property
    def needs_home_office(self):
        """Whether a criterion the review meets sends its report to the Home Office's QA."""
        return any(criterion.home_office_qa for criterion in self.criteria_met)

    @property
    def held_under_care_act(self):
        """Whether a criterion the review meets is the Care Act 2014, s44's."""
        return any(criterion.care_act_basis for criterion in self.criteria_met)

    def published_characteristics(self):
        """What may be published about the people in the review, by the rule in
        docs/security.md ("People in a review"): every pair's relationship, every victim's
        age band and the death type, known values only. The public filters and the open
        data both read it; nothing else about a person is published."""
        victims = [p for p in self.people.all() if p.role == PersonRole.VICTIM]
        return {
            "relationships": known_values(pair.relationship for pair in self.pairs.all()),
            "victim_age_bands": known_values(victim.age_band for victim in victims),
            "death_type": "" if self.death_type == DeathType.UNKNOWN else self.death_type,
        }

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

    def follows_stage(self, state):
        """Whether the guidance this review follows lists `state` among its stages."""
        return self.guidance is not None and self.guidance.has_stage(state)

    @property
    def completion_timescale(self):
        """The Timescale row the review's completion is measured against, with its source."""
        return Timescale.objects.filter(
            kind=self.kind, guidance_id=self.guidance_id, milestone=deadlines.Milestone.COMPLETION
        ).first()

    def refresh_deadlines(self):
        due = deadlines.compute_due_dates(self, Timescale.months_for(self.kind, self.guidance_id))
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

    # Text of the case the public reads once it is published (the feed shows the pseudonym);
    # checked against the confidential list when it changes (reviews.papers.public_text).
    PUBLIC_TEXT = {
        "pseudonym": "the pseudonym (shown in the feed of published reviews)",
        "summary": "the case's short anonymised summary",
    }

    def check_public_text(self, update_fields=None):
        """Refuse (PublicTextRefused) a change to the public text of a published case that
        holds one of its confidential terms. Nothing to check before publication: the gate
        reads the same fields then."""
        if self.pk is None or self.state not in PUBLISHED_STATES:
            return
        labels = {
            field: label
            for field, label in self.PUBLIC_TEXT.items()
            if update_fields is None or field in update_fields
        }
        if labels:
            refuse_public_text(changed_texts(self, labels), self.confidential_terms.all())

    def clean(self):
        super().clean()
        self.check_public_text()

    def save(self, *args, **kwargs):
        self.check_public_text(kwargs.get("update_fields"))
        if not self.reference:
            self.assign_reference()
        if self.pk is None and self.guidance_id is None:
            self.guidance = GuidanceVersion.for_new_review(self.partnership_id, self.kind)
        self.refresh_deadlines()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "decision_due_on",
                "completion_due_on",
                "updated_at",
            }
        super().save(*args, **kwargs)
