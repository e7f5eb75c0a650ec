"""Print the current sign-in code of the demo users (development only)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import demo_device_key, demo_secret
from accounts.two_factor import code_at


class Command(BaseCommand):
    help = "Print the current two-factor code shared by the demo users (DEBUG only)."

    def handle(self, *args, **options):
        secret = demo_secret()
        if not secret:
            raise CommandError(
                "No demo two-factor secret: this works only with the development settings "
                "(DEBUG and DEMO_TWO_FACTOR_SECRET)."
            )
        self.stdout.write(code_at(TOTPDevice(key=demo_device_key(secret))))
