"""The family involvement log of a case (statutory guidance 2016, section 6; the SAR
quality markers): the family members and friends the review is in touch with, each
contact, consent and preferences, the specialist advocate, the tribute, the pseudonym the
family agreed, their reading of the draft, the notice given before publication and their
feedback at the end.

Family members are not users. Their names are for the staff and the chair only, and
every name recorded is put on the case's confidential list (reviews.family), so the
publication gate refuses a public paper that holds one. The audit trail never holds a
name: the panel reads it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnerships.access import Audience, ModelAccess, ScopedQuerySet

from .review import Review


def for_the_case(obj):
    return Audience.CASE


# Staff and the chair only (partnerships.access: Audience.CASE).
CASE_ONLY = {Audience.CASE: Q()}


class FamilyQuerySet(ScopedQuerySet):
    """`visible_to(user)`: the case's staff and its chair (the access rule)."""


class FamilyMember(models.Model):
    class Kind(models.TextChoices):
        FAMILY = "family", "Family member"
        FRIEND = "friend", "Friend"
        OTHER = "other", "Other (neighbour, colleague...)"

    class Consent(models.TextChoices):
        NOT_ASKED = "not_asked", "Not asked yet"
        GIVEN = "given", "Agreed to take part"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrew"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="family_members")
    name = models.CharField(
        max_length=200, help_text="Kept confidential: added to the case's confidential list."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FAMILY)
    relationship = models.CharField(
        max_length=100, blank=True, help_text="To the person the review is about, e.g. mother."
    )
    consent = models.CharField(max_length=10, choices=Consent.choices, default=Consent.NOT_ASKED)
    consent_on = models.DateField("consent recorded on", null=True, blank=True)
    preferences = models.TextField(
        blank=True, help_text="How and when they wish to be contacted; what they wish to see."
    )
    advocate = models.CharField(
        "specialist advocate", max_length=200, blank=True, help_text="e.g. AAFDA."
    )
    referred_to_advocate_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    objects = FamilyQuerySet.as_manager()
    access = ModelAccess(
        partnership="review__partnership_id",
        review="review_id",
        audiences=CASE_ONLY,
        audience_of=for_the_case,
    )

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        # Never the name: str() ends up in logs and the history.
        return self.relationship or self.get_kind_display()


class FamilyContact(models.Model):
    class Way(models.TextChoices):
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"
        PHONE = "phone", "Telephone"
        MEETING = "meeting", "Meeting in person"
        VIDEO = "video", "Video call"
        THROUGH_ADVOCATE = "advocate", "Through their advocate"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="family_contacts")
    member = models.ForeignKey(
        FamilyMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text="Who was contacted (empty: the family as a whole).",
    )
    contacted_on = models.DateField()
    way = models.CharField(max_length=10, choices=Way.choices)
    by = models.CharField("contact made by", max_length=200, help_text="e.g. the chair.")
    outcome = models.TextField()

    objects = FamilyQuerySet.as_manager()
    access = FamilyMember.access

    class Meta:
        ordering = ["contacted_on", "pk"]

    def __str__(self):
        return f"{self.get_way_display()} on {self.contacted_on}"


class FamilyInvolvement(models.Model):
    """What the review agreed with the family as a whole: one per case."""

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="family_involvement"
    )
    tribute = models.TextField(blank=True, help_text="In the family's words.")
    tribute_may_be_published = models.BooleanField(default=False)
    pseudonym_agreed = models.CharField(
        "pseudonym agreed with the family", max_length=100, blank=True
    )
    pseudonym_agreed_on = models.DateField(null=True, blank=True)
    draft_shared_on = models.DateField("draft shared with the family on", null=True, blank=True)
    draft_comments = models.TextField("the family's comments on the draft", blank=True)
    draft_response = models.TextField("how the report responded", blank=True)
    notice_given_on = models.DateField(
        "notice of publication given on",
        null=True,
        blank=True,
        help_text="Required before the review is published.",
    )
    no_notice_reason = models.TextField(
        "reason no notice is needed",
        blank=True,
        help_text="e.g. no family could be traced, or the family asked not to be told.",
    )
    feedback = models.TextField("the family's feedback at the end", blank=True)
    feedback_on = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = FamilyQuerySet.as_manager()
    access = FamilyMember.access

    class Meta:
        verbose_name = "family involvement"

    def __str__(self):
        return "Family involvement"

    @property
    def publication_notice_settled(self):
        return self.notice_given_on is not None or bool(self.no_notice_reason.strip())
