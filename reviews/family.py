"""Recording the family involvement log (reviews.models.family).

Every name of a family member or friend goes on the case's confidential list as it is
recorded (or changed), so the publication gate refuses a public paper that holds it.
The history says what was recorded, never a name (the panel reads the history)."""

from django.db import transaction

from .events import record_event
from .models import FamilyContact, FamilyInvolvement, FamilyMember
from .papers.confidential import add_confidential_term, already_listed, checked_spelling


def keep_name_confidential(review, name, user):
    """Put `name` on the case's confidential list unless it is there already."""
    name = checked_spelling(name, "A name")
    if not already_listed(review, [name]):
        add_confidential_term(review, name, user)
    return name


@transaction.atomic
def save_family_member(member, user):
    """Add or change a family member or friend; their name joins the confidential list."""
    adding = member.pk is None
    member.name = keep_name_confidential(member.review, member.name, user)
    member.save()
    what = "added" if adding else "changed"
    record_event(
        member.review,
        user,
        f"family_member_{what}",
        f"Family involvement: a {member.get_kind_display().lower()} was {what} "
        f"(consent: {member.get_consent_display().lower()}"
        + (f"; referred to {member.advocate}" if member.advocate else "")
        + ").",
    )
    return member


@transaction.atomic
def record_family_contact(contact, user):
    contact.save()
    record_event(
        contact.review,
        user,
        "family_contact",
        f"Family involvement: contact by {contact.get_way_display().lower()}.",
        effective_on=contact.contacted_on,
    )
    return contact


# What the history says when one of these is recorded or changed.
INVOLVEMENT_STEPS = {
    "tribute": "the tribute",
    "tribute_may_be_published": "whether the tribute may be published",
    "pseudonym_agreed": "the pseudonym agreed with the family",
    "draft_shared_on": "the date the draft was shared with the family",
    "draft_comments": "the family's comments on the draft",
    "draft_response": "how the report responded to the family",
    "notice_given_on": "the notice of publication given to the family",
    "no_notice_reason": "the reason no notice of publication is needed",
    "feedback": "the family's feedback",
}


def involvement_of(review):
    try:
        return review.family_involvement
    except FamilyInvolvement.DoesNotExist:
        return FamilyInvolvement(review=review)


@transaction.atomic
def save_family_involvement(involvement, user, changed=()):
    """Save what was agreed with the family; the history names each part changed."""
    involvement.updated_by = user
    involvement.save()
    named = [INVOLVEMENT_STEPS[name] for name in changed if name in INVOLVEMENT_STEPS]
    if named:
        record_event(
            involvement.review,
            user,
            "family_involvement",
            "Family involvement recorded: " + "; ".join(named) + ".",
        )
    return involvement


def family_summary(review):
    """What the Home Office pack and the case page say about family involvement: counts and
    dates, never a name."""
    involvement = involvement_of(review)
    members = FamilyMember.objects.filter(review=review)
    return {
        "members": members.count(),
        "taking_part": members.filter(consent=FamilyMember.Consent.GIVEN).count(),
        "contacts": FamilyContact.objects.filter(review=review).count(),
        "advocate": members.exclude(advocate="").exists(),
        "draft_shared_on": involvement.draft_shared_on,
        "notice_given_on": involvement.notice_given_on,
    }
