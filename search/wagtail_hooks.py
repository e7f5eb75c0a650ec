"""Admin wiring: the Search menu item and views, the recurring lessons report in the
learning library's menu and the similar recommendations panel in a recommendation's form."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea

from . import admin_urls
from .panels import SimilarRecommendationsPanel


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search/", include(admin_urls, namespace="search_admin"))]


@hooks.register("register_admin_search_area")
def search_area():
    """The sidebar's search box searches the first area: cases, papers and the library
    (every user of the admin may), not the site's pages, which only editors may."""
    return SearchArea(
        "Cases and learning", reverse("search_admin:search"), icon_name="search", order=50
    )


@hooks.register("register_admin_menu_item")
def search_menu_item():
    return MenuItem("Search", reverse("search_admin:search"), icon_name="search", order=150)


@hooks.register("register_learning_library_menu_item")
def recurring_lessons_menu_item():
    return MenuItem(
        "Recurring lessons", reverse("search_admin:recurring"), icon_name="list-ul", order=30
    )


@hooks.register("register_recommendation_panel")
def similar_recommendations_panel():
    return SimilarRecommendationsPanel(heading="Similar recommendations from earlier reviews")
