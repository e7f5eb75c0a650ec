"""Learning beyond the partnership: recommendations sent to bodies followed to an answer,
reminders, the oversight body's read-only view across partnerships, grouping, the letter
and the public page."""

import csv
import io
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from learning import opendata, oversight, review_plans
from learning.models import (
    Body,
    BodyRecommendation,
    ImpactCheck,
    LearningReminder,
    Level,
    Outcome,
    Recommendation,
    ReminderOptOut,
    ReviewAction,
    SentBy,
    Stage,
    Status,
)
from learning.public.library import public_responses
from reviews.papers.publication import publish_page
from reviews.people_vocabulary import AgeBand
from reviews.stages import State
from tests.factories import AgencyFactory, ReviewFactory
from tests.learning.factories import (
    ActionFactory,
    PriorityFactory,
    RecommendationFactory,
    StrategyFactory,
    ThemeFactory,
)
from tests.reviews.helpers import force_state

pytestmark = pytest.mark.django_db

SENT = date(2026, 3, 2)


@pytest.fixture
def home_office():
    return Body.objects.get(code="home-office")


def send(recommendation, body, **dates):
    sent = BodyRecommendation(
        recommendation=recommendation, body=body, sent_by=SentBy.EMAIL, **dates
    )
    sent.full_clean()
    sent.save()
    return sent


def test_the_seeded_list_holds_the_national_bodies():
    codes = set(Body.objects.values_list("code", flat=True))
    assert {"home-office", "dhsc", "nhs-england", "moj", "dfe", "cqc", "ofsted"} <= codes
    assert {
        "hmicfrs",
        "domestic-abuse-commissioner",
        "dwp",
        "mhclg",
        "college-of-policing",
    } <= codes


# (dates recorded, today) -> stage. Sent 2 March: acknowledgement due 16 March (14 days),
# response due 27 April (56 days), the Home Office's defaults.
PATHS = {
    "not sent": ({}, date(2026, 3, 3), Stage.NOT_SENT),
    "sent": ({"sent_on": SENT}, date(2026, 3, 10), Stage.AWAITING_ACKNOWLEDGEMENT),
    "acknowledgement overdue": (
        {"sent_on": SENT},
        date(2026, 3, 17),
        Stage.ACKNOWLEDGEMENT_OVERDUE,
    ),
    "acknowledged": (
        {"sent_on": SENT, "acknowledged_on": date(2026, 3, 12)},
        date(2026, 4, 1),
        Stage.AWAITING_RESPONSE,
    ),
    "response overdue": (
        {"sent_on": SENT, "acknowledged_on": date(2026, 3, 12)},
        date(2026, 4, 28),
        Stage.RESPONSE_OVERDUE,
    ),
    "answered": (
        {
            "sent_on": SENT,
            "acknowledged_on": date(2026, 3, 12),
            "responded_on": date(2026, 5, 4),
            "outcome": Outcome.PARTLY,
            "outcome_reasons": "Fictional reasons.",
        },
        date(2026, 6, 1),
        Stage.ANSWERED,
    ),
}


@pytest.mark.parametrize("path", PATHS)
def test_each_path_of_a_recommendation_sent_to_a_body(home_office, path):
    dates, today, stage = PATHS[path]
    sent = send(RecommendationFactory(level=Level.NATIONAL), home_office, **dates)
    assert sent.stage(today) == stage
    if "sent_on" in dates:
        assert sent.acknowledgement_due_on == date(2026, 3, 16)
        assert sent.response_due_on == date(2026, 4, 27)
    if stage == Stage.ANSWERED:
        assert sent.days_to_response() == 63 and sent.open_deadlines() == []


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"responded_on": date(2026, 3, 1)}, "responded_on"),  # answered before it was sent
        (
            {"sent_on": SENT, "outcome": Outcome.NOT_ACCEPTED, "responded_on": SENT},
            "outcome_reasons",
        ),
        ({"sent_on": SENT, "implementation_status": Status.COMPLETE}, "implementation_evidence"),
    ],
)
def test_impossible_records_are_refused(home_office, fields, error):
    fields.setdefault("sent_on", None)
    with pytest.raises(Exception) as refused:
        send(RecommendationFactory(), home_office, **fields)
    assert error in str(refused.value)


