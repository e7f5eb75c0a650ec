"""What partnership administrators (and system administrators) do to a partnership's
people, each written to its onboarding audit trail (OnboardingEvent):

- `invite`: give a person an account with a role in the partnership. A new account has
  no usable password; the email carries a one-time link to set one, and the first
  sign-in then asks for an authenticator app (accounts.two_factor), as for everyone. An
  existing account (the same email) is given the role and told so.
- `change_role`: the role their account holds in this partnership.
- `deactivate`: take every role they hold in this partnership away. Their account is
  switched off only if it holds no role anywhere else: another partnership's people are
  never touched.
- `add_agency` / `remove_agency`: which agencies sit on the partnership.

`name_administrators` is the system administrator's step after creating a partnership.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .access import facts_of, seats_changed
from .models import Agency, Membership, Role
from .onboarding import OnboardingEvent, PartnershipAgency, Person

Action = OnboardingEvent.Action


def may_administer(user, partnership):
    facts = facts_of(user)
    return facts.everything or partnership.pk in facts.administered_partnerships


def check(user, partnership):
    if not may_administer(user, partnership):
        raise PermissionDenied("Only this partnership's administrators may do that.")


def record(partnership, actor, action, subject, detail=""):
    return OnboardingEvent.objects.create(
        partnership=partnership,
        actor=actor,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else "system",
        action=action,
        subject=str(subject)[:200],
        detail=detail[:300],
    )


def set_password_link(user, request=None):
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return request.build_absolute_uri(path) if request else path


def _hold_role(person, role):
    """The person's account holds exactly `role` in the partnership."""
    Membership.objects.filter(user=person.user, partnership=person.partnership).exclude(
        role=role
    ).delete()
    Membership.objects.update_or_create(
        user=person.user,
        partnership=person.partnership,
        role=role,
        defaults={"agency": person.agency},
    )
    seats_changed()


@transaction.atomic
def invite(person, role, actor, request=None):
    """Give `person` an account holding `role` here and email them. Returns the account."""
    check(actor, person.partnership)
    if not person.email:
        raise ValidationError("An email address is needed to invite someone.")
    if role not in Role.values:
        raise ValidationError("Choose a role.")
    User = get_user_model()
    user = person.user or User.objects.filter(email__iexact=person.email).first()
    new_account = user is None
    if new_account:
        first, _, last = person.name.partition(" ")
        user = User(username=person.email.lower(), email=person.email, first_name=first)
        user.last_name = last
        user.set_unusable_password()
        user.save()
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    person.user, person.role, person.active = user, role, True
    person.save()
    _hold_role(person, role)
    partnership = person.partnership
    label = Role(role).label
    if new_account:
        body = (
            f"You have been invited to {partnership} as {label}.\n\n"
            f"Set your password here (the link works once):\n{set_password_link(user, request)}\n\n"
            "When you first sign in you will be asked to set up an authenticator app."
        )
    else:
        body = f"Your account now holds the role {label} in {partnership}."
    send_mail(f"Your access to {partnership}", body, None, [person.email])
    record(partnership, actor, Action.INVITED, person, f"{label}; email sent to {person.email}")
    return user


@transaction.atomic
def change_role(person, role, actor):
    check(actor, person.partnership)
    if not person.user_id:
        raise ValidationError("Invite them first: a contact without an account holds no role.")
    before = person.get_role_display()
    person.role = role
    person.save(update_fields=["role"])
    _hold_role(person, role)
    record(
        person.partnership, actor, Action.ROLE_CHANGED, person, f"{before} -> {Role(role).label}"
    )


@transaction.atomic
def deactivate(person, actor):
    check(actor, person.partnership)
    user = person.user
    if user is not None:
        Membership.objects.filter(user=user, partnership=person.partnership).delete()
        seats_changed()
        if not user.is_superuser and not user.memberships.exists():
            user.is_active = False
            user.save(update_fields=["is_active"])
    person.active, person.role = False, ""
    person.save(update_fields=["active", "role"])
    record(person.partnership, actor, Action.DEACTIVATED, person)


@transaction.atomic
def add_agency(partnership, name, actor):
    check(actor, partnership)
    agency, _ = Agency.objects.get_or_create(name=name.strip())
    link, created = PartnershipAgency.objects.get_or_create(partnership=partnership, agency=agency)
    if created:
        record(partnership, actor, Action.AGENCY_ADDED, agency)
    return link


@transaction.atomic
def remove_agency(link, actor):
    check(actor, link.partnership)
    record(link.partnership, actor, Action.AGENCY_REMOVED, link.agency)
    link.delete()


@transaction.atomic
def name_administrators(partnership, people, actor, request=None):
    """A system administrator names the partnership's administrators: (name, email)
    pairs, each recorded as a person and invited with the role."""
    if not facts_of(actor).everything:
        raise PermissionDenied("Only a system administrator names partnership administrators.")
    for name, email in people:
        person, _ = Person.objects.get_or_create(
            partnership=partnership, email=email, defaults={"name": name}
        )
        invite(person, Role.PARTNERSHIP_ADMIN, actor, request)
        record(partnership, actor, Action.ADMINISTRATOR_NAMED, person)
