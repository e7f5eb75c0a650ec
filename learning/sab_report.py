"""The Safeguarding Adults Reviews section of a SAB's annual report, under the headings of
the Care Act 2014, Schedule 2, paragraph 4(1)(b)-(d) (its paragraph 4(1)(a), what the
board has done in the year, is the rest of the annual report):

- the findings of the SARs concluded in the year (signed off in it);
- the SARs ongoing at the end of the year (decided, not yet signed off);
- what the board has done to implement the findings of the SARs;
- where it decided not to implement a finding, the reasons for that decision.

And the record of the report's distribution to the recipients of paragraph 4(2); the
whole section as a Word document (schedule_2_docx) for the board's report.
"""

import io

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from wagtail.log_actions import log

from reviews.models import CoCommissioner, Review
from reviews.stages import State

from .models import AnnualReportDistribution, Finding, Recipient, Recommendation, Status

CITATION = "Care Act 2014, Schedule 2, paragraph 4"


def basis_label(review):
    basis = getattr(review, "sar_basis", None)
    return basis.get_basis_display() if basis else "Not recorded"


def numbered(row):
    return f"{row.number}. {row.text}"


def schedule_2_tables(partnership, user, first, last, table_class):
    """The four tables of the section, for the year [first, last]. Findings are the
    reviews' own records (learning.models.Finding); what was done about each is read from
    the recommendations linked to it."""
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
    reported = [r.pk for r in sars if r.decision_on and r.decision_on <= last]
    recommendations = list(
        Recommendation.objects.visible_to(user)
        .filter(review__in=reported)
        .select_related("review")
        .prefetch_related(Prefetch("findings", Finding.objects.visible_to(user)))
        .order_by("review__reference", "number")
    )
    findings = list(
        Finding.objects.visible_to(user)
        .filter(review__in=reported)
        .select_related("review")
        .prefetch_related(Prefetch("recommendations", Recommendation.objects.visible_to(user)))
        .order_by("review__reference", "number")
    )
    by_review = {}
    for finding in findings:
        by_review.setdefault(finding.review_id, []).append(finding)
    return [
        table_class(
            "sar_concluded",
            "Safeguarding Adults Reviews concluded in the year, and their findings",
            ["Review", "Basis", "Concluded on", "Published", "Findings"],
            [
                [
                    r.reference,
                    basis_label(r),
                    r.signed_off_on,
                    "Yes" if r.published_on else "No",
                    "; ".join(numbered(f) for f in by_review.get(r.pk, []))
                    or "No findings recorded",
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
            ["Review", "Finding", "Recommendation", "Status", "Evidence"],
            implementation_rows(findings, recommendations),
            description=f"{CITATION}(1)(c). Each finding with the recommendations that "
            "answer it (linked on the case's findings).",
        ),
        table_class(
            "sar_not_implemented",
            "Findings the board decided not to implement, and why",
            ["Review", "Finding", "Recommendation", "Reason for the decision"],
            [
                [x.review.reference, finding, numbered(x), x.not_implemented_reason]
                for x in recommendations
                if x.status == Status.NOT_IMPLEMENTED
                for finding in finding_cells(x)
            ],
            description=f"{CITATION}(1)(d).",
        ),
    ]


NOT_LINKED = "Not linked to a finding"


def finding_cells(recommendation):
    return [numbered(f) for f in recommendation.findings.all()] or [NOT_LINKED]


def implementation_rows(findings, recommendations):
    """A row per finding and recommendation answering it; a finding no recommendation
    answers, and a recommendation linked to no finding, each have a row too."""
    rows = []
    for finding in findings:
        answers = [x for x in finding.recommendations.all() if x.status != Status.NOT_IMPLEMENTED]
        if not answers and not finding.recommendations.all():
            rows.append(
                [finding.review.reference, numbered(finding), "No recommendation recorded", "", ""]
            )
        for x in answers:
            rows.append(
                [
                    finding.review.reference,
                    numbered(finding),
                    numbered(x),
                    x.get_status_display(),
                    x.evidence,
                ]
            )
    for x in recommendations:
        if x.status != Status.NOT_IMPLEMENTED and not x.findings.all():
            rows.append(
                [x.review.reference, NOT_LINKED, numbered(x), x.get_status_display(), x.evidence]
            )
    return rows


def record_distribution(partnership, year, recipient, user, *, sent_on, name="", method=""):
    """Record that the year's annual report went to one statutory recipient."""
    if sent_on > timezone.localdate():
        raise ValueError("A send cannot be dated in the future.")
    with transaction.atomic():
        sent = AnnualReportDistribution.objects.create(
            partnership=partnership,
            year=year,
            recipient=recipient,
            recipient_name=name,
            sent_on=sent_on,
            method=method,
            recorded_by=user,
        )
        # The partnership's record of it: the admin's history of changes (no case has it).
        log(sent, "wagtail.create", user=user)
    return sent


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


SECTION_TABLES = (
    "sar_concluded",
    "sar_ongoing",
    "sar_implementation",
    "sar_not_implemented",
    "sab_distribution",
)


def cell_text(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    return str(value)


def schedule_2_docx(report):
    """The SAR section of a SAB's annual report (its Schedule 2, paragraph 4 tables and
    the distribution record) as a Word document, for the board's report."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading("Safeguarding Adults Reviews", level=1)
    first, last = report.period
    document.add_paragraph(
        f"{report.partnership}: the year {first:%-d %B %Y} to {last:%-d %B %Y}, as "
        f"{CITATION} asks. Produced on {report.generated_on:%-d %B %Y}."
    )
    for key in SECTION_TABLES:
        table = report.table(key)
        document.add_heading(table.title, level=2)
        if table.description:
            document.add_paragraph(table.description)
        if not table.rows:
            document.add_paragraph("None.")
            continue
        grid = document.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in table.rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = cell_text(value)
        for row in grid.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
