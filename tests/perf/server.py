"""The production server for the benchmarks that go over HTTP: gunicorn with
config/gunicorn.conf.py (its settings from the environment given), on a free port on
loopback."""

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, stderr):
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"]
    return subprocess.Popen(  # noqa: S603 - our own interpreter and config
        [*command, "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def stop_gunicorn(server):
    server.terminate()  # graceful: workers finish the request in hand
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
