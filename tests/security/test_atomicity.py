"""A failure half-way through a multi-step change leaves no partial state: no row, no
file, no change of stage. Each test breaks one step on purpose."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from reviews.demo import minimal_pdf
from reviews.models import CaseDocument, DocumentVersion, Review, ReviewEvent
from reviews.stages import State
from security import backup
from tests import otp
from tests.reviews.helpers import force_state, satisfy_prerequisites

pytestmark = pytest.mark.django_db


class Injected(Exception):
    """The failure a test injects."""


def fail(*args, **kwargs):
    raise Injected("injected failure")


def stored_files():
    from django.conf import settings

    return sorted(p for p in settings.PRIVATE_STORAGE_ROOT.rglob("*") if p.is_file())


def test_a_transition_whose_audit_event_fails_changes_nothing(cast, monkeypatch):
    review = force_state(satisfy_prerequisites(cast.review(), cast), State.DRAFTING)
    events = ReviewEvent.objects.count()
    monkeypatch.setattr("reviews.workflow.record_event", fail)

    from reviews.workflow import perform_transition

    with pytest.raises(Injected):
        perform_transition(review.pk, "submit_draft", cast.chair)

    review.refresh_from_db()
    assert review.state == State.DRAFTING
    assert review.draft_received_on is None
    assert ReviewEvent.objects.count() == events


def test_a_failed_step_through_the_admin_changes_nothing(cast, client, monkeypatch):
    review = force_state(satisfy_prerequisites(cast.review(), cast), State.DRAFTING)
    client.force_login(cast.chair)
    events = review.events.count()
    monkeypatch.setattr("reviews.workflow.record_event", fail)

    with pytest.raises(Injected):
        client.post(
            reverse("reviews:transition", args=[review.pk, "submit_draft"]),
            {"comment": "", "expected_state": State.DRAFTING},
        )

    review.refresh_from_db()
    assert review.state == State.DRAFTING
    assert review.events.count() == events


@pytest.mark.parametrize("broken", ["audit event", "version row"])
def test_an_upload_that_fails_half_way_leaves_no_row_and_no_file(cast, monkeypatch, broken):
    from reviews.papers.versions import add_version

    review = satisfy_prerequisites(cast.review(), cast)
    files_before = stored_files()
    documents, versions = CaseDocument.objects.count(), DocumentVersion.objects.count()
    uploads = review.events.filter(action="document_uploaded").count()
    if broken == "audit event":
        monkeypatch.setattr("reviews.papers.versions.record_event", fail)
    else:
        monkeypatch.setattr(DocumentVersion.objects, "create", fail)

    with pytest.raises(Injected):
        add_version(
            review,
            kind=CaseDocument.Kind.IMR,
            title="Probation IMR",
            uploaded_file=SimpleUploadedFile(
                "imr.pdf", minimal_pdf("Fictional IMR"), content_type="application/pdf"
            ),
            user=cast.manager,
        )

    assert CaseDocument.objects.count() == documents
    assert DocumentVersion.objects.count() == versions
    assert stored_files() == files_before
    assert review.events.filter(action="document_uploaded").count() == uploads


def test_a_new_case_whose_audit_event_fails_is_not_created(cast, client, monkeypatch):
    client.force_login(cast.manager)
    monkeypatch.setattr("reviews.views.record_event", fail)

    with pytest.raises(Injected):
        client.post(
            reverse("reviews:add"),
            {
                "partnership": cast.partnership.pk,
                "kind": "dhr",
                "summary": "Fictional.",
                "notified_on": "2026-05-31",
                "panel_memberships-TOTAL_FORMS": "0",
                "panel_memberships-INITIAL_FORMS": "0",
                "information_requests-TOTAL_FORMS": "0",
                "information_requests-INITIAL_FORMS": "0",
                "people-TOTAL_FORMS": "0",
                "people-INITIAL_FORMS": "0",
                "pairs-TOTAL_FORMS": "0",
                "pairs-INITIAL_FORMS": "0",
                "commissioners-TOTAL_FORMS": "0",
                "commissioners-INITIAL_FORMS": "0",
                "death_type": "unknown",
                "homicide_suicide": "unknown",
                "children_in_household": "unknown",
            },
        )

    assert not Review.objects.exists()


def test_a_demo_load_that_fails_half_way_leaves_no_cases_and_can_be_run_again(db, monkeypatch):
    import reviews.demo

    real = reviews.demo.perform_transition
    calls = {"n": 0}

    def fail_on_the_tenth_step(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise Injected("injected failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(reviews.demo, "perform_transition", fail_on_the_tenth_step)
    with pytest.raises(Injected):
        call_command("load_demo", stdout=io.StringIO())
    assert not Review.objects.exists()
    assert not ReviewEvent.objects.exists()
    assert not DocumentVersion.objects.exists()

    monkeypatch.setattr(reviews.demo, "perform_transition", real)
    call_command("load_demo", stdout=io.StringIO())
    assert Review.objects.filter(is_fictional=True).count() == Review.objects.count() > 0


def test_an_enrolment_that_fails_half_way_leaves_the_app_unconfirmed(cast, monkeypatch):
    from django.test import Client

    client = Client()
    otp.force_login_without_second_factor(client, cast.manager)
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=cast.manager, confirmed=False)
    monkeypatch.setattr(two_factor, "new_recovery_codes", fail)

    with pytest.raises(Injected):
        client.post(reverse("accounts:enrol"), {"code": otp.next_code(device)})

    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=cast.manager).exists()
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(
        reverse("accounts:enrol")
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restore_whose_database_step_fails_changes_no_file_and_no_row(
    cast, tmp_path, monkeypatch
):
    review = satisfy_prerequisites(cast.review(), cast)
    archive = backup.create_backup(tmp_path)
    files_before = stored_files()
    (files_before[0].parent / "added-after-backup").write_bytes(b"newer paper")
    files_before = stored_files()
    monkeypatch.setattr(backup, f"_restore_{connection.vendor}", fail)

    with pytest.raises(Injected):
        backup.restore_backup(archive)

    assert stored_files() == files_before
    assert Review.objects.filter(pk=review.pk).exists()
    from django.conf import settings

    leftovers = [p.name for p in settings.PRIVATE_STORAGE_ROOT.parent.iterdir()]
    assert not [name for name in leftovers if name.startswith(".")]
