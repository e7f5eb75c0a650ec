"""Remove a user's second factors (lost phone and recovery codes)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import two_factor


class Command(BaseCommand):
    help = (
        "Reset a user's two-factor authentication: they set up an authenticator app "
        "again at their next sign-in. Check who is asking first."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--by", default="", help="Who authorised the reset (audited).")

    def handle(self, username, by, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user called “{username}”.") from exc
        two_factor.reset(user, by=by or "the reset_two_factor command")
        self.stdout.write(f"Two-factor authentication reset for {username}.")
