"""The learning library's admin pages, as each role meets them (Django test client)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.action_plans import COLUMNS
from learning.models import Action, ProgressUpdate, Recommendation, Status
from learning.progress import post_progress
from learning.tabular import write_csv
from tests.cast import ROLES
from tests.learning.factories import ActionFactory, RecommendationFactory, link

READERS = {"manager", "approver", "partner", "superuser"}
# Measured with 0 and 40 extra rows: the same either way. (One of each is the admin
# menu's check of the site-settings permission.)
ACTIONS_QUERIES = 15
RECOMMENDATIONS_QUERIES = 16
DASHBOARD_QUERIES = 18


def refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a
    message; our own views answer 403 or 404."""
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home")
    return response.status_code in {403, 404}


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def pages(library):
    """Page -> roles that get it (200). Everyone else is refused or told nothing."""
    own = library.owned_action
    return {
        # Another partnership's manager gets their own partnership's reports.
        reverse("learning_dashboard"): READERS | {"other_manager"},
        reverse("learning_annual_report"): READERS | {"other_manager"},
        reverse("learning_strategies:index"): READERS | {"other_manager"},
        reverse("learning_actions:index"): READERS | {"other_manager"},
        # Another partnership's chair reads that review's recommendations there.
        reverse("learning_recommendations:index"): READERS
        | {"chair", "other_manager", "other_chair"},
        reverse("learning_themes:index"): READERS | {"chair", "other_manager", "other_chair"},
        reverse("learning_strategies:inspect", args=[library.strategy.pk]): READERS,
        reverse("learning_actions:inspect", args=[own.pk]): READERS,
        reverse("learning_recommendations:inspect", args=[library.draft_owned.pk]): READERS
        | {"chair"},
        reverse("learning_recommendations:inspect", args=[library.draft_other.pk]): {
            "manager",
            "approver",
            "chair",
            "superuser",
        },
        reverse("learning_actions:edit", args=[own.pk]): {"manager", "superuser"},
        reverse("learning_strategies:edit", args=[library.strategy.pk]): {"manager", "superuser"},
        reverse("learning_recommendations:edit", args=[library.draft_owned.pk]): {
            "manager",
            "superuser",
        },
        reverse("learning_actions:add"): {"manager", "other_manager", "superuser"},
        reverse("learning_recommendations:add"): {"manager", "other_manager", "superuser"},
        reverse("learning_import_action_plan"): {"manager", "other_manager", "superuser"},
        reverse("learning_import_recommendations"): {"manager", "other_manager", "superuser"},
        reverse("learning_import_review_plan"): {"manager", "other_manager", "superuser"},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_render_for_each_role(client, library, role):
    user = library.user(role)
    for url, allowed in pages(library).items():
        response = get(client, user, url)
        if role in allowed:
            assert response.status_code == 200, url
            if role in ("other_manager", "other_chair"):
                assert b"Safer Northbrook" not in response.content, url
        elif role == "stranger":
            # No role anywhere: no admin at all.
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("wagtailadmin_login")), url
        else:
            assert refused(response), url
            assert b"Safer Northbrook" not in response.content, url


