"""Recording a case's findings, the links from its missed opportunities, and its learning
event; each goes into the case's history (reviews.events)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from reviews.events import record_event

from .models import MissedOpportunityLink


@transaction.atomic
def save_finding(form, user):
    adding = form.instance.pk is None
    finding = form.save()
    record_event(
        finding.review,
        user,
        "finding_added" if adding else "finding_changed",
        f"Finding {finding.number} {'added' if adding else 'changed'}.",
    )
    return finding


@transaction.atomic
def link_opportunity(entry, user, finding=None, theme=None):
    """Link a missed opportunity of the combined chronology to a finding or a theme."""
    link = MissedOpportunityLink(entry=entry, finding=finding, theme=theme)
    link.clean()
    if MissedOpportunityLink.objects.filter(entry=entry, finding=finding, theme=theme).exists():
        raise ValidationError("That link is already recorded.")
    link.save()
    record_event(
        entry.review,
        user,
        "missed_opportunity_linked",
        f"A missed opportunity ({entry.agency.name}, {entry.happened_on:%d %B %Y}) was linked "
        f"to {link}.",
    )
    return link


@transaction.atomic
def save_learning_event(form, attendance, user):
    adding = form.instance.pk is None
    event = form.save()
    attendance.instance = event
    attendance.save()
    agencies = event.attendance.count()
    record_event(
        event.review,
        user,
        "learning_event_recorded" if adding else "learning_event_changed",
        f"{event.title} on {event.held_on:%d %B %Y} {'recorded' if adding else 'changed'}: "
        f"{event.attendee_count} attendees from {agencies} "
        f"agenc{'y' if agencies == 1 else 'ies'}, {event.themes.count()} themes raised, "
        f"{event.findings.count()} findings informed.",
        effective_on=event.held_on,
    )
    return event


def learning_event_rows(review):
    """What the Home Office pack's case summary says of the learning events: counts and
    dates, never a name (attendance is by agency)."""
    events = list(review.learning_events.prefetch_related("attendance"))
    agencies = {a.agency_id for event in events for a in event.attendance.all()}
    return [
        ("Practitioner learning events", str(len(events))),
        ("Learning event dates", "; ".join(e.held_on.isoformat() for e in events)),
        ("Practitioners attending learning events", str(sum(e.attendee_count for e in events))),
        ("Agencies attending learning events", str(len(agencies))),
    ]
