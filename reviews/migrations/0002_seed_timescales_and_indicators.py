from django.db import migrations

GUIDANCE_2016 = (
    "Multi-agency statutory guidance for the conduct of Domestic Homicide Reviews "
    "(Home Office, 2016)"
)
SAR_LOCAL = (
    "Local policy default: the Care Act 2014 sets no statutory timescale for SARs; "
    "the DHR timescales are used until the board sets its own"
)

TIMESCALES = [
    ("dhr", "decision", 1, GUIDANCE_2016),
    ("dhr", "completion", 6, GUIDANCE_2016),
    ("joint", "decision", 1, GUIDANCE_2016),
    ("joint", "completion", 6, GUIDANCE_2016),
    ("sar", "decision", 1, SAR_LOCAL),
    ("sar", "completion", 6, SAR_LOCAL),
    ("other", "decision", 1, "Local policy default"),
    ("other", "completion", 6, "Local policy default"),
]

# Vocabulary of the Home Office DHR Library's metadata.
INDICATORS = [
    ("abuse", "coercive-control", "Coercive control"),
    ("abuse", "economic-abuse", "Economic abuse"),
    ("abuse", "physical-abuse", "Physical abuse"),
    ("abuse", "emotional-abuse", "Emotional abuse"),
    ("abuse", "sexual-abuse", "Sexual abuse"),
    ("abuse", "stalking", "Stalking and harassment"),
    ("abuse", "separation", "Recent or planned separation"),
    ("abuse", "forced-marriage", "Forced marriage"),
    ("abuse", "honour-based-abuse", "So-called honour-based abuse"),
    ("vulnerability", "mental-health", "Mental health"),
    ("vulnerability", "substance-use", "Substance use"),
    ("vulnerability", "caring-responsibilities", "Caring responsibilities"),
    ("vulnerability", "disability", "Disability or long-term illness"),
    ("vulnerability", "self-neglect", "Self-neglect"),
]


def seed(apps, schema_editor):
    Timescale = apps.get_model("reviews", "Timescale")
    Indicator = apps.get_model("reviews", "Indicator")
    for kind, milestone, months, source in TIMESCALES:
        Timescale.objects.update_or_create(
            kind=kind, milestone=milestone, defaults={"months": months, "source": source}
        )
    for kind, slug, name in INDICATORS:
        Indicator.objects.update_or_create(slug=slug, defaults={"kind": kind, "name": name})


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
