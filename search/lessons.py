"""Repeated lessons: recommendations like one being written, and near-duplicates that
recur across reviews, grouped by theme.

Database backend: TF-IDF cosine over word stems (search.similarity explains why).
Elasticsearch backend: more_like_this for the similar list (search.elastic).
Only recommendations the user may read are compared (learning's own visibility rules).
"""

from dataclasses import dataclass, field
from functools import partial

from django.conf import settings

from learning.models import Recommendation
from partnerships.access import facts_of

from .models import SearchEntry
from .similarity import TfidfIndex

SIMILAR_THRESHOLD = 0.25  # below this, two texts share little more than boilerplate
DUPLICATE_THRESHOLD = 0.5  # near-duplicates: most of the weighted words in common
MAX_PER_THEME = 2000  # pairwise comparison per theme stays quick


@dataclass
class Similar:
    recommendation: Recommendation
    score: float


def similar_recommendations(user, text, recommendation=None, limit=5):
    """The recommendations of *earlier* reviews most like `text` (and not of its own review)."""
    candidates = Recommendation.objects.visible_to(user).select_related("review")
    if recommendation is not None:
        review = recommendation.review
        candidates = candidates.exclude(review=review).filter(
            review__notified_on__lte=review.notified_on
        )
    if settings.ELASTICSEARCH_URL:
        return similar_by_more_like_this(user, text, candidates, limit)
    by_id = {r.pk: r for r in candidates}
    index = TfidfIndex({pk: r.text for pk, r in by_id.items()})
    return [
        Similar(by_id[pk], round(score, 2))
        for score, pk in index.most_similar(text, limit=limit, threshold=SIMILAR_THRESHOLD)
    ]


def similar_by_more_like_this(user, text, candidates, limit):
    # Imported only when configured: the Elasticsearch client is not needed otherwise.
    from .elastic import connection, more_like_this

    search = more_like_this(text, facts_of(user), limit=limit * 3).using(connection())
    entry_ids = [int(hit.meta.id) for hit in search.execute()]
    sources = dict(SearchEntry.objects.filter(pk__in=entry_ids).values_list("pk", "source_id"))
    allowed = {r.pk: r for r in candidates.filter(pk__in=sources.values())}
    ordered = [allowed[sources[pk]] for pk in entry_ids if sources.get(pk) in allowed]
    return [Similar(r, None) for r in ordered[:limit]]


def find_root(parent, pk):
    """Union-find: the representative of pk's group (with path halving)."""
    while parent[pk] != pk:
        parent[pk] = parent[parent[pk]]
        pk = parent[pk]
    return pk


@dataclass
class LessonGroup:
    theme: object
    recommendations: list = field(default_factory=list)

    @property
    def review_count(self):
        return len({r.review_id for r in self.recommendations})


def recurring_lessons(user, threshold=DUPLICATE_THRESHOLD):
    """Per theme, groups of near-duplicate recommendations made by two or more reviews.

    Two recommendations join a group when their cosine similarity reaches `threshold`;
    groups are the connected sets (single linkage), so a lesson worded three slightly
    different ways across three reviews forms one group."""
    recommendations = (
        Recommendation.objects.visible_to(user)
        .select_related("review")
        .prefetch_related("themes")
        .order_by("review__notified_on", "pk")
    )
    by_theme = {}
    for recommendation in recommendations:
        for theme in recommendation.themes.all():
            by_theme.setdefault(theme, []).append(recommendation)
    groups = []
    for theme in sorted(by_theme, key=lambda t: t.name):
        members = by_theme[theme][:MAX_PER_THEME]
        index = TfidfIndex({r.pk: r.text for r in members})
        parent = {r.pk: r.pk for r in members}
        root = partial(find_root, parent)
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if first.review_id == second.review_id:
                    continue
                score = index.cosine(index.vectors[first.pk], index.vectors[second.pk])
                if score >= threshold:
                    parent[root(first.pk)] = root(second.pk)
        clusters = {}
        for r in members:
            clusters.setdefault(root(r.pk), []).append(r)
        for cluster in clusters.values():
            group = LessonGroup(theme=theme, recommendations=cluster)
            if group.review_count >= 2:
                groups.append(group)
    groups.sort(key=lambda g: (g.theme.name, -g.review_count))
    return groups
