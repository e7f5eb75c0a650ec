import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .models import AccountEvent


class AccountEventFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=AccountEvent.Kind.choices)
    occurred_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = AccountEvent
        fields = ["kind", "occurred_at", "username"]
