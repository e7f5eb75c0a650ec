"""Small helpers shared by the benchmarks."""

import statistics
import time


def timed_ms(func, repeat):
    """Run func `repeat` times; return the list of durations in milliseconds."""
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def p50(values):
    return statistics.median(values)


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]
