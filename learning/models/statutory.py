"""The distribution of a Safeguarding Adults Board's annual report to the recipients the
Care Act 2014 names (Schedule 2, paragraph 4(2)): one row per recipient it was sent to."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnerships.access import Audience, ModelAccess
from partnerships.models import Partnership


class Recipient(models.TextChoices):
    """Care Act 2014, Schedule 2, paragraph 4(2)(a)-(d). The local policing body is the
    police and crime commissioner (or its equivalent), not the chief constable."""

    CHIEF_EXECUTIVE = "chief_executive", "Chief executive of the local authority (4(2)(a))"
    LEADER = "leader", "Leader of the local authority (4(2)(a))"
    POLICING_BODY = "policing_body", "Local policing body (4(2)(b))"
    HEALTHWATCH = "healthwatch", "Local Healthwatch organisation (4(2)(c))"
    HWB_CHAIR = "hwb_chair", "Chair of the Health and Wellbeing Board (4(2)(d))"


class AnnualReportDistribution(models.Model):
    """The SAB annual report for a financial year, sent to one statutory recipient."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="annual_report_distributions"
    )
    year = models.PositiveSmallIntegerField(help_text="Financial year starting 1 April.")
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    recipient_name = models.CharField(max_length=200, blank=True)
    sent_on = models.DateField()
    method = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    # The partnership's staff, and its partner users who read its annual report.
    access = ModelAccess(
        partnership="partnership_id",
        audiences={Audience.LIBRARY: Q()},
        audience_of=lambda row: Audience.LIBRARY,
    )

    class Meta:
        ordering = ["partnership", "year", "sent_on", "pk"]

    def __str__(self):
        return f"{self.partnership} {self.year}: {self.get_recipient_display()} ({self.sent_on})"
