"""Shared by the learning library's commands: finding a partnership or strategy by slug."""

from django.core.management.base import CommandError

from partnerships.models import Partnership

from ...importing import ImportRefused
from ...models import Strategy
from ...tabular import TableError, read_path


def find_partnership(slug):
    try:
        return Partnership.objects.get(slug=slug)
    except Partnership.DoesNotExist:
        raise CommandError(f"There is no partnership with the slug “{slug}”.") from None


def find_strategy(slug, partnership_slug=None):
    strategies = Strategy.objects.filter(slug=slug).select_related("partnership")
    if partnership_slug:
        strategies = strategies.filter(partnership=find_partnership(partnership_slug))
    found = list(strategies[:2])
    if not found:
        raise CommandError(f"There is no strategy with the slug “{slug}”.")
    if len(found) > 1:
        raise CommandError(
            f"Several partnerships have a strategy “{slug}”: say which with --partnership."
        )
    return found[0]


def read_file(path):
    try:
        return read_path(path)
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}") from None
    except TableError as error:
        raise CommandError(str(error)) from None


def refusal_message(refusal: ImportRefused):
    return "\n".join([str(refusal), *(f"  {error}" for error in refusal.errors)])
