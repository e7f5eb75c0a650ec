"""Records that are history: written once, never changed or deleted through the app.

The audit trail of a case, the account events and the progress updates of the learning
library all keep their word this way. Both the model instance and the queryset refuse, so
neither a form, the admin nor a bulk `.update()`/`.delete()` can rewrite them.
"""

from django.core.exceptions import PermissionDenied
from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(self.model.refusal("changed"))

    def delete(self):
        raise PermissionDenied(self.model.refusal("deleted"))


class AppendOnlyModel(models.Model):
    # How the refusal names these records, e.g. "Audit events".
    records_name = "These records"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied(self.refusal("changed"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(self.refusal("deleted"))

    @classmethod
    def refusal(cls, what_was_tried):
        return f"{cls.records_name} cannot be {what_was_tried}: they are history."
