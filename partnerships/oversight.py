"""Oversight bodies: those who watch several partnerships without working in any of them
(the Domestic Abuse Commissioner's office, a police and crime commissioner, a regional
network, a Safeguarding Adults Board across community safety partnerships).

Their members read, across the partnerships the body covers (or every partnership),
what is published there plus what a partnership shares with oversight bodies; they
change nothing. What they see is one row of the access rule (partnerships.access,
the `overseen_partnerships` fact); the body only says which partnerships and who.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, Q


class OversightBody(models.Model):
    name = models.CharField(max_length=200, unique=True)
    covers_all = models.BooleanField(
        "covers every partnership",
        default=False,
        help_text="Tick for a national body: it then oversees every partnership, including "
        "those added later.",
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="oversight_bodies",
        help_text="The partnerships it oversees (ignored when it covers every partnership).",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="oversight_bodies",
        help_text="The people who read on its behalf.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "oversight bodies"

    def __str__(self):
        return self.name


def partnerships_overseen_by(user):
    """The ids of the partnerships this user oversees, as an unevaluated queryset (the
    access rule uses it as a subquery)."""
    # The partnership model through the relation: partnerships.models imports this module.
    partnership = OversightBody._meta.get_field("partnerships").related_model
    national = OversightBody.objects.filter(members=user, covers_all=True)
    return (
        partnership.objects.filter(Q(oversight_bodies__members=user) | Q(Exists(national)))
        .values_list("pk", flat=True)
        .distinct()
    )
