"""The publication gate: everything of a review that is about to reach the public, read
for the case's confidential terms with one matcher (reviews.papers.matching).

    check_publication(review, versions) -> GateResult(problems, checks, summary)

What it reads, for each version to publish: the upload, exhaustively (reading), and the
public copy made from it (public_copy), which is what the public will download; then the
public page's title and web address, the titles of the papers the page lists, and the
executive summary text the page will show, which is taken from the summary's checked
public copy, the pseudonym and the case's summary, and what other apps show of the
review once it is public (`register_public_texts` hooks: the learning library's
recommendations and actions). Text typed in later is checked when it is saved
(reviews.papers.public_text). Anything
that cannot be read completely is a problem too: it is never taken as clean.

The gate changes nothing; reviews.papers.publication stores what it made only when
`problems` is empty. docs/security.md ("What the publication gate checks") says what it
reads and what an officer must still read by eye.
"""

from collections import Counter
from dataclasses import dataclass, replace

from django.utils.text import slugify
from wagtail import hooks

from ..models import CaseDocument, ReviewPage
from .confidential import review_terms
from .pieces import CannotBeChecked, TextPiece
from .public_copy import check_public_copy
from .public_text import text_findings

PAGE_TITLE = "the public page's title (made from the kind of review and the pseudonym)"
PAGE_SLUG = "the public page's web address (made from the pseudonym and the reference)"
SUMMARY = "the executive summary text shown on the public page"
PSEUDONYM = "the pseudonym (shown in the feed of published reviews)"
CASE_SUMMARY = "the case's short anonymised summary"


@dataclass(frozen=True)
class Problem:
    """Why something may not be published: terms found (`findings`, each naming its
    place) in `subject`, or `subject` cannot be checked (`unreadable` says why)."""

    subject: str = ""
    findings: tuple = ()
    unreadable: str = ""

    def sentences(self):
        if self.unreadable:
            return [
                f"{self.subject} cannot be checked: {self.unreadable}. Upload a PDF, Word or "
                "OpenDocument file with real text."
            ]
        return [f"{self.placed(finding).describe()}." for finding in self.findings]

    def placed(self, finding):
        if not self.subject:
            return finding
        return replace(finding, location=f"{self.subject}, {finding.location}")


@dataclass(frozen=True)
class VersionCheck:
    """One version as the gate found it: its checked public copy (None if it could not
    be made) and its problem (None if it may be published)."""

    version: object
    checked: object = None
    problem: Problem | None = None


@dataclass(frozen=True)
class GateResult:
    problems: tuple
    checks: tuple
    summary: str = ""

    @property
    def clean(self):
        return not self.problems


def public_page_title(review):
    return f"{review.get_kind_display()}: {review.pseudonym}"


def public_page_slug(review):
    """The last part of a new public page's address (the internal reference is in it)."""
    return slugify(f"{review.pseudonym} {review.reference}")[:80] or "review"


def page_slug_to_publish(review):
    """The slug the public page will have: its own if it exists already (publishing again
    keeps the address), or a new one."""
    existing = ReviewPage.objects.filter(review=review).values_list("slug", flat=True).first()
    return existing or public_page_slug(review)


def document_label(version):
    """How a refusal names a version: kind, title, upload name and number (staff read it)."""
    document = version.document
    return (
        f"{document.get_kind_display()} “{document.title}” "
        f"({version.original_filename}, version {version.number})"
    )


def publishable_versions(review):
    """The latest version of every paper of the review that is to be published."""
    documents = review.documents.filter(
        audience=CaseDocument.Audience.PUBLIC, kind__in=CaseDocument.PUBLISHABLE_KINDS
    ).order_by("kind", "title")
    versions = [document.latest_version for document in documents]
    return [version for version in versions if version is not None]


def copy_kind_labels(versions):
    """{version pk: the kind of paper as the public copy's name and title say it}: the
    kind's label, numbered when the review publishes several papers of one kind."""
    ordered = sorted(versions, key=lambda v: (v.document.kind, v.document.title, v.pk))
    totals = Counter(v.document.kind for v in ordered)
    seen, labels = Counter(), {}
    for version in ordered:
        kind = version.document.kind
        seen[kind] += 1
        label = version.document.get_kind_display()
        labels[version.pk] = label if totals[kind] == 1 else f"{label} {seen[kind]}"
    return labels


def check_version(version, terms, pseudonym, kind_label):
    """Read the upload, make its public copy and read that: a VersionCheck."""
    with version.file.open("rb") as stored:
        data = stored.read()
    try:
        checked = check_public_copy(data, version.content_type, terms, pseudonym, kind_label)
    except CannotBeChecked as exc:
        return VersionCheck(version, problem=Problem(document_label(version), unreadable=str(exc)))
    if checked.clean:
        return VersionCheck(version, checked)
    findings = checked.upload_findings + checked.copy_findings
    return VersionCheck(version, checked, Problem(document_label(version), findings))


def check_text(pieces, terms):
    """The Problem of separate public texts (TextPieces naming their place), or None if
    they are clean. Each is read on its own: they are not one text on the page."""
    findings = text_findings(pieces, terms)
    return Problem(findings=tuple(findings)) if findings else None


def other_public_texts(review):
    """TextPieces other apps show of the review once it is public (the learning library:
    its recommendations and the actions delivering them), from the
    `register_public_texts` hooks (reviews.hooks)."""
    return [piece for texts in hooks.get_hooks("register_public_texts") for piece in texts(review)]


def readable_paragraphs(pieces):
    """Page text as paragraphs for a web page. PDF text comes as lines; a line that does
    not end a sentence is joined to the next."""
    paragraphs = []
    for piece in pieces:
        current = []
        for line in piece.text.splitlines():
            line = line.strip()
            if not line:
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                continue
            current.append(line)
            if line.endswith((".", "!", "?", ":")):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def summary_text(checks):
    """The executive summary's text for the public page, from its clean public copy as
    the gate read it: the page shows nothing the gate has not read. ("" while the summary
    has a problem of its own: that is reported already.)"""
    summaries = [
        c for c in checks if c.version.document.kind == CaseDocument.Kind.EXECUTIVE_SUMMARY
    ]
    if not summaries or summaries[0].problem is not None:
        return ""
    return "\n\n".join(readable_paragraphs(summaries[0].checked.copy_text.body))


def check_publication(review, versions):
    """Check everything the public would get from publishing `versions` of `review`."""
    terms = review_terms(review)
    labels = copy_kind_labels(versions)
    checks = tuple(
        check_version(version, terms, review.pseudonym, labels[version.pk]) for version in versions
    )
    problems = [check.problem for check in checks if check.problem]
    summary = summary_text(checks)
    page_text = [
        TextPiece(PAGE_TITLE, public_page_title(review)),
        TextPiece(PAGE_SLUG, page_slug_to_publish(review)),
        *(
            TextPiece(
                f"the title of the {v.document.get_kind_display()} listed on the public page",
                v.document.title,
            )
            for v in versions
        ),
        # What the page shows once the lines are joined into paragraphs: checked as shown.
        TextPiece(SUMMARY, summary),
        TextPiece(PSEUDONYM, review.pseudonym),
        TextPiece(CASE_SUMMARY, review.summary),
        *other_public_texts(review),
    ]
    page_problem = check_text(page_text, terms)
    if page_problem:
        problems.append(page_problem)
    return GateResult(tuple(problems), checks, summary)
