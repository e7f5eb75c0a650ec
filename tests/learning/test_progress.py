"""Posting progress: who may, what it changes, and that history is never rewritten."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from learning.models import ProgressUpdate, Recommendation, Status
from learning.progress import ProgressRefused, post_progress


def test_a_partner_user_posts_progress_on_their_agency_s_action(library):
    partner = library.cast.partner
    update = post_progress(
        library.owned_action,
        partner,
        rag="amber",
        status=Status.IN_PROGRESS,
        comment="Two of four sessions delivered.",
        reported_on=datetime.date(2026, 10, 1),
    )

    library.owned_action.refresh_from_db()
    assert (library.owned_action.rag, library.owned_action.status) == ("amber", "in_progress")
    assert update.author == partner
    assert update.author_name == partner.get_full_name()
    assert update.reported_on == datetime.date(2026, 10, 1)
    assert list(library.owned_action.progress_updates.all()) == [update]


@pytest.mark.parametrize(
    "target", ["other_action", "foreign_action", "published_other", "draft_other"]
)
def test_a_partner_user_cannot_post_on_what_their_agency_does_not_own(library, target):
    obj = {**library.actions, **library.recommendations}[target]

    with pytest.raises(ProgressRefused) as refusal:
        post_progress(obj, library.cast.partner, rag="green", comment="All done.")

    assert refusal.value.status == 403
    obj.refresh_from_db()
    assert obj.rag == ""
    assert not ProgressUpdate.objects.exists()


def test_approvers_only_read(library):
    with pytest.raises(ProgressRefused):
        post_progress(library.owned_action, library.cast.approver, rag="red", comment="Late.")


def test_a_recommendation_cannot_be_completed_without_evidence(library):
    recommendation = library.published_owned
    with pytest.raises(ProgressRefused, match="without evidence"):
        post_progress(
            recommendation, library.cast.partner, rag="blue", status="complete", comment="Done."
        )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_STARTED

    post_progress(
        recommendation,
        library.cast.partner,
        rag="blue",
        status="complete",
        comment="Done.",
        evidence="Audit of 30 cases, all compliant.",
        reported_on=datetime.date(2026, 9, 1),
    )

    recommendation.refresh_from_db()
    assert recommendation.status == Status.COMPLETE
    assert recommendation.evidence == "Audit of 30 cases, all compliant."
    assert recommendation.completed_on == datetime.date(2026, 9, 1)


def test_the_model_and_the_database_refuse_completion_without_evidence(library):
    recommendation = library.published_other
    recommendation.status = Status.COMPLETE
    with pytest.raises(ValidationError) as error:
        recommendation.full_clean()
    assert "evidence" in error.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=recommendation.pk).update(status=Status.COMPLETE)


def test_a_single_agency_recommendation_needs_its_owner(library):
    recommendation = library.published_owned
    recommendation.owning_agency = None
    with pytest.raises(ValidationError) as error:
        recommendation.full_clean()
    assert "owning_agency" in error.value.message_dict


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rag": "purple", "comment": "x"}, "Choose a RAG rating"),
        ({"rag": "red", "comment": "   "}, "Say what has happened"),
        ({"rag": "red", "comment": "x", "status": "finished"}, "Unknown status"),
    ],
)
def test_incomplete_updates_are_refused(library, fields, message):
    with pytest.raises(ProgressRefused, match=message) as refusal:
        post_progress(library.owned_action, library.cast.manager, **fields)
    assert refusal.value.status == 400
    assert not ProgressUpdate.objects.exists()


def test_an_update_is_about_exactly_one_thing(library):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(
            action=library.owned_action,
            recommendation=library.published_owned,
            rag="red",
            comment="Both?",
            author_name="Test",
        )
