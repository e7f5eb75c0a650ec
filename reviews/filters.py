from datetime import timedelta

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet

from partnerships.models import Partnership

from .deadlines import DUE_SOON_DAYS
from .models import Review, ReviewKind
from .stages import State


def deadline_filter(empty_label):
    """Where a row stands against its deadline: overdue, due within 14 days or not
    overdue; empty, every row. Its chip reads "Deadline: Overdue". Named `overdue` in the
    filter sets (links say ?overdue=true); the filter set takes DeadlineFilterMixin and its
    rows' queryset answers `overdue(today)` and `due_between(start, end)`. Cases, the
    library's recommendations and its actions all use this one."""
    return django_filters.ChoiceFilter(
        method="filter_deadline",
        label="Deadline",
        empty_label=empty_label,
        choices=[
            ("true", "Overdue"),
            ("soon", f"Due within {DUE_SOON_DAYS} days"),
            ("false", "Not overdue"),
        ],
    )


class DeadlineFilterMixin:
    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        if value == "soon":
            return queryset.due_between(today, today + timedelta(days=DUE_SOON_DAYS))
        overdue = queryset.overdue(today)
        if value == "true":
            return overdue
        if value == "false":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class ReviewFilterSet(DeadlineFilterMixin, WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, empty_label="All kinds")
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="All stages")
    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.none(), empty_label="All partnerships"
    )
    overdue = deadline_filter("All cases")

    class Meta:
        model = Review
        fields = ["kind", "state", "partnership", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Offer only the partnerships whose cases this user can see.
        visible = Review.objects.visible_to(request.user) if request else Review.objects.none()
        self.filters["partnership"].queryset = Partnership.objects.filter(
            pk__in=visible.values("partnership_id")
        )
