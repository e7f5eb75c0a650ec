"""The people in a review: one or more victims and perpetrators or alleged abusers.

The single-victim fields of a case become ReviewPerson rows (a victim, and a perpetrator
unless the old record said "no perpetrator"), their relationship a ReviewPair, and the
yes/no fields take "not known": an old "No" for homicide-suicide was also what an
unrecorded case said, so it becomes "Not known"; children present yes/no/blank becomes
yes/no/not known. The free-text ethnicity is matched to an ONS 2021 census category where
it names one; otherwise kept as recorded. A death recorded as a suicide becomes a
suspected victim suicide (the abuser, where recorded, stays recorded).
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

OLD_RELATIONSHIP = {
    "intimate_partner": "partner",
    "parricide": "child",
    "familial": "other_family",
    "household": "household",
    "unknown": "unknown",
}

ETHNICITY_WORDS = [
    ("white british", "white_british"),
    ("british", "white_british"),
    ("irish traveller", "white_gypsy_traveller"),
    ("gypsy", "white_gypsy_traveller"),
    ("roma", "white_roma"),
    ("irish", "white_irish"),
    ("white and black caribbean", "mixed_white_black_caribbean"),
    ("white and black african", "mixed_white_black_african"),
    ("white and asian", "mixed_white_asian"),
    ("bangladeshi", "asian_bangladeshi"),
    ("chinese", "asian_chinese"),
    ("indian", "asian_indian"),
    ("pakistani", "asian_pakistani"),
    ("caribbean", "black_caribbean"),
    ("african", "black_african"),
    ("arab", "other_arab"),
    ("white", "white_other"),
]


def ethnicity_code(text):
    lowered = " ".join(text.lower().split())
    if not lowered or lowered in {"unknown", "not known"}:
        return "unknown", ""
    for words, code in ETHNICITY_WORDS:
        if words in lowered:
            return code, ""
    return "unknown", text[:100]


def to_people(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    ReviewPerson = apps.get_model("reviews", "ReviewPerson")
    ReviewPair = apps.get_model("reviews", "ReviewPair")
    for review in Review.objects.all():
        review.homicide_suicide = "yes" if review.homicide_suicide_recorded else "unknown"
        review.children_in_household = {True: "yes", False: "no"}.get(
            review.children_present, "unknown"
        )
        if review.cause_of_death == "suicide":
            review.death_type = "suspected_victim_suicide"
        elif review.relationship == "intimate_partner":
            review.death_type = "intimate_partner_homicide"
        elif review.relationship in {"parricide", "familial"}:
            review.death_type = "adult_family_homicide"
        review.save(update_fields=["homicide_suicide", "children_in_household", "death_type"])
        recorded = [
            review.victim_age_band,
            review.victim_sex,
            review.victim_ethnicity,
            review.perpetrator_age_band,
            review.perpetrator_sex,
            review.relationship,
        ]
        if not any(recorded):
            continue  # nothing was recorded about the people: nothing to carry over
        ethnicity, as_recorded = ethnicity_code(review.victim_ethnicity)
        victim = ReviewPerson.objects.create(
            review=review,
            role="victim",
            sort_order=0,
            label=review.pseudonym[:100],
            sex=review.victim_sex or "unknown",
            age_band=review.victim_age_band or "unknown",
            ethnicity=ethnicity,
            ethnicity_as_recorded=as_recorded,
        )
        if review.relationship == "none":
            continue  # the old record said there was no perpetrator
        perpetrator = ReviewPerson.objects.create(
            review=review,
            role="perpetrator",
            sort_order=1,
            label="Perpetrator",
            sex=review.perpetrator_sex or "unknown",
            age_band=review.perpetrator_age_band or "unknown",
        )
        ReviewPair.objects.create(
            review=review,
            victim=victim,
            perpetrator=perpetrator,
            sort_order=0,
            relationship=OLD_RELATIONSHIP.get(review.relationship, "unknown"),
        )


def to_single_fields(apps, schema_editor):
    """Back to one victim and one perpetrator: the first of each."""
    Review = apps.get_model("reviews", "Review")
    back = {new: old for old, new in OLD_RELATIONSHIP.items()}
    back.update(current_partner="intimate_partner", former_partner="intimate_partner")
    for review in Review.objects.all():
        victim = review.people.filter(role="victim").order_by("sort_order").first()
        perpetrator = review.people.filter(role="perpetrator").order_by("sort_order").first()
        pair = review.pairs.order_by("sort_order").first()
        review.homicide_suicide_recorded = review.homicide_suicide == "yes"
        review.children_present = {"yes": True, "no": False}.get(review.children_in_household)
        if victim:
            review.victim_sex = "" if victim.sex == "unknown" else victim.sex
            review.victim_age_band = (
                "" if victim.age_band in {"unknown", "0-15"} else victim.age_band
            )
            review.victim_ethnicity = victim.ethnicity_as_recorded or (
                "" if victim.ethnicity == "unknown" else victim.ethnicity
            )
        if perpetrator:
            review.perpetrator_sex = "" if perpetrator.sex == "unknown" else perpetrator.sex
            review.perpetrator_age_band = (
                "" if perpetrator.age_band in {"unknown", "0-15"} else perpetrator.age_band
            )
        elif victim:
            review.relationship = "none"
        if pair:
            review.relationship = back.get(pair.relationship, "unknown")
        review.save()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0009_chronology_family_and_agency_returns"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="children_in_household",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")],
                default="unknown",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="death_type",
            field=models.CharField(
                choices=[
                    ("intimate_partner_homicide", "Intimate partner homicide"),
                    ("adult_family_homicide", "Adult family homicide"),
                    (
                        "suspected_victim_suicide",
                        "Suspected victim suicide following domestic abuse",
                    ),
                    ("unexpected_death", "Unexpected death"),
                    ("child_death", "Child death"),
                    ("other", "Other death"),
                    ("unknown", "Not known"),
                ],
                default="unknown",
                help_text="As the Home Office's analyses of DHRs categorise deaths. A suspected victim suicide still records the abuser among the people in the review.",
                max_length=30,
            ),
        ),
        migrations.CreateModel(
            name="ReviewPerson",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("victim", "Victim"),
                            ("perpetrator", "Perpetrator or alleged abuser"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="Pseudonym or neutral label. Never a real name.",
                        max_length=100,
                    ),
                ),
                (
                    "sex",
                    models.CharField(
                        choices=[("female", "Female"), ("male", "Male"), ("unknown", "Not known")],
                        default="unknown",
                        max_length=10,
                    ),
                ),
                (
                    "gender_identity",
                    models.CharField(
                        choices=[
                            ("same", "Same as sex registered at birth"),
                            (
                                "different",
                                "Different from sex registered at birth (no identity given)",
                            ),
                            ("trans_woman", "Trans woman"),
                            ("trans_man", "Trans man"),
                            ("non_binary", "Non-binary"),
                            ("other", "Another gender identity"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        max_length=20,
                    ),
                ),
                (
                    "age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Age at death (victim) or at the time (perpetrator).",
                        null=True,
                    ),
                ),
                (
                    "age_band",
                    models.CharField(
                        choices=[
                            ("0-15", "Under 16"),
                            ("16-17", "16–17"),
                            ("18-24", "18–24"),
                            ("25-34", "25–34"),
                            ("35-44", "35–44"),
                            ("45-54", "45–54"),
                            ("55-64", "55–64"),
                            ("65-74", "65–74"),
                            ("75+", "75 and over"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        help_text="Set from the age when the age is known.",
                        max_length=10,
                    ),
                ),
                (
                    "ethnicity",
                    models.CharField(
                        choices=[
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
                                    (
                                        "white_british",
                                        "English, Welsh, Scottish, Northern Irish or British",
                                    ),
                                    ("white_irish", "Irish"),
                                    ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
                                    ("white_roma", "Roma"),
                                    ("white_other", "Other White"),
                                ],
                            ),
                            (
                                "Other ethnic group",
                                [("other_arab", "Arab"), ("other_any", "Any other ethnic group")],
                            ),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        help_text="ONS 2021 census categories.",
                        max_length=40,
                    ),
                ),
                (
                    "ethnicity_as_recorded",
                    models.CharField(
                        blank=True,
                        help_text="As an earlier record or an import wrote it, where it matched no category.",
                        max_length=100,
                    ),
                ),
                (
                    "disability",
                    models.CharField(
                        choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")],
                        default="unknown",
                        max_length=10,
                    ),
                ),
                (
                    "review",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="people",
                        to="reviews.review",
                    ),
                ),
            ],
            options={
                "verbose_name": "person in the review",
                "verbose_name_plural": "people in the review",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ReviewPair",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "relationship",
                    models.CharField(
                        choices=[
                            ("current_partner", "Current intimate partner"),
                            ("former_partner", "Former intimate partner"),
                            ("partner", "Intimate partner, current or former not recorded"),
                            ("child", "Son or daughter (parricide)"),
                            ("parent", "Parent or step-parent"),
                            ("sibling", "Brother or sister"),
                            ("other_family", "Other family member"),
                            ("household", "Other household member"),
                            ("carer", "Carer"),
                            ("other", "Other relationship"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        max_length=20,
                    ),
                ),
                (
                    "review",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pairs",
                        to="reviews.review",
                    ),
                ),
                (
                    "perpetrator",
                    models.ForeignKey(
                        limit_choices_to={"role": "perpetrator"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="reviews.reviewperson",
                        verbose_name="perpetrator or alleged abuser",
                    ),
                ),
                (
                    "victim",
                    models.ForeignKey(
                        limit_choices_to={"role": "victim"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="reviews.reviewperson",
                    ),
                ),
            ],
            options={
                "verbose_name": "relationship",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RenameField(
            model_name="review", old_name="homicide_suicide", new_name="homicide_suicide_recorded"
        ),
        migrations.AddField(
            model_name="review",
            name="homicide_suicide",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")],
                default="unknown",
                max_length=10,
                verbose_name="homicide followed by the perpetrator's suicide",
            ),
        ),
        migrations.RunPython(to_people, to_single_fields),
        migrations.RemoveField(
            model_name="review",
            name="children_present",
        ),
        migrations.RemoveField(
            model_name="review",
            name="perpetrator_age_band",
        ),
        migrations.RemoveField(
            model_name="review",
            name="perpetrator_sex",
        ),
        migrations.RemoveField(
            model_name="review",
            name="relationship",
        ),
        migrations.RemoveField(
            model_name="review",
            name="victim_age_band",
        ),
        migrations.RemoveField(
            model_name="review",
            name="victim_ethnicity",
        ),
        migrations.RemoveField(
            model_name="review",
            name="victim_sex",
        ),
        migrations.RemoveField(model_name="review", name="homicide_suicide_recorded"),
    ]
