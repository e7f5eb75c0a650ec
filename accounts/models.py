"""The account audit trail: who signed in, failed, was locked out, enrolled a second
factor, used a recovery code, changed a password or signed out. Append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from security.records import AppendOnlyModel


class AccountEvent(AppendOnlyModel):
    class Kind(models.TextChoices):
        LOGIN = "login", "Password accepted"
        LOGIN_FAILED = "login_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out after repeated failures"
        UNLOCKED = "unlocked", "Lockout lifted by an administrator"
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", "Authenticator app set up"
        TWO_FACTOR_VERIFIED = "two_factor_verified", "Second factor accepted"
        TWO_FACTOR_FAILED = "two_factor_failed", "Second factor refused"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        RECOVERY_CODES_REPLACED = "recovery_codes_replaced", "New recovery codes issued"
        TWO_FACTOR_RESET = "two_factor_reset", "Two-factor authentication reset"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        LOGOUT = "logout", "Signed out"

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=40, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_events",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="As typed or as it was: kept if the account goes."
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    records_name = "Account events"

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.username or '-'}: {self.get_kind_display()}"
        )
