"""Roll-up arithmetic: counts by status and RAG, completion and overdue, per group.

Pure functions over `Item`s, so the sums can be tested without a database (reports.py
turns actions and recommendations into Items). An item may belong to several groups of
one dimension (a recommendation with two themes counts once under each theme), so group
totals can add up to more than the overall total; the overall tally counts each once.
"""

from collections import Counter
from dataclasses import dataclass, field

from .models import RAG, Status

NOT_RECORDED = ""
STATUS_ORDER = [*Status.values, NOT_RECORDED]
RAG_ORDER = [*RAG.values, NOT_RECORDED]


@dataclass(frozen=True)
class Item:
    """An action or a recommendation as the roll-ups see it."""

    status: str
    rag: str
    overdue: bool = False
    groups: dict = field(default_factory=dict)  # dimension -> tuple of group labels


def percent(part, whole):
    """part/whole as a whole percentage, halves rounded up; None when whole is 0."""
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass
class Tally:
    label: str
    total: int = 0
    statuses: Counter = field(default_factory=Counter)
    rags: Counter = field(default_factory=Counter)
    overdue: int = 0

    def add(self, item):
        self.total += 1
        self.statuses[item.status or NOT_RECORDED] += 1
        self.rags[item.rag or NOT_RECORDED] += 1
        self.overdue += int(item.overdue)

    @property
    def complete(self):
        return self.statuses[Status.COMPLETE]

    @property
    def open(self):
        return self.total - self.complete

    @property
    def completion(self):
        return percent(self.complete, self.total)

    def status_counts(self):
        return [(status, self.statuses[status]) for status in STATUS_ORDER]

    def rag_counts(self):
        return [(rag, self.rags[rag]) for rag in RAG_ORDER]


def tally(items, label="All"):
    result = Tally(label)
    for item in items:
        result.add(item)
    return result


def roll_up(items, dimension, unassigned=None, order=None):
    """One Tally per group of `dimension`. Items with no group in that dimension are
    counted under `unassigned` (or left out when it is None), which comes last. Groups
    come in `order` when given (a list of labels), otherwise largest first, then by name."""
    tallies = {}
    for item in items:
        labels = item.groups.get(dimension) or ((unassigned,) if unassigned else ())
        for label in dict.fromkeys(labels):  # each group once, even if named twice
            tallies.setdefault(label, Tally(label)).add(item)
    position = {label: index for index, label in enumerate(order or [])}

    def sort_key(t):
        if order is not None:
            return (t.label == unassigned, position.get(t.label, len(position)), t.label)
        return (t.label == unassigned, -t.total, t.label)

    return sorted(tallies.values(), key=sort_key)
