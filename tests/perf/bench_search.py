"""Search: the index (Wagtail's database backend + facet columns) against an icontains scan.

Deterministic synthetic data: 10,000 reviews, 100,000 recommendations and 20,000 actions
in 20 partnerships, written with bulk_create. Then the index is rebuilt (timed) and 200
mixed faceted queries run as three kinds of user (everything, one partnership's staff,
the public). The naive baseline runs the same filters with an icontains scan of the rows.

The same 200 queries are then run again with an edit (a recommendation's text saved, as
a person would) before every fifth: edits_p95_ms is their p95 (the edits' own time not
counted), edit_ratio = edits_p95_ms / p95_ms: what searching costs while others work.

Prints: bench search: n=.. p50_ms=.. p95_ms=.. edits_p95_ms=.. edit_ratio=.. naive_p95_ms=..
        speedup=..
        bench index: n=.. seconds=..
"""

import random
import time
from collections import Counter
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.http import QueryDict

from learning.models import RAG, Action, Level, Priority, Recommendation, Status, Strategy, Theme
from partnerships.access import EVERYTHING, PUBLIC, Facts
from partnerships.models import Agency, Partnership, Role
from reviews.models import AgeBand, Relationship, Review, ReviewKind
from reviews.stages import State
from search import facets as facet_table
from search.backends import DatabaseBackend
from search.indexing import rebuild
from search.models import SearchEntry, split_values
from search.query import PAGE_SIZE, SearchParams

from .timing import p50, p95, timed_ms

N_REVIEWS = 10_000
N_RECOMMENDATIONS = 100_000
N_ACTIONS = 20_000
N_QUERIES = 200
SEED = 20261123

TOPICS = """coercive control housing homelessness information sharing mental health substance
misuse alcohol carers assessment safeguarding referral training police probation GP
primary care hospital emergency department adult social care children's services MARAC
IDVA risk assessment DASH stalking harassment economic abuse isolation dementia
self-neglect hoarding older people disability interpreter language barriers immigration
pregnancy midwifery health visiting substance detox prison release bail conditions
firearms licensing strangulation suicide prevention bereavement counselling GP records
routine enquiry professional curiosity supervision escalation multi-agency""".split()  # noqa: SIM905
FILLER = """ensure all staff should receive guidance on how to recognise respond and record
when a person discloses concerns about their partner family member or carer and that
managers review the practice quarterly with partners to embed learning across services
and report progress to the board""".split()  # noqa: SIM905


def sentence(rng, words):
    topic = rng.sample(TOPICS, 3)
    filler = rng.sample(FILLER, words)
    middle = len(filler) // 2
    return " ".join(filler[:middle] + topic + filler[middle:]).capitalize() + "."


def build():
    rng = random.Random(SEED)
    partnerships = [
        Partnership.objects.get_or_create(
            slug=f"bench-search-{n}",
            defaults={"name": f"Synthetic search partnership {n}", "kind": "csp"},
        )[0]
        for n in range(20)
    ]
    agencies = [Agency.objects.get_or_create(name=f"Synthetic agency {n}")[0] for n in range(15)]
    themes = [
        Theme.objects.get_or_create(slug=f"bench-theme-{n}", defaults={"name": f"Theme {n}"})[0]
        for n in range(12)
    ]
    states = [State.DRAFTING, State.PANEL_REVIEW, State.PUBLISHED, State.MONITORING, State.CLOSED]
    with transaction.atomic():
        reviews = Review.objects.bulk_create(
            [
                Review(
                    partnership=rng.choice(partnerships),
                    kind=rng.choice(ReviewKind.values),
                    reference=f"SRCH-{n:06d}",
                    pseudonym=f"Adult {n}",
                    summary=sentence(rng, 12),
                    notified_on=date(2016, 1, 1) + timedelta(days=rng.randint(0, 3650)),
                    relationship=rng.choice(Relationship.values),
                    victim_age_band=rng.choice(AgeBand.values),
                    state=rng.choice(states),
                    is_fictional=True,
                )
                for n in range(N_REVIEWS)
            ],
            batch_size=2000,
        )
        recommendations = Recommendation.objects.bulk_create(
            [
                Recommendation(
                    review=rng.choice(reviews),
                    number=str(n),
                    text=sentence(rng, 14),
                    level=Level.MULTI_AGENCY,
                    owning_agency=rng.choice(agencies),
                    status=rng.choice([Status.NOT_STARTED, Status.IN_PROGRESS, Status.ON_HOLD]),
                    rag=rng.choice(RAG.values),
                )
                for n in range(N_RECOMMENDATIONS)
            ],
            batch_size=5000,
        )
        links = Recommendation.themes.through
        links.objects.bulk_create(
            [
                links(recommendation_id=r.pk, theme_id=t.pk)
                for r in recommendations
                for t in rng.sample(themes, rng.randint(1, 2))
            ],
            batch_size=10000,
        )
        priorities = []
        for partnership in partnerships:
            strategy = Strategy.objects.create(
                partnership=partnership,
                title=f"Synthetic strategy for {partnership.name}",
                slug="bench-search",
                period_start=2024,
                period_end=2028,
            )
            priorities.append(Priority.objects.create(strategy=strategy, number="1", title="P1"))
        Action.objects.bulk_create(
            [
                Action(
                    strategy_id=(priority := rng.choice(priorities)).strategy_id,
                    priority=priority,
                    reference=f"{n}",
                    objective=sentence(rng, 10),
                    due_on=date(2024, 4, 1) + timedelta(days=rng.randint(0, 1500)),
                    lead_agency=rng.choice(agencies),
                    rag=rng.choice(RAG.values),
                    status=rng.choice(Status.values),
                )
                for n in range(N_ACTIONS)
            ],
            batch_size=5000,
        )
    return partnerships, themes