def reminders_sent(cast, today, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_learning_reminders", date=today.isoformat(), stdout=io.StringIO())
    return sorted((message.to[0], message.subject.split(":")[0]) for message in mail.outbox)


def test_reminders_go_to_the_right_people_once_and_are_recorded(
    cast, home_office, django_capture_on_commit_callbacks
):
    review = cast.review(reference="DHR-CHASE")
    owned = RecommendationFactory(
        review=review,
        number="1",
        level=Level.SINGLE_AGENCY,
        owning_agency=cast.agency,
        target_date=date(2026, 5, 10),
    )
    national = RecommendationFactory(review=review, number="2", level=Level.NATIONAL)
    send(national, home_office, sent_on=SENT, acknowledged_on=date(2026, 3, 5))
    # 28 April: the response (due 27 April) is overdue, the owned recommendation due soon.
    today = date(2026, 4, 28)
    sent = reminders_sent(cast, today, django_capture_on_commit_callbacks)
    assert sent == [(cast.manager.email, "Overdue"), (cast.partner.email, "Due soon")]
    assert set(LearningReminder.objects.values_list("subject", "kind", "user__username")) == {
        ("body_response", "overdue", "manager"),
        ("recommendation", "due_soon", "partner"),
    }
    # The next day: nothing new. Once the target date passes: overdue, once.
    assert reminders_sent(cast, date(2026, 4, 29), django_capture_on_commit_callbacks) == []
    after = reminders_sent(cast, date(2026, 5, 11), django_capture_on_commit_callbacks)
    assert after == [(cast.partner.email, "Overdue")]
    # Opting out stops them; a complete recommendation is not chased.
    ReminderOptOut.objects.create(user=cast.manager)
    owned.status, owned.evidence = Status.COMPLETE, "Fictional evidence."
    owned.save()
    send(
        RecommendationFactory(review=review, number="3"), Body.objects.get(code="cqc"), sent_on=SENT
    )
    assert reminders_sent(cast, date(2026, 5, 12), django_capture_on_commit_callbacks) == []


def test_actions_and_re_audits_are_chased_before_and_after_their_due_dates(
    cast, django_capture_on_commit_callbacks
):
    """Due in 14 days or overdue: a strategy's action reminds its agency's users; a
    review's action led by an agency with nobody there, and an impact re-audit, remind the
    managers; a plan kept for reference is not chased."""
    today = date(2026, 4, 28)
    priority = PriorityFactory(strategy=StrategyFactory(partnership=cast.partnership))
    ActionFactory(
        priority=priority, reference="1", lead_agency=cast.agency, due_on=date(2026, 5, 8)
    )
    kept = PriorityFactory(strategy=StrategyFactory(partnership=cast.partnership, is_active=False))
    ActionFactory(priority=kept, reference="1", lead_agency=cast.agency, due_on=date(2026, 1, 1))
    review = cast.review(reference="DHR-PLAN")
    ReviewAction.objects.create(
        review=review,
        reference="1",
        objective="Fictional action.",
        lead_agency=AgencyFactory(name="Fictional Trust"),
        due_on=date(2026, 4, 20),
    )
    done = RecommendationFactory(review=review, status=Status.COMPLETE, evidence="Fictional.")
    ImpactCheck.objects.create(
        recommendation=done, measure="Fictional audit.", re_audit_on=date(2026, 5, 1)
    )
    sent = reminders_sent(cast, today, django_capture_on_commit_callbacks)
    assert sent == [
        (cast.manager.email, "Due soon"),
        (cast.manager.email, "Overdue"),
        (cast.partner.email, "Due soon"),
    ]
    assert set(LearningReminder.objects.values_list("subject", "kind", "user__username")) == {
        ("action", "due_soon", "partner"),
        ("review_action", "overdue", "manager"),
        ("impact_check", "due_soon", "manager"),
    }


@pytest.fixture
def across(cast, home_office):
    """Recommendations to the Home Office from three reviews of two partnerships, one of
    them unpublished and not shared."""
    housing = ThemeFactory(name="Housing")
    published = force_state(cast.review(reference="DHR-A"), State.PUBLISHED)
    publish_page(published, "Fictional executive summary.")
    published_too = force_state(
        ReviewFactory(partnership=cast.other_partnership, reference="SAR-B"), State.PUBLISHED
    )
    draft = force_state(cast.review(reference="DHR-C"), State.DRAFTING)
    rows = {}
    for review in (published, published_too, draft):
        recommendation = RecommendationFactory(review=review, number="1", level=Level.NATIONAL)
        recommendation.themes.add(housing)
        recommendation.save()  # a parental relation is stored on save
        rows[review.reference] = send(recommendation, home_office, sent_on=SENT)
    cast.oversight  # noqa: B018 - the body over the cast's partnership
    return rows


def test_the_oversight_body_reads_only_its_partnerships_published_or_shared(cast, across):
    user = cast.oversight
    seen = set(BodyRecommendation.objects.visible_to(user).values_list("pk", flat=True))
    assert seen == {across["DHR-A"].pk}  # not another partnership's, not the draft
    draft = across["DHR-C"].recommendation
    draft.shared_with_oversight = True
    draft.save()
    seen = set(BodyRecommendation.objects.visible_to(user).values_list("pk", flat=True))
    assert seen == {across["DHR-A"].pk, across["DHR-C"].pk}
    # Read-only: no right to change anything, and the edit form is not there for them.
    for action in ("add", "change", "delete"):
        assert not user.has_perm(f"learning.{action}_bodyrecommendation", across["DHR-A"])
        assert not user.has_perm(f"learning.{action}_recommendation", draft)
    assert user.has_perm("learning.view_reports")


def test_the_oversight_view_groups_the_same_ask_and_exports_it(client, cast, across):
    everything = oversight.recommendations_for(cast.superuser)
    (group,) = oversight.grouped_by_addressee(everything)
    assert (group.body.code, group.theme, group.reviews, group.partnerships) == (
        "home-office",
        "Housing",
        3,
        2,
    )
    rows = {row.key: row for row in oversight.breakdown(everything, "addressee", date(2026, 6, 1))}
    assert (rows["Home Office"].unanswered, rows["Home Office"].response_overdue) == (3, 3)
    client.force_login(cast.oversight)
    page = client.get(reverse("learning_oversight"))
    # Each breakdown has a chart (drawn on the server) beside the table of its figures.
    assert page.status_code == 200
    assert page.content.count(b"data-chart=") == len(oversight.DIMENSIONS)
    assert b'data-chart="rate-by-addressee"' in page.content
    response = client.get(reverse("learning_oversight"), {"format": "csv"})
    exported = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["review"], row["addressee_code"]) for row in exported] == [
        ("DHR-A", "home-office")
    ]
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("learning_oversight"), {"format": "xlsx"}).content)
    )
    assert workbook.sheetnames == [
        "Recommendations",
        "Same body, same theme",
        "By addressee",
        "By theme",
        "By partnership",
        "By year",
    ]
    rows = list(workbook["Recommendations"].values)
    assert [(row[1], row[11]) for row in rows[1:]] == [("DHR-A", "home-office")]
    assert list(workbook["By addressee"].values)[1][:3] == ("Home Office", 1, 0)
    edit = reverse("learning_body_recommendations:edit", args=[across["DHR-A"].pk])
    assert client.post(edit, {}).status_code in (302, 403, 404)
    across["DHR-A"].refresh_from_db()
    assert across["DHR-A"].sent_on == SENT


