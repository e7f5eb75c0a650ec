"""The anonymisation check: no confidential term may appear in published material.

Matching is case-insensitive, accent-insensitive and whole-word ("Ann" does not match
"Anne" or "Annex"), treats any run of spaces and line breaks between the words of a term
as a space, and also finds a word hyphenated or broken across a line end ("Thorn-" /
"bury"). A term split across two pages or paragraphs is found too, and reported where it
starts.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from ..events import record_event
from ..models import CaseDocument, ConfidentialTerm
from .extraction import ExtractionError, extract_text

# Between two letters of one word: nothing, a soft hyphen, or a line-end break
# (with or without a hyphen).
WORD_BREAK = r"(?:\u00ad|-?[ \t]*\r?\n[ \t]*)?"
# Between two words of a term: any whitespace, line breaks included.
WORD_GAP = r"[\s\u00a0]+"


def normalise(text):
    """Lower-case, without accents, with typographic apostrophes and dashes made plain."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-"}))
    return plain.casefold()


def clean_term(term):
    return " ".join(str(term).split())


def term_pattern(term):
    words = normalise(clean_term(term)).split(" ")
    word_patterns = [WORD_BREAK.join(re.escape(ch) for ch in word) for word in words]
    return re.compile(r"(?<!\w)" + WORD_GAP.join(word_patterns) + r"(?!\w)")


@dataclass(frozen=True)
class Finding:
    term: str
    location: str


def find_terms(pieces, terms):
    """Findings of `terms` in the TextPieces, each reported at the piece where it starts."""
    starts, chunks, position = [], [], 0
    for piece in pieces:
        text = normalise(piece.text)
        starts.append(position)
        chunks.append(text)
        position += len(text) + 1
    whole = "\n".join(chunks)
    findings = []
    for term in terms:
        for match in term_pattern(term).finditer(whole):
            index = bisect.bisect_right(starts, match.start()) - 1
            finding = Finding(clean_term(term), pieces[index].location)
            if finding not in findings:
                findings.append(finding)
    return findings


@dataclass(frozen=True)
class DocumentProblem:
    """Why one document may not be published: terms found, or unreadable text."""

    version: object
    findings: tuple = ()
    unreadable: str = ""

    @property
    def document_label(self):
        document = self.version.document
        return (
            f"{document.get_kind_display()} “{document.title}” "
            f"({self.version.original_filename}, version {self.version.number})"
        )

    def sentences(self):
        if self.unreadable:
            return [
                f"{self.document_label} cannot be checked: {self.unreadable}. Upload a PDF, "
                "Word or OpenDocument file with real text."
            ]
        return [
            f"“{finding.term}” appears in {self.document_label}, {finding.location}."
            for finding in self.findings
        ]


def check_version(version, terms):
    """The DocumentProblem of one stored version, or None if it is clean."""
    with version.file.open("rb") as stored:
        data = stored.read()
    try:
        pieces = extract_text(data, version.content_type)
    except ExtractionError as exc:
        return DocumentProblem(version, unreadable=str(exc))
    findings = find_terms(pieces, terms)
    return DocumentProblem(version, findings=tuple(findings)) if findings else None


def review_terms(review):
    return list(review.confidential_terms.values_list("term", flat=True))


def publishable_versions(review):
    """The latest version of every paper of the case that is to be published."""
    documents = review.documents.filter(
        audience=CaseDocument.Audience.PUBLIC, kind__in=CaseDocument.PUBLISHABLE_KINDS
    ).order_by("kind", "title")
    versions = [document.latest_version for document in documents]
    return [version for version in versions if version is not None]


def check_versions(versions, terms):
    problems = (check_version(version, terms) for version in versions)
    return [problem for problem in problems if problem is not None]


# ---------------------------------------------------------------- the confidential list


def add_confidential_term(review, term, user):
    """Record a term on the case. The audit event never contains the term itself: the
    history is visible to the chair and the panel."""
    term = clean_term(term)
    if len(term) < 2:
        raise ValidationError("A confidential term needs at least two characters.")
    if len(term) > ConfidentialTerm._meta.get_field("term").max_length:
        raise ValidationError("A confidential term can be at most 200 characters long.")
    if any(normalise(term) == normalise(existing) for existing in review_terms(review)):
        raise ValidationError("That term is already on the case's confidential list.")
    with transaction.atomic():
        created = ConfidentialTerm.objects.create(review=review, term=term, added_by=user)
        record_event(review, user, "confidential_term_added", "A confidential term was added.")
    return created


def remove_confidential_term(confidential_term, user):
    with transaction.atomic():
        review = confidential_term.review
        confidential_term.delete()
        record_event(review, user, "confidential_term_removed", "A confidential term was removed.")