@pytest.mark.django_db
def test_another_partnership_s_ids_are_404_and_reveal_nothing(client, library):
    manager = library.cast.manager
    client.force_login(manager)
    foreign = [
        reverse("learning_strategies:inspect", args=[library.foreign_strategy.pk]),
        reverse("learning_strategies:edit", args=[library.foreign_strategy.pk]),
        reverse("learning_strategies:delete", args=[library.foreign_strategy.pk]),
        reverse("learning_strategies:export_plan", args=[library.foreign_strategy.pk]),
        reverse("learning_actions:inspect", args=[library.foreign_action.pk]),
        reverse("learning_actions:edit", args=[library.foreign_action.pk]),
        reverse("learning_actions:delete", args=[library.foreign_action.pk]),
        reverse("learning_recommendations:inspect", args=[library.foreign_recommendation.pk]),
        reverse("learning_recommendations:edit", args=[library.foreign_recommendation.pk]),
        reverse("learning_recommendations:delete", args=[library.foreign_recommendation.pk]),
        reverse("learning_actions:inspect", args=[999999]),
    ]
    for url in foreign:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Southmere" not in response.content
    response = client.post(
        reverse("learning_actions:progress", args=[library.foreign_action.pk]),
        {"rag": "red", "comment": "Guessing.", "reported_on": "2026-01-01"},
    )
    assert response.status_code == 404
    response = client.get(
        reverse("learning_dashboard"), {"partnership": library.cast.other_partnership.pk}
    )
    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_read_only_roles_get_403_on_forms_of_their_own_partnership(client, library):
    for role in ("approver", "partner"):
        client.force_login(library.user(role))
        for url in (
            reverse("learning_actions:edit", args=[library.owned_action.pk]),
            reverse("learning_actions:delete", args=[library.owned_action.pk]),
        ):
            assert refused(client.get(url)), (role, url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "listing", "expected"),
    [
        ("manager", "learning_actions:index", {"1.1", "1.2"}),
        ("partner", "learning_actions:index", {"1.1", "1.2"}),
        ("other_manager", "learning_actions:index", {"1.1"}),
        ("manager", "learning_recommendations:index", {"DHR-PUB", "DHR-DRAFT"}),
        ("chair", "learning_recommendations:index", {"DHR-PUB", "DHR-DRAFT"}),
        ("other_manager", "learning_recommendations:index", {"SAR-X"}),
    ],
)
def test_listings_show_only_what_the_user_may_see(client, library, role, listing, expected):
    response = get(client, library.user(role), reverse(listing))
    rows = response.context["object_list"]
    if listing == "learning_actions:index":
        shown = {action.reference for action in rows}
        partnerships = {action.strategy.partnership_id for action in rows}
    else:
        shown = {recommendation.review.reference for recommendation in rows}
        partnerships = {recommendation.review.partnership_id for recommendation in rows}
    own = library.cast.other_partnership if role == "other_manager" else library.cast.partnership
    assert shown == expected
    assert partnerships == {own.pk}


@pytest.mark.django_db
def test_listing_search_and_filters(client, library):
    library.owned_action.objective = "Commission the perpetrator programme."
    library.owned_action.save()
    post_progress(library.other_action, library.cast.manager, rag="red", comment="Late.")
    manager = library.cast.manager

    def references(**params):
        response = get(client, manager, reverse("learning_actions:index"), **params)
        assert response.status_code == 200
        return sorted(obj.reference for obj in response.context["object_list"])

    assert references(q="perpetrator") == ["1.1"]
    assert references(rag="red") == ["1.2"]
    assert references(lead_agency=library.cast.agency.pk) == ["1.1"]
    assert references(strategy=library.strategy.pk, q="perpetrator") == ["1.1"]
    # Due "By March 2026": overdue today (the test clock is the real one).
    assert references(overdue="true") == ["1.1", "1.2"]
    assert references(overdue="true", rag="red", q="Deliver") == ["1.2"]
    # Another partnership's strategy is not a choice (the filter refuses it).
    assert references(strategy=library.foreign_strategy.pk) == ["1.1", "1.2"]
    # Due within 14 days, as the case list's deadline filter: unfinished rows only.
    today = datetime.date.today()
    Action.objects.filter(pk=library.owned_action.pk).update(
        due_on=today + datetime.timedelta(days=14)
    )
    Action.objects.filter(pk=library.other_action.pk).update(
        due_on=today + datetime.timedelta(days=3), status=Status.COMPLETE
    )
    assert references(overdue="soon") == ["1.1"]

    def numbers(**params):
        response = get(client, manager, reverse("learning_recommendations:index"), **params)
        assert response.status_code == 200
        return sorted(str(obj) for obj in response.context["object_list"])

    library.draft_owned.text = "Share risk information with the housing provider."
    library.draft_owned.save()
    link(library.draft_owned, library.owned_action)
    assert numbers(q="housing provider") == ["DHR-DRAFT recommendation 1"]
    assert numbers(owning_agency=library.cast.agency.pk) == [
        "DHR-DRAFT recommendation 1",
        "DHR-PUB recommendation 1",
    ]
    assert numbers(strategy=library.strategy.pk) == ["DHR-DRAFT recommendation 1"]
    assert numbers(review=library.published_review.pk, level="single_agency") == [
        "DHR-PUB recommendation 1"
    ]
    Recommendation.objects.filter(pk=library.draft_owned.pk).update(target_date=today)
    Recommendation.objects.filter(pk=library.draft_other.pk).update(
        target_date=today + datetime.timedelta(days=15)
    )
    Recommendation.objects.filter(pk=library.published_owned.pk).update(
        target_date=today + datetime.timedelta(days=1),
        status=Status.NOT_IMPLEMENTED,
        not_implemented_reason="The service closed.",
    )
    assert numbers(overdue="soon") == ["DHR-DRAFT recommendation 1"]


