"""A spike of visitors on the public site, with and without the shared page cache
(website/cache.py), in the same run: gunicorn with the production settings on a throwaway
PostgreSQL cluster holding the demo site, 50 visitors on loopback.

First the cache is off (PUBLIC_PAGE_CACHE_SECONDS=0) for the baseline, then on. Half-way
through the cached run a review page is taken down (unpublished, as a manager does); from
the moment that returns, any response that is that page (200) or mentions its address
counts as stale: a visitor served a taken-down review.

Prints: bench spike: users=50 rps=.. p95_ms=.. uncached_rps=.. speedup=.. errors=..
        stale_after_takedown=..
Settings: BENCH_SPIKE_SECONDS (20 per phase), BENCH_LOAD_USERS (50), BENCH_LOAD_WORKERS (4).
"""

import json
import os
import sys
import threading
import time

import urllib3

from .bench_load import USERS, Server, require_postgresql
from .server import start_gunicorn, stop_gunicorn
from .timing import p95

SECONDS = float(os.environ.get("BENCH_SPIKE_SECONDS", "20"))


def visitor(server, number, paths, target, deadline, results):
    """Fetch the public pages in turn; record (start, latency, status, mentions target)."""
    http = urllib3.PoolManager(maxsize=1, retries=False, timeout=30)
    headers = {"X-Forwarded-For": f"10.60.{number // 200}.{number % 200 + 1}"}
    seen = []
    turn = number
    while time.monotonic() < deadline:
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


def restart(server, cache_seconds):
    if server.gunicorn is not None:
        stop_gunicorn(server.gunicorn)
    server.env["PUBLIC_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    server.gunicorn = start_gunicorn(
        server.env,
        stderr=open(server.folder / "gunicorn.log", "a"),  # noqa: SIM115 - closed with the process
    )
    server.wait_until_ready()


def spike(server, paths, target, take_down_at=None):
    """USERS visitors for SECONDS; returns (responses, seconds, takedown time or None)."""
    deadline = time.monotonic() + SECONDS
    results = []
    threads = [
        threading.Thread(target=visitor, args=(server, n, paths, target, deadline, results))
        for n in range(USERS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    taken_down = None
    if take_down_at is not None:
        time.sleep(SECONDS * take_down_at)
        server.run(sys.executable, "-m", "tests.perf.load_data", "take-down", target)
        taken_down = time.monotonic()
    for thread in threads:
        thread.join()
    return [row for seen in results for row in seen], time.monotonic() - started, taken_down


def run(report):
    require_postgresql()
    server = Server()
    try:
        server.start()
        paths = [path for path in server.site["paths"] if not path.startswith("/admin/")]
        target = json.loads(server.run(sys.executable, "-m", "tests.perf.load_data", "review-page"))
        target = target["path"]
        if target not in paths:
            paths.append(target)
        restart(server, 0)
        uncached, uncached_seconds, _ = spike(server, paths, target)
        restart(server, 300)
        for path in paths:  # the first visitor of each page fills the cache
            urllib3.PoolManager().request("GET", server.url(path))
        cached, cached_seconds, taken_down = spike(server, paths, target, take_down_at=0.5)
    finally:
        server.stop()
    errors = [
        row
        for row in uncached + cached
        if row[3] not in (200, 404) or (row[3] == 404 and row[2] != target)
    ]
    stale = [row for row in cached if row[0] >= taken_down and row[4]]
    before = [row for row in cached if row[0] < taken_down and row[4]]
    rps = len(cached) / cached_seconds
    uncached_rps = len(uncached) / uncached_seconds
    report(
        f"bench spike: users={USERS} rps={rps:.0f} p95_ms={p95([r[1] for r in cached]):.0f} "
        f"uncached_rps={uncached_rps:.0f} uncached_p95_ms={p95([r[1] for r in uncached]):.0f} "
        f"speedup={rps / uncached_rps:.1f} errors={len(errors)} "
        f"stale_after_takedown={len(stale)}"
    )
    print(f"# the taken-down page was served or linked {len(before)} times before", flush=True)
    settled = taken_down + 2  # the pages rendered again after the takedown emptied the cache
    for label, rows in (
        ("before the takedown", [r for r in cached if r[0] < taken_down]),
        ("in the 2 s after it", [r for r in cached if taken_down <= r[0] < settled]),
        ("after that", [r for r in cached if r[0] >= settled]),
    ):
        if rows:
            print(f"# cached run {label}: p95_ms={p95([r[1] for r in rows]):.0f} n={len(rows)}")
    for row in errors[:10]:
        print(f"# error: {row[2]}: {row[3]}", file=sys.stderr)
