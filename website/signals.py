"""What the public site shows changed: drop the cached public pages (website.cache).

Any save or deletion in the apps whose rows the public site draws on counts, whether or
not the row is public: a generous rule, so that no new model can be forgotten; the cost
is only that pages are rendered again after staff work."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import public_content_changed

PUBLIC_SOURCE_APPS = {
    "reviews",
    "learning",
    "partnerships",
    "search",
    "pages",  # this app: home, content pages, navigation
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
}
WAGTAIL_MODELS = {"page", "pageviewrestriction", "site"}


def is_public_source(model):
    if model.__module__ == "__fake__":
        return False  # a migration's historical model: no page is kept while migrating
    meta = model._meta
    return meta.app_label in PUBLIC_SOURCE_APPS or (
        meta.app_label == "wagtailcore" and meta.model_name in WAGTAIL_MODELS
    )


@receiver(post_save, dispatch_uid="website_cache_saved")
@receiver(post_delete, dispatch_uid="website_cache_deleted")
@receiver(m2m_changed, dispatch_uid="website_cache_links")
def row_changed(sender, instance=None, **kwargs):
    if is_public_source(sender) or (instance is not None and is_public_source(type(instance))):
        public_content_changed()


@receiver(page_published, dispatch_uid="website_cache_published")
@receiver(page_unpublished, dispatch_uid="website_cache_unpublished")
@receiver(post_page_move, dispatch_uid="website_cache_moved")
def page_changed(sender, **kwargs):
    public_content_changed()
