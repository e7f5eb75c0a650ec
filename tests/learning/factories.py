"""Factories for the learning library's tests."""

import datetime

import factory

from learning.models import (
    Action,
    Level,
    Priority,
    Recommendation,
    RecommendationAction,
    Strategy,
    Theme,
)
from tests.factories import PartnershipFactory, ReviewFactory


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Community Safety Strategy {n}")
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    period_start = 2024
    period_end = 2028


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Priority {n + 1}")
    sort_order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    priority = factory.SubFactory(PriorityFactory)
    reference = factory.Sequence(lambda n: f"1.{n + 1}")
    objective = factory.Sequence(lambda n: f"Deliver fictional test action {n}.")
    due_period = "By March 2026"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(ReviewFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Fictional test recommendation {n}.")
    level = Level.MULTI_AGENCY
    target_date = datetime.date(2026, 9, 30)


def link(recommendation, action, note=""):
    return RecommendationAction.objects.create(
        recommendation=recommendation, action=action, note=note
    )
