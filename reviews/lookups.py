"""Finding the case a request names: among those the user may see, or a 404.

Every staff view that takes a case id (the case page, its transitions, its papers) looks
it up here, so a case of another partnership, or not assigned to this chair, is a plain
404: guessing ids reveals nothing.
"""

from django.shortcuts import get_object_or_404

from .models import Review


def visible_review_or_404(request, pk):
    """The case, if this user may see it; otherwise 404, whatever the reason."""
    return get_object_or_404(Review.objects.visible_to(request.user), pk=pk)
