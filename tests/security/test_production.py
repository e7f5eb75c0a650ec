"""Production settings: `check --deploy` is clean, secrets are required, and gunicorn
with config/gunicorn.conf.py serves with HSTS, HTTPS redirect and no server version."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import redis_server
from tests.perf.server import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "SECRET_KEY"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "reviews.example.org,127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": "https://reviews.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
    )
    return env


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@redis_server.needs_redis
def test_with_redis_url_the_cache_is_redis_and_must_not_persist(production_env):
    """A Redis that restores its data after a crash could serve a page kept before a
    takedown: `check --deploy` refuses it (website/checks.py), and accepts one without."""
    for persistent in (False, True):
        with redis_server.throwaway_redis(persistent=persistent) as url:
            production_env["REDIS_URL"] = url
            result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
        if persistent:
            assert result.returncode == 1
            assert "pages.E001" in result.stderr and "save '3600 1'" in result.stderr
        else:
            assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(production_env):
    del production_env["SECRET_KEY"]
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback http
    try:
        # A freshly started worker's first request imports the project; on a loaded
        # two-core machine (parallel test workers) that took more than 10 s.
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.fixture
def gunicorn(production_env):
    port = free_port()
    production_env.update({"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"})
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=production_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_gunicorn_redirects_plain_http_and_names_no_server_or_version(gunicorn):
    status, headers = fetch(gunicorn + "/admin/login/", {"Host": "reviews.example.org"})

    assert status == 301
    assert headers["Location"] == "https://reviews.example.org/admin/login/"
    assert headers["Server"] == "reviews"


def test_behind_the_tls_proxy_responses_carry_hsts_and_the_policy(gunicorn):
    status, headers = fetch(
        gunicorn + "/admin/jsi18n/",
        {"Host": "reviews.example.org", "X-Forwarded-Proto": "https"},
    )

    assert status == 200
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    server = headers["Server"]
    assert "gunicorn" not in server.lower() and not any(ch.isdigit() for ch in server)
