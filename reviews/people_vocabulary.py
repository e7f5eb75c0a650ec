"""The coded characteristics of the people in a review, and the death type: vocabularies
as data, each with "not known", each with its source.

- Sex, gender identity: the ONS 2021 census questions (sex; "Is the gender you identify
  with the same as your sex registered at birth?", with its published categories).
- Ethnicity: the ONS 2021 census ethnic group classification for England and Wales, 19
  categories in 5 groups (ETHNICITY_GROUPS), stored as the category's code.
- Age band: the bands of the Home Office homicide statistics; age at death where known.
- Death type: the categories of the Home Office's analyses of domestic homicide reviews
  and of the police-led Domestic Homicide Project (Vulnerability Knowledge and Practice
  Programme): a suspected victim suicide is a death *with* an abuser, who is recorded.
- Relationship: of each victim to each perpetrator or alleged abuser, as those analyses
  group them.
"""

from django.db import models


class Known(models.TextChoices):
    """Yes, no or not known: never a silent "No" for what nobody recorded."""

    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class PersonRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    PERPETRATOR = "perpetrator", "Perpetrator or alleged abuser"


class GenderIdentity(models.TextChoices):
    SAME = "same", "Same as sex registered at birth"
    DIFFERENT = "different", "Different from sex registered at birth (no identity given)"
    TRANS_WOMAN = "trans_woman", "Trans woman"
    TRANS_MAN = "trans_man", "Trans man"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Another gender identity"
    UNKNOWN = "unknown", "Not known"


class AgeBand(models.TextChoices):
    UNDER_16 = "0-15", "Under 16"
    AGE_16_17 = "16-17", "16–17"
    AGE_18_24 = "18-24", "18–24"
    AGE_25_34 = "25-34", "25–34"
    AGE_35_44 = "35-44", "35–44"
    AGE_45_54 = "45-54", "45–54"
    AGE_55_64 = "55-64", "55–64"
    AGE_65_74 = "65-74", "65–74"
    AGE_75_PLUS = "75+", "75 and over"
    UNKNOWN = "unknown", "Not known"

    @classmethod
    def of_age(cls, age):
        for band in cls:
            if band == cls.UNKNOWN:
                continue
            low, _, high = band.value.rstrip("+").partition("-")
            if int(low) <= age and (not high or age <= int(high)):
                return band
        return cls.UNKNOWN


# ONS 2021 census, England and Wales: (group, [(code, category)]).
ETHNICITY_GROUPS = [
    (
        "Asian, Asian British or Asian Welsh",
        [
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_other", "Other Asian"),
        ],
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        [
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            ("black_other", "Other Black"),
        ],
    ),
    (
        "Mixed or Multiple ethnic groups",
        [
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_other", "Other Mixed or Multiple ethnic groups"),
        ],
    ),
    (
        "White",
        [
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Other White"),
        ],
    ),
    (
        "Other ethnic group",
        [
            ("other_arab", "Arab"),
            ("other_any", "Any other ethnic group"),
        ],
    ),
]
ETHNICITY_UNKNOWN = ("unknown", "Not known")
ETHNICITY_CHOICES = [*ETHNICITY_GROUPS, ETHNICITY_UNKNOWN]
ETHNICITY_LABELS = {
    code: f"{group}: {label}"
    for group, categories in ETHNICITY_GROUPS
    for code, label in categories
} | {ETHNICITY_UNKNOWN[0]: ETHNICITY_UNKNOWN[1]}


def ethnicity_group(code):
    """The census group of a category code ("" for not known)."""
    for group, categories in ETHNICITY_GROUPS:
        if code in dict(categories):
            return group
    return ""


class DeathType(models.TextChoices):
    INTIMATE_PARTNER_HOMICIDE = "intimate_partner_homicide", "Intimate partner homicide"
    ADULT_FAMILY_HOMICIDE = "adult_family_homicide", "Adult family homicide"
    SUSPECTED_VICTIM_SUICIDE = (
        "suspected_victim_suicide",
        "Suspected victim suicide following domestic abuse",
    )
    UNEXPECTED_DEATH = "unexpected_death", "Unexpected death"
    CHILD_DEATH = "child_death", "Child death"
    OTHER = "other", "Other death"
    UNKNOWN = "unknown", "Not known"


class PairRelationship(models.TextChoices):
    """What the perpetrator or alleged abuser was to the victim."""

    CURRENT_PARTNER = "current_partner", "Current intimate partner"
    FORMER_PARTNER = "former_partner", "Former intimate partner"
    PARTNER = "partner", "Intimate partner, current or former not recorded"
    CHILD = "child", "Son or daughter (parricide)"
    PARENT = "parent", "Parent or step-parent"
    SIBLING = "sibling", "Brother or sister"
    OTHER_FAMILY = "other_family", "Other family member"
    HOUSEHOLD = "household", "Other household member"
    CARER = "carer", "Carer"
    OTHER = "other", "Other relationship"
    UNKNOWN = "unknown", "Not known"


INTIMATE_PARTNER = frozenset(
    {PairRelationship.CURRENT_PARTNER, PairRelationship.FORMER_PARTNER, PairRelationship.PARTNER}
)
