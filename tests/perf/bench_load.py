"""Load: 50 visitors on the public pages (and search, where the site has it) for a fixed
time, against gunicorn with the production settings on a throwaway PostgreSQL cluster,
all on loopback, while a review manager signs in with two factors and moves cases through
the real admin. Afterwards every step the manager was told succeeded must be in the
database and in the audit trail, in order.

Prints: bench load: users=50 rps=.. p95_ms=.. errors=..
        bench load-writes: transitions=.. lost=.. audit_mismatches=..

The visitors are threads with a urllib3 connection each: one process, no event loop and no
monkey-patching, so the figures are those of the server, not of a load framework.
Settings: BENCH_LOAD_SECONDS (20), BENCH_LOAD_USERS (50), BENCH_LOAD_WORKERS (gunicorn
workers, 4).
"""

import glob
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import urllib3
from django_otp.oath import TOTP

from .server import ROOT, free_port, start_gunicorn, stop_gunicorn
from .timing import p95

USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "20"))
WORKERS = os.environ.get("BENCH_LOAD_WORKERS", "4")
MANAGER = "bench-manager"


def require_postgresql():
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        raise SystemExit(
            "bench load: PostgreSQL is not installed. The load test runs the production "
            "settings on a throwaway PostgreSQL cluster: install Debian's server "
            "(apt-get install postgresql) and run `make bench` again."
        )


