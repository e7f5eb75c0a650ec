"""The published reviews index: filters, applied-filter links and pagination.

Filters come from the query string (a plain GET form, so they work without JavaScript):
kind (several may be ticked), year published, partnership and theme. An unknown value is
reported in the form, as GOV.UK's error pattern asks, never with a server error. Every
part costs a fixed number of queries whatever the number of reviews: the options (one
query each), the count and one page of results.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Exists, Max, Min, OuterRef

from partnerships.models import Partnership

from .models import Review, ReviewKind

REVIEWS_PER_PAGE = 20


def themes():
    # The learning app owns themes and depends on this app, so it is looked up lazily.
    return apps.get_model("learning", "Theme").objects.all()


class ReviewFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label="Type of review",
        choices=ReviewKind.choices,
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
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=None,  # set per request
        to_field_name="slug",
        required=False,
        empty_label="All themes",
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )

    def __init__(self, data, years, partnerships):
        super().__init__(data)
        self.fields["year"].choices = [("", "Any year")] + [(str(y), str(y)) for y in years]
        self.fields["partnership"].queryset = partnerships
        self.fields["theme"].queryset = themes()


@dataclass(frozen=True)
class AppliedFilter:
    label: str
    value: str
    remove_url: str


def published_pages(index_page):
    from .pages import ReviewPage

    return ReviewPage.objects.child_of(index_page).live().public()


def filtered(pages, filters):
    if filters.get("kind"):
        pages = pages.filter(review__kind__in=filters["kind"])
    if filters.get("year"):
        pages = pages.filter(review__published_on__year=filters["year"])
    if filters.get("partnership"):
        pages = pages.filter(review__partnership=filters["partnership"])
    if filters.get("theme"):
        # A subquery, not a join: a review with several recommendations on the theme is
        # listed once, and the count needs no DISTINCT.
        with_theme = apps.get_model("learning", "Recommendation").objects.filter(
            themes=filters["theme"]
        )
        pages = pages.filter(review_id__in=with_theme.values("review_id"))
    return pages


def applied_filters(form, query):
    """Each applied filter with the address of the same list without it."""
    applied = []
    for name in ("kind", "year", "partnership", "theme"):
        field = form.fields[name]
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
        return ReviewKind(raw).label
    if cleaned is None:
        return raw
    return str(cleaned)


def publication_years(published):
    """From the first to the latest year of publication (two indexed aggregates rather than
    a DISTINCT over every review: a year in between with no review just lists nothing)."""
    span = published.aggregate(first=Min("published_on"), last=Max("published_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def partnerships_of(published):
    return Partnership.objects.filter(Exists(published.filter(partnership=OuterRef("pk"))))


def listing_context(index_page, request):
    """Everything the index template needs: the form, the applied filters, one page."""
    pages = published_pages(index_page)
    query = request.GET
    published = Review.objects.published()
    form = ReviewFilterForm(query, publication_years(published), partnerships_of(published))
    context = {"filter_form": form, "applied_filters": [], "page_obj": None}
    if not form.is_valid():
        return context
    context["applied_filters"] = applied_filters(form, query)
    ordered = filtered(pages, form.cleaned_data).order_by("-review__published_on", "-pk")
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
