"""The published reviews index: filters, applied-filter links and pagination.

Filters come from the query string (a plain GET form, so they work without JavaScript):
kind (several may be ticked), year published, partnership, then those other apps register
with the `register_review_listing_filter` hook (learning: theme). An unknown value is
reported in the form, as GOV.UK's error pattern asks, never with a server error. Every
part costs a fixed number of queries whatever the number of reviews: the options (one
query each, two for the years), the count and one page of results.

The index page (reviews.models.pages.ReviewIndexPage) hands over the pages to list and the
published reviews: this module names no model of its own app, so the page model can use it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from wagtail import hooks

from partnerships.models import Partnership

REVIEWS_PER_PAGE = 20


def registered_filters():
    return [register() for register in hooks.get_hooks("register_review_listing_filter")]


class ReviewFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label="Type of review",
        choices=(),  # the review kinds, set per form
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a type of review from the list."},
    )
    year = forms.TypedChoiceField(
        label="Year published",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a year from the list."},
    )
    partnership = forms.ModelChoiceField(
        label="Partnership",
        queryset=None,  # set per request
        to_field_name="slug",
        required=False,
        empty_label="All partnerships",
        error_messages={"invalid_choice": "Choose a partnership from the list."},
    )

    def __init__(self, data, kinds, years, partnerships, extra_filters=()):
        super().__init__(data)
        self.fields["kind"].choices = kinds
        self.fields["year"].choices = [("", "Any year")] + [(str(y), str(y)) for y in years]
        self.fields["partnership"].queryset = partnerships
        for extra in extra_filters:
            self.fields[extra.name] = extra.field()


@dataclass(frozen=True)
class AppliedFilter:
    label: str
    value: str
    remove_url: str


def filtered(pages, filters, extra_filters=()):
    if filters.get("kind"):
        pages = pages.filter(review__kind__in=filters["kind"])
    if filters.get("year"):
        pages = pages.filter(review__published_on__year=filters["year"])
    if filters.get("partnership"):
        pages = pages.filter(review__partnership=filters["partnership"])
    for extra in extra_filters:
        if filters.get(extra.name):
            pages = extra.apply(pages, filters[extra.name])
    return pages


def applied_filters(form, query):
    """Each applied filter with the address of the same list without it."""
    applied = []
    for name, field in form.fields.items():
        for raw in query.getlist(name):
            if not raw:
                continue
            remaining = query.copy()
            remaining.setlist(name, [v for v in query.getlist(name) if v != raw])
            remaining.pop("page", None)
            applied.append(
                AppliedFilter(
                    label=field.label,
                    value=display_value(form, name, raw),
                    remove_url="?" + urlencode(remaining, doseq=True),
                )
            )
    return applied


def display_value(form, name, raw):
    cleaned = form.cleaned_data.get(name)
    if name == "kind":
        return dict(form.fields["kind"].choices)[raw]
    if cleaned is None:
        return raw
    return str(cleaned)


def publication_years(published):
    """From the first to the latest year of publication: a year in between with no review
    just lists nothing. Each end is the first public review in date order (ORDER BY ...
    LIMIT 1), which the database reads from an index on the publication date and stops
    at; MIN and MAX would read every published review."""
    dated = published.filter(published_on__isnull=False).values_list("published_on", flat=True)
    first = dated.order_by("published_on").first()
    if first is None:
        return []
    last = dated.order_by("-published_on").first()
    return list(range(last.year, first.year - 1, -1))


def partnerships_of(published):
    return Partnership.objects.filter(Exists(published.filter(partnership=OuterRef("pk"))))


def listing_context(request, pages, published):
    """Everything the index template needs: the form, the applied filters, one page.

    `pages`: the review pages to list; `published`: the published reviews, whose years,
    partnerships and kinds the filters offer."""
    query = request.GET
    extra_filters = registered_filters()
    kinds = published.model._meta.get_field("kind").choices
    form = ReviewFilterForm(
        query, kinds, publication_years(published), partnerships_of(published), extra_filters
    )
    context = {"filter_form": form, "applied_filters": [], "page_obj": None}
    if not form.is_valid():
        return context
    context["applied_filters"] = applied_filters(form, query)
    ordered = filtered(pages, form.cleaned_data, extra_filters).order_by(
        "-review__published_on", "-pk"
    )
    # Sort and slice narrow rows (ids), then load the one page of pages: a deep page of a
    # long list would otherwise sort every page row with all its columns.
    page_obj = Paginator(ordered.values_list("pk", flat=True), REVIEWS_PER_PAGE).get_page(
        query.get("page")
    )
    ids = list(page_obj.object_list)
    loaded = pages.model.objects.select_related("review__partnership").in_bulk(ids)
    page_obj.object_list = [loaded[pk] for pk in ids]
    context["page_obj"] = page_obj
    context["pagination"] = pagination_links(page_obj, query)
    return context


def pagination_links(page_obj, query):
    """Addresses for GOV.UK's pagination component, keeping the filters."""

    def url(number):
        params = query.copy()
        params["page"] = number
        return "?" + urlencode(params, doseq=True)

    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return None
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return {
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "items": [
            {"ellipsis": True}
            if n == paginator.ELLIPSIS
            else {"number": n, "url": url(n), "current": n == page_obj.number}
            for n in numbers
        ],
    }
