"""What a search row is (Kind) and who besides staff may find it (Audience): used by the
rows (search.models) and by the access rule (search.access), which the rows' queryset uses."""

from django.db import models


class Kind(models.TextChoices):
    REVIEW = "review", "Review"
    RECOMMENDATION = "recommendation", "Recommendation"
    ACTION = "action", "Action"
    DOCUMENT = "document", "Case paper"


class Audience(models.TextChoices):
    """Who, besides the partnership's staff (and superusers), may find a private row."""

    CASE = "case", "The case's chair"
    PANEL = "panel", "The case's chair and panel"
    AGENCY = "agency", "The case's chair and the owning agency's partner users"
    LIBRARY = "library", "The case's chair and the partnership's partner users"
