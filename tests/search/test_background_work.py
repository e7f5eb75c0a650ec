"""Background work on the database queue (config.background): an upload's text is read by
the worker, not in the request; emails are sent by the worker; a failed task is tried
again later. Elsewhere the test settings run background tasks at once."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config.background import MAX_ATTEMPTS
from reviews import notifications
from reviews.models import CaseDocument
from search import indexing
from search.models import SearchEntry
from tests.files import pdf_upload
from tests.reviews.helpers import add_paper

QUEUED = override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
)


def run_worker():
    call_command(
        "db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload"
    )


# Real commits: the worker opens and closes its own transactions, and a task is visible
# to it only once the request's one commits. The rows migrations made (sites, timescales,
# content types) are restored afterwards for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def queued():
    with QUEUED:
        yield


def upload_paper(cast, words):
    review = cast.review(chair=cast.chair)
    return add_paper(
        review,
        CaseDocument.Kind.IMR,
        cast.manager,
        pdf_upload([words], name="imr.pdf"),
        audience=CaseDocument.Audience.PANEL,
    )


def test_an_uploads_text_is_read_by_the_worker_and_reading_again_changes_nothing(cast, queued):
    version = upload_paper(cast, "Fictional chronology of missed referrals.")
    row = SearchEntry.objects.get(source="document", source_id=version.pk)
    assert version.document.title in row.title  # found by its title at once
    assert row.body == ""  # the request did not read the file
    queued_task = DBTaskResult.objects.get(task_path="search.tasks.read_paper_text")

    run_worker()

    queued_task.refresh_from_db()
    assert queued_task.status == "SUCCESSFUL"
    body = SearchEntry.objects.get(source="document", source_id=version.pk).body
    assert "missed referrals" in body
    indexing.refresh_version(version.pk)  # what a repeated task does
    rows = SearchEntry.objects.filter(source="document", source_id=version.pk)
    assert [row.body for row in rows] == [body]


def test_a_failed_task_is_tried_again_later_then_left_as_failed(cast, queued, monkeypatch):
    def unreadable(*args, **kwargs):
        raise OSError("storage not mounted")

    version = upload_paper(cast, "Fictional text.")
    monkeypatch.setattr(indexing, "refresh_version", unreadable)
    for attempt_number in range(1, MAX_ATTEMPTS + 1):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
        failed = DBTaskResult.objects.filter(task_path="search.tasks.read_paper_text")
        assert failed.filter(status="FAILED").count() == attempt_number
    tasks = DBTaskResult.objects.filter(task_path="search.tasks.read_paper_text")
    assert not tasks.exclude(status="FAILED").exists()  # three attempts, then no more
    last = tasks.order_by("-enqueued_at").first()
    assert last.args_kwargs["kwargs"] == {"attempt_number": MAX_ATTEMPTS}
    assert last.args_kwargs["args"] == [version.pk]


def test_emails_wait_for_the_worker(cast, queued):
    review = cast.review(chair=cast.chair)
    notifications.chair_assigned(review)  # outside a transaction: queued at once
    waiting = DBTaskResult.objects.filter(task_path="reviews.tasks.send_email").count()
    assert waiting >= 1
    assert mail.outbox == []
    run_worker()
    assert len(mail.outbox) == waiting
    assert {tuple(message.to) for message in mail.outbox} == {(cast.chair.email,)}
    assert all(message.alternatives[0][1] == "text/html" for message in mail.outbox)
