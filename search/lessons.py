"""Repeated lessons: recommendations like one being written, and near-duplicates that
recur across reviews, grouped by theme.

Both look across the country: the recommendations a user may read under the access rule
(their own partnership's, published or not) and every partnership's published ones (the
text of public review pages), never another partnership's unpublished text. Which rows
qualify is the search backends' (BaseBackend.similar_rows); the similar list is the
configured backend's similarity: the database's full-text index then TF-IDF cosine
(search.similarity explains why), or Elasticsearch's more_like_this.
"""

from dataclasses import dataclass, field
from functools import partial

from learning.models import Recommendation
from partnerships.access import facts_of

from .backends import get_backend
from .similarity import TfidfIndex

DUPLICATE_THRESHOLD = 0.5  # near-duplicates: most of the weighted words in common
MAX_PER_THEME = 2000  # pairwise comparison per theme stays quick


@dataclass
class Similar:
    recommendation: Recommendation
    score: float


def mark_readable(user, recommendations):
    """Set `readable` on each: whether the user may open it (the access rule), or only
    read it on its review's public page (another partnership's published one: its
    reference, evidence and admin page are not shown)."""
    ids = [r.pk for r in recommendations]
    readable = set(
        Recommendation.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    for recommendation in recommendations:
        recommendation.readable = recommendation.pk in readable
    return recommendations


def similar_recommendations(user, text, recommendation=None, limit=5):
    """The recommendations of *earlier* reviews most like `text` (and not of its own review)."""
    where = {}
    if recommendation is not None:
        review = recommendation.review
        where = {"exclude_review": review.pk, "on_or_before": review.notified_on}
    found = get_backend().similar(text, facts_of(user), limit=limit, **where)
    by_id = Recommendation.objects.select_related("review__public_page").in_bulk(
        [pk for pk, _ in found]
    )
    mark_readable(user, list(by_id.values()))
    return [Similar(by_id[pk], score) for pk, score in found if pk in by_id]


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


def recurring_lessons(user, threshold=DUPLICATE_THRESHOLD, national=False):
    """Per theme, groups of near-duplicate recommendations made by two or more reviews:
    over the recommendations the user may read, or (`national`) those and every
    partnership's published ones.

    Two recommendations join a group when their cosine similarity reaches `threshold`;
    groups are the connected sets (single linkage), so a lesson worded three slightly
    different ways across three reviews forms one group."""
    if national:
        rows = get_backend().similar_rows(facts_of(user))
        recommendations = Recommendation.objects.filter(pk__in=rows.values("source_id"))
    else:
        recommendations = Recommendation.objects.visible_to(user)
    recommendations = (
        recommendations.select_related("review")
        .prefetch_related("themes")
        .order_by("review__notified_on", "pk")
    )
    if national:
        recommendations = mark_readable(user, list(recommendations))
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
