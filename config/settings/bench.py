"""Benchmarks (`make bench`): test settings on a throwaway database of their own."""

import os
import tempfile

from .test import *  # noqa: F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["NAME"] = os.environ.get(  # noqa: F405
        "BENCH_DATABASE", os.path.join(tempfile.mkdtemp(prefix="reviews-bench-"), "bench.sqlite3")
    )
