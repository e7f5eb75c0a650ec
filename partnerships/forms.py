"""The admin form of a shared list's row (agencies, themes: partnerships.access.SHARED_LIST).

A system administrator may leave the partnership blank (a national row) or name any;
a review manager must name one of the partnerships they manage, and a row stays in the
partnership it was made for."""

from wagtail.admin.forms import WagtailAdminModelForm

from .access import facts_of
from .models import partnerships_managed_by


class SharedListForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        field.queryset = partnerships_managed_by(self.for_user)
        if not facts_of(self.for_user).everything:
            field.required = True
            field.empty_label = None
            field.help_text = "The partnership whose own list it joins."

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        moved = partnership.pk if partnership else None
        if (
            self.instance.pk
            and moved != self.instance.partnership_id
            and not facts_of(self.for_user).everything
        ):
            self.add_error("partnership", "Only a system administrator can move it.")
        return cleaned


def limit_inline_choices(formset, **querysets):
    """Give the choice fields of every form of an inline formset these querysets,
    including the blank form the page copies to add a row (Django builds that one afresh
    each time it is asked for, so setting it once is lost)."""

    def limit(form):
        for name, queryset in querysets.items():
            form.fields[name].queryset = queryset
        return form

    for form in formset.forms:
        limit(form)
    base = type(formset)
    formset.__class__ = type(
        base.__name__,
        (base,),
        {"empty_form": property(lambda self: limit(base.empty_form.fget(self)))},
    )
