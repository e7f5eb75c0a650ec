"""The public learning library: themes, recommendations by theme and strategies."""

import pytest

from learning.models import RAG, Status
from learning.models.pages import LearningLibraryPage, ensure_library_page
from reviews.models import ReviewKind
from tests.factories import PartnershipFactory, ReviewFactory
from tests.learning.factories import (
    ActionFactory,
    PriorityFactory,
    RecommendationFactory,
    StrategyFactory,
    ThemeFactory,
)

from .public_data import published_review, recommendation_with_progress

LIBRARY = "/learning-library/"


@pytest.fixture
def library(home):
    page = ensure_library_page()
    partnership = PartnershipFactory(name="Northbrook Community Safety Partnership", slug="nb")
    housing = ThemeFactory(name="Housing", slug="housing")
    review = published_review(partnership, ReviewKind.DHR, pseudonym="Adult P")
    published = recommendation_with_progress(review, theme=housing, text="Share housing records.")
    unpublished = RecommendationFactory(
        review=ReviewFactory(partnership=partnership), text="Secret unpublished recommendation."
    )
    unpublished.themes.add(housing)
    unpublished.save()
    strategy = StrategyFactory(
        partnership=partnership, title="Violence Reduction Strategy", slug="vr"
    )
    priority = PriorityFactory(strategy=strategy, number="1", title="Prevent harm")
    ActionFactory(
        priority=priority,
        reference="1.1",
        objective="Train housing officers.",
        rag=RAG.RED,
        status=Status.ON_HOLD,
    )
    return {"page": page, "published": published, "unpublished": unpublished}


def test_ensure_library_page_makes_one_page_in_the_menu(library):
    assert ensure_library_page().pk == library["page"].pk
    assert LearningLibraryPage.objects.count() == 1
    assert library["page"].show_in_menus and library["page"].live


def test_the_overview_lists_themes_with_public_counts_and_strategies(client, library):
    response = client.get(LIBRARY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/learning-library/themes/housing/"' in html
    assert "1 recommendation</p>" in html.replace("\n", "")  # the unpublished one is not counted
    assert 'href="/learning-library/strategies/nb/vr/"' in html
    assert 'href="/learning-library/"' in client.get("/").content.decode()  # navigation
    assert 'href="/learning-library/"' in client.get("/site-map/").content.decode()


def test_a_theme_lists_only_recommendations_of_published_reviews(client, library):
    response = client.get(f"{LIBRARY}themes/housing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Share housing records." in html
    assert "Secret unpublished recommendation." not in html
    assert "Domestic Homicide Review: Adult P" in html  # links to its review
    assert '<a class="govuk-breadcrumbs__link" href="/learning-library/">' in html


def test_a_theme_with_only_unpublished_recommendations_is_not_listed(client, library):
    secret = ThemeFactory(name="Secret theme", slug="secret")
    library["unpublished"].themes.set([secret])
    library["unpublished"].save()
    assert "Secret theme" not in client.get(LIBRARY).content.decode()
    assert "Secret unpublished" not in client.get(f"{LIBRARY}themes/secret/").content.decode()


def test_a_strategy_shows_priorities_actions_status_and_rag(client, library):
    response = client.get(f"{LIBRARY}strategies/nb/vr/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1. Prevent harm" in html
    assert "Train housing officers." in html
    assert 'govuk-tag--red">Red (off track)' in html
    assert 'govuk-tag--orange">On hold' in html


@pytest.mark.parametrize(
    "path",
    ["themes/nothing/", "strategies/nb/nothing/", "strategies/elsewhere/vr/", "nothing/"],
)
def test_unknown_themes_and_strategies_are_not_found(client, library, path):
    assert client.get(LIBRARY + path).status_code == 404


def test_the_review_page_links_actions_to_their_strategy_in_the_library(client, library):
    review = library["published"].review
    html = client.get(review.public_page.url).content.decode()
    action = library["published"].actions.get()
    strategy = action.strategy
    assert (
        f'href="/learning-library/strategies/{strategy.partnership.slug}/{strategy.slug}/'
        f'#action-{action.pk}"' in html
    )
    assert 'href="/learning-library/themes/housing/"' in html


def test_sitemap_xml_lists_the_listed_themes_and_every_strategy(client, library):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/learning-library/</loc>" in xml
    assert "/learning-library/themes/housing/</loc>" in xml
    assert "/learning-library/strategies/nb/vr/</loc>" in xml
