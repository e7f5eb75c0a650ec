from django import template

from ..models import Action, Recommendation

register = template.Library()


@register.inclusion_tag("learning/includes/case_recommendations.html", takes_context=True)
def case_recommendations(context, review):
    """The review case page's list of the case's recommendations the user may see, each
    with the actions that deliver it (linked where the user may open them)."""
    user = context["request"].user
    recommendations = (
        Recommendation.objects.visible_to(user)
        .filter(review=review)
        .select_related("owning_agency")
        .prefetch_related("action_links__action__strategy")
    )
    return {
        "review": review,
        "recommendations": recommendations,
        "visible_action_ids": set(
            Action.objects.visible_to(user)
            .filter(recommendation_links__recommendation__review=review)
            .values_list("pk", flat=True)
        ),
        "can_add": user.has_perm("learning.add_recommendation", review),
    }
