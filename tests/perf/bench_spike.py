"""A spike of visitors on the public site, with and without the shared page cache
(website/cache.py), in the same run: gunicorn with the production settings on a throwaway
PostgreSQL cluster holding the demo site, 50 visitors on loopback.

First the cache is off (PUBLIC_PAGE_CACHE_SECONDS=0) for the baseline, then on with each
shared cache production offers: the database cache table (the default), then Redis
(REDIS_URL; a throwaway redis-server, when it is installed). Half-way through each cached
run a review page is taken down (unpublished, as a manager does); from the moment that
returns, any response that is that page (200) or mentions its address counts as stale: a
visitor served a taken-down review.

Prints: bench spike: users=50 rps=.. p95_ms=.. uncached_rps=.. speedup=.. errors=..
        stale_after_takedown=..
for the last cached run (Redis where it ran, otherwise the database cache), then a line
for each cached run. Errors and stale responses count over every run.
Settings: BENCH_SPIKE_SECONDS (20 per phase), BENCH_LOAD_USERS (50), BENCH_LOAD_WORKERS (4).
"""

import json
import os
import sys
import threading
import time

import urllib3

from tests import redis_server

from .bench_load import USERS, Server, require_postgresql
from .server import start_gunicorn, stop_gunicorn
from .timing import p95

SECONDS = float(os.environ.get("BENCH_SPIKE_SECONDS", "20"))


def visitor(server, number, paths, target, stop, results):
    """Fetch the public pages in turn; record (start, latency, status, mentions target)."""
    http = urllib3.PoolManager(maxsize=1, retries=False, timeout=30)
    headers = {"X-Forwarded-For": f"10.60.{number // 200}.{number % 200 + 1}"}
    seen = []
    turn = number
    while not stop.is_set():
        path = paths[turn % len(paths)]
        turn += 1
        started = time.monotonic()
        try:
            response = http.request("GET", server.url(path), headers=headers)
            status, body = response.status, response.data
        except urllib3.exceptions.HTTPError as error:
            status, body = type(error).__name__, b""
        elapsed_ms = (time.monotonic() - started) * 1000
        shows_target = (path == target and status == 200) or target.encode() in body
        seen.append((started, elapsed_ms, path, status, shows_target))
    results.append(seen)


def restart(server, cache_seconds, redis_url=None):
    if server.gunicorn is not None:
        stop_gunicorn(server.gunicorn)
    server.env["PUBLIC_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    server.env.pop("REDIS_URL", None)
    if redis_url:  # the takedown command runs with this environment too: same cache
        server.env["REDIS_URL"] = redis_url
    server.gunicorn = start_gunicorn(
        server.env,
        stderr=open(server.folder / "gunicorn.log", "a"),  # noqa: SIM115 - closed with the process
    )
    server.wait_until_ready()


def spike(server, paths, target, take_down_at=None):
    """USERS visitors for SECONDS; returns (responses, seconds, takedown time or None).
    With a takedown, the visitors go on for the rest of SECONDS after it has returned,
    however long the command took."""
    stop = threading.Event()
    results = []
    threads = [
        threading.Thread(target=visitor, args=(server, n, paths, target, stop, results))
        for n in range(USERS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    taken_down = None
    if take_down_at is None:
        time.sleep(SECONDS)
    else:
        time.sleep(SECONDS * take_down_at)
        server.run(sys.executable, "-m", "tests.perf.load_data", "take-down", target)
        taken_down = time.monotonic()
        time.sleep(SECONDS * (1 - take_down_at))
    stop.set()
    for thread in threads:
        thread.join()
    return [row for seen in results for row in seen], time.monotonic() - started, taken_down


def published_review_path(server):
    found = server.run(sys.executable, "-m", "tests.perf.load_data", "review-page")
    return json.loads(found)["path"]


def run_phase(server, paths, label, cache_seconds, redis_url=None):
    """One run of the spike: cached (taking a review down half-way) or not."""
    target = published_review_path(server)  # a review still public: earlier ones are down
    paths = [*(path for path in paths if path != target), target]
    restart(server, cache_seconds, redis_url)
    if cache_seconds:
        for path in paths:  # the first visitor of each page fills the cache
            urllib3.PoolManager().request("GET", server.url(path))
        rows, seconds, taken_down = spike(server, paths, target, take_down_at=0.5)
    else:
        rows, seconds, taken_down = spike(server, paths, target)
    errors = [
        row for row in rows if row[3] not in (200, 404) or (row[3] == 404 and row[2] != target)
    ]
    stale = [row for row in rows if taken_down is not None and row[0] >= taken_down and row[4]]
    return {
        "label": label,
        "rows": rows,
        "rps": len(rows) / seconds,
        "p95": p95([row[1] for row in rows]),
        "errors": errors,
        "stale": stale,
        "target": target,
        "taken_down": taken_down,
    }


def describe(phase, uncached):
    """The phase's figures, and its p95 before, just after and well after the takedown."""
    print(
        f"# {phase['label']}: rps={phase['rps']:.0f} p95_ms={phase['p95']:.0f} "
        f"speedup={phase['rps'] / uncached['rps']:.1f} errors={len(phase['errors'])} "
        f"stale_after_takedown={len(phase['stale'])}",
        flush=True,
    )
    taken_down = phase["taken_down"]
    settled = taken_down + 2  # the pages rendered again after the takedown emptied the cache
    for label, rows in (
        ("before the takedown", [r for r in phase["rows"] if r[0] < taken_down]),
        ("in the 2 s after it", [r for r in phase["rows"] if taken_down <= r[0] < settled]),
        ("after that", [r for r in phase["rows"] if r[0] >= settled]),
    ):
        if rows:
            print(f"#   {label}: p95_ms={p95([r[1] for r in rows]):.0f} n={len(rows)}")


def run(report):
    require_postgresql()
    server = Server()
    try:
        server.start()
        paths = [path for path in server.site["paths"] if not path.startswith("/admin/")]
        uncached = run_phase(server, paths, "no cache", 0)
        phases = [run_phase(server, paths, "database cache", 300)]
        if redis_server.available():
            paths.remove(phases[0]["target"])  # taken down: a 404 now
            with redis_server.throwaway_redis() as redis_url:
                phases.append(run_phase(server, paths, "Redis cache", 300, redis_url))
        else:
            print("# Redis cache: not run (redis-server is not installed)", flush=True)
    finally:
        server.stop()
    for phase in phases:
        if not any(row[0] >= phase["taken_down"] for row in phase["rows"]):
            raise SystemExit(f"bench spike: {phase['label']}: no visit after the takedown")
    errors = [row for phase in (uncached, *phases) for row in phase["errors"]]
    stale = [row for phase in phases for row in phase["stale"]]
    last = phases[-1]
    report(
        f"bench spike: users={USERS} rps={last['rps']:.0f} p95_ms={last['p95']:.0f} "
        f"uncached_rps={uncached['rps']:.0f} uncached_p95_ms={uncached['p95']:.0f} "
        f"speedup={last['rps'] / uncached['rps']:.1f} errors={len(errors)} "
        f"stale_after_takedown={len(stale)}"
    )
    for phase in phases:
        describe(phase, uncached)
    for row in errors[:10]:
        print(f"# error: {row[2]}: {row[3]}", file=sys.stderr)
