"""Taking the demonstration data out again: `python manage.py remove_demo`.

Each app whose demo loader (`register_demo_loader`) makes fictional records registers a
remover with the Wagtail hook `register_demo_remover`, with the same order number as its
loader. Removers run in the reverse order (the public site first, partnerships and the
demo users last), all in one transaction, each deleting only what its demo made and marked
fictional:

- reviews: every case with `is_fictional` set, its papers (records and stored files),
  audit trail, public page and admin log entries;
- learning: the fictional recommendations of those cases and their progress updates (the
  shipped action plans are real published documents and stay);
- website: the placeholder contact address, if it is still the demo's;
- partnerships: the demo user accounts (matched by username *and* their example.org
  address, so a real account that happens to be called "admin" stays), their account
  events and devices, and the fictional Northbrook board.

The real Haringey partnership, the agencies, the shipped plans, the themes and the site's
pages stay. Nothing real is deleted on the way: the relations that protect a record
(a real case chaired by a demo user, a real case in the fictional board) stop the whole
removal, which then says what holds it, and nothing is changed. Stored files are deleted
only once the transaction has committed.
"""

from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from wagtail import hooks


class DemoStillReferenced(Exception):
    """A real record depends on a fictional one: nothing was removed."""


class Removal:
    """What removers use: delete a queryset (append-only records included: the history of
    a fictional case goes with it), schedule stored files for deletion, report."""

    def __init__(self, log):
        self.log = log
        self.counts = {}
        self._files = []

    def delete(self, queryset):
        # models.QuerySet.delete, not the model's manager: append-only querysets refuse.
        _, by_label = models.QuerySet.delete(queryset.all())
        for label, count in by_label.items():
            if count:
                self.counts[label] = self.counts.get(label, 0) + count

    def delete_files(self, storage, names):
        self._files += [(storage, name) for name in names if name]

    def remove_stored_files(self):
        removed = 0
        for storage, name in self._files:
            if storage.exists(name):
                storage.delete(name)
                removed += 1
        self.log(f"Stored files removed: {removed}.")


def remove_demo(log, dry_run=False):
    """Run every app's remover in one transaction. Returns the Removal (its counts)."""
    removal = Removal(log)
    removers = list(reversed(hooks.get_hooks("register_demo_remover")))
    try:
        with transaction.atomic():
            for remover in removers:
                remover(removal)
            if dry_run:
                transaction.set_rollback(True)
            else:
                transaction.on_commit(removal.remove_stored_files)
    except (ProtectedError, RestrictedError) as error:
        held = sorted({f"{type(o).__name__} {o}" for o in error.args[1]})[:10]
        raise DemoStillReferenced(
            "Nothing was removed: real records depend on demo ones "
            f"({'; '.join(held)}). Reassign or remove them first."
        ) from error
    for label, count in sorted(removal.counts.items()):
        log(f"  {label}: {count}")
    return removal
