"""Turn reviews, recommendations, actions and case papers into search rows.

Each `*_entries` function returns the unsaved SearchEntry rows a source object should
have; `refresh_*` replaces what is stored for it. The whole index is rebuilt by
`rebuild()`, which the `search_index --rebuild` command and the demo loader call.
"""

import logging

from django.db import transaction
from django.urls import reverse

from learning.models import Action, Recommendation
from reviews.models import DocumentVersion, Review, ReviewPage
from reviews.papers.reading import CannotBeChecked, read_document

from . import backends
from .models import Kind, SearchEntry, join_values

log = logging.getLogger(__name__)

BODY_LIMIT = 200_000  # characters of a paper's text kept for searching


def scope_columns(source):
    """Who may find the row: its source's scope under the access rule (partnerships.access),
    written into the row's scope columns (SearchEntry.access reads them back)."""
    scope = type(source).access.scope(source)
    if len(scope.partnerships) > 1:
        # A search row holds one partnership: it would be found by the staff of only one.
        raise ValueError(f"{source!r} belongs to several partnerships; a search row holds one.")
    return {
        "partnership_id": next(iter(scope.partnerships), None),
        "review_id": scope.review,
        "owner_agency_id": scope.owner_agency,
        "audience": scope.audience,
    }


def review_facets(review):
    """Facets from the people in the review: what may be published about them
    (Review.published_characteristics). Nothing else about a person is a facet
    (docs/security.md, "People in a review")."""
    published = review.published_characteristics()
    return {
        "review_kind": review.kind,
        "relationship": join_values(published["relationships"]),
        "age_band": join_values(published["victim_age_bands"]),
        "death_type": published["death_type"],
    }


def public_page_of(review):
    """The review's public page while the review is public (Review.objects.public)."""
    return ReviewPage.objects.filter(
        review__in=Review.objects.public().filter(pk=review.pk)
    ).first()


UNKNOWN = object()


def review_entries(review, page=UNKNOWN):
    """The case itself (private), and its public page while the review is public (`page`:
    that page or None, when the caller has looked it up already)."""
    private = SearchEntry(
        source="review",
        source_id=review.pk,
        kind=Kind.REVIEW,
        title=str(review),
        body="\n\n".join(filter(None, [review.summary, review.terms_of_reference])),
        url=reverse("reviews:inspect", args=[review.pk]),
        date=review.notified_on,
        year=review.notified_on.year,
        agencies=join_values(a.pk for a in review.agencies.all()),
        status=review.state,
        **scope_columns(review),
        **review_facets(review),
    )
    entries = [private]
    if page is UNKNOWN:
        page = public_page_of(review)
    if page is not None:
        recommendations = list(review.recommendations.prefetch_related("themes"))
        published = review.published_on or review.notified_on
        entries.append(
            SearchEntry(
                source="review-public",
                source_id=review.pk,
                kind=Kind.REVIEW,
                title=page.title,
                # Theme names too: a theme's words find the reviews whose recommendations
                # the library lists under it.
                body="\n\n".join(
                    [page.executive_summary]
                    + [r.text for r in recommendations]
                    + sorted({t.name for r in recommendations for t in r.themes.all()})
                ),
                url=page.url or "",
                date=published,
                year=published.year,
                themes=join_values(t.slug for r in recommendations for t in r.themes.all()),
                status=review.state,
                is_public=True,
                **scope_columns(review),
                **review_facets(review),
            )
        )
    return entries


def public_review_ids(**where):
    return set(Review.objects.public().filter(**where).values_list("pk", flat=True))


def recommendation_entry(recommendation, public_reviews=None):
    """`public_reviews`: the ids of public reviews, when the caller has them already."""
    review = recommendation.review
    if public_reviews is None:
        public_reviews = public_review_ids(pk=review.pk)
    return SearchEntry(
        source="recommendation",
        source_id=recommendation.pk,
        kind=Kind.RECOMMENDATION,
        title=f"{review.reference} recommendation {recommendation.number}",
        body="\n\n".join(
            filter(
                None,
                [
                    recommendation.text,
                    recommendation.evidence,
                    *(t.name for t in recommendation.themes.all()),
                ],
            )
        ),
        url=reverse("learning_recommendations:inspect", args=[recommendation.pk]),
        date=review.notified_on,
        year=review.notified_on.year,
        themes=join_values(t.slug for t in recommendation.themes.all()),
        agencies=join_values([recommendation.owning_agency_id]),
        status=recommendation.status,
        rag=recommendation.rag,
        # Its review's public page shows it (the one meaning of public).
        published=review.pk in public_reviews,
        **scope_columns(recommendation),
        **review_facets(review),
    )


