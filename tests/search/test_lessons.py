"""Repeated lessons: TF-IDF similarity and the recurring lessons report, on known texts."""

import datetime

import pytest
from django.urls import reverse

from search.lessons import recurring_lessons, similar_recommendations
from search.similarity import TfidfIndex, stem
from tests.learning.factories import RecommendationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

COERCIVE = [
    "Provide training for GP practices on recognising coercive control and economic abuse.",
    "GP practices should receive training to recognise coercive control and economic abuse.",
    "Deliver coercive control and economic abuse training to GP practice staff.",
]
HOUSING = "Housing officers should ask about domestic abuse when tenancies end."
CARERS = "Offer every carer a carer's assessment when the person they care for is discharged."


def test_stems_let_word_forms_meet():
    assert stem("assessments") == stem("assessment") == "assess"
    assert stem("training") == "train"


def test_tfidf_scores_paraphrases_above_unrelated_texts():
    index = TfidfIndex({n: text for n, text in enumerate([*COERCIVE, HOUSING, CARERS])})
    ranked = index.most_similar(0, limit=5, threshold=0.0, exclude={0})
    assert [key for _, key in ranked[:2]] == [1, 2]
    scores = dict((key, score) for score, key in ranked)
    assert scores[1] > 0.5 and scores.get(3, 0) < 0.1 and scores.get(4, 0) < 0.1


@pytest.fixture
def lessons(cast):
    theme = ThemeFactory(name="Coercive control", slug="coercive-control")
    other_theme = ThemeFactory(name="Housing", slug="housing")
    reviews = [
        cast.review(notified_on=datetime.date(2020 + n, 1, 1), chair=cast.chair) for n in range(4)
    ]
    made = []
    for review, text in zip(reviews, COERCIVE, strict=False):
        recommendation = RecommendationFactory(review=review, text=text)
        recommendation.themes.add(theme)
        recommendation.save()  # parental many-to-many links are written on save
        made.append(recommendation)
    housing = RecommendationFactory(review=reviews[3], text=HOUSING)
    housing.themes.add(other_theme)
    housing.save()
    carers = RecommendationFactory(review=reviews[3], text=CARERS)
    carers.themes.add(theme)
    carers.save()
    return made, housing, carers


def test_similar_recommendations_come_from_earlier_reviews_only(cast, lessons):
    made, housing, carers = lessons
    latest = made[2]
    found = similar_recommendations(cast.manager, latest.text, latest)
    assert [s.recommendation for s in found] == [made[1], made[0]] or [
        s.recommendation for s in found
    ] == [made[0], made[1]]
    assert all(s.score >= 0.25 for s in found)
    earliest = similar_recommendations(cast.manager, made[0].text, made[0])
    assert earliest == []


def test_similar_recommendations_respect_who_may_read_them(cast, lessons):
    made, _, _ = lessons
    assert similar_recommendations(cast.other_manager, made[2].text) == []


def test_recurring_lessons_group_near_duplicates_by_theme(cast, lessons):
    made, housing, carers = lessons
    groups = recurring_lessons(cast.manager)
    assert len(groups) == 1
    group = groups[0]
    assert group.theme.slug == "coercive-control"
    assert sorted(r.pk for r in group.recommendations) == sorted(r.pk for r in made)
    assert group.review_count == 3
    assert recurring_lessons(cast.other_manager) == []


def test_admin_pages_for_similar_and_recurring(client, cast, lessons):
    made, _, _ = lessons
    client.force_login(cast.manager)
    response = client.get(reverse("search_admin:similar", args=[made[2].pk]))
    assert response.status_code == 200 and made[0].text[:30] in response.content.decode()
    response = client.get(reverse("search_admin:similar_text"), {"text": COERCIVE[1]})
    assert response.status_code == 200 and made[0].get_admin_url() in response.content.decode()
    response = client.get(reverse("search_admin:recurring"))
    assert "Made by 3 reviews" in response.content.decode()


def test_another_partnerships_recommendation_is_a_404(client, cast, lessons):
    made, _, _ = lessons
    client.force_login(cast.other_manager)
    assert client.get(reverse("search_admin:similar", args=[made[0].pk])).status_code == 404
    assert client.get(reverse("search_admin:similar", args=[999999])).status_code == 404


PANEL = "Similar recommendations from earlier reviews"


def edit_page(client, user, recommendation):
    client.force_login(user)
    response = client.get(reverse("learning_recommendations:edit", args=[recommendation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_edit_form_shows_similar_recommendations_of_earlier_reviews(client, cast, lessons):
    made, housing, carers = lessons
    page = edit_page(client, cast.manager, made[2])
    assert PANEL in page
    assert made[0].get_admin_url() in page and made[1].get_admin_url() in page
    assert housing.get_admin_url() not in page and carers.get_admin_url() not in page
    page = edit_page(client, cast.manager, made[0])
    assert "No earlier recommendation you can see is similar." in page


def test_the_edit_forms_panel_shows_only_what_the_editor_may_read(client, cast, lessons):
    made, _, _ = lessons
    theirs = RecommendationFactory(
        review=cast.review(
            partnership=cast.other_partnership, notified_on=datetime.date(2025, 1, 1)
        ),
        text=COERCIVE[1],
    )
    page = edit_page(client, cast.other_manager, theirs)
    assert PANEL in page
    assert not any(recommendation.get_admin_url() in page for recommendation in made)


def test_a_new_recommendation_has_no_similar_panel_until_saved(client, cast, lessons):
    client.force_login(cast.manager)
    response = client.get(reverse("learning_recommendations:add"))
    assert response.status_code == 200
    assert PANEL not in response.content.decode()