@pytest.mark.django_db
def test_links_are_shown_from_both_sides(client, library):
    link(library.published_owned, library.owned_action, "Training covers it.")
    manager = library.cast.manager

    action_page = get(
        client, manager, reverse("learning_actions:inspect", args=[library.owned_action.pk])
    )
    recommendation_page = get(
        client,
        manager,
        reverse("learning_recommendations:inspect", args=[library.published_owned.pk]),
    )
    case_page = get(client, manager, reverse("reviews:inspect", args=[library.published_review.pk]))

    recommendation_url = reverse(
        "learning_recommendations:inspect", args=[library.published_owned.pk]
    )
    action_url = reverse("learning_actions:inspect", args=[library.owned_action.pk])
    assert recommendation_url in action_page.content.decode()
    assert "Training covers it." in action_page.content.decode()
    assert action_url in recommendation_page.content.decode()
    assert "Training covers it." in recommendation_page.content.decode()
    case = case_page.content.decode()
    assert 'data-testid="case-recommendations"' in case
    assert recommendation_url in case and action_url in case


@pytest.mark.django_db
def test_the_case_page_lists_only_recommendations_the_user_may_see(client, library):
    # The chair sees their case's recommendations; the unpublished review's are listed
    # to them but the plan's actions (which they may not open) are not links.
    link(library.draft_other, library.other_action)
    page = get(
        client, library.cast.chair, reverse("reviews:inspect", args=[library.draft_review.pk])
    )
    content = page.content.decode()
    assert reverse("learning_recommendations:inspect", args=[library.draft_other.pk]) in content
    assert reverse("learning_actions:inspect", args=[library.other_action.pk]) not in content


@pytest.mark.django_db
def test_a_partner_posts_progress_through_the_page(client, library):
    client.force_login(library.cast.partner)
    url = reverse("learning_actions:progress", args=[library.owned_action.pk])

    response = client.post(
        url,
        {
            "rag": "green",
            "status": "in_progress",
            "comment": "Going well.",
            "reported_on": "2026-05-01",
        },
    )

    assert response.status_code == 302
    update = library.owned_action.progress_updates.get()
    assert (update.rag, update.author) == ("green", library.cast.partner)
    page = client.get(reverse("learning_actions:inspect", args=[library.owned_action.pk]))
    assert "Going well." in page.content.decode()
    # Not on an action their agency does not own.
    response = client.post(
        reverse("learning_actions:progress", args=[library.other_action.pk]),
        {"rag": "green", "comment": "Going well.", "reported_on": "2026-05-01"},
    )
    assert refused(response)
    assert not library.other_action.progress_updates.exists()


@pytest.mark.django_db
def test_a_progress_form_with_problems_posts_nothing(client, library):
    client.force_login(library.cast.partner)
    url = reverse("learning_recommendations:progress", args=[library.published_owned.pk])
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    for data in (
        {"rag": "", "comment": "x", "reported_on": "2026-05-01"},
        {"rag": "blue", "comment": "x", "reported_on": tomorrow},
        {"rag": "blue", "status": "complete", "comment": "Done", "reported_on": "2026-05-01"},
    ):
        response = client.post(url, data, follow=True)
        assert "The update was not posted." in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    library.published_owned.refresh_from_db()
    assert library.published_owned.status == Status.NOT_STARTED


