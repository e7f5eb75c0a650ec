"""Roll-up arithmetic, worked by hand."""

import pytest

from learning.rollups import Item, percent, roll_up, tally


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (0, 4, 0),
        (1, 4, 25),
        (1, 3, 33),
        (2, 3, 67),
        (1, 8, 13),  # 12.5 rounds up
        (1, 200, 1),  # 0.5 rounds up
        (1, 201, 0),
        (7, 7, 100),
        (0, 0, None),  # nothing to complete: no percentage, not 0% or 100%
    ],
)
def test_percent_rounds_halves_up(part, whole, expected):
    assert percent(part, whole) == expected


ITEMS = [
    Item("complete", "blue", False, {"theme": ("Housing", "Health"), "agency": ("Police",)}),
    Item("in_progress", "amber", True, {"theme": ("Housing",), "agency": ("Police",)}),
    Item("in_progress", "green", False, {"theme": (), "agency": ("Housing trust",)}),
    Item("not_started", "red", True, {"theme": ("Health", "Health"), "agency": ()}),
    Item("", "", False, {}),
]


def test_overall_tally_counts_each_item_once():
    result = tally(ITEMS)

    assert result.total == 5
    assert result.complete == 1
    assert result.open == 4
    assert result.completion == 20
    assert result.overdue == 2
    assert result.status_counts() == [
        ("not_started", 1),
        ("in_progress", 2),
        ("on_hold", 0),
        ("complete", 1),
        ("not_implemented", 0),
        ("", 1),
    ]
    assert result.rag_counts() == [
        ("red", 1),
        ("amber", 1),
        ("green", 1),
        ("blue", 1),
        ("", 1),
    ]
    assert sum(count for _, count in result.status_counts()) == result.total


def test_an_item_counts_once_in_each_of_its_groups():
    by_theme = {t.label: t for t in roll_up(ITEMS, "theme", unassigned="No theme")}

    assert list(by_theme) == ["Health", "Housing", "No theme"]  # largest first, unassigned last
    assert (by_theme["Housing"].total, by_theme["Housing"].complete) == (2, 1)
    assert by_theme["Housing"].completion == 50
    assert by_theme["Housing"].overdue == 1
    # Named twice by the last item, still counted once for it.
    assert (by_theme["Health"].total, by_theme["Health"].complete) == (2, 1)
    assert by_theme["No theme"].total == 2
    # Themes overlap, so the groups add up to more than the whole.
    assert sum(t.total for t in by_theme.values()) == 6 > tally(ITEMS).total


def test_items_without_a_group_are_left_out_unless_asked_for():
    by_agency = roll_up(ITEMS, "agency")

    assert [(t.label, t.total, t.completion) for t in by_agency] == [
        ("Police", 2, 50),
        ("Housing trust", 1, 0),
    ]


def test_groups_can_follow_a_given_order():
    items = [Item("complete", "blue", groups={"priority": (p,)}) for p in ("2", "1", "2", "3")]

    by_priority = roll_up(items, "priority", order=["1", "2", "3"])

    assert [(t.label, t.total) for t in by_priority] == [("1", 1), ("2", 2), ("3", 1)]


def test_empty_roll_ups():
    assert roll_up([], "theme", unassigned="No theme") == []
    empty = tally([])
    assert (empty.total, empty.completion, empty.overdue) == (0, None, 0)
