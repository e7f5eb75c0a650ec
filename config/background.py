"""Work done after the response: queued in the database (django-tasks-db) and run by
`manage.py db_worker --backend background` (started by `make run` beside the web server;
docs/operations.md for production).

What goes here is work a person should not wait for and that may safely run twice:
reading the text of an uploaded paper for search, sending an email. What must be true the
moment a request ends stays in the request: the publication gate reads the files itself
when a review is published, and a takedown withdraws search rows at once.

A task is queued inside the caller's transaction, so a rolled-back change queues nothing
and the worker never sees rows that are not yet committed.
"""

import functools
import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)

BACKEND = "background"
MAX_ATTEMPTS = 3
RETRY_DELAY = timedelta(minutes=1)  # then two minutes: transient faults (a mail server) pass


def background_task(function):
    """A task on the background queue that is tried again, up to MAX_ATTEMPTS, when it
    fails. It must be idempotent: a retry may repeat work a failed attempt half did."""

    @task(backend=BACKEND)
    @functools.wraps(function)
    def attempt(*args, attempt_number=1, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception:
            if attempt_number >= MAX_ATTEMPTS:
                log.exception("%s failed %d times; giving up", function.__name__, attempt_number)
                raise
            log.warning("%s failed; trying again", function.__name__, exc_info=True)
            retry = attempt
            if retry.get_backend().supports_defer:
                retry = retry.using(run_after=timezone.now() + RETRY_DELAY * attempt_number)
            retry.enqueue(*args, attempt_number=attempt_number + 1, **kwargs)
            raise

    return attempt
