"""What a search row is (Kind), shared by the rows (search.models) and the facets.
Who may find a row is its scope under the one access rule (partnerships.access)."""

from django.db import models


class Kind(models.TextChoices):
    REVIEW = "review", "Review"
    RECOMMENDATION = "recommendation", "Recommendation"
    ACTION = "action", "Action"
    DOCUMENT = "document", "Case paper"
