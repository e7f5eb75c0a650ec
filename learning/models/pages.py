"""The public learning library: one Wagtail page with routes for themes and strategies.

Themes and strategies are records kept in the learning admin, not pages, so the library
is a routable page that shows them: the overview (themes and strategies), a theme's
recommendations from published reviews, and a strategy's priorities and actions.
"""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from ..public import library as public
from .library import Strategy, Theme


class LearningLibraryPage(RoutablePageMixin, Page):
    intro = models.TextField(blank=True, help_text="Lead paragraph shown under the heading.")

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = []
    max_count = 1
    template = "learning/public/library_page.html"

    class Meta:
        verbose_name = "learning library"

    @path("")
    def overview(self, request):
        return self.render(
            request,
            context_overrides={
                "themes": public.themes_with_counts(),
                "strategies": Strategy.objects.select_related("partnership").order_by(
                    "-is_active", "-period_start", "title"
                ),
            },
        )

    @path("themes/<slug:theme_slug>/", name="theme")
    def theme(self, request, theme_slug):
        theme = get_object_or_404(Theme, slug=theme_slug)
        return self.render(
            request,
            template="learning/public/theme.html",
            context_overrides={
                "theme": theme,
                "recommendations": public.theme_recommendations(theme),
            },
        )

    @path("strategies/<slug:partnership_slug>/<slug:strategy_slug>/", name="strategy")
    def strategy(self, request, partnership_slug, strategy_slug):
        strategy = (
            Strategy.objects.select_related("partnership")
            .filter(partnership__slug=partnership_slug, slug=strategy_slug)
            .first()
        )
        if strategy is None:
            raise Http404("No such strategy.")
        return self.render(
            request,
            template="learning/public/strategy.html",
            context_overrides={
                "strategy": strategy,
                "priorities": public.strategy_actions(strategy),
            },
        )

    def get_sitemap_urls(self, request=None):
        """The library, then each listed theme and every strategy (two queries)."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        routes = [("theme", [theme.slug]) for theme in public.themes_with_counts()] + [
            ("strategy", [strategy.partnership.slug, strategy.slug])
            for strategy in Strategy.objects.select_related("partnership")
        ]
        return urls + [
            {"location": base + self.reverse_subpage(name, args=args)} for name, args in routes
        ]

    def strategy_url(self, strategy, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "strategy", args=[strategy.partnership.slug, strategy.slug]
        )

    def theme_url(self, theme, request=None):
        return self.get_url(request) + self.reverse_subpage("theme", args=[theme.slug])


def live_library_page(request=None):
    """The live learning library page (one query, cached on the request), or None."""
    if request is not None and hasattr(request, "_learning_library_page"):
        return request._learning_library_page
    library = LearningLibraryPage.objects.live().public().first()
    if request is not None:
        request._learning_library_page = library
    return library


LIBRARY_TITLE = "Learning library"
LIBRARY_INTRO = (
    "What the partnerships have learned from reviews, and what they are doing about it: "
    "recommendations by theme, and the strategies and action plans that deliver them."
)


def ensure_library_page(log=None):
    """The learning library page under the default site's home page, made if missing."""
    existing = LearningLibraryPage.objects.first()
    if existing is not None:
        return existing
    home = Site.objects.select_related("root_page").get(is_default_site=True).root_page
    page = LearningLibraryPage(
        title=LIBRARY_TITLE,
        slug="learning-library",
        intro=LIBRARY_INTRO,
        search_description="Recommendations from published reviews by theme, and the "
        "strategies and action plans with their progress.",
        show_in_menus=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    if log:
        log("Public site: learning library page.")
    return page
