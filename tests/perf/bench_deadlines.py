"""Overdue cases: the stored, computed due dates against recomputing every case in Python.

Prints: bench overdue: n=.. p50_ms=.. p95_ms=.. naive_p95_ms=.. speedup=..
"""

import random
from datetime import date, timedelta

from django.db import transaction

from partnerships.models import Partnership
from reviews.deadlines import compute_due_dates
from reviews.models import GuidanceVersion, Review, ReviewKind, Timescale
from reviews.stages import COMPLETION_PHASE, DECISION_PHASE, State

from .timing import p50, p95, timed_ms

N_CASES = 10_000
TODAY = date(2026, 6, 1)


def build(n):
    rng = random.Random(20261123)
    partnership, _ = Partnership.objects.get_or_create(
        slug="bench", defaults={"name": "Benchmark partnership (synthetic)", "kind": "csp"}
    )
    states = [
        State.NOTIFIED,
        State.DECISION_PENDING,
        State.DRAFTING,
        State.PANEL_REVIEW,
        State.CLOSED,
    ]
    guidance = {
        kind: GuidanceVersion.for_new_review(partnership.pk, kind) for kind in ReviewKind.values
    }
    timescales = {
        kind: Timescale.months_for(kind, getattr(guidance[kind], "pk", None))
        for kind in ReviewKind.values
    }
    rows = []
    for number in range(n):
        notified = TODAY - timedelta(days=rng.randint(0, 900))
        state = rng.choice(states)
        review = Review(
            partnership=partnership,
            kind=(kind := rng.choice(ReviewKind.values)),
            guidance=guidance[kind],
            reference=f"BENCH-{number:06d}",
            notified_on=notified,
            decision_on=None if state in DECISION_PHASE else notified + timedelta(days=25),
            is_fictional=True,
            state=state,  # synthetic rows: set directly, not through the workflow
        )
        due = compute_due_dates(review, timescales[review.kind])
        review.decision_due_on, review.completion_due_on = due["decision"], due["completion"]
        rows.append(review)
    with transaction.atomic():
        Review.objects.bulk_create(rows, batch_size=1000)


def naive_overdue():
    """What the system would do without stored due dates: load and compute every case."""
    overdue = []
    for review in Review.objects.prefetch_related("pauses"):
        due = compute_due_dates(review, Timescale.months_for(review.kind, review.guidance_id))
        running = (
            due["decision"]
            if review.state in DECISION_PHASE
            else due["completion"]
            if review.state in COMPLETION_PHASE
            else None
        )
        if running is not None and running < TODAY:
            overdue.append(review.pk)
    return overdue


def run(report):
    build(N_CASES)
    stored = sorted(Review.objects.overdue(TODAY).values_list("pk", flat=True))
    assert stored == sorted(naive_overdue()), "stored due dates disagree with recomputation"
    fast = timed_ms(lambda: list(Review.objects.overdue(TODAY).values_list("pk", flat=True)), 50)
    slow = timed_ms(naive_overdue, 3)
    report(
        f"bench overdue: n={N_CASES} p50_ms={p50(fast):.1f} p95_ms={p95(fast):.1f} "
        f"naive_p95_ms={p95(slow):.1f} speedup={p95(slow) / p95(fast):.0f}"
    )
