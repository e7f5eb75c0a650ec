"""`make bench`: run every tests/perf/bench_*.py against a freshly migrated database.

Each benchmark module has `run(report)`; `report(line)` prints one line per figure, in
the form `bench <name>: key=value ...`. Benchmarks compare against a naive baseline in
the same run and print the ratio; they are not pass/fail tests (targets are checked by
reading the figures, and recorded in docs/performance.md).
"""

import importlib
import os
import pkgutil
import sys
import time


def main(selected):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    package = importlib.import_module("tests.perf")
    names = sorted(
        name
        for _, name, _ in pkgutil.iter_modules(package.__path__)
        if name.startswith("bench_") and (not selected or name.removeprefix("bench_") in selected)
    )
    for name in names:
        started = time.perf_counter()
        importlib.import_module(f"tests.perf.{name}").run(lambda line: print(line, flush=True))
        print(f"# {name} took {time.perf_counter() - started:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