def action_entry(action):
    strategy = action.strategy
    text = [
        action.objective,
        action.key_deliverables,
        action.expected_outcomes,
        action.comments,
        action.lead,
        action.partners,
    ]
    return SearchEntry(
        source="action",
        source_id=action.pk,
        kind=Kind.ACTION,
        title=f"{strategy.title}: {action}"[:300],
        body="\n\n".join(filter(None, text)),
        url=reverse("learning_actions:inspect", args=[action.pk]),
        date=action.due_on,
        year=action.due_on.year if action.due_on else strategy.period_start,
        agencies=join_values([action.lead_agency_id]),
        status=action.status,
        rag=action.rag,
        **scope_columns(action),
    )


def public_version_ids():
    """Versions whose row is public: public, with the public copy it is downloaded as."""
    return set(DocumentVersion.objects.public().with_public_copy().values_list("pk", flat=True))


def version_text(version, is_public=False):
    """What people search a paper for: its pages or paragraphs. A public row holds the
    text of the public copy (what the public downloads), never the upload's; everything
    else a file holds (properties, comments, markup) is read by the gate, not searched."""
    if is_public:
        source, content_type = version.public_copy.file, version.public_copy.content_type
    else:
        source, content_type = version.file, version.content_type
    try:
        with source.open("rb") as stored:
            document = read_document(stored.read(), content_type)
    except (CannotBeChecked, OSError) as exc:
        log.info("Search: no text from %s: %s", version, exc)
        return ""
    return "\n".join(piece.text for piece in document.body)[:BODY_LIMIT]


def version_entry(version, public_ids, text=None):
    """A case paper's version: private (a draft) unless published with the review.
    `text`: the row's body when the caller has it already (for the same audience)."""
    document = version.document
    review = document.review
    is_public = version.pk in public_ids
    if is_public:
        # A published paper opens the review's public page, which offers the download:
        # a result is named after its review, not only "Final anonymised report".
        url = review.get_public_url() or version.get_public_url()
        title = f"{review.public_page.title}: {document.title}" if url else document.title
    else:
        url = reverse("reviews:version", args=[review.pk, version.pk])
        title = f"{review}: {document.title} (version {version.number})"
    return SearchEntry(
        source="document",
        source_id=version.pk,
        kind=Kind.DOCUMENT,
        title=title[:300],
        body=version_text(version, is_public) if text is None else text,
        url=url,
        date=version.uploaded_at.date(),
        year=version.uploaded_at.year,
        is_public=is_public,
        **scope_columns(document),
        **review_facets(review),
    )


# ---------------------------------------------------------------- keeping rows current


def replace(sources, entries):
    """Store exactly `entries` for the given (source, source_id) pairs."""
    stale = []
    for source, source_id in sources:
        stale += SearchEntry.objects.filter(source=source, source_id=source_id)
    wanted = {(e.source, e.source_id) for e in entries}
    for entry in stale:
        if (entry.source, entry.source_id) not in wanted:
            entry.delete()
            backends.on_deleted(entry)
    existing = {(e.source, e.source_id): e.pk for e in stale}
    for entry in entries:
        entry.pk = existing.get((entry.source, entry.source_id))
        entry.save()
        backends.on_saved(entry)


