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
        queryset=Partnership.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All partnerships",
        error_messages={"invalid_choice": "Choose a partnership from the list."},
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Partnership.objects.none(),
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


def listing_context(index_page, request):
    """Everything the index template needs: the form, the applied filters, one page."""
    pages = published_pages(index_page)
    years = sorted(
        {
            d.year
            for d in Review.objects.filter(public_page__in=pages).dates("published_on", "year")
        },
        reverse=True,
    )
    partnerships = Partnership.objects.filter(reviews__public_page__in=pages).distinct()
    query = request.GET
    form = ReviewFilterForm(query, years, partnerships)
    context = {"filter_form": form, "applied_filters": [], "page_obj": None}
    if not form.is_valid():
        return context
    context["applied_filters"] = applied_filters(form, query)
    results = (
        filtered(pages, form.cleaned_data)
        .select_related("review__partnership")
        .order_by("-review__published_on", "-pk")
    )
    paginator = Paginator(results, REVIEWS_PER_PAGE)
    page_obj = paginator.get_page(query.get("page"))
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
