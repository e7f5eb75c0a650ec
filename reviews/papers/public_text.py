"""Public text typed in rather than uploaded: the pseudonym, the page's title, address and
search description, recommendations and the actions that deliver them. Each is read for
the case's confidential terms with the publication gate's matcher (reviews.papers.matching)
when it is saved for a published review, and again by the gate at publication.

    text_findings(pieces, terms)      the one check of text: Findings, each naming its place
    refuse_public_text(texts, terms)  raises PublicTextRefused naming each field and term
    changed_texts(instance, fields)   the fields whose value differs from the stored row

A model calls `refuse_public_text(changed_texts(...), terms)` in its `clean()` (a form
then shows the refusal beside the field) and again in `save()` (nothing else stores it
either). A refusal stores nothing: it is raised before the row is written, inside the
caller's transaction. This module imports no model, so models may use it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .matching import Term, find_terms
from .pieces import TextPiece


@dataclass(frozen=True)
class PublicText:
    """One field's text: `field` (the model field, where a form shows the error), `label`
    (how the refusal names it) and `text`."""

    field: str
    label: str
    text: str


class PublicTextRefused(ValidationError):
    """Terms found in public text: {field: [sentence naming the term and the field]}."""

    def __init__(self, findings_by_field):
        self.findings_by_field = findings_by_field
        super().__init__(
            {
                field: [
                    f"{finding.describe()}, which the public would read. It is on the "
                    "case's confidential list: nothing was saved."
                    for finding in findings
                ]
                for field, findings in findings_by_field.items()
            }
        )


def as_terms(terms):
    """Matcher terms from ConfidentialTerm rows, Terms or strings."""
    return [Term.coerce(term) for term in terms]


def text_findings(pieces, terms):
    """The Findings of `terms` in separate public texts (TextPieces naming their place).
    Each is read on its own: they are not one text on the page."""
    terms = as_terms(terms)
    if not terms:
        return []
    return [finding for piece in pieces for finding in find_terms([piece], terms)]


def refuse_public_text(texts, terms):
    """Raise PublicTextRefused if any of `texts` (PublicTexts) holds one of `terms`."""
    texts = [t for t in texts if t.text]
    if not texts:
        return
    terms = as_terms(terms)
    found = {}
    for text in texts:
        findings = text_findings([TextPiece(text.label, str(text.text))], terms)
        if findings:
            found.setdefault(text.field, []).extend(findings)
    if found:
        raise PublicTextRefused(found)


def changed_texts(instance, labels):
    """PublicTexts of the fields in `labels` ({field: label}) whose value differs from the
    stored row (all of them for a row not stored yet). One query."""
    stored = None
    if instance.pk is not None:
        manager = type(instance)._base_manager
        stored = manager.filter(pk=instance.pk).values(*labels).first()
    return [
        PublicText(field, label, getattr(instance, field) or "")
        for field, label in labels.items()
        if stored is None or stored[field] != getattr(instance, field)
    ]
