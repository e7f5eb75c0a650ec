"""The hooks the reviews app defines, so that other apps show things inside its pages
without it importing them (Wagtail hooks: `hooks.register` / `hooks.get_hooks`).

- `construct_review_sections(request, review, sections)`: the case page in the admin
  (reviews.views.ReviewView). Append components (wagtail.admin.ui.components.Component:
  template_name + get_context_data); they are shown after the pauses, ordered by `order`.
- `construct_review_page_context(request, page, context)`: a published review's public
  page (reviews.models.pages.ReviewPage). Add to the context; a section to show after
  the executive summary is appended to `context["sections"]` (components as above).
- `register_review_listing_filter()`: the published reviews list
  (reviews.public.listing). Return a ListingFilter.
- `register_public_texts`: register a function `texts(review)` returning the TextPieces
  (reviews.papers.pieces: location, text) the app shows of the review once it is
  public. The publication gate (reviews.papers.gate) reads them with the rest of the page
  and refuses to publish while one holds a confidential term. Check the same texts when
  they are saved (reviews.papers.public_text).
- `register_case_summary_rows`: register a function `rows(review)` returning (field,
  value) pairs the Home Office pack's case-summary.csv adds after the case's own
  (reviews.papers.submission): counts and dates, never a name.
- `register_returned_chronology_reader`: register a function `read(request, data,
  filename, user)` called when an agency's contact returns a chronology request
  (reviews.agency_portal.return_information) as an XLSX workbook that passed the upload
  check, inside the return's transaction. It reads the file into the case (learning:
  the combined chronology) or raises ValidationError with every problem, which refuses
  the return: nothing is stored.

docs/architecture.md lists who registers into each.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class ListingFilter:
    """A filter another app adds to the published reviews list, returned by a
    `register_review_listing_filter` hook. `field()` makes its (select) form field, asked
    once per request; `apply(pages, value)` narrows the ReviewPage queryset to `value`."""

    name: str
    field: Callable[[], forms.Field]
    apply: Callable