@pytest.mark.django_db
def test_import_page_lists_every_problem_and_stores_nothing(client, library):
    client.force_login(library.cast.manager)
    rows = [
        ["1", "Prevention", "1.1", "", "", "Q1", "", "", "", "", "", "", ""],
        ["1", "Prevention", "1.3", "New action", "", "Q1", "", "", "", "", "mauve", "", ""],
    ]
    upload = write_csv(COLUMNS, rows)
    response = client.post(
        reverse("learning_import_action_plan"),
        {"strategy": library.strategy.pk, "file": SimpleUploadedFile("plan.csv", upload)},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "Row 2: objective is missing." in content
    assert "Row 3: unknown RAG value “mauve”" in content
    assert not Action.objects.filter(reference="1.3").exists()

    rows[0][3] = "Revised action."
    rows[1][10] = "amber"
    response = client.post(
        reverse("learning_import_action_plan"),
        {
            "strategy": library.strategy.pk,
            "file": SimpleUploadedFile("plan.csv", write_csv(COLUMNS, rows)),
        },
    )
    assert response.status_code == 302
    assert Action.objects.get(strategy=library.strategy, reference="1.3").rag == "amber"
    # Another partnership's strategy is not a choice.
    response = client.post(
        reverse("learning_import_action_plan"),
        {
            "strategy": library.foreign_strategy.pk,
            "file": SimpleUploadedFile("plan.csv", write_csv(COLUMNS, rows)),
        },
    )
    assert response.status_code == 400
    assert not Action.objects.filter(strategy=library.foreign_strategy, reference="1.3").exists()


@pytest.mark.django_db
def test_exports_download(client, library):
    client.force_login(library.cast.approver)
    plan = client.get(
        reverse("learning_strategies:export_plan", args=[library.strategy.pk]), {"format": "csv"}
    )
    assert plan["Content-Type"].startswith("text/csv")
    assert plan.content.decode().splitlines()[0].startswith("priority_number,priority_title")
    recommendations = client.get(reverse("learning_export_recommendations"), {"format": "xlsx"})
    assert recommendations["Content-Type"].endswith("spreadsheetml.sheet")
    report = client.get(reverse("learning_dashboard"), {"format": "csv"})
    assert report.content.decode().startswith("Learning dashboard: Northbrook")
    annual = client.get(reverse("learning_annual_report"), {"year": "2025", "format": "xlsx"})
    assert annual.status_code == 200
    assert client.get(reverse("learning_dashboard"), {"format": "pdf"}).status_code == 404


@pytest.mark.django_db
def test_the_recommendation_form_enforces_evidence_and_the_partnership_s_own_actions(
    client, library
):
    client.force_login(library.cast.manager)
    url = reverse("learning_recommendations:edit", args=[library.published_other.pk])
    data = {
        "review": library.published_review.pk,
        "number": "2",
        "text": "Revised text.",
        "level": "multi_agency",
        "owning_agency": library.other_agency.pk,
        "target_date": "2026-09-30",
        "status": "complete",
        "rag": "blue",
        "evidence": "",
        "action_links-TOTAL_FORMS": "1",
        "action_links-INITIAL_FORMS": "0",
        "action_links-MIN_NUM_FORMS": "0",
        "action_links-MAX_NUM_FORMS": "1000",
        "action_links-0-action": library.foreign_action.pk,
        "action_links-0-note": "",
        "action_links-0-ORDER": "",
        "action_links-0-DELETE": "",
    }

    response = client.post(url, data)

    assert response.status_code == 200  # the form again, with its errors
    library.published_other.refresh_from_db()
    assert library.published_other.status == Status.NOT_STARTED
    assert not library.published_other.action_links.exists()

    data.update({"evidence": "Policy published.", "action_links-0-action": library.other_action.pk})
    response = client.post(url, data)
    assert response.status_code == 302
    library.published_other.refresh_from_db()
    assert library.published_other.status == Status.COMPLETE
    assert list(library.published_other.actions.all()) == [library.other_action]


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 40])
def test_listing_queries_do_not_grow_with_rows(
    client, library, extra, django_assert_max_num_queries
):
    for number in range(extra):
        action = ActionFactory(
            priority=library.priority, reference=f"7.{number}", lead_agency=library.cast.agency
        )
        recommendation = RecommendationFactory(
            review=library.published_review,
            number=f"7.{number}",
            owning_agency=library.other_agency,
        )
        link(recommendation, action)
    client.force_login(library.cast.manager)
    client.get(reverse("learning_actions:index"))  # warm caches (content types, sessions)

    with django_assert_max_num_queries(ACTIONS_QUERIES):
        actions = client.get(reverse("learning_actions:index"))
    with django_assert_max_num_queries(RECOMMENDATIONS_QUERIES):
        recommendations = client.get(reverse("learning_recommendations:index"))
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        dashboard = client.get(reverse("learning_dashboard"))

    assert len(actions.context["object_list"]) == 2 + extra
    assert len(recommendations.context["object_list"]) == 4 + extra
    assert dashboard.status_code == 200
    assert Recommendation.objects.count() == 5 + extra


