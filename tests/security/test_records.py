"""Append-only records (security.records.AppendOnlyModel): the audit trail of a review,
the progress history of the learning library and the account events are written once
and never changed or deleted, by either the object or its queryset."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError

from accounts.models import AccountEvent
from learning.progress import post_progress
from reviews.models import ReviewEvent
from reviews.workflow import perform_transition
from tests.learning.conftest import Library


@pytest.fixture
def library(cast):
    return Library(cast)


def review_event(cast, library):
    review = cast.review()
    perform_transition(review.pk, "refer_for_decision", cast.manager)
    return ReviewEvent.objects.get(review=review), "comment"


def progress_update(cast, library):
    update = post_progress(library.owned_action, cast.manager, rag="red", comment="Not started.")
    return update, "comment"


def account_event(cast, library):
    event = AccountEvent.objects.create(
        kind=AccountEvent.Kind.LOGIN, user=cast.manager, username="manager"
    )
    return event, "detail"


@pytest.mark.parametrize("make", [review_event, progress_update, account_event])
def test_records_are_never_changed_or_deleted(library, make):
    record, field = make(library.cast, library)
    model = type(record)
    kept = getattr(record, field)

    setattr(record, field, "Rewritten history.")
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    with pytest.raises(PermissionDenied):
        model.objects.filter(pk=record.pk).update(**{field: "Rewritten history."})
    with pytest.raises(PermissionDenied):
        model.objects.all().delete()
    assert getattr(model.objects.get(pk=record.pk), field) == kept


def test_a_review_with_history_cannot_be_deleted(cast):
    review = cast.review()
    perform_transition(review.pk, "refer_for_decision", cast.manager)
    with pytest.raises(ProtectedError):
        review.delete()
