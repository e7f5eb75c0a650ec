"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py`.

Everything can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT) or on the command line. gunicorn serves plain HTTP on loopback; a
TLS proxy (nginx, Caddy, a load balancer) in front terminates HTTPS and sets
X-Forwarded-Proto and X-Forwarded-For (see docs/operations.md).
"""

import multiprocessing
import os

import gunicorn.http.wsgi

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(4, multiprocessing.cpu_count() * 2 + 1))))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Uploads of case papers can be large; headers cannot.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Only the local proxy may tell gunicorn the original scheme and address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"

# gunicorn names itself in a "Server" header on every response. It carries no version,
# but there is no reason to tell anyone which server runs here either: send a neutral
# name. (gunicorn has no setting for this; the module constant is what it sends.)
gunicorn.http.wsgi.SERVER = os.environ.get("SERVER_HEADER", "reviews")
