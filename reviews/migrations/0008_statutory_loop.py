"""The statutory loop: the law in force as a commencement table (Provision), the sends
each kind of review owes under it (SendRule), the sends made, QA outcomes with coded
feedback and conditions, decisions not to publish and directions to hold a review.

The seed rows carry their sources. A provision in force whose commencement date does not
decide anything for reviews held here is marked in force with no date rather than a
guessed one; a prospective one has neither until its commencement is recorded.
"""

import django.db.models.deletion
import django.utils.timezone
import django_fsm
from django.conf import settings
from django.db import migrations, models

LEGISLATION = "legislation.gov.uk, revised text"
GUIDANCE_2016 = (
    "Multi-agency statutory guidance for the conduct of Domestic Homicide Reviews "
    "(Home Office, 2016)"
)

# key, citation, summary, in force, commenced on, source
PROVISIONS = [
    (
        "dvcva-2004-s9",
        "Domestic Violence, Crime and Victims Act 2004, s9(1)-(4)",
        "Domestic homicide reviews: their definition; the Secretary of State may direct a "
        "review (s9(2)); bodies must have regard to the Secretary of State's guidance (s9(3)).",
        True,
        None,
        f"{LEGISLATION}: ukpga/2004/28/section/9",
    ),
    (
        "dvcva-2004-s9-3b",
        "Domestic Violence, Crime and Victims Act 2004, s9(3B)-(3C)",
        "A body that establishes a DHR must send a copy of the report setting out its "
        "conclusions to the Domestic Abuse Commissioner, as soon as reasonably practicable "
        "after the report is completed.",
        True,
        None,
        f"{LEGISLATION}: ukpga/2004/28/section/9, subsections (3B)-(3C) (inserted by "
        "amendment; see the annotation there for the amending provision)",
    ),
    (
        "vpa-2024-s19",
        "Victims and Prisoners Act 2024, s19",
        "Domestic abuse related death reviews replace DHRs, defined by domestic abuse within "
        "the meaning of the Domestic Abuse Act 2021; the report goes to the Secretary of "
        "State and the Domestic Abuse Commissioner as soon as reasonably practicable after "
        "it is completed. Prospective: record the commencement date when it is made.",
        False,
        None,
        "legislation.gov.uk: ukpga/2024/21/section/19 (marked prospective; not among the "
        "provisions of the Victims and Prisoners Act 2024 (Commencement No. 8) Regulations "
        "2025, S.I. 2025/1168)",
    ),
    (
        "ho-dhr-guidance-2016",
        GUIDANCE_2016,
        "The partnership tells the Home Office of its decision whether to hold a review (the "
        "QA panel considers decisions not to); the completed report goes to the Home Office "
        "quality assurance panel before publication.",
        True,
        None,
        GUIDANCE_2016,
    ),
    (
        "care-act-2014-s44",
        "Care Act 2014, s44",
        "Safeguarding Adults Reviews: must be arranged where s44(1)-(3) are met; may be "
        "arranged in any other case of an adult with needs for care and support (s44(4)). "
        "England only.",
        True,
        None,
        f"{LEGISLATION}: ukpga/2014/23/section/44",
    ),
    (
        "care-act-2014-sch2-para4",
        "Care Act 2014, Schedule 2, paragraph 4",
        "The SAB's annual report: what it has done, its findings of the SARs concluded in the "
        "year, ongoing SARs, what it has done to implement their findings and the reasons for "
        "any decision not to implement one; sent to the chief executive and leader of the "
        "local authority, the local policing body, the local Healthwatch organisation and "
        "the chair of the health and wellbeing board.",
        True,
        None,
        f"{LEGISLATION}: ukpga/2014/23/schedule/2",
    ),
]

HOME_OFFICE = "Home Office (Domestic Homicide Review team)"
COMMISSIONER = "Domestic Abuse Commissioner"
SECRETARY_OF_STATE = "Secretary of State (Home Office)"
DOMESTIC = ("dhr", "joint")

