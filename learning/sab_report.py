"""The Safeguarding Adults Reviews section of a SAB's annual report, under the headings of
the Care Act 2014, Schedule 2, paragraph 4(1)(b)-(d) (its paragraph 4(1)(a), what the
board has done in the year, is the rest of the annual report):

- the findings of the SARs concluded in the year (signed off in it);
- the SARs ongoing at the end of the year (decided, not yet signed off);
- what the board has done to implement the findings of the SARs;
- where it decided not to implement a finding, the reasons for that decision.

And the record of the report's distribution to the recipients of paragraph 4(2).
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reviews.models import CoCommissioner, Review
from reviews.stages import State

from .models import AnnualReportDistribution, Recipient, Recommendation, Status

CITATION = "Care Act 2014, Schedule 2, paragraph 4"


def basis_label(review):
    basis = getattr(review, "sar_basis", None)
    return basis.get_basis_display() if basis else "Not recorded"


def schedule_2_tables(partnership, user, first, last, table_class):
    """The four tables of the section, for the year [first, last]."""
    sars = (
        Review.objects.visible_to(user)
        .meeting(care_act_basis=True)
        # A joint review the board commissions with a CSP is one of its SARs too.
        .filter(
            Q(partnership=partnership)
            | Q(pk__in=CoCommissioner.objects.filter(partnership=partnership).values("review"))
        )
        .select_related("sar_basis")
        .order_by("reference")
    )
    concluded = [r for r in sars if r.signed_off_on and first <= r.signed_off_on <= last]
    ongoing = [
        r
        for r in sars
        if r.decision_on
        and r.decision_on <= last
        and not (r.signed_off_on and r.signed_off_on <= last)
        and r.state != State.NOT_PROCEEDING
    ]
    recommendations = list(
        Recommendation.objects.visible_to(user)
        .filter(review__in=[r.pk for r in sars], review__decision_on__lte=last)
        .select_related("review")
        .order_by("review__reference", "number")
    )
    findings = {}
    for recommendation in recommendations:
        findings.setdefault(recommendation.review_id, []).append(recommendation)
    not_implemented = [r for r in recommendations if r.status == Status.NOT_IMPLEMENTED]
    return [
        table_class(
            "sar_concluded",
            "Safeguarding Adults Reviews concluded in the year, and their findings",
            ["Review", "Basis", "Concluded on", "Published", "Findings and recommendations"],
            [
                [
                    r.reference,
                    basis_label(r),
                    r.signed_off_on,
                    "Yes" if r.published_on else "No",
                    "; ".join(f"{x.number}. {x.text}" for x in findings.get(r.pk, [])),
                ]
                for r in concluded
            ],
            description=f"{CITATION}(1)(b).",
        ),
        table_class(
            "sar_ongoing",
            "Safeguarding Adults Reviews ongoing at the end of the year",
            ["Review", "Basis", "Decided on", "Stage"],
            [[r.reference, basis_label(r), r.decision_on, r.get_state_display()] for r in ongoing],
            description=f"{CITATION}(1)(c).",
        ),
        table_class(
            "sar_implementation",
            "What the board has done to implement the findings of its reviews",
            ["Review", "Number", "Recommendation", "Status", "Evidence"],
            [
                [x.review.reference, x.number, x.text, x.get_status_display(), x.evidence]
                for x in recommendations
                if x.status != Status.NOT_IMPLEMENTED
            ],
            description=f"{CITATION}(1)(c).",
        ),
        table_class(
            "sar_not_implemented",
            "Findings the board decided not to implement, and why",
            ["Review", "Number", "Recommendation", "Reason for the decision"],
            [
                [x.review.reference, x.number, x.text, x.not_implemented_reason]
                for x in not_implemented
            ],
            description=f"{CITATION}(1)(d).",
        ),
    ]


def record_distribution(partnership, year, recipient, user, *, sent_on, name="", method=""):
    """Record that the year's annual report went to one statutory recipient."""
    if sent_on > timezone.localdate():
        raise ValueError("A send cannot be dated in the future.")
    with transaction.atomic():
        return AnnualReportDistribution.objects.create(
            partnership=partnership,
            year=year,
            recipient=recipient,
            recipient_name=name,
            sent_on=sent_on,
            method=method,
            recorded_by=user,
        )


def recipients_outstanding(partnership, year):
    """The statutory recipients the year's report has not been recorded as sent to."""
    sent = set(
        AnnualReportDistribution.objects.filter(partnership=partnership, year=year).values_list(
            "recipient", flat=True
        )
    )
    return [recipient for recipient in Recipient if recipient.value not in sent]


def distribution_table(partnership, year, table_class):
    sent = {
        d.recipient: d
        for d in AnnualReportDistribution.objects.filter(partnership=partnership, year=year)
    }
    return table_class(
        "sab_distribution",
        "Distribution of this report to its statutory recipients",
        ["Recipient", "Name", "Sent on", "Method"],
        [
            [
                recipient.label,
                sent[recipient.value].recipient_name if recipient.value in sent else "",
                sent[recipient.value].sent_on if recipient.value in sent else "Not yet sent",
                sent[recipient.value].method if recipient.value in sent else "",
            ]
            for recipient in Recipient
        ],
        description=f"{CITATION}(2).",
    )
