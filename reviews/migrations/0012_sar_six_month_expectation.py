from django.db import migrations

# The Care Act 2014 sets no timescale for a Safeguarding Adults Review; the Care and
# support statutory guidance (Department of Health and Social Care, issued under the Care
# Act 2014, s78) expects one, in its chapter 14 (Safeguarding), in the part on
# Safeguarding Adults Reviews: a SAR should be completed within a reasonable period,
# within six months of initiating it unless there are good reasons for a longer period
# (for example parallel proceedings). The paragraph number and the exact words were not
# checked against the published text here: check them (and this row's source) against
# the guidance's current version before relying on the citation.
SAR_GUIDANCE = (
    "Care and support statutory guidance (DHSC, under the Care Act 2014, s78), chapter 14, "
    "Safeguarding Adults Reviews: completed within six months of initiating the SAR unless "
    "there are good reasons for longer (paragraph number not yet checked)"
)
SAR_DECISION = (
    "Local policy default: neither the Care Act 2014 nor its guidance sets a timescale for "
    "the decision whether to hold a SAR"
)
BEFORE = (
    "Local policy default: the Care Act 2014 sets no statutory timescale for SARs; "
    "the DHR timescales are used until the board sets its own"
)


def cite(apps, schema_editor):
    Timescale = apps.get_model("reviews", "Timescale")
    own = Timescale.objects.filter(guidance=None, kind="sar")
    own.filter(milestone="completion").update(months=6, source=SAR_GUIDANCE)
    own.filter(milestone="decision").update(source=SAR_DECISION)


def uncite(apps, schema_editor):
    Timescale = apps.get_model("reviews", "Timescale")
    Timescale.objects.filter(guidance=None, kind="sar").update(source=BEFORE)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0011_guidance_versions")]

    operations = [migrations.RunPython(cite, uncite)]
