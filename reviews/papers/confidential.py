"""The case's confidential list: names and identifiers that must never reach the public
(the real names of the victim, the perpetrator and the family, addresses...), each with
the other ways it is written (initials, nicknames). The publication gate
(reviews.papers.gate) refuses any public text holding one, however it is typed
(reviews.papers.matching).

The audit events never contain a term or a variant: the history is read by the chair and
the panel, who do not see the list.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..events import record_event
from ..models import ConfidentialTerm
from .matching import Term, clean_term, same_term, words_of

MAX_LENGTH = ConfidentialTerm._meta.get_field("term").max_length
MAX_VARIANTS = 20


def review_terms(review):
    """The case's confidential terms with their variants, as the matcher takes them."""
    return [Term.coerce(row) for row in review.confidential_terms.all()]


def checked_spelling(text, what):
    """`text` with its spaces tidied, or ValidationError saying why it cannot be a term.
    `what` names it in the sentence ("A confidential term", "A variant")."""
    text = clean_term(text)
    if len(text) < 2:
        raise ValidationError(f"{what} needs at least two characters.")
    if len(text) > MAX_LENGTH:
        raise ValidationError(f"{what} can be at most {MAX_LENGTH} characters long.")
    if not words_of(text):
        raise ValidationError(f"{what} needs at least one letter or digit.")
    return text


def parse_variants(text):
    """Variants typed one per line: each checked, repeats (typography aside) dropped."""
    variants = []
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        variant = checked_spelling(line, "A variant")
        if not any(same_term(variant, kept) for kept in variants):
            variants.append(variant)
    if len(variants) > MAX_VARIANTS:
        raise ValidationError(f"A term can have at most {MAX_VARIANTS} variants.")
    return variants


def already_listed(review, spellings, exclude=None):
    """Whether any of `spellings` is already on the case's list, as a term or a variant of
    another term (compared in the matcher's plain form: "O’Brien" is "O'Brien")."""
    rows = review.confidential_terms.all()
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    listed = [spelling for row in rows for _, spelling in Term.coerce(row).spellings()]
    return any(same_term(new, old) for new in spellings for old in listed)


def add_confidential_term(review, term, user, variants=""):
    """Record a term (and its variants, one per line) on the case."""
    term = checked_spelling(term, "A confidential term")
    variants = [v for v in parse_variants(variants) if not same_term(v, term)]
    if already_listed(review, [term, *variants]):
        raise ValidationError(
            "That term or one of its variants is already on the case's confidential list."
        )
    with transaction.atomic():
        created = ConfidentialTerm.objects.create(
            review=review, term=term, variants=variants, added_by=user
        )
        record_event(review, user, "confidential_term_added", "A confidential term was added.")
    return created


def change_variants(confidential_term, variants, user):
    """Replace the term's variants with `variants` (one per line; empty removes them)."""
    variants = [v for v in parse_variants(variants) if not same_term(v, confidential_term.term)]
    review = confidential_term.review
    if already_listed(review, variants, exclude=confidential_term):
        raise ValidationError("One of those variants is already on the case's confidential list.")
    with transaction.atomic():
        confidential_term.variants = variants
        confidential_term.save(update_fields=["variants"])
        record_event(
            review,
            user,
            "confidential_term_changed",
            "The variants of a confidential term were changed.",
        )
    return confidential_term


def remove_confidential_term(confidential_term, user):
    with transaction.atomic():
        review = confidential_term.review
        confidential_term.delete()
        record_event(review, user, "confidential_term_removed", "A confidential term was removed.")
