"""What a review is called, and what it covers, by the law in force on a date.

A Domestic Homicide Review (Domestic Violence, Crime and Victims Act 2004, s9) becomes a
Domestic Abuse Related Death Review when the Victims and Prisoners Act 2024, s19
commences. s19 is prospective: until its Provision row (key VPA_2024_S19) has a
commencement date, every date gets the 2004 Act's name and definition. The one place the
name is decided: the public site, the README's wording and the letters all use it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from .models.vocabulary import ReviewKind

VPA_2024_S19 = "vpa-2024-s19"


@dataclass(frozen=True)
class Definition:
    name: str
    short: str
    citation: str
    relationship_test: str


DHR = Definition(
    "Domestic Homicide Review",
    "DHR",
    "Domestic Violence, Crime and Victims Act 2004, s9(1)",
    "death of a person aged 16 or over from violence, abuse or neglect by a relative, a "
    "person with whom they were or had been in an intimate personal relationship, or a "
    "member of the same household",
)
DARDR = Definition(
    "Domestic Abuse Related Death Review",
    "DARDR",
    "Domestic Violence, Crime and Victims Act 2004 as amended by the Victims and Prisoners "
    "Act 2024, s19",
    "death resulting from domestic abuse within the meaning of the Domestic Abuse Act 2021 "
    "(both aged 16 or over and personally connected, s2: partners, ex-partners, relatives, "
    "those with parental responsibility for the same child; household members who are none "
    "of these are no longer covered by the definition itself)",
)

# What applies in Wales (shown beside the names on the public site and in the README).
WALES_NOTE = (
    "DHRs apply in England and Wales. Safeguarding Adults Reviews under the Care Act 2014, "
    "s44 are for England only; in Wales, Regional Safeguarding Boards hold reviews under "
    "the Social Services and Well-being (Wales) Act 2014 (the Single Unified Safeguarding "
    "Review since 1 October 2024), and DHRs there still go to the Home Office's quality "
    "assurance."
)


def s19_in_force(on=None):
    on = on or timezone.localdate()
    # Read through the app registry: the case's model uses this module to name itself.
    provision = apps.get_model("reviews", "Provision").objects.filter(key=VPA_2024_S19).first()
    return provision is not None and provision.in_force_on(on)


def domestic_definition(on=None):
    """The definition of the domestic review in force on `on` (default today)."""
    return DARDR if s19_in_force(on) else DHR


def review_name(kind, on=None):
    """The full name of a kind of review on a date: "Domestic Homicide Review" until s19
    commences, then "Domestic Abuse Related Death Review"."""
    domestic = domestic_definition(on)
    if kind == ReviewKind.DHR:
        return domestic.name
    if kind == ReviewKind.JOINT:
        return f"Joint {domestic.short} and Safeguarding Adults Review"
    return ReviewKind(kind).label