def refresh_review(review_id):
    """Everything whose text, facets or access follows the case: itself, its public page,
    its recommendations and its papers (their text is kept, not read again, unless the
    row turns public or private: a public row holds the public copy's text)."""
    review = Review.objects.filter(pk=review_id).first()
    if review is None:
        SearchEntry.objects.filter(review_id=review_id).delete()
        return
    with transaction.atomic():
        replace([("review", review.pk), ("review-public", review.pk)], review_entries(review))
        public_reviews = public_review_ids(pk=review.pk)
        for recommendation in review.recommendations.prefetch_related("themes"):
            replace(
                [("recommendation", recommendation.pk)],
                [recommendation_entry(recommendation, public_reviews)],
            )
        public_ids = public_version_ids()
        texts = stored_texts(review_id=review.pk)
        for version in DocumentVersion.objects.filter(document__review=review).select_related(
            "document__review"
        ):
            text = texts.get((version.pk, version.pk in public_ids))
            replace([("document", version.pk)], [version_entry(version, public_ids, text)])


def refresh_recommendation(recommendation_id, review_id=None):
    """The recommendation's row and its review's (`review_id`: the review of a deleted
    recommendation, whose rows must stop listing it)."""
    recommendation = Recommendation.objects.filter(pk=recommendation_id).first()
    entries = [recommendation_entry(recommendation)] if recommendation else []
    replace([("recommendation", recommendation_id)], entries)
    review = (
        recommendation.review if recommendation else Review.objects.filter(pk=review_id).first()
    )
    if review is not None:
        # The public page lists the review's recommendations (and their themes).
        replace([("review", review.pk), ("review-public", review.pk)], review_entries(review))


def refresh_action(action_id):
    action = Action.objects.filter(pk=action_id).select_related("strategy").first()
    replace([("action", action_id)], [action_entry(action)] if action else [])


def stored_texts(**where):
    """{(version id, is public): body} of the papers' rows already stored."""
    rows = SearchEntry.objects.filter(source="document", **where)
    return {
        (source_id, is_public): body
        for source_id, is_public, body in rows.values_list("source_id", "is_public", "body")
    }


def refresh_version(version_id, read_text=True):
    """The row of one version of a paper. `read_text=False`: keep the text already stored
    for the same audience (none yet for a new upload, or for a row that turned public,
    whose text must come from the public copy) and leave reading the file to
    search.tasks.read_paper_text. Returns whether the row still waits for its text."""
    version = DocumentVersion.objects.filter(pk=version_id).select_related("document").first()
    if version is None:
        replace([("document", version_id)], [])
        return False
    public_ids = public_version_ids()
    if read_text:
        replace([("document", version_id)], [version_entry(version, public_ids)])
        return False
    text = stored_texts(source_id=version_id).get((version_id, version_id in public_ids))
    replace([("document", version_id)], [version_entry(version, public_ids, text or "")])
    return text is None


# ---------------------------------------------------------------- full rebuild


def all_entries(extract_documents=True):
    """Every row the index should hold, built from the source tables."""
    pages = {
        page.review_id: page
        for page in ReviewPage.objects.filter(review__in=Review.objects.public())
    }
    # The facets read each review's people and pairs (review_facets): fetched per chunk.
    people = ("people", "pairs")
    reviews = Review.objects.prefetch_related("agencies", *people)
    for review in reviews.iterator(chunk_size=2000):
        yield from review_entries(review, pages.get(review.pk))
    public_reviews = public_review_ids()
    recommendations = Recommendation.objects.select_related("review").prefetch_related(
        "themes", *(f"review__{name}" for name in people)
    )
    for recommendation in recommendations.iterator(chunk_size=2000):
        yield recommendation_entry(recommendation, public_reviews)
    for action in Action.objects.select_related("strategy").iterator(chunk_size=2000):
        yield action_entry(action)
    public_ids = public_version_ids()
    versions = DocumentVersion.objects.select_related("document__review", "public_copy")
    versions = versions.prefetch_related(*(f"document__review__{name}" for name in people))
    for version in versions.iterator(chunk_size=2000):
        yield version_entry(version, public_ids, None if extract_documents else "")


def rebuild(log=print, batch_size=5000):
    """Replace every row and the search backend's index of them."""
    backend = backends.get_backend()
    with transaction.atomic():
        SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
        batch, total = [], 0
        for entry in all_entries():
            batch.append(entry)
            if len(batch) >= batch_size:
                total += len(SearchEntry.objects.bulk_create(batch))
                batch = []
        total += len(SearchEntry.objects.bulk_create(batch))
        backend.rebuild()
    log(f"Search index rebuilt: {total} entries ({backend.name}).")
    return total