def queries(partnerships, themes):
    """200 mixed searches: one to three words, zero to two filters, three kinds of user."""
    rng = random.Random(SEED + 1)
    filters = [
        lambda: ("year", str(rng.randint(2016, 2026))),
        lambda: ("kind", rng.choice(ReviewKind.values)),
        lambda: ("theme", rng.choice(themes).slug),
        lambda: ("rag", rng.choice(RAG.values)),
        lambda: ("type", rng.choice(["review", "recommendation", "action"])),
        lambda: ("relationship", rng.choice(Relationship.values)),
    ]
    accesses = [
        EVERYTHING,
        Facts(roles={p.pk: frozenset({Role.REVIEW_MANAGER}) for p in rng.sample(partnerships, 3)}),
        PUBLIC,
    ]
    out = []
    for n in range(N_QUERIES):
        data = QueryDict(mutable=True)
        data["q"] = " ".join(rng.sample(TOPICS, rng.choice([1, 1, 2, 2, 3])))
        for _ in range(rng.randint(0, 2)):
            name, value = rng.choice(filters)()
            data.appendlist(name, value)
        if n % 5 == 0:
            data["sort"] = "newest"
        out.append((SearchParams.from_querydict(data), accesses[n % 3]))
    return out


def naive(params, access):
    """The same filters and facets with an icontains scan instead of the text index."""
    vocabulary = facet_table.Vocabulary()
    rows = DatabaseBackend.filtered(
        SearchEntry.objects.all(), access, DatabaseBackend.known_filters(params, vocabulary)
    )
    for term in params.terms:
        rows = rows.filter(Q(title__icontains=term) | Q(body__icontains=term))
    counters = {name: Counter() for name in facet_table.FACET_NAMES}
    for row in rows.values(*[f.column for f in facet_table.FACETS.values()]):
        for name, facet in facet_table.FACETS.items():
            value = row[facet.column]
            counters[name].update(split_values(value) if facet.multi else [value])
    return list(rows.order_by("-date", "-pk")[:PAGE_SIZE])


def searches_while_editing(backend, workload):
    """The workload's search times with a recommendation edited before every fifth."""
    rng = random.Random(SEED + 2)
    editable = list(Recommendation.objects.values_list("pk", flat=True)[:1000])
    durations = []
    for n, (params, access) in enumerate(workload):
        if n % 5 == 0:
            recommendation = Recommendation.objects.get(pk=rng.choice(editable))
            recommendation.text += f" Reviewed {n}."
            recommendation.save()
        started = time.perf_counter()
        backend.search(params, access)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def run(report):
    started = time.perf_counter()
    partnerships, themes = build()
    print(f"# synthetic data written in {time.perf_counter() - started:.1f}s", flush=True)
    started = time.perf_counter()
    total = rebuild(log=lambda line: None)
    index_seconds = time.perf_counter() - started
    workload = queries(partnerships, themes)
    backend = DatabaseBackend()
    iterator = iter(workload * 2)
    backend.search(*workload[0])  # warm caches once
    fast = timed_ms(lambda: backend.search(*next(iterator)), len(workload))
    while_editing = searches_while_editing(backend, workload)
    iterator = iter(workload[::10])
    slow = timed_ms(lambda: naive(*next(iterator)), len(workload[::10]))
    report(
        f"bench search: n={N_RECOMMENDATIONS} p50_ms={p50(fast):.1f} p95_ms={p95(fast):.1f} "
        f"edits_p95_ms={p95(while_editing):.1f} edit_ratio={p95(while_editing) / p95(fast):.2f} "
        f"naive_p95_ms={p95(slow):.1f} speedup={p95(slow) / p95(fast):.0f}"
    )
    report(f"bench index: n={N_RECOMMENDATIONS} seconds={index_seconds:.1f}")
    print(f"# {total} index entries", flush=True)
