"""Guidance versions as data: a review follows the stages and timescales of the version
its partnership is on (the 2016 statutory guidance by default); the 2024 draft's scoping
stage is taken by a review on that version and never offered to one on the 2016 one."""

from datetime import date

import pytest
from django.urls import reverse

from reviews.models import GuidanceVersion, PartnershipGuidance, Timescale
from reviews.stages import State
from reviews.workflow import TransitionRefused, next_steps, perform_transition

pytestmark = pytest.mark.django_db


def step_names(review, user):
    possible, _ = next_steps(review, user)
    return {step.name for step in possible}


def test_the_seeded_versions_and_their_stage_lists():
    current = GuidanceVersion.objects.get(key="dhr-2016")
    draft = GuidanceVersion.objects.get(key="dhr-2024-draft")
    assert current.is_default and current.status == GuidanceVersion.Status.IN_FORCE
    assert draft.status == GuidanceVersion.Status.DRAFT and "2024" in draft.source
    assert State.SCOPING not in current.stage_list()
    stages = draft.stage_list()
    assert stages[: stages.index(State.COMMISSIONED) + 1] == [
        State.NOTIFIED,
        State.DECISION_PENDING,
        State.SCOPING,
        State.COMMISSIONED,
    ]
    assert stages[-1] == State.CLOSED


def test_a_review_follows_its_partnerships_version_through_scoping(client, cast):
    on_2016 = cast.review(notified_on=date(2026, 1, 10))
    assert on_2016.guidance.key == "dhr-2016"
    draft = GuidanceVersion.objects.get(key="dhr-2024-draft")
    PartnershipGuidance.objects.create(partnership=cast.partnership, version=draft)
    on_draft = cast.review(notified_on=date(2026, 1, 10))
    sar = cast.review(kind="sar", notified_on=date(2026, 1, 10))
    assert on_draft.guidance == draft
    assert sar.guidance is None  # no version governs SARs: the kind's own timescales

    on_2016, on_draft = (
        perform_transition(
            review.pk, "refer_for_decision", cast.manager, effective_on=date(2026, 1, 20)
        )
        for review in (on_2016, on_draft)
    )

    # On 2016 the decision commissions the review; scoping is never offered.
    assert step_names(on_2016, cast.approver) >= {"decide_to_proceed"}
    assert "decide_to_scope" not in step_names(on_2016, cast.approver)
    with pytest.raises(TransitionRefused, match="no scoping stage"):
        perform_transition(on_2016.pk, "decide_to_scope", cast.approver)
    on_2016 = perform_transition(on_2016.pk, "decide_to_proceed", cast.approver)
    assert on_2016.state == State.COMMISSIONED
    assert not on_2016.events.filter(to_state=State.SCOPING).exists()

    # On the draft the review must go through scoping first.
    assert "decide_to_proceed" not in step_names(on_draft, cast.approver)
    with pytest.raises(TransitionRefused, match="has a scoping stage"):
        perform_transition(on_draft.pk, "decide_to_proceed", cast.approver)
    on_draft = perform_transition(
        on_draft.pk, "decide_to_scope", cast.approver, effective_on=date(2026, 2, 1)
    )
    assert on_draft.state == State.SCOPING
    assert on_draft.decision_on == date(2026, 2, 1)  # the completion clock runs
    assert on_draft.completion_due_on == date(2026, 8, 1)
    client.force_login(cast.manager)
    page = client.get(reverse("reviews:inspect", args=[on_draft.pk])).content.decode()
    assert '<strong aria-current="step">Scoping</strong>' in page
    on_draft = perform_transition(
        on_draft.pk, "complete_scoping", cast.manager, comment="Scope agreed with four agencies."
    )
    assert on_draft.state == State.COMMISSIONED


def test_timescales_come_from_the_version(cast):
    draft = GuidanceVersion.objects.get(key="dhr-2024-draft")
    Timescale.objects.filter(guidance=draft, milestone="completion", kind="dhr").update(months=9)
    on_2016 = cast.review(notified_on=date(2026, 1, 10))
    on_draft = cast.review(notified_on=date(2026, 1, 10), guidance=draft)
    for review in (on_2016, on_draft):
        perform_transition(
            review.pk, "refer_for_decision", cast.manager, effective_on=date(2026, 1, 20)
        )
    on_2016 = perform_transition(
        on_2016.pk, "decide_to_proceed", cast.approver, effective_on=date(2026, 2, 1)
    )
    on_draft = perform_transition(
        on_draft.pk, "decide_to_scope", cast.approver, effective_on=date(2026, 2, 1)
    )
    assert on_2016.completion_due_on == date(2026, 8, 1)
    assert on_draft.completion_due_on == date(2026, 11, 1)

    # Editing the version's timescale moves its open reviews only.
    row = Timescale.objects.get(guidance=draft, milestone="completion", kind="dhr")
    row.months = 12
    row.save()
    on_2016.refresh_from_db()
    on_draft.refresh_from_db()
    assert on_draft.completion_due_on == date(2027, 2, 1)
    assert on_2016.completion_due_on == date(2026, 8, 1)


def test_an_administrator_edits_the_stage_list_and_a_partnerships_version(client, cast):
    draft = GuidanceVersion.objects.get(key="dhr-2024-draft")
    client.force_login(cast.superuser)
    page = client.get(reverse("guidance_versions:edit", args=[draft.pk]))
    assert page.status_code == 200 and "Scoping" in page.content.decode()
    response = client.post(
        reverse("partnership_guidance:add"),
        {"partnership": cast.partnership.pk, "version": draft.pk},
    )
    assert response.status_code == 302
    assert GuidanceVersion.for_new_review(cast.partnership.pk, "dhr") == draft
    assert GuidanceVersion.for_new_review(cast.partnership.pk, "sar") is None
