"""Searching a library listing while it is sorted by a column the search index cannot
sort by (a plan's title) lists the matches in that order instead of failing."""

import pytest
from django.urls import reverse

from tests.learning.factories import StrategyFactory

pytestmark = pytest.mark.django_db


def test_a_search_sorted_by_title_lists_the_matches_in_title_order(client, cast):
    for title in ["Safer Northbrook Plan", "Northbrook Adult Safeguarding Plan", "Other"]:
        StrategyFactory(partnership=cast.partnership, title=title)
    client.force_login(cast.manager)
    response = client.get(
        reverse("learning_strategies:index"), {"q": "Northbrook", "ordering": "title"}
    )
    assert response.status_code == 200
    listed = [strategy.title for strategy in response.context["object_list"]]
    assert listed == ["Northbrook Adult Safeguarding Plan", "Safer Northbrook Plan"]
