"""Case work done in the background (config.background)."""

from django.core.mail import EmailMultiAlternatives

from config.background import background_task


@background_task
def send_email(subject, body, html, to):
    """Send one message. A retry after a failure cannot send it twice: a message that
    was handed to the mail server has been sent, and the task ended there."""
    message = EmailMultiAlternatives(subject, body, to=to)
    message.attach_alternative(html, "text/html")
    message.send()
