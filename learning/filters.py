"""Listing filters. Choices offer only what the user can see (strategies, priorities,
reviews of their partnerships), so a filter never names another partnership's data."""

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet

from partnerships.models import Agency, Partnership
from reviews.models import Review

from .models import RAG, Action, Level, Priority, Recommendation, Status, Strategy, Theme


def deadline_filter():
    """Every row unless chosen; its chip reads "Deadline: Overdue". (Named `overdue` in
    the filter sets: links say ?overdue=true.)"""
    return django_filters.ChoiceFilter(
        method="filter_overdue",
        label="Deadline",
        empty_label="All",
        choices=[("true", "Overdue"), ("false", "Not overdue")],
    )


def status_filter():
    """A status, or "open": anything not complete (what the dashboard's counts count)."""
    return django_filters.ChoiceFilter(
        method="filter_status",
        choices=[("open", "Open (not complete)"), *Status.choices],
        empty_label="Any status",
    )


class OverdueFilterMixin:
    def filter_overdue(self, queryset, name, value):
        if value not in {"true", "false"}:
            return queryset
        overdue = queryset.model.objects.overdue(timezone.localdate())
        if value == "true":
            return queryset.filter(pk__in=overdue.values("pk"))
        return queryset.exclude(pk__in=overdue.values("pk"))

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.exclude(status=Status.COMPLETE)
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


class ActionFilterSet(OverdueFilterMixin, WagtailFilterSet):
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
    overdue = deadline_filter()

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


class RecommendationFilterSet(OverdueFilterMixin, WagtailFilterSet):
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
    overdue = deadline_filter()

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
