"""Who reviews a case: its independent chair and its panel, changed from the case page
(and, with the rest of the case's details, from its edit form). Each change is one
sentence in the case's history.

Who may be chosen is the case's partnership's people in that role (reviews.forms
`users_with_role`) and its own or national agencies (partnerships.access `may_choose`);
these functions check it again, whatever the form offered.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.people import full_name
from partnerships.access import may_choose
from partnerships.models import Role

from .events import record_event
from .models import PanelMembership, Review


def joined_sentence(user, agency=None):
    seat = f" for {agency}" if agency else ""
    return f"{full_name(user)} joined the panel{seat}."


def left_sentence(user):
    return f"{full_name(user)} left the panel."


def holds_role_for(user, role, partnership_id):
    return user.memberships.filter(partnership_id=partnership_id, role=role).exists()


def appoint_chair(review, chair, user):
    """Make `chair` the case's independent chair (replacing any other)."""
    if not holds_role_for(chair, Role.CHAIR, review.partnership_id):
        raise ValidationError(
            f"{full_name(chair)} is not an independent chair for {review.partnership}."
        )
    if review.chair_id == chair.pk:
        return review
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        before = review.chair
        review.chair = chair
        review.save(update_fields=["chair", "updated_at"])
        sentence = f"{full_name(chair)} appointed as the independent chair"
        sentence += f", in place of {full_name(before)}." if before else "."
        record_event(review, user, "chair_chosen", sentence)
    return review


def add_panel_member(review, member, user, agency=None, role=""):
    if not holds_role_for(member, Role.PANEL_MEMBER, review.partnership_id):
        raise ValidationError(
            f"{full_name(member)} is not a panel member for {review.partnership}."
        )
    if not may_choose(agency, review.partnership_id):
        raise ValidationError(f"{agency} is another partnership's agency.")
    try:
        with transaction.atomic():
            seat = PanelMembership.objects.create(
                review=review, user=member, agency=agency, role=role
            )
            record_event(review, user, "panel_member_added", joined_sentence(member, agency))
    except IntegrityError as exc:  # one seat per person (the constraint decides, not a race)
        raise ValidationError(f"{full_name(member)} is already on the panel.") from exc
    return seat


def remove_panel_member(seat, user):
    with transaction.atomic():
        seat.delete()
        record_event(seat.review, user, "panel_member_removed", left_sentence(seat.user))
