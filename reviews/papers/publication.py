"""Publishing a review: the publication gate, then the public copies and the public page.

publish_review() is run by reviews.workflow after the `publish` transition (Review.publish),
inside perform_transition's transaction with the review row locked. It either raises
PublicationRefused, naming every document, place and term found, before anything is
stored; or it stores each version's checked public copy, marks the versions published
and creates or updates the review's public Wagtail page. Any failure rolls the database
back and removes the files stored: no page, no published version, no public copy, no state
change, no event.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from ..models import (
    DocumentVersion,
    PublicCopy,
    Review,
    ReviewIndexPage,
    ReviewPage,
    private_storage,
    public_copy_upload_to,
)
from ..refusals import TransitionRefused
from .confidential import review_terms
from .gate import (
    PAGE_TITLE,
    SUMMARY,
    check_publication,
    check_text,
    public_page_slug,
    public_page_title,
    publishable_versions,
)
from .pieces import TextPiece


class PublicationRefused(TransitionRefused):
    """The gate found something; `problems` lists it document by document."""

    def __init__(self, problems):
        self.problems = problems
        lines = [sentence for problem in problems for sentence in problem.sentences()]
        message = (
            "Publication refused: nothing was published and the case has not moved.\n"
            + "\n".join(lines)
            + "\nCorrect the documents, upload new versions and publish again."
        )
        super().__init__(message, status=409)


class StoredFiles:
    """Files written to private storage during a transaction: removed again by `undo()`
    if the transaction does not commit (the database forgets them; storage would not)."""

    def __init__(self):
        self.names = []

    def save(self, name, data):
        stored = private_storage().save(name, ContentFile(data))
        self.names.append(stored)
        return stored

    def undo(self):
        for name in self.names:
            private_storage().delete(name)
        self.names = []


def publish_review(review):
    """Run the gate on the latest public version of each publishable paper; publish.
    Returns StoredFiles: the caller undoes them if its transaction fails later."""
    versions = publishable_versions(review)
    result = check_publication(review, versions)
    if not result.clean:
        raise PublicationRefused(result.problems)
    stored = StoredFiles()
    try:
        store_public_copies(result.checks, stored)
        now = timezone.now()
        DocumentVersion.objects.filter(document__review=review, published_at__isnull=False).exclude(
            pk__in=[v.pk for v in versions]
        ).update(published_at=None)
        DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).update(published_at=now)
        publish_page(review, result.summary)
    except BaseException:
        stored.undo()
        raise
    return stored


def renew_public_copies(review):
    """Make and check again the public copy of every version of `review` the public can
    download (after an upgrade, a change to how copies are made, or a lost file), and read
    the live page's title and summary with today's matcher. Raises PublicationRefused,
    storing nothing, if anything is found; otherwise returns how many copies were stored
    anew (an unchanged copy is kept). Nothing else of the review changes."""
    stored = StoredFiles()
    try:
        with transaction.atomic():
            Review.objects.select_for_update().filter(pk=review.pk).first()
            versions = list(DocumentVersion.objects.public().filter(document__review=review))
            result = check_publication(review, versions)
            problems = list(result.problems)
            page = ReviewPage.objects.filter(review=review).first()
            if page is not None:
                shown = [
                    TextPiece(f"{PAGE_TITLE}, as published", page.title),
                    TextPiece(f"{SUMMARY}, as published", page.executive_summary),
                ]
                page_problem = check_text(shown, review_terms(review))
                if page_problem:
                    problems.append(page_problem)
            if problems:
                raise PublicationRefused(problems)
            store_public_copies(result.checks, stored)
    except BaseException:
        stored.undo()
        raise
    return len(stored.names)


def store_public_copies(checks, stored):
    """Store each checked copy as its version's PublicCopy (an unchanged copy whose file
    is there is kept; a replaced file is deleted once the transaction commits)."""
    for check in checks:
        made = check.checked.copy
        digest = hashlib.sha256(made.data).hexdigest()
        copy = PublicCopy.objects.filter(version=check.version).first()
        unchanged = copy is not None and (copy.sha256, copy.filename) == (digest, made.filename)
        if unchanged and private_storage().exists(copy.file.name):
            continue
        if copy is not None:
            old_name = copy.file.name
            transaction.on_commit(lambda name=old_name: private_storage().delete(name))
        else:
            copy = PublicCopy(version=check.version)
        copy.file = stored.save(public_copy_upload_to(copy, made.filename), made.data)
        copy.filename = made.filename
        copy.content_type = made.content_type
        copy.size = len(made.data)
        copy.sha256 = digest
        copy.made_at = timezone.now()
        copy.save()


def review_index_page():
    """The published reviews index under the default site's root, made on first use."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise TransitionRefused(
            "There is no default site to publish to. Set one up under Settings → Sites."
        )
    root = site.root_page
    index = ReviewIndexPage.objects.descendant_of(root).first()
    if index is None:
        index = ReviewIndexPage(
            title="Published reviews",
            slug=free_slug(root, "reviews"),
            intro="Domestic homicide and safeguarding adults reviews published by the "
            "partnerships, anonymised.",
            search_description="Anonymised reviews published by the partnerships, with "
            "their reports to download.",
            show_in_menus=True,
        )
        root.add_child(instance=index)
        index.save_revision().publish()
    return index


def free_slug(parent, wanted):
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = wanted, 1
    while slug in taken:
        number += 1
        slug = f"{wanted}-{number}"
    return slug


def publish_page(review, executive_summary):
    page = ReviewPage.objects.filter(review=review).first()
    title = public_page_title(review)
    if page is None:
        index = review_index_page()
        page = ReviewPage(
            review=review,
            title=title,
            slug=free_slug(index, public_page_slug(review)),
            executive_summary=executive_summary,
        )
        index.add_child(instance=page)
    else:
        page.title = title
        page.draft_title = title
        page.executive_summary = executive_summary
    page.save_revision().publish()
    return page
