"""Saves, publications, unpublications and deletions keep the index current, and
`search_index --rebuild` recreates exactly what the signals maintain."""

import pytest
from django.core.management import CommandError, call_command

from learning.models import Action
from partnerships.access import EVERYTHING, PUBLIC
from search.models import SearchEntry
from tests.learning.factories import ActionFactory, RecommendationFactory

from .conftest import PUBLIC_PHRASE, search

pytestmark = pytest.mark.django_db


def public_titles(query):
    return [hit.title for hit in search(PUBLIC, f"q={query}").hits]


def test_saving_a_review_updates_its_entry(cast):
    review = cast.review(summary="Nothing yet.")
    assert search(cast.manager, "q=lanternfish").total == 0
    review.summary = "The lanternfish protocol was not followed."
    review.save()
    assert [hit.kind for hit in search(cast.manager, "q=lanternfish").hits] == ["review"]


def test_publication_makes_the_review_public_and_unpublication_hides_it(published):
    page = published.public_page
    assert page.title in public_titles(PUBLIC_PHRASE)
    page.unpublish()
    assert page.title not in public_titles(PUBLIC_PHRASE)
    page.save_revision().publish()
    assert page.title in public_titles(PUBLIC_PHRASE)


def test_deleting_the_public_page_removes_it(published):
    page = published.public_page
    title = page.title
    page.delete()
    assert title not in public_titles(PUBLIC_PHRASE)
    assert not SearchEntry.objects.filter(source="review-public").exists()


def test_published_papers_are_public_and_drafts_are_not(published, draft):
    public = SearchEntry.objects.filter(is_public=True)
    assert set(public.values_list("source", flat=True)) == {"review-public", "document"}
    assert not public.filter(review_id=draft.pk).exists()


def test_recommendations_and_actions_follow_saves_and_deletes(cast, published):
    recommendation = RecommendationFactory(review=published, text="Teach the oxbow method.")
    assert search(cast.manager, "q=oxbow").total >= 1
    # The published page lists its recommendations, so the public finds them there too.
    assert public_titles("oxbow") == [published.public_page.title]
    recommendation.text = "Teach the meander method."
    recommendation.save()
    assert search(cast.manager, "q=oxbow").total == 0
    action = ActionFactory(objective="Run the kestrel workshops.")
    assert search(EVERYTHING, "q=kestrel").total == 1
    Action.objects.filter(pk=action.pk).first().delete()
    assert search(EVERYTHING, "q=kestrel").total == 0


def test_deleting_a_recommendation_takes_it_off_its_published_review(cast, published):
    recommendation = RecommendationFactory(review=published, text="Teach the oxbow method.")
    assert public_titles("oxbow") == [published.public_page.title]
    recommendation.delete()
    assert public_titles("oxbow") == []
    assert search(cast.manager, "q=oxbow").total == 0


def test_rebuild_recreates_the_same_rows(cast, published, draft, capsys):
    before = sorted(SearchEntry.objects.values_list("source", "source_id", "is_public", "title"))
    SearchEntry.objects.all().delete()
    call_command("search_index", rebuild=True)
    after = sorted(SearchEntry.objects.values_list("source", "source_id", "is_public", "title"))
    assert after == before
    assert "Search index rebuilt" in capsys.readouterr().out
    assert published.public_page.title in public_titles(PUBLIC_PHRASE)


def test_the_command_says_what_it_needs():
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")


def test_every_case_stage_fits_the_status_column(cast):
    from reviews.stages import State
    from tests.reviews.helpers import force_state

    review = cast.review()
    for state in State:
        force_state(review, state)
        review.save()
        assert SearchEntry.objects.get(source="review", source_id=review.pk).status == state


def test_a_papers_entry_holds_its_pages_text_not_its_file_properties(draft):
    # pdf_bytes writes "Fictional test document" as the title and "Test" as the author.
    entry = SearchEntry.objects.get(source="document", review_id=draft.pk)
    assert entry.body.strip()
    assert "Fictional test document" not in entry.body
    assert "ReportLab" not in entry.body
