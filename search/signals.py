"""Keep the search rows current: saves, publications, unpublications and deletions."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from learning.models import Action, Recommendation
from reviews.models import CaseDocument, DocumentVersion, PublicCopy, Review, ReviewPage

from . import indexing, tasks


@receiver(post_save, sender=Review)
@receiver(post_delete, sender=Review)
def review_changed(sender, instance, **kwargs):
    indexing.refresh_review(instance.pk)


@receiver(m2m_changed, sender=Review.agencies.through)
def review_agencies_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Review):
        indexing.refresh_review(instance.pk)


@receiver(page_published, sender=ReviewPage)
@receiver(page_unpublished, sender=ReviewPage)
@receiver(post_delete, sender=ReviewPage)
def review_page_changed(sender, instance, **kwargs):
    indexing.refresh_review(instance.review_id)


@receiver(post_save, sender=Recommendation)
@receiver(post_delete, sender=Recommendation)
def recommendation_changed(sender, instance, **kwargs):
    indexing.refresh_recommendation(instance.pk, review_id=instance.review_id)


@receiver(m2m_changed, sender=Recommendation.themes.through)
def recommendation_themes_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Recommendation):
        indexing.refresh_recommendation(instance.pk)


@receiver(post_save, sender=Action)
@receiver(post_delete, sender=Action)
def action_changed(sender, instance, **kwargs):
    indexing.refresh_action(instance.pk)


@receiver(post_save, sender=DocumentVersion)
@receiver(post_delete, sender=DocumentVersion)
def version_changed(sender, instance, **kwargs):
    """The row (title, facets, who may see it) now; the file's text in the background."""
    if indexing.refresh_version(instance.pk, read_text=False):
        tasks.read_paper_text.enqueue(instance.pk)


@receiver(post_save, sender=PublicCopy)
@receiver(post_delete, sender=PublicCopy)
def public_copy_changed(sender, instance, **kwargs):
    """A public row's text is its public copy's (made at publication or regenerated)."""
    indexing.refresh_version(instance.version_id, read_text=False)
    tasks.read_paper_text.enqueue(instance.version_id)


@receiver(post_save, sender=CaseDocument)
def document_changed(sender, instance, **kwargs):
    """A paper's audience or title changed: its versions' rows follow."""
    for version_id in instance.versions.values_list("pk", flat=True):
        if indexing.refresh_version(version_id, read_text=False):
            tasks.read_paper_text.enqueue(version_id)


def refresh_reviews_under(page):
    for review_id in ReviewPage.objects.descendant_of(page, inclusive=True).values_list(
        "review_id", flat=True
    ):
        indexing.refresh_review(review_id)


@receiver(post_page_move)
def pages_moved(sender, instance, **kwargs):
    """Moving a page changes the address of every published review under it."""
    refresh_reviews_under(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def page_restricted(sender, instance, **kwargs):
    """A review under a restricted page is not public (Review.objects.public)."""
    refresh_reviews_under(instance.page)
