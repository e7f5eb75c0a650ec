"""Publishing a review: the anonymisation gate, then the public page.

publish_review() is run by reviews.workflow after the `publish` transition (Review.publish),
inside perform_transition's transaction with the case row locked. It either raises
PublicationRefused, naming every document, place and term found, or marks the checked
versions published and creates or updates the review's public Wagtail page. Any failure
rolls everything back: no page, no published version, no state change, no event.
"""

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site

from ..models import CaseDocument, DocumentVersion, ReviewIndexPage, ReviewPage
from ..refusals import TransitionRefused
from .anonymisation import (
    DocumentProblem,
    check_versions,
    find_terms,
    publishable_versions,
    review_terms,
)
from .extraction import TextPiece, extract_text, readable_paragraphs


class PublicationRefused(TransitionRefused):
    """The anonymisation check found something; `problems` lists it document by document."""

    def __init__(self, problems):
        self.problems = problems
        lines = [sentence for problem in problems for sentence in problem.sentences()]
        message = (
            "Publication refused: nothing was published and the case has not moved.\n"
            + "\n".join(lines)
            + "\nCorrect the documents, upload new versions and publish again."
        )
        super().__init__(message, status=409)


class PageTitleProblem(DocumentProblem):
    def sentences(self):
        return [
            f"“{finding.term}” appears in the public page's title, made from the pseudonym."
            for finding in self.findings
        ]


def public_title(review):
    return f"{review.get_kind_display()}: {review.pseudonym}"


def check_review(review, versions):
    """Every problem that stops this review's publication (empty list: it may go)."""
    terms = review_terms(review)
    problems = check_versions(versions, terms)
    title_findings = find_terms([TextPiece("title", public_title(review))], terms)
    if title_findings:
        problems.append(PageTitleProblem(version=None, findings=tuple(title_findings)))
    return problems


def publish_review(review):
    versions = publishable_versions(review)
    problems = check_review(review, versions)
    if problems:
        raise PublicationRefused(problems)
    now = timezone.now()
    DocumentVersion.objects.filter(document__review=review, published_at__isnull=False).exclude(
        pk__in=[v.pk for v in versions]
    ).update(published_at=None)
    DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).update(published_at=now)
    return publish_page(review, executive_summary_text(versions))


def executive_summary_text(versions):
    summaries = [v for v in versions if v.document.kind == CaseDocument.Kind.EXECUTIVE_SUMMARY]
    if not summaries:
        return ""
    with summaries[0].file.open("rb") as stored:
        pieces = extract_text(stored.read(), summaries[0].content_type)
    return "\n\n".join(readable_paragraphs(pieces))


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
    title = public_title(review)
    if page is None:
        index = review_index_page()
        page = ReviewPage(
            review=review,
            title=title,
            slug=free_slug(
                index, slugify(f"{review.pseudonym} {review.reference}")[:80] or "review"
            ),
            executive_summary=executive_summary,
        )
        index.add_child(instance=page)
    else:
        page.title = title
        page.draft_title = title
        page.executive_summary = executive_summary
    page.save_revision().publish()
    return page
