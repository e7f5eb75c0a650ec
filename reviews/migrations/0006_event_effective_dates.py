"""Audit events carry the day a step happened (effective_on) beside the time it was
recorded (occurred_at), and whether they were imported. Events written before this
migration happened on the day they were recorded: that is their effective date."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import TruncDate


def date_existing_events(apps, schema_editor):
    # The historical model's plain manager: ReviewEvent's own queryset refuses updates.
    ReviewEvent = apps.get_model("reviews", "ReviewEvent")
    ReviewEvent.objects.update(effective_on=TruncDate("occurred_at"))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_public_copy")]

    operations = [
        migrations.AddField(
            model_name="reviewevent",
            name="effective_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="imported",
            field=models.BooleanField(
                default=False,
                help_text="Written by an import of a review's past history, not taken in this "
                "system.",
            ),
        ),
        migrations.RunPython(date_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reviewevent",
            name="effective_on",
            field=models.DateField(
                db_index=True,
                default=django.utils.timezone.localdate,
                help_text="The day it happened.",
                verbose_name="date",
            ),
        ),
        migrations.AlterField(
            model_name="reviewevent",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                help_text="When it was recorded.",
                verbose_name="recorded at",
            ),
        ),
    ]
