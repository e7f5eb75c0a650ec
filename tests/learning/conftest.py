import pytest

from learning.models import Level
from reviews.stages import State
from tests.factories import AgencyFactory, ReviewFactory
from tests.learning.factories import (
    ActionFactory,
    PriorityFactory,
    RecommendationFactory,
    StrategyFactory,
)
from tests.reviews.helpers import force_state


class Library:
    """One partnership's plan and review recommendations, some owned by the partner
    user's agency and some not, plus another partnership's, which our cast must never see.

    The cast's partner user represents `cast.agency` (Northbrook Police)."""

    def __init__(self, cast):
        self.cast = cast
        self.other_agency = AgencyFactory(name="Northbrook Housing")
        self.strategy = StrategyFactory(
            partnership=cast.partnership, slug="safer-northbrook", title="Safer Northbrook Plan"
        )
        self.priority = PriorityFactory(strategy=self.strategy, number="1", title="Prevention")
        self.owned_action = ActionFactory(
            priority=self.priority, reference="1.1", lead_agency=cast.agency
        )
        self.other_action = ActionFactory(
            priority=self.priority, reference="1.2", lead_agency=self.other_agency
        )
        self.foreign_strategy = StrategyFactory(
            partnership=cast.other_partnership, slug="southmere-plan", title="Southmere Plan"
        )
        self.foreign_action = ActionFactory(
            priority=PriorityFactory(strategy=self.foreign_strategy, number="1"),
            reference="1.1",
            lead_agency=cast.agency,
        )
        self.published_review = force_state(
            cast.review(reference="DHR-PUB", chair=cast.chair), State.PUBLISHED
        )
        self.draft_review = force_state(
            cast.review(reference="DHR-DRAFT", chair=cast.chair), State.DRAFTING
        )
        self.foreign_review = force_state(
            ReviewFactory(
                partnership=cast.other_partnership, reference="SAR-X", chair=cast.other_chair
            ),
            State.PUBLISHED,
        )
        self.published_owned = RecommendationFactory(
            review=self.published_review,
            number="1",
            level=Level.SINGLE_AGENCY,
            owning_agency=cast.agency,
        )
        self.published_other = RecommendationFactory(
            review=self.published_review, number="2", owning_agency=self.other_agency
        )
        self.draft_owned = RecommendationFactory(
            review=self.draft_review, number="1", owning_agency=cast.agency
        )
        self.draft_other = RecommendationFactory(
            review=self.draft_review, number="2", owning_agency=self.other_agency
        )
        # Owned by the partner user's agency, but in another partnership: not theirs.
        self.foreign_recommendation = RecommendationFactory(
            review=self.foreign_review, number="1", owning_agency=cast.agency
        )

    @property
    def strategies(self):
        return {"strategy": self.strategy, "foreign_strategy": self.foreign_strategy}

    @property
    def actions(self):
        return {
            "owned_action": self.owned_action,
            "other_action": self.other_action,
            "foreign_action": self.foreign_action,
        }

    @property
    def recommendations(self):
        return {
            "published_owned": self.published_owned,
            "published_other": self.published_other,
            "draft_owned": self.draft_owned,
            "draft_other": self.draft_other,
            "foreign_recommendation": self.foreign_recommendation,
        }

    def user(self, role):
        return self.cast.user(role)


@pytest.fixture
def library(cast):
    return Library(cast)
