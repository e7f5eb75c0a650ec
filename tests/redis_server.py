"""A throwaway Redis (Debian's redis-server) on a free loopback port, for the tests and
the benchmark of the shared cache with REDIS_URL. Without persistence, as
docs/operations.md asks, unless `persistent` (what the deploy check must refuse)."""

import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager

import pytest
import redis

from tests.perf.server import free_port

REDIS_SERVER = shutil.which("redis-server")


def available():
    return REDIS_SERVER is not None


needs_redis = pytest.mark.skipif(
    not available(), reason="redis-server is not installed (make install adds it)"
)


@contextmanager
def throwaway_redis(persistent=False):
    """Yields the server's URL; stops it and removes its folder afterwards."""
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    with tempfile.TemporaryDirectory(prefix="reviews-redis-") as folder:
        saves = ["--save", "3600 1"] if persistent else ["--save", "", "--appendonly", "no"]
        server = subprocess.Popen(  # noqa: S603 - Debian's server, our arguments
            [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder, *saves],
            stdout=subprocess.DEVNULL,
        )
        try:
            client = redis.Redis.from_url(url)
            deadline = time.monotonic() + 10
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.05)
            client.close()
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
