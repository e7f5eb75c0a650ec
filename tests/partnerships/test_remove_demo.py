"""`remove_demo` takes out every fictional record and stored file of the demo, and
nothing else: tested on a database holding both the demo and a real partnership's work."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts.models import AccountEvent
from learning.models import ProgressUpdate, Recommendation, Strategy
from learning.progress import post_progress
from partnerships import demo as partnership_demo
from partnerships.models import Membership, Partnership, Role
from reviews.models import CaseDocument, DocumentVersion, Review, ReviewEvent, ReviewPage
from tests.factories import ReviewFactory, user_with_role
from tests.learning.factories import RecommendationFactory
from tests.reviews.helpers import add_paper, stored_files, walk

pytestmark = pytest.mark.django_db


def real_work(haringey):
    """A real manager's real case in the real partnership: an event, a paper, a
    recommendation with progress, and the manager's own account event."""
    manager = user_with_role(Role.REVIEW_MANAGER, haringey, username="real_manager")
    review = ReviewFactory(
        partnership=haringey, reference="DHR-2018-001", pseudonym="Adult Z", is_fictional=False
    )
    walk(review, ["refer_for_decision"], manager)
    version = add_paper(review, CaseDocument.Kind.CHRONOLOGY, manager)
    recommendation = RecommendationFactory(review=review)
    post_progress(recommendation, manager, rag="amber", comment="Real update.")
    AccountEvent.objects.create(kind=AccountEvent.Kind.LOGIN, user=manager, username="x")
    return manager, review, version


def test_remove_demo_takes_the_fiction_and_leaves_the_real_work(
    django_capture_on_commit_callbacks,
):
    call_command("load_demo", stdout=io.StringIO())
    haringey = Partnership.objects.get(slug=partnership_demo.HARINGEY["slug"])
    manager, review, version = real_work(haringey)
    demo_files = {
        str(Path(v.file.path))
        for v in DocumentVersion.objects.filter(document__review__is_fictional=True)
    }
    strategies = Strategy.objects.count()
    assert demo_files and ReviewPage.objects.exists() and Review.objects.filter(is_fictional=True)

    out = io.StringIO()
    call_command("remove_demo", "--dry-run", stdout=out)
    assert "reviews.Review: 22\n" in out.getvalue(), out.getvalue()
    assert Review.objects.filter(is_fictional=True).count() == 22

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remove_demo", stdout=io.StringIO())

    assert list(Review.objects.all()) == [review]
    assert not ReviewPage.objects.exists()
    assert not demo_files & set(stored_files())
    assert str(Path(version.file.path)) in stored_files()
    assert list(CaseDocument.objects.all()) == [version.document]
    assert set(ReviewEvent.objects.values_list("review_id", flat=True)) == {review.pk}
    assert list(Recommendation.objects.values_list("review_id", flat=True)) == [review.pk]
    assert ProgressUpdate.objects.get().author == manager
    assert list(get_user_model().objects.all()) == [manager]
    assert list(Membership.objects.values_list("user_id", flat=True)) == [manager.pk]
    assert list(AccountEvent.objects.values_list("user_id", flat=True)) == [manager.pk]
    assert list(Partnership.objects.all()) == [haringey]
    assert Strategy.objects.count() == strategies  # the shipped plans are real
    call_command("remove_demo", stdout=io.StringIO())  # nothing left to remove: no error


def test_remove_demo_changes_nothing_while_a_real_case_needs_a_demo_account():
    partnership_demo.load(lambda line: None)
    haringey = Partnership.objects.get(slug=partnership_demo.HARINGEY["slug"])
    ReviewFactory(partnership=haringey, is_fictional=True)
    ReviewFactory(
        partnership=haringey, chair=partnership_demo.demo_user("chair"), is_fictional=False
    )

    with pytest.raises(CommandError, match="Nothing was removed"):
        call_command("remove_demo", stdout=io.StringIO())
    assert Review.objects.filter(is_fictional=True).count() == 1
    assert partnership_demo.demo_accounts().count() == len(partnership_demo.USERS) + 1


def test_load_demo_refuses_without_demo_data_allowed(settings):
    settings.DEMO_DATA = False
    with pytest.raises(CommandError, match="do not allow demo data"):
        call_command("load_demo", stdout=io.StringIO())
