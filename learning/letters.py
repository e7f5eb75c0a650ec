"""The letter that sends a recommendation to a body: made from the recommendation, its
review and the body, as a web page (to print or paste) or a Word document. It carries
what the public page would: the review's kind, its pseudonym and reference, never a
name, and the recommendation's text.
"""

import io

from django.utils import timezone
from docx import Document


def letter_parts(sent, today=None):
    """(address lines, subject, paragraphs) of the letter."""
    today = today or timezone.localdate()
    recommendation = sent.recommendation
    review = recommendation.review
    partnership = review.partnership
    address = [sent.body.name, *[line for line in sent.body.address.splitlines() if line.strip()]]
    subject = (
        f"{review.get_kind_display()} {review.reference} ({review.pseudonym}): "
        f"recommendation {recommendation.number}"
    )
    response_due = sent.response_due_on
    paragraphs = [
        f"Date: {today:%-d %B %Y}",
        "Dear colleague,",
        f"{partnership.name} has completed the {review.get_kind_display()} known as "
        f"{review.pseudonym} (our reference {review.reference}). The review made the "
        f"following recommendation to {sent.body.name}:",
        f"Recommendation {recommendation.number}: {recommendation.text}",
        "Please acknowledge this letter"
        + (f" by {sent.acknowledgement_due_on:%-d %B %Y}" if sent.acknowledgement_due_on else "")
        + ", and tell us"
        + (f" by {response_due:%-d %B %Y}" if response_due else "")
        + " whether you accept the recommendation (fully, in part or not, with your reasons) "
        "and what you will do to implement it. Your response, and later the progress you "
        "report, will be published with the review.",
        "Yours faithfully,",
        partnership.name,
    ]
    return address, subject, paragraphs


def letter_docx(sent, today=None):
    address, subject, paragraphs = letter_parts(sent, today)
    document = Document()
    document.core_properties.author = sent.recommendation.review.partnership.name
    document.core_properties.title = subject
    for line in address:
        document.add_paragraph(line)
    document.add_heading(subject, level=2)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