def strategy_form(partnership, **changes):
    data = {
        "partnership": partnership.pk,
        "title": "Serious Violence Strategy",
        "slug": "serious-violence",
        "period_start": "2025",
        "period_end": "2030",
        "governing_body": "Community Safety Partnership",
        "is_active": "on",
        "source_document": "",
        "source_file": "",
        "notes": "",
        "priorities-TOTAL_FORMS": "1",
        "priorities-INITIAL_FORMS": "0",
        "priorities-MIN_NUM_FORMS": "0",
        "priorities-MAX_NUM_FORMS": "1000",
        "priorities-0-number": "1",
        "priorities-0-title": "Prevention",
        "priorities-0-outcomes_heading": "",
        "priorities-0-outcomes": "",
        "priorities-0-ORDER": "1",
        "priorities-0-DELETE": "",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_a_manager_creates_a_strategy_only_in_their_own_partnership(client, library):
    client.force_login(library.cast.manager)
    url = reverse("learning_strategies:add")

    refused_form = client.post(url, strategy_form(library.cast.other_partnership))
    created = client.post(url, strategy_form(library.cast.partnership))

    assert refused_form.status_code == 200  # shown again with the error
    assert created.status_code == 302
    strategy = library.cast.partnership.strategies.get(slug="serious-violence")
    assert list(strategy.priorities.values_list("number", "title")) == [("1", "Prevention")]
    assert not library.cast.other_partnership.strategies.filter(slug="serious-violence").exists()


@pytest.mark.django_db
def test_a_strategy_is_deleted_with_its_actions_unless_it_has_history(client, library):
    client.force_login(library.cast.manager)
    url = reverse("learning_strategies:delete", args=[library.strategy.pk])
    post_progress(library.owned_action, library.cast.manager, rag="green", comment="Started.")

    assert refused(client.post(url))
    assert Action.objects.filter(pk=library.owned_action.pk).exists()

    fresh = ActionFactory(reference="1.1")  # a strategy of its own, no history
    fresh.strategy.partnership = library.cast.partnership
    fresh.strategy.save()
    response = client.post(reverse("learning_strategies:delete", args=[fresh.strategy_id]))
    assert response.status_code == 302
    assert not Action.objects.filter(pk=fresh.pk).exists()


@pytest.mark.django_db
def test_listing_export_holds_only_what_the_user_may_see(client, library):
    client.force_login(library.cast.partner)

    response = client.get(reverse("learning_recommendations:index"), {"export": "csv"})

    content = b"".join(response.streaming_content).decode()
    assert "DHR-PUB" in content
    assert library.draft_owned.text in content
    assert library.draft_other.text not in content  # unpublished, another agency's
    assert library.foreign_recommendation.text not in content


@pytest.mark.django_db
def test_strategy_listing_search(client, library):
    response = get(client, library.cast.manager, reverse("learning_strategies:index"), q="Safer")
    assert [s.slug for s in response.context["object_list"]] == ["safer-northbrook"]


@pytest.mark.django_db
def test_a_manager_cannot_add_an_action_to_another_partnership_s_plan(client, library):
    client.force_login(library.cast.manager)
    data = {
        "reference": "9.9",
        "objective": "Slip an action into someone else's plan.",
        "key_deliverables": "",
        "expected_outcomes": "",
        "due_period": "Q1",
        "starts_on": "",
        "due_on": "",
        "lead": "",
        "lead_agency": "",
        "partners": "",
        "strategic_links": "",
        "rag": "",
        "status": "",
        "comments": "",
    }
    foreign_priority = library.foreign_action.priority

    refused_form = client.post(
        reverse("learning_actions:add"), {**data, "priority": foreign_priority.pk}
    )
    created = client.post(
        reverse("learning_actions:add"), {**data, "priority": library.priority.pk}
    )

    assert refused_form.status_code == 200
    assert not Action.objects.filter(strategy=library.foreign_strategy, reference="9.9").exists()
    assert created.status_code == 302
    action = Action.objects.get(strategy=library.strategy, reference="9.9")
    # Q1 of the plan's first financial year (2024/25).
    assert action.due_on == datetime.date(2024, 6, 30)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "shown"), [("partner", True), ("chair", False)])
