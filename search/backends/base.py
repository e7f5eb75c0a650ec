"""What every search backend shares: turning the request's filters into stored values,
the facet counts into what the templates show, and which recommendation rows a writer
compares with (similar recommendations, recurring lessons)."""

from .. import facets as facet_table
from ..models import Kind, SearchEntry
from ..query import FacetCounts, FacetValue

KIND_LABELS = dict(Kind.choices)


class BaseBackend:
    name = ""

    def search(self, params, facts, facet_names=facet_table.FACET_NAMES):
        vocabulary = facet_table.Vocabulary()
        filters = self.known_filters(params, vocabulary)
        results = self.run(params, facts, filters, vocabulary, facet_names)
        results.messages = list(params.messages)
        if params.page > results.page_count and params.page > 1:
            results.messages.append(
                f"There is no page {params.page}: the results end at page {results.page_count}."
            )
        return results

    @staticmethod
    def known_filters(params, vocabulary):
        """{facet: [stored values]} for the filters whose values exist."""
        filters = {}
        for name, values in params.filters.items():
            facet = facet_table.FACETS[name]
            known = []
            for value in values:
                if vocabulary.known(facet, value):
                    known.append(vocabulary.to_column(facet, value))
                else:
                    params.messages.append(
                        f"“{value[:40]}” is not a value of the {facet.label.lower()} filter; "
                        "it was ignored."
                    )
            if known:
                filters[name] = known
        return filters

    @staticmethod
    def facet_counts(counters, params, vocabulary, facet_names):
        out = []
        for name in facet_names:
            facet = facet_table.FACETS[name]
            chosen = set(params.filters.get(name, []))
            values = [
                FacetValue(
                    value=(value := vocabulary.from_column(facet, stored)),
                    label=vocabulary.label(facet, value),
                    count=count,
                    selected=value in chosen,
                )
                for stored, count in counters[name].items()
                if stored not in (None, "")
            ]
            values.sort(key=lambda v: (-v.count, v.label))
            if values:
                out.append(FacetCounts(name=name, label=facet.label, values=values))
        return out

    def similar(self, text, facts, limit=5, exclude_review=None, on_or_before=None):
        """[(recommendation id, score or None)], most similar first, among
        similar_rows(facts, exclude_review, on_or_before)."""
        raise NotImplementedError

    @staticmethod
    def similar_rows(facts, exclude_review=None, on_or_before=None):
        """The recommendation rows a searcher may compare with: those the access rule
        lets them find, and every partnership's published ones (public text)."""
        rows = SearchEntry.objects.permitted(facts, published_too=True)
        rows = rows.filter(kind=Kind.RECOMMENDATION)
        if exclude_review is not None:
            rows = rows.exclude(review_id=exclude_review)
        if on_or_before is not None:
            rows = rows.filter(date__lte=on_or_before)
        return rows
