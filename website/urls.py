from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .feeds import NewlyPublishedReviewsFeed
from .sitemap import PublicSitemap

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PublicSitemap}}, name="sitemap_xml"),
    path("site-map/", views.site_map, name="site_map"),
    path("feeds/reviews/", NewlyPublishedReviewsFeed(), name="reviews_feed"),
]
