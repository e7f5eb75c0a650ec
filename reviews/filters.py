from datetime import timedelta

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet

from partnerships.models import Partnership

from .deadlines import DUE_SOON_DAYS
from .models import Review, ReviewKind
from .stages import State


class ReviewFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, empty_label="All kinds")
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="All stages")
    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.none(), empty_label="All partnerships"
    )
    # One choice of where the case stands against its deadline; empty: every case. Its
    # chip reads "Deadline: Overdue". (Named `overdue`: links say ?overdue=true.)
    overdue = django_filters.ChoiceFilter(
        method="filter_overdue",
        label="Deadline",
        empty_label="All cases",
        choices=[
            ("true", "Overdue"),
            ("soon", f"Due within {DUE_SOON_DAYS} days"),
            ("false", "Not overdue"),
        ],
    )

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

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value == "soon":
            return queryset.due_between(today, today + timedelta(days=DUE_SOON_DAYS))
        overdue = queryset.overdue(today)
        if value == "true":
            return overdue
        if value == "false":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset
