"""Account events from Django's and django-axes' signals."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .events import Kind, record


@receiver(user_logged_in)
def password_accepted(sender, request, user, **kwargs):
    record(Kind.LOGIN, user=user, request=request)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record(Kind.LOGIN_FAILED, username=credentials.get("username", ""), request=request)


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    record(Kind.LOCKED_OUT, username=username or "", request=request)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGOUT, user=user, request=request)


@receiver(post_save, sender=get_user_model())
def password_changed(sender, instance, created, **kwargs):
    # set_password() keeps the new raw password in _password until the save completes,
    # whichever form (own change, reset by email, set by an administrator) called it.
    if not created and getattr(instance, "_password", None) is not None:
        record(Kind.PASSWORD_CHANGED, user=instance)