# send, trigger, provision, recipient, only after approval (for DHRs and joint reviews)
SEND_RULES = [
    ("ho_decision", "decision_on", "ho-dhr-guidance-2016", HOME_OFFICE, False),
    ("ho_submission", "signed_off_on", "ho-dhr-guidance-2016", HOME_OFFICE, False),
    ("commissioner_copy", "qa_outcome_on", "dvcva-2004-s9-3b", COMMISSIONER, True),
    ("commissioner_copy", "qa_outcome_on", "vpa-2024-s19", COMMISSIONER, True),
    ("sos_copy", "qa_outcome_on", "vpa-2024-s19", SECRETARY_OF_STATE, True),
]


def seed(apps, schema_editor):
    Provision = apps.get_model("reviews", "Provision")
    SendRule = apps.get_model("reviews", "SendRule")
    provisions = {}
    for key, citation, summary, in_force, commenced_on, source in PROVISIONS:
        provisions[key], _ = Provision.objects.update_or_create(
            key=key,
            defaults={
                "citation": citation,
                "summary": summary,
                "in_force": in_force,
                "commenced_on": commenced_on,
                "source": source,
            },
        )
    for send, trigger, key, recipient, after_approval in SEND_RULES:
        for kind in DOMESTIC:
            SendRule.objects.update_or_create(
                send=send,
                review_kind=kind,
                provision=provisions[key],
                defaults={
                    "trigger": trigger,
                    "recipient": recipient,
                    "only_after_approval": after_approval,
                },
            )


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0007_review_take_down_on'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Provision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=60, unique=True)),
                ('citation', models.CharField(max_length=300)),
                ('summary', models.TextField(blank=True)),
                ('in_force', models.BooleanField(default=False, help_text='In force. Leave unticked for a prospective provision until it commences.')),
                ('commenced_on', models.DateField(blank=True, help_text='Day it came into force; blank if not commenced.', null=True)),
                ('ceased_on', models.DateField(blank=True, help_text='Day it stopped applying (repealed or replaced); blank while it applies.', null=True)),
                ('source', models.CharField(help_text='Where this row was checked.', max_length=500)),
            ],
            options={
                'ordering': ['key'],
            },
        ),
        migrations.AlterField(
            model_name='review',
            name='kind',
            field=models.CharField(choices=[('dhr', 'Domestic Homicide Review'), ('sar', 'Safeguarding Adults Review'), ('joint', 'Joint DHR and SAR'), ('other', 'Other learning review')], max_length=10),
        ),
        migrations.AlterField(
            model_name='review',
            name='paused_from_state',
            field=models.CharField(blank=True, choices=[('notified', 'Notified'), ('decision_pending', 'Decision pending'), ('not_proceeding', 'Not proceeding'), ('commissioned', 'Commissioned'), ('chair_appointed', 'Chair appointed'), ('panel_established', 'Panel established'), ('information_gathering', 'Information gathering'), ('drafting', 'Drafting'), ('draft_submitted', 'Draft submitted'), ('panel_review', 'Panel review'), ('partnership_signoff', 'Awaiting partnership sign-off'), ('signed_off', 'Signed off'), ('submitted_to_home_office', 'Submitted to the Home Office'), ('qa_resubmission_requested', 'Home Office asked for resubmission'), ('qa_approved', 'Approved by the Home Office'), ('published', 'Published'), ('not_published', 'Not published (decision recorded)'), ('monitoring_unpublished', 'Monitoring the action plan (not published)'), ('closed_unpublished', 'Closed (not published)'), ('monitoring', 'Monitoring the action plan'), ('closed', 'Closed'), ('paused', 'Paused for parallel proceedings')], editable=False, max_length=40),
        ),
        migrations.AlterField(
            model_name='review',
            name='state',
            field=django_fsm.FSMField(choices=[('notified', 'Notified'), ('decision_pending', 'Decision pending'), ('not_proceeding', 'Not proceeding'), ('commissioned', 'Commissioned'), ('chair_appointed', 'Chair appointed'), ('panel_established', 'Panel established'), ('information_gathering', 'Information gathering'), ('drafting', 'Drafting'), ('draft_submitted', 'Draft submitted'), ('panel_review', 'Panel review'), ('partnership_signoff', 'Awaiting partnership sign-off'), ('signed_off', 'Signed off'), ('submitted_to_home_office', 'Submitted to the Home Office'), ('qa_resubmission_requested', 'Home Office asked for resubmission'), ('qa_approved', 'Approved by the Home Office'), ('published', 'Published'), ('not_published', 'Not published (decision recorded)'), ('monitoring_unpublished', 'Monitoring the action plan (not published)'), ('closed_unpublished', 'Closed (not published)'), ('monitoring', 'Monitoring the action plan'), ('closed', 'Closed'), ('paused', 'Paused for parallel proceedings')], db_index=True, default='notified', max_length=50, protected=True),
        ),
        migrations.AlterField(
            model_name='reviewevent',
            name='from_state',
            field=models.CharField(blank=True, choices=[('notified', 'Notified'), ('decision_pending', 'Decision pending'), ('not_proceeding', 'Not proceeding'), ('commissioned', 'Commissioned'), ('chair_appointed', 'Chair appointed'), ('panel_established', 'Panel established'), ('information_gathering', 'Information gathering'), ('drafting', 'Drafting'), ('draft_submitted', 'Draft submitted'), ('panel_review', 'Panel review'), ('partnership_signoff', 'Awaiting partnership sign-off'), ('signed_off', 'Signed off'), ('submitted_to_home_office', 'Submitted to the Home Office'), ('qa_resubmission_requested', 'Home Office asked for resubmission'), ('qa_approved', 'Approved by the Home Office'), ('published', 'Published'), ('not_published', 'Not published (decision recorded)'), ('monitoring_unpublished', 'Monitoring the action plan (not published)'), ('closed_unpublished', 'Closed (not published)'), ('monitoring', 'Monitoring the action plan'), ('closed', 'Closed'), ('paused', 'Paused for parallel proceedings')], max_length=40),
        ),
        migrations.AlterField(
            model_name='reviewevent',
            name='to_state',
            field=models.CharField(blank=True, choices=[('notified', 'Notified'), ('decision_pending', 'Decision pending'), ('not_proceeding', 'Not proceeding'), ('commissioned', 'Commissioned'), ('chair_appointed', 'Chair appointed'), ('panel_established', 'Panel established'), ('information_gathering', 'Information gathering'), ('drafting', 'Drafting'), ('draft_submitted', 'Draft submitted'), ('panel_review', 'Panel review'), ('partnership_signoff', 'Awaiting partnership sign-off'), ('signed_off', 'Signed off'), ('submitted_to_home_office', 'Submitted to the Home Office'), ('qa_resubmission_requested', 'Home Office asked for resubmission'), ('qa_approved', 'Approved by the Home Office'), ('published', 'Published'), ('not_published', 'Not published (decision recorded)'), ('monitoring_unpublished', 'Monitoring the action plan (not published)'), ('closed_unpublished', 'Closed (not published)'), ('monitoring', 'Monitoring the action plan'), ('closed', 'Closed'), ('paused', 'Paused for parallel proceedings')], max_length=40),
        ),
        migrations.AlterField(
            model_name='timescale',
            name='kind',
            field=models.CharField(choices=[('dhr', 'Domestic Homicide Review'), ('sar', 'Safeguarding Adults Review'), ('joint', 'Joint DHR and SAR'), ('other', 'Other learning review')], max_length=10),
        ),
        migrations.CreateModel(
            name='Direction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('directed_by', models.CharField(max_length=200)),
                ('directed_on', models.DateField()),
                ('note', models.TextField(blank=True)),
                ('letter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.documentversion')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='directions', to='reviews.review')),
            ],
            options={
                'ordering': ['directed_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='NonPublication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decided_on', models.DateField()),
                ('reason', models.TextField()),
                ('approved_by', models.CharField(help_text="Who approved the decision (e.g. the partnership's chair).", max_length=200)),
                ('summary_published', models.BooleanField(default=False, help_text='A summary is published instead of the report.')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('review', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='non_publication', to='reviews.review')),
            ],
        ),
        migrations.CreateModel(
            name='QaOutcome',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('outcome', models.CharField(choices=[('approved', 'Approved for publication'), ('conditional', 'Approved subject to changes'), ('resubmit', 'Resubmission requested')], max_length=20)),
                ('decided_on', models.DateField()),
                ('feedback', models.TextField(blank=True)),
                ('letter_public', models.BooleanField(default=False, help_text='The partnership publishes the QA letter with the review.')),
                ('letter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.documentversion')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='qa_outcomes', to='reviews.review')),
            ],
            options={
                'ordering': ['decided_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='QaFeedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('chronology', 'Chronology or facts incomplete'), ('analysis', "Analysis of agencies' involvement"), ('family', 'Involvement of family and friends'), ('terms', 'Terms of reference not addressed'), ('recommendations', 'Recommendations or action plan'), ('equality', 'Equality and diversity'), ('anonymisation', 'Anonymisation or redaction'), ('style', 'Presentation, language or accessibility'), ('other', 'Other')], max_length=20)),
                ('text', models.TextField(blank=True)),
                ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points', to='reviews.qaoutcome')),
            ],
            options={
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='QaCondition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('met_on', models.DateField(blank=True, null=True)),
                ('evidence', models.TextField(blank=True)),
                ('met_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conditions', to='reviews.qaoutcome')),
            ],
            options={
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='StatutorySend',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('send', models.CharField(choices=[('ho_decision', 'Home Office told of the decision'), ('ho_submission', 'Report submitted to the Home Office'), ('commissioner_copy', 'Copy of the report to the Domestic Abuse Commissioner'), ('sos_copy', 'Copy of the report to the Secretary of State')], max_length=30)),
                ('sent_on', models.DateField()),
                ('method', models.CharField(choices=[('secure_email', 'Secure email'), ('email', 'Email'), ('portal', 'Online portal or form'), ('post', 'Post'), ('hand', 'By hand')], max_length=20)),
                ('recipient', models.CharField(max_length=200)),
                ('letter', models.TextField(blank=True, help_text='The letter sent, as generated.')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='statutory_sends', to='reviews.review')),
                ('version', models.ForeignKey(blank=True, help_text='The version of the paper sent.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.documentversion')),
            ],
            options={
                'ordering': ['sent_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='SendRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('send', models.CharField(choices=[('ho_decision', 'Home Office told of the decision'), ('ho_submission', 'Report submitted to the Home Office'), ('commissioner_copy', 'Copy of the report to the Domestic Abuse Commissioner'), ('sos_copy', 'Copy of the report to the Secretary of State')], max_length=30)),
                ('review_kind', models.CharField(choices=[('dhr', 'Domestic Homicide Review'), ('sar', 'Safeguarding Adults Review'), ('joint', 'Joint DHR and SAR'), ('other', 'Other learning review')], max_length=10)),
                ('trigger', models.CharField(choices=[('decision_on', 'The decision whether to hold a review'), ('signed_off_on', 'Partnership sign-off of the report'), ('qa_outcome_on', "The Home Office's approval of the report")], max_length=20)),
                ('recipient', models.CharField(max_length=200)),
                ('only_after_approval', models.BooleanField(default=False, help_text='Owed only once the Home Office approved the report (not on a resubmission).')),
                ('provision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='send_rules', to='reviews.provision')),
            ],
            options={
                'ordering': ['review_kind', 'send', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('send', 'review_kind', 'provision'), name='one_send_rule_per_provision')],
            },
        ),
        migrations.CreateModel(
            name='SarBasis',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('basis', models.CharField(choices=[('mandatory', 'Mandatory (Care Act 2014, s44(1)-(3))'), ('discretionary', 'Discretionary (Care Act 2014, s44(4))')], max_length=20)),
                ('needs_care_and_support', models.BooleanField(verbose_name="adult in the board's area with needs for care and support (s44(1), s44(4))")),
                ('concern_about_joint_working', models.BooleanField(verbose_name='reasonable cause for concern about how the board, its members or others worked together to safeguard the adult (s44(1)(a))')),
                ('condition', models.CharField(choices=[('died', 'Condition 1 (s44(2)): the adult died of known or suspected abuse or neglect'), ('alive', 'Condition 2 (s44(3)): the adult is alive; serious abuse or neglect known or suspected'), ('neither', 'Neither condition is met')], max_length=10)),
                ('decided_on', models.DateField()),
                ('rationale', models.TextField(blank=True)),
                ('review', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='sar_basis', to='reviews.review')),
            ],
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
