"""Atom feed of newly published reviews, for partner agencies and anyone following the work."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from reviews.models import Review, ReviewIndexPage
from security.text import without_control_characters

from . import navigation

FEED_LENGTH = 20


def reviews_index_url(request):
    """The published reviews index once there is one; the home page until then."""
    index = ReviewIndexPage.objects.live().public().first()
    if index is not None:
        return index.get_url(request)
    home = navigation.site_root(request)
    return home.get_url(request) if home else "/"


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def clean(values):
    return {key: without_control_characters(value) for key, value in values.items()}


class SafeAtom1Feed(Atom1Feed):
    """An Atom feed that stays well-formed XML whatever the text: characters XML cannot
    carry (control characters) are left out of every field of the feed and its entries."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(without_control_characters(a) for a in args), **clean(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*(without_control_characters(a) for a in args), **clean(kwargs))


class NewlyPublishedReviewsFeed(Feed):
    feed_type = SafeAtom1Feed
    title = "Newly published reviews"
    subtitle = "Domestic Homicide Reviews and Safeguarding Adults Reviews as they are published."

    def get_object(self, request, *args, **kwargs):
        # Feed instances are shared between requests: the request travels as the feed's object.
        return request

    def link(self, request):
        return reviews_index_url(request)

    def author_name(self, request):
        return navigation.site_name(request)

    def items(self, request):
        host = request.get_host().split(":")[0]
        # A case recorded as published without its date (e.g. set by hand) is not
        # news: the feed dates every entry by its publication.
        newest = (
            Review.objects.public()
            .filter(published_on__isnull=False)
            .order_by("-published_on", "-pk")
            .values_list("pk", flat=True)[:FEED_LENGTH]
        )
        # The newest ids come from the end of the (state, published_on) index; sorting
        # whole rows with their pages instead would sort every public review.
        ids = list(newest)
        shown = Review.objects.public().select_related("partnership", "public_page")
        loaded = shown.in_bulk(ids)
        reviews = [loaded[pk] for pk in ids if pk in loaded]
        for review in reviews:
            review.feed_link = review.get_public_url(request)
            review.feed_guid = f"tag:{host},{review.published_on:%Y-%m-%d}:review-{review.pk}"
        return reviews

    def item_title(self, review):
        return f"{review.pseudonym or 'Review'}: {review.kind_name}"

    def item_description(self, review):
        return (
            f"{review.kind_name} commissioned by {review.partnership.name}, "
            f"published on {review.published_on:%-d %B %Y}."
        )

    def item_link(self, review):
        return review.feed_link

    def item_guid(self, review):
        return review.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, review):
        return start_of_day(review.published_on)

    def item_updateddate(self, review):
        return start_of_day(review.published_on)
