"""Listing filters. Choices offer only what the user can see (strategies, priorities,
reviews of their partnerships), so a filter never names another partnership's data."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from partnerships.models import Agency, Partnership
from reviews.filters import DeadlineFilterMixin, deadline_filter
from reviews.models import Review

from .models import RAG, Action, Level, Priority, Recommendation, Status, Strategy, Theme


def status_filter():
    """A status, or "open": anything not finished (what the dashboard's counts count)."""
    return django_filters.ChoiceFilter(
        method="filter_status",
        choices=[("open", "Open (not finished)"), *Status.choices],
        empty_label="Any status",
    )


class LibraryFilterMixin(DeadlineFilterMixin):
    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.unfinished()
        return queryset.filter(status=value) if value else queryset


class StrategyFilterSet(WagtailFilterSet):
    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.none(), empty_label="All partnerships"
    )
    is_active = django_filters.BooleanFilter(label="Being delivered")

    class Meta:
        model = Strategy
        fields = ["partnership", "is_active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        visible = Strategy.objects.visible_to(request.user if request else None)
        self.filters["partnership"].queryset = Partnership.objects.filter(
            pk__in=visible.values("partnership_id")
        )


class ActionFilterSet(LibraryFilterMixin, WagtailFilterSet):
    strategy = django_filters.ModelChoiceFilter(
        queryset=Strategy.objects.none(), empty_label="All strategies"
    )
    priority = django_filters.ModelChoiceFilter(
        queryset=Priority.objects.none(), empty_label="All priorities"
    )
    rag = django_filters.ChoiceFilter(choices=RAG.choices, label="RAG", empty_label="Any RAG")
    status = status_filter()
    lead_agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), label="Owner (lead agency)", empty_label="Any owner"
    )
    overdue = deadline_filter("All")

    class Meta:
        model = Action
        fields = ["strategy", "priority", "rag", "status", "lead_agency", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        strategies = Strategy.objects.visible_to(request.user if request else None)
        self.filters["strategy"].queryset = strategies
        priorities = Priority.objects.filter(strategy__in=strategies).select_related("strategy")
        self.filters["priority"].queryset = priorities.order_by("strategy__title", "sort_order")
        self.filters["priority"].field.label_from_instance = lambda p: f"{p.strategy}: {p}"
        self.filters["lead_agency"].queryset = Agency.objects.filter(
            led_actions__strategy__in=strategies
        ).distinct()


class RecommendationFilterSet(LibraryFilterMixin, WagtailFilterSet):
    review = django_filters.ModelChoiceFilter(
        queryset=Review.objects.none(), empty_label="All reviews"
    )
    level = django_filters.ChoiceFilter(choices=Level.choices, empty_label="Any level")
    status = status_filter()
    rag = django_filters.ChoiceFilter(choices=RAG.choices, label="RAG", empty_label="Any RAG")
    owning_agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), label="Owner (agency)", empty_label="Any owner"
    )
    themes = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.none(), label="Theme", empty_label="Any theme"
    )
    strategy = django_filters.ModelChoiceFilter(
        queryset=Strategy.objects.none(),
        method="filter_strategy",
        label="Answered by a strategy",
        empty_label="Any strategy",
    )
    overdue = deadline_filter("All")

    class Meta:
        model = Recommendation
        fields = ["review", "level", "status", "rag", "owning_agency", "themes", "strategy"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request else None
        visible = Recommendation.objects.visible_to(user)
        self.filters["review"].queryset = Review.objects.filter(pk__in=visible.values("review_id"))
        self.filters["owning_agency"].queryset = Agency.objects.filter(
            pk__in=visible.values("owning_agency_id")
        )
        self.filters["strategy"].queryset = Strategy.objects.visible_to(user)
        self.filters["themes"].queryset = Theme.objects.visible_to(user)

    def filter_strategy(self, queryset, name, value):
        if value is None:
            return queryset
        answered = Recommendation.objects.filter(actions__strategy=value).values("pk")
        return queryset.filter(pk__in=answered)
