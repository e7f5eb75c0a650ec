"""Search: the database backend on 100,000 recommendations, quiet and while people edit.

Deterministic synthetic data: 10,000 reviews, 100,000 recommendations and 20,000 actions
in 20 partnerships, written with bulk_create. Then the index is rebuilt (timed) and 200
mixed faceted queries run as three kinds of user (everything, one partnership's staff,
the public).

The same 200 queries are then run again with an edit (a recommendation's text saved, as
a person would) before every fifth: edits_p95_ms is their p95 (the edits' own time not
counted), edit_ratio = edits_p95_ms / p95_ms: what searching costs while others work.

Then, when PostgreSQL is installed, the same on a throwaway cluster (as the load
benchmark starts one; BENCH_PG_PORT chooses its port), in a process of its own.

Prints: bench search: n=.. p50_ms=.. p95_ms=.. edits_p95_ms=.. edit_ratio=..
        bench index: n=.. seconds=..
        bench search-pg: n=.. p95_ms=.. edits_p95_ms=..
"""

import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.http import QueryDict

from learning.models import RAG, Action, Level, Priority, Recommendation, Status, Strategy, Theme
from partnerships.access import EVERYTHING, PUBLIC, Facts
from partnerships.models import Agency, Partnership, Role
from reviews.models import Review, ReviewKind
from reviews.people_vocabulary import DeathType
from reviews.stages import State
from search.backends import DatabaseBackend
from search.indexing import rebuild
from search.query import SearchParams

from .server import ROOT, free_port
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
                    death_type=rng.choice(DeathType.values),
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
        lambda: ("death_type", rng.choice(DeathType.values)),
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


def searches_while_editing(backend, workload, edits):
    """The workload's search times with a recommendation edited before every fifth (the
    edits' own times are appended to `edits`)."""
    rng = random.Random(SEED + 2)
    editable = list(Recommendation.objects.values_list("pk", flat=True)[:1000])
    durations = []
    for n, (params, access) in enumerate(workload):
        if n % 5 == 0:
            started = time.perf_counter()
            recommendation = Recommendation.objects.get(pk=rng.choice(editable))
            recommendation.text += f" Reviewed {n}."
            recommendation.save()
            edits.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        backend.search(params, access)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def measure():
    """(quiet durations, durations while editing, edits' own durations, rows, seconds
    to rebuild the index) on the configured database."""
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
    quiet = timed_ms(lambda: backend.search(*next(iterator)), len(workload))
    # CPU time of the same searches: the machine is shared, and on a busy one the wall
    # time is mostly waiting for a core (SQLite runs in this process).
    cpu = []
    for params, access in workload:
        started = time.process_time()
        backend.search(params, access)
        cpu.append((time.process_time() - started) * 1000)
    print(f"# search cpu_p50_ms={p50(cpu):.1f} cpu_p95_ms={p95(cpu):.1f}", flush=True)
    edits = []
    while_editing = searches_while_editing(backend, workload, edits)
    return quiet, while_editing, edits, total, index_seconds


def run(report):
    quiet, while_editing, edits, total, index_seconds = measure()
    print(f"# {total} index entries; edits themselves p95 {p95(edits):.1f} ms", flush=True)
    if os.environ.get("BENCH_SEARCH_PG"):  # the PostgreSQL run, in its own process
        report(
            f"bench search-pg: n={N_RECOMMENDATIONS} p95_ms={p95(quiet):.1f} "
            f"edits_p95_ms={p95(while_editing):.1f}"
        )
        return
    report(
        f"bench search: n={N_RECOMMENDATIONS} p50_ms={p50(quiet):.1f} p95_ms={p95(quiet):.1f} "
        f"edits_p95_ms={p95(while_editing):.1f} "
        f"edit_ratio={p95(while_editing) / p95(quiet):.2f}"
    )
    report(f"bench index: n={N_RECOMMENDATIONS} seconds={index_seconds:.1f}")
    if connection.vendor == "postgresql":
        print("# bench search-pg: the line above is PostgreSQL's already", flush=True)
    elif not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        print("# bench search-pg: PostgreSQL is not installed, not run", flush=True)
    else:
        for line in on_postgresql():
            report(line)


def on_postgresql():
    """This benchmark again in a process of its own on a throwaway cluster: its lines."""
    folder = Path(tempfile.mkdtemp(prefix="reviews-bench-search-"))
    folder.chmod(0o755)  # the cluster runs as 'postgres' when started as root
    pg_dir = str(folder / "pg")
    port = os.environ.get("BENCH_PG_PORT") or str(free_port())
    try:
        database_url = subprocess.run(
            ["bash", "scripts/pg-throwaway.sh", "start", pg_dir, port],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        env = {**os.environ, "DATABASE_URL": database_url, "BENCH_SEARCH_PG": "1"}
        env.pop("BENCH_DATABASE", None)
        result = subprocess.run(
            [sys.executable, "-m", "tests.perf", "search"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise SystemExit(f"bench search-pg failed:\n{result.stderr[-3000:]}")
        for line in result.stdout.splitlines():
            if line.startswith("#"):
                print(line, flush=True)
        return [line for line in result.stdout.splitlines() if line.startswith("bench ")]
    finally:
        subprocess.run(
            ["bash", "scripts/pg-throwaway.sh", "stop", pg_dir],
            cwd=ROOT,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)
