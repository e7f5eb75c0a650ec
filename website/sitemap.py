"""sitemap.xml: Wagtail's sitemap of live public pages, less the pages of reviews that are
not public (Review.objects.public, the one meaning of public)."""

from wagtail.contrib.sitemaps import Sitemap

from reviews.models import Review, ReviewPage


class PublicSitemap(Sitemap):
    def items(self):
        not_public = ReviewPage.objects.exclude(review__in=Review.objects.public())
        return super().items().exclude(pk__in=not_public.values("pk"))