def test_the_admin_home_shows_the_library_panel_to_its_readers(client, library, role, shown):
    response = get(client, library.user(role), reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert ('id="learning-panel-heading"' in response.content.decode()) is shown


@pytest.mark.django_db
def test_the_progress_form_writes_its_date_for_the_date_picker_and_keeps_a_refused_input(
    client, library
):
    """A date picker shows a dd/mm/yyyy value as empty, so the update was refused for a
    missing date, and what the user had typed was gone."""
    client.force_login(library.cast.partner)
    page = reverse("learning_recommendations:inspect", args=[library.published_owned.pk])
    today = datetime.date.today().isoformat()
    assert f'type="date" name="reported_on" value="{today}"' in client.get(page).content.decode()

    url = reverse("learning_recommendations:progress", args=[library.published_owned.pk])
    data = {"rag": "amber", "status": "in_progress", "comment": "Half the staff trained."}
    response = client.post(url, {**data, "reported_on": "31/02/2026"}, follow=True)

    content = response.content.decode()
    assert "The update was not posted." in content
    assert "Half the staff trained." in content
    assert re.search(r'<input[^>]*value="amber"[^>]*checked', content)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_a_partner_s_home_lists_their_agency_s_open_work_and_open_means_open(client, library):
    """Nothing told a partner what was theirs; "4 open recommendations" opened all five."""
    library.owned_action.due_on = datetime.date(2020, 1, 1)  # overdue
    library.owned_action.save()
    client.force_login(library.cast.partner)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    mine = home.split('data-testid="my-actions"')[1].split("</ul>")[0]
    assert reverse("learning_actions:inspect", args=[library.owned_action.pk]) in mine
    assert reverse("learning_actions:inspect", args=[library.other_action.pk]) not in mine
    assert reverse("learning_actions:inspect", args=[library.foreign_action.pk]) not in home
    draft_url = reverse("learning_recommendations:inspect", args=[library.draft_owned.pk])
    assert draft_url in home.split('data-testid="my-recommendations"')[1].split("</ul>")[0]

    library.published_other.status = Status.COMPLETE
    library.published_other.evidence = "Audit done."
    library.published_other.save()
    # A decision not to implement is finished too: not open, not the partner's work.
    library.draft_owned.status = Status.NOT_IMPLEMENTED
    library.draft_owned.not_implemented_reason = "The service closed."
    library.draft_owned.save()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    mine = home.split('data-testid="my-recommendations"')[1].split("</ul>")[0]
    assert draft_url not in mine
    client.force_login(library.cast.manager)
    listing = client.get(reverse("learning_recommendations:index"), {"status": "open"})
    assert library.published_other not in listing.context["object_list"]
    assert library.draft_owned not in listing.context["object_list"]
    assert library.published_owned in listing.context["object_list"]
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 open recommendations" in home  # of four the manager sees: one done, one not


@pytest.mark.django_db
def test_add_a_recommendation_from_a_case_chooses_that_case(client, library):
    client.force_login(library.cast.manager)
    review = library.published_review
    form = client.get(reverse("learning_recommendations:add"), {"review": review.pk})
    assert form.context["form"]["review"].value() == review.pk
