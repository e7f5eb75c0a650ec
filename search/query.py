"""The one query layer: parameters parsed from a request, and the results object.

`SearchParams.from_querydict(request.GET)` never raises: anything it cannot use (an
unknown filter, an unknown value, a page number that is not a number or far too big, a
query that is too long) is dropped or trimmed and explained in `messages`, which the
views show. Backends (search.backends) take SearchParams and return SearchResults.
"""

import re
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.functional import cached_property

from . import facets

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_PAGE = 1000
PAGE_SIZE = 20
SORTS = {"relevance": "Most relevant", "newest": "Newest first"}
WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(text):
    """The words of a query, lower-cased, in order, without repeats. Punctuation and
    operators are dropped: the backends build their own query syntax from words only,
    so nothing a user types can break it."""
    seen = []
    for word in WORD.findall(text.lower()):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> list of values
    sort: str = "relevance"
    page: int = 1
    messages: list = field(default_factory=list)

    @cached_property
    def terms(self):
        return query_terms(self.q)

    @classmethod
    def from_querydict(cls, data, allowed_facets=None):
        allowed_facets = allowed_facets or facets.FACET_NAMES
        params = cls()
        q = " ".join(data.get("q", "").split())
        if len(q) > MAX_QUERY_LENGTH:
            params.messages.append(
                f"Your search was longer than {MAX_QUERY_LENGTH} characters, so only the "
                "first part was used."
            )
            q = q[:MAX_QUERY_LENGTH]
        params.q = q
        if q and not params.terms:
            params.messages.append("Search for words or numbers: punctuation alone finds nothing.")
        if len(set(WORD.findall(q.lower()))) > MAX_TERMS:
            params.messages.append(f"Only the first {MAX_TERMS} words of your search were used.")

        sort = data.get("sort", "relevance")
        if sort not in SORTS:
            params.messages.append(
                f"“{sort[:40]}” is not a way to sort results; showing the most relevant first."
            )
            sort = "relevance"
        params.sort = sort

        raw_page = data.get("page", "1")
        try:
            page = int(raw_page)
        except (TypeError, ValueError):
            params.messages.append("The page number was not a number; showing the first page.")
            page = 1
        if page < 1:
            params.messages.append("Page numbers start at 1; showing the first page.")
            page = 1
        if page > MAX_PAGE:
            params.messages.append(
                f"Results go up to page {MAX_PAGE} at most; refine your search to see more."
            )
            page = MAX_PAGE
        params.page = page

        known = {"q", "sort", "page"}
        for name in data:
            if name in known:
                continue
            if name not in allowed_facets:
                params.messages.append(f"“{name[:40]}” is not a filter; it was ignored.")
                continue
            facet = facets.FACETS[name]
            values = []
            for value in data.getlist(name)[:50]:
                if facet.is_valid(value):
                    values.append(value)
                else:
                    params.messages.append(
                        f"“{value[:40]}” is not a value of the {facet.label.lower()} filter; "
                        "it was ignored."
                    )
            if values:
                params.filters[name] = sorted(set(values))
        return params

    @property
    def offset(self):
        return (self.page - 1) * PAGE_SIZE

    def querystring(self, **changes):
        """This search as a query string, with some parameters changed (for links)."""
        data = QueryDict(mutable=True)
        values = {"q": self.q, "sort": self.sort, "page": self.page, **changes}
        for key in ("q", "sort", "page"):
            if values[key] not in ("", None, 1, "relevance"):
                data[key] = values[key]
        for name, chosen in self.filters.items():
            data.setlist(name, chosen)
        return data.urlencode()


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    date: object = None
    is_public: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetCounts:
    name: str
    label: str
    values: list


@dataclass
class SearchResults:
    params: SearchParams
    total: int = 0
    hits: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    messages: list = field(default_factory=list)

    @property
    def page(self):
        return self.params.page

    @property
    def page_count(self):
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.page_count

    @property
    def first_number(self):
        return self.params.offset + 1 if self.hits else 0

    @property
    def last_number(self):
        return self.params.offset + len(self.hits)

    @property
    def pagination(self):
        """Links for the site's GOV.UK pagination (site/templates/includes/pagination.html):
        the first and last pages and those either side of this one, keeping the search."""
        if self.page_count <= 1:
            return None
        last, current = self.page_count, self.page
        wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
        items, previous = [], 0
        for number in wanted:
            if number - previous > 1:
                items.append({"ellipsis": True})
            items.append({"number": number, "url": self.link(number), "current": number == current})
            previous = number
        return {
            "previous": self.link(current - 1) if self.has_previous else None,
            "next": self.link(current + 1) if self.has_next else None,
            "items": items,
        }

    def link(self, page):
        return "?" + self.params.querystring(page=page)
