"""The SAB annual report's SAR section (Care Act 2014, Schedule 2, paragraph 4) filled
from a fixture year, its distribution to the statutory recipients, and "decided not to
implement" as a recommendation's outcome.

Fixture year 2025/26 (1 April 2025 to 31 March 2026), all fictional:

    SAR-A  decided 1 May 2025, signed off 20 November 2025: concluded in the year;
           mandatory; finding 1 answered by recommendation 1 (complete), finding 2 by
           recommendation 2 (not implemented), finding 3 by none;
           31+30+31+31+30+31 + 19 = 203 days, due 1 November 2025: late
    SAR-B  decided 1 February 2026, not signed off: ongoing at the year's end
    SAR-C  signed off 1 March 2025: concluded the year before
    SAR-D  decided 1 June 2025 not to hold a review: neither
"""

import io
from datetime import date

import pytest
from docx import Document

from learning.models import Finding, Recipient, Status
from learning.progress import post_progress
from learning.reports import annual_report
from learning.sab_report import (
    SECTION_TABLES,
    recipients_outstanding,
    record_distribution,
    schedule_2_docx,
)
from partnerships.models import Partnership
from reviews.models import ReviewKind, SarBasis
from reviews.stages import State
from reviews.statutory import record_sar_basis
from tests.learning.factories import RecommendationFactory
from tests.reviews.helpers import force_state

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 20)
MANDATORY = SarBasis.Basis.MANDATORY


def sar(cast, reference, **dates):
    return cast.review(
        kind=ReviewKind.SAR, reference=reference, notified_on=date(2025, 1, 2), **dates
    )


def test_schedule_2_section_from_a_fixture_year(cast):
    Partnership.objects.filter(pk=cast.partnership.pk).update(kind=Partnership.Kind.SAB)
    cast.partnership.refresh_from_db()
    a = sar(cast, "SAR-A", decision_on=date(2025, 5, 1), signed_off_on=date(2025, 11, 20))
    record_sar_basis(
        a,
        cast.manager,
        basis=MANDATORY,
        needs_care_and_support=True,
        concern=True,
        condition=SarBasis.Condition.DIED,
        on=date(2025, 5, 1),
    )
    force_state(sar(cast, "SAR-B", decision_on=date(2026, 2, 1)), State.COMMISSIONED)
    sar(cast, "SAR-C", decision_on=date(2025, 1, 10), signed_off_on=date(2025, 3, 1))
    force_state(sar(cast, "SAR-D", decision_on=date(2025, 6, 1)), State.NOT_PROCEEDING)
    RecommendationFactory(
        review=a,
        number="1",
        text="Share care plans.",
        status=Status.COMPLETE,
        evidence="Protocol agreed in January 2026.",
    )
    second = RecommendationFactory(
        review=a, number="2", text="Commission a new service.", target_date=date(2025, 12, 1)
    )
    post_progress(
        second,
        cast.manager,
        rag="amber",
        status=Status.NOT_IMPLEMENTED,
        comment="A national service replaced it.",
    )
    first_finding = Finding.objects.create(review=a, number="1", text="Care plans stayed apart.")
    first_finding.recommendations.set([a.recommendations.get(number="1")])
    Finding.objects.create(review=a, number="2", text="No service met the need.")
    a.findings.get(number="2").recommendations.set([second])
    Finding.objects.create(review=a, number="3", text="Nobody held the whole picture.")
    second.refresh_from_db()
    assert second.not_implemented_reason == "A national service replaced it."
    assert not second.is_overdue(TODAY)
    record_distribution(
        cast.partnership,
        2025,
        Recipient.POLICING_BODY,
        cast.manager,
        sent_on=date(2026, 4, 1),
        name="Police and Crime Commissioner",
    )

    report = annual_report(cast.partnership, cast.manager, 2025, today=TODAY)

    assert report.table("sar_concluded").rows == [
        [
            "SAR-A",
            "Mandatory (Care Act 2014, s44(1)-(3))",
            date(2025, 11, 20),
            "No",
            "1. Care plans stayed apart.; 2. No service met the need.; "
            "3. Nobody held the whole picture.",
        ]
    ]
    assert report.table("sar_ongoing").rows == [
        ["SAR-B", "Not recorded", date(2026, 2, 1), "Commissioned"]
    ]
    assert report.table("sar_implementation").rows == [
        [
            "SAR-A",
            "1. Care plans stayed apart.",
            "1. Share care plans.",
            "Complete",
            "Protocol agreed in January 2026.",
        ],
        ["SAR-A", "3. Nobody held the whole picture.", "No recommendation recorded", "", ""],
    ]
    assert report.table("sar_not_implemented").rows == [
        [
            "SAR-A",
            "2. No service met the need.",
            "2. Commission a new service.",
            "A national service replaced it.",
        ]
    ]
    assert report.table("timeliness").rows[0][:11] == [
        "SAR-A",
        "Safeguarding Adults Review",
        date(2025, 5, 1),
        date(2025, 11, 20),
        203,
        0,
        203,
        date(2025, 11, 1),
        date(2025, 11, 1),
        "No",
        "No",
    ]
    # A SAR is on time against the Care and support statutory guidance's six months.
    assert "Safeguarding Adults Review: within 6 months of the decision (Care and support" in (
        report.table("timeliness").description
    )
    distribution = report.table("sab_distribution").rows
    assert distribution[2] == [
        "Local policing body (4(2)(b))",
        "Police and Crime Commissioner",
        date(2026, 4, 1),
        "",
    ]
    assert [r.value for r in recipients_outstanding(cast.partnership, 2025)] == [
        "chief_executive",
        "leader",
        "healthwatch",
        "hwb_chair",
    ]

    # The section as a Word document: each heading of paragraph 4, with its rows.
    document = Document(io.BytesIO(schedule_2_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:] == [report.table(key).title for key in SECTION_TABLES]
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert [
        "SAR-A",
        "2. No service met the need.",
        "2. Commission a new service.",
        "A national service replaced it.",
    ] in cells
    assert ["SAR-B", "Not recorded", "1 February 2026", "Commissioned"] in cells