def test_the_letter_and_the_public_response(client, cast, across):
    sent = across["DHR-A"]
    client.force_login(cast.manager)
    url = reverse("learning_body_recommendations:letter", args=[sent.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"Home Office" in page.content
    docx = client.get(url, {"format": "docx"})
    assert docx.content[:2] == b"PK"
    # The response shows once answered, unless it holds one of the case's terms.
    review = sent.recommendation.review
    review.confidential_terms.create(term="Fictional Name", added_by=cast.manager)
    sent.responded_on, sent.outcome = date(2026, 4, 1), Outcome.ACCEPTED
    sent.response_text = "We will issue guidance."
    sent.save()
    (shown,) = public_responses(review, Recommendation.objects.filter(pk=sent.recommendation_id))[
        0
    ].public_responses
    assert shown["response"] == "We will issue guidance." and shown["outcome"] == "Accepted"
    sent.response_text = "We spoke to Fictional Name's family."
    sent.save()
    (shown,) = public_responses(review, Recommendation.objects.filter(pk=sent.recommendation_id))[
        0
    ].public_responses
    assert shown["withheld"] and shown["response"] == ""


def test_open_data_holds_published_reviews_only_and_follows_its_schema(client, across):
    sent = across["DHR-A"]
    sent.responded_on, sent.outcome = date(2026, 4, 1), Outcome.ACCEPTED
    sent.save()
    # Of the people in the review, only what the public filters publish goes out, coded.
    review = sent.recommendation.review
    victim = review.people.create(role="victim", age=34, sex="female", ethnicity="white_irish")
    unknown = review.people.create(role="victim")
    perpetrator = review.people.create(role="perpetrator", age=51, sex="male")
    review.pairs.create(victim=victim, perpetrator=perpetrator, relationship="former_partner")
    review.pairs.create(victim=unknown, perpetrator=perpetrator)
    review.death_type = "intimate_partner_homicide"
    review.save()
    document = opendata.export()
    opendata.validate(document, opendata.schema())
    (published,) = document["results"]
    assert (
        published["death_type"],
        published["relationships"],
        published["victim_age_bands"],
    ) == ("intimate_partner_homicide", ["former_partner"], [AgeBand.of_age(34)])
    assert not {"sex", "ethnicity", "age", "perpetrators"} & set(published)
    assert [
        r["recommendations"][0]["addressed_to"][0]["addressee"] for r in document["results"]
    ] == [
        "home-office"
    ]  # the other partnership's review has no public page, the draft is not published
    response = client.get(reverse("open_data_reviews"))
    assert response.status_code == 200
    opendata.validate(response.json(), client.get(opendata.schema_url()).json())
    assert response.json()["results"][0]["recommendations"][0]["addressed_to"][0]["stage"] == (
        "answered"
    )
    with pytest.raises(opendata.Invalid):
        opendata.validate({**document, "count": "many"}, opendata.schema())


def test_a_review_action_plan_round_trips_through_the_import_page(client, cast):
    source, target = cast.review(reference="DHR-P1"), cast.review(reference="DHR-P2")
    for review in (source, target):
        RecommendationFactory(review=review, number="1")
    ReviewAction.objects.create(
        review=source,
        recommendation=source.recommendations.get(),
        reference="1.1",
        objective="=Fictional action.",  # written back as text, never a formula
        due_on=date(2026, 9, 30),
        lead_agency=cast.agency,
        status=Status.COMPLETE,
        evidence="Fictional evidence.",
    )
    url = reverse("learning_import_review_plan")
    client.force_login(cast.manager)

    def upload(review, content, name="plan.xlsx"):
        return client.post(url, {"review": review.pk, "file": SimpleUploadedFile(name, content)})

    for file_format in ("xlsx", "csv"):
        exported = review_plans.export_review_plan(source, file_format)
        assert upload(target, exported, f"plan.{file_format}").status_code == 302
        assert review_plans.export_review_plan(target, "csv") == (
            review_plans.export_review_plan(source, "csv")
        )
    assert target.review_actions.count() == 1  # the second import matched, not duplicated

    # Every bad row is listed, and nothing is stored.
    csv_text = review_plans.export_review_plan(source, "csv").decode()
    bad = csv_text.replace("2026-09-30", "soon").replace(",1\r\n", ",7\r\n")
    bad += "1.1,Another fictional action,,,,,,,,,,,,\r\n"
    refused = upload(target, bad.encode(), "plan.csv")
    assert refused.status_code == 400
    content = refused.content.decode()
    assert "Row 2: due_on “soon” is not a date" in content
    assert "Row 2: DHR-P2 has no recommendation 7." in content
    assert "Row 3: reference 1.1 is also on row 2." in content
    assert target.review_actions.get().due_on == date(2026, 9, 30)
    # Another partnership's review is not a choice.
    foreign = cast.review(reference="SAR-P3", partnership=cast.other_partnership)
    assert upload(foreign, exported, "plan.csv").status_code == 400
    assert not foreign.review_actions.exists()
