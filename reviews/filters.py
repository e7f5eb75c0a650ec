import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet

from partnerships.models import Partnership

from .models import Review, ReviewKind
from .stages import State


class ReviewFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, empty_label="All kinds")
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="All stages")
    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.none(), empty_label="All partnerships"
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue")

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
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
