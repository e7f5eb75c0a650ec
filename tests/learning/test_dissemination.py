"""Dissemination and impact: briefings linked to the recommendations they cover, seen by
their partnership only; impact checks only once a recommendation is complete. Both show
on the recommendation's admin page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from learning.models import Briefing, ImpactCheck, Status
from tests.learning.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def complete(recommendation):
    recommendation.status, recommendation.evidence = Status.COMPLETE, "Fictional audit report."
    recommendation.save()


def test_an_impact_check_comes_only_after_completion(cast):
    recommendation = RecommendationFactory(review=cast.review(reference="DHR-IMP"))
    check = ImpactCheck(
        recommendation=recommendation,
        measure="Audit of 20 fictional case files for routine enquiry.",
        re_audit_on=date(2027, 3, 1),
    )
    with pytest.raises(ValidationError, match="follows completion"):
        check.full_clean()
    with pytest.raises(ValidationError, match="follows completion"):
        check.save()
    assert not ImpactCheck.objects.exists()

    complete(recommendation)
    check.full_clean()
    check.save()
    # A result needs the date of the re-audit (the form, and the database too).
    check.outcome = ImpactCheck.Outcome.SHOWN
    with pytest.raises(ValidationError, match="re-audit was done"):
        check.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        check.save()
    check.checked_on, check.result = date(2027, 3, 2), "18 of 20 files show the question."
    check.full_clean()
    check.save()


def test_a_briefing_is_linked_shown_and_seen_by_its_partnership_only(client, cast):
    own = RecommendationFactory(review=cast.review(reference="DHR-BRF"), number="1")
    foreign = RecommendationFactory(
        review=cast.review(reference="SAR-FOR", partnership=cast.other_partnership)
    )
    add = reverse("learning_briefings:add")
    form = {
        "partnership": cast.partnership.pk,
        "title": "Learning from DHR-BRF",
        "kind": Briefing.Kind.TRAINING,
        "audience": "Fictional GP practices",
        "delivered_on": "2026-05-04",
        "people_reached": "40",
        "summary": "",
        "link": "",
    }
    client.force_login(cast.manager)
    # The add link from the recommendation's page starts with it chosen.
    page = client.get(add, {"recommendation": own.pk})
    assert page.status_code == 200
    assert page.context["form"]["recommendations"].value() == [own.pk]
    # Another partnership's recommendation is not offered.
    refused = client.post(add, {**form, "recommendations": [foreign.pk]})
    assert refused.status_code == 200 and not Briefing.objects.exists()
    assert client.post(add, {**form, "recommendations": [own.pk]}).status_code == 302
    briefing = Briefing.objects.get()
    assert list(briefing.recommendations.all()) == [own]

    complete(own)
    ImpactCheck.objects.create(
        recommendation=own, measure="Fictional re-audit of referrals.", re_audit_on=date(2027, 1, 4)
    )
    detail = client.get(reverse("learning_recommendations:inspect", args=[own.pk])).content
    assert b"Learning from DHR-BRF" in detail and b"Fictional GP practices" in detail
    assert b"Fictional re-audit of referrals." in detail and b"Add an impact check" in detail

    # Its partnership's people read it; another partnership's manager finds nothing.
    for user, sees in ((cast.partner, True), (cast.approver, True), (cast.other_manager, False)):
        assert Briefing.objects.visible_to(user).filter(pk=briefing.pk).exists() == sees
    client.force_login(cast.other_manager)
    assert client.get(reverse("learning_briefings:edit", args=[briefing.pk])).status_code == 404
    assert b"Learning from DHR-BRF" not in client.get(reverse("learning_briefings:index")).content