class Server:
    """A throwaway cluster, the migrated demo site on it, and gunicorn in front."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="reviews-load-"))
        self.folder.chmod(0o755)
        self.pg_dir = self.folder / "pg"
        self.port = free_port()
        self.password = secrets.token_urlsafe(16)
        self.totp_key = secrets.token_hex(20)
        self.gunicorn = None

    def run(self, *args):
        result = subprocess.run(
            args, cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise SystemExit(f"bench load: {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self):
        pg_port = free_port()
        database_url = subprocess.run(
            ["bash", "scripts/pg-throwaway.sh", "start", str(self.pg_dir), str(pg_port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "TRUSTED_PROXY_COUNT": "1",
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_STORAGE_ROOT": str(self.folder / "private"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": WORKERS,
            "BENCH_PASSWORD": self.password,
            "BENCH_TOTP_KEY": self.totp_key,
        }
        python = sys.executable
        self.run(python, "manage.py", "migrate", "--noinput", "-v0")
        self.run(python, "manage.py", "collectstatic", "--noinput", "-v0")
        self.run(python, "-m", "tests.perf.load_data", "demo")
        self.site = json.loads(self.run(python, "-m", "tests.perf.load_data", "setup"))
        self.gunicorn = start_gunicorn(
            self.env,
            stderr=open(self.folder / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
        )
        self.wait_until_ready()

    def wait_until_ready(self):
        http = urllib3.PoolManager()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if http.request("GET", self.url("/"), retries=False).status == 200:
                    return
            except urllib3.exceptions.HTTPError:
                pass
            time.sleep(0.3)
        log = (self.folder / "gunicorn.log").read_text()[-3000:]
        raise SystemExit(f"bench load: gunicorn did not answer within 60s:\n{log}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def verify(self, made):
        record = self.folder / "made.json"
        record.write_text(json.dumps(made))
        python = sys.executable
        return json.loads(self.run(python, "-m", "tests.perf.load_data", "verify", str(record)))

    def stop(self):
        if self.gunicorn is not None:
            stop_gunicorn(self.gunicorn)
        subprocess.run(
            ["bash", "scripts/pg-throwaway.sh", "stop", str(self.pg_dir)], cwd=ROOT, check=False
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def visitor(server, number, paths, deadline, results):
    """One visitor: fetch the public pages in turn until the time is up. Each visitor has
    its own address, as the proxy in front would report it (rate limits count per address)."""
    http = urllib3.PoolManager(maxsize=1, retries=False, timeout=30)
    headers = {"X-Forwarded-For": f"10.50.{number // 200}.{number % 200 + 1}"}
    latencies, errors = [], []
    turn = number
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            status = http.request("GET", server.url(path), headers=headers).status
        except urllib3.exceptions.HTTPError as error:
            status = f"{type(error).__name__}"
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 200:
            errors.append(f"{path}: {status}")
    results.append((latencies, errors))


class Manager:
    """The review manager in the admin, through the real forms: sign-in, second factor,
    then pause and resume cases one after another. Cookies are kept by hand: the
    production cookies are Secure-only, and this client talks plain HTTP on loopback."""

    def __init__(self, server):
        self.server = server
        self.http = urllib3.PoolManager(maxsize=1, retries=False, timeout=30)
        self.cookies = {}
        self.made = []
        self.errors = []

    def send(self, method, path, fields=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Origin": f"http://127.0.0.1:{self.server.port}",
            "X-Forwarded-For": "10.99.0.1",
        }
        body = None
        if fields is not None:
            fields = {**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = self.http.request(
            method, self.server.url(path), body=body, headers=headers, redirect=False
        )
        for header in response.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def sign_in(self):
        self.send("GET", "/admin/login/")
        response = self.send(
            "POST", "/admin/login/", {"username": MANAGER, "password": self.server.password}
        )
        assert response.status == 302, f"sign-in answered {response.status}"
        code = TOTP(bytes.fromhex(self.server.totp_key)).token()
        response = self.send("POST", "/admin/two-factor/verify/", {"code": f"{code:06d}"})
        assert response.status == 302, f"second factor answered {response.status}"
        assert self.send("GET", "/admin/").status == 200, "the admin did not open"

    def work(self, cases, deadline):
        states = dict.fromkeys(cases, "drafting")
        while time.monotonic() < deadline:
            for case in cases:
                state = states[case]
                step, target = (
                    ("pause", "paused") if state == "drafting" else ("resume", "drafting")
                )
                response = self.send(
                    "POST",
                    f"/admin/reviews/{case}/step/{step}/",
                    {"comment": "Inquest (fictional, load benchmark).", "expected_state": state},
                )
                if response.status == 302:
                    self.made.append({"case": case, "step": step, "from": state, "to": target})
                    states[case] = target
                else:
                    self.errors.append(f"{step} on {case}: {response.status}")
                time.sleep(0.1)


def lost_writes(made, held):
    """Steps the manager was told succeeded that the database does not show, and cases
    whose audit trail differs from what was done."""
    lost = mismatches = 0
    for case in {step["case"] for step in made}:
        steps = [step for step in made if step["case"] == case]
        stored = held[str(case)]
        expected = [[s["step"], s["from"], s["to"]] for s in steps]
        lost += max(0, len(expected) - len(stored["events"]))
        if stored["events"] != expected or stored["state"] != steps[-1]["to"]:
            mismatches += 1
        if stored["pauses"] != sum(1 for s in steps if s["step"] == "pause"):
            mismatches += 1
    return lost, mismatches


def run(report):
    require_postgresql()
    server = Server()
    try:
        server.start()
        paths = list(server.site["paths"])
        if server.site["search"]:
            paths += [f"{server.site['search']}?q=review", f"{server.site['search']}?q=housing"]
        manager = Manager(server)
        manager.sign_in()
        deadline = time.monotonic() + SECONDS
        results = []
        threads = [
            threading.Thread(target=visitor, args=(server, n, paths, deadline, results))
            for n in range(USERS)
        ]
        threads.append(threading.Thread(target=manager.work, args=(server.site["cases"], deadline)))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        held = server.verify(manager.made)
    finally:
        server.stop()
    latencies = [ms for run_latencies, _ in results for ms in run_latencies]
    errors = [error for _, run_errors in results for error in run_errors] + manager.errors
    lost, mismatches = lost_writes(manager.made, held)
    report(
        f"bench load: users={USERS} rps={len(latencies) / elapsed:.0f} "
        f"p95_ms={p95(latencies):.0f} errors={len(errors)}"
    )
    report(
        f"bench load-writes: transitions={len(manager.made)} lost={lost} "
        f"audit_mismatches={mismatches}"
    )
    for error in errors[:10]:
        print(f"# error: {error}", file=sys.stderr)
    if lost or mismatches or not manager.made:
        raise SystemExit("bench load: writes were lost or the audit trail does not match")
