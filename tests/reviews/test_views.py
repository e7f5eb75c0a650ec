"""The staff admin for cases: who can list and open what, by every URL there is."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Role
from reviews.demo import minimal_pdf
from reviews.models import DocumentVersion, PanelMembership, Review, ReviewEvent
from reviews.stages import State
from reviews.workflow import all_transitions
from tests.cast import ROLES
from tests.factories import DocumentVersionFactory, user_with_role
from tests.reviews.helpers import force_state, new_case_form, satisfy_prerequisites

# Who may open a case of the cast's partnership (chaired by cast.chair, cast.panel_member
# on its panel) and who may edit it.
CAN_OPEN = {"manager", "approver", "chair", "panel_member", "superuser"}
CAN_EDIT = {"manager", "superuser"}
EVERYONE = [*ROLES, "anonymous"]


@pytest.fixture
def cast(shared_cast):
    """One cast for the module's tests (see tests/conftest.py)."""
    return shared_cast


@pytest.fixture(scope="module")
def case_pk(module_cast, django_db_blocker):
    """The case every test here opens, made once for the module. Tests that need no other
    case in the partnership (creating one) live in test_case_form.py."""
    with django_db_blocker.unblock():
        review = module_cast.review(reference="DHR-2026-777", pseudonym="Adult Q")
        review = satisfy_prerequisites(review, module_cast)
        return force_state(review, State.DRAFTING).pk


@pytest.fixture
def case(case_pk, db):
    return Review.objects.get(pk=case_pk)


def login(client, cast, role):
    if role == "anonymous":
        return None
    user = cast.user(role)
    client.force_login(user)
    return user


def case_urls(review):
    version = DocumentVersion.objects.filter(document__review=review).first()
    return {
        "inspect": reverse("reviews:inspect", args=[review.pk]),
        "history": reverse("reviews:history", args=[review.pk]),
        "usage": reverse("reviews:usage", args=[review.pk]),
        "step": reverse("reviews:transition", args=[review.pk, "submit_draft"]),
        "download": reverse("reviews:download", args=[review.pk, version.pk]),
        "edit": reverse("reviews:edit", args=[review.pk]),
    }


def assert_denied(response, review):
    assert response.status_code in {302, 403, 404}, response.status_code
    assert review.reference.encode() not in response.content
    assert review.pseudonym.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("role", EVERYONE)
def test_case_list_shows_the_case_only_to_those_who_may_open_it(client, cast, case, role):
    other = cast.review(partnership=cast.other_partnership, reference="SAR-2026-900")
    login(client, cast, role)
    response = client.get(reverse("reviews:index"))
    if role in CAN_OPEN:
        assert response.status_code == 200
        assert b"DHR-2026-777" in response.content
        assert (b"SAR-2026-900" in response.content) == (role == "superuser")
    elif role == "other_manager":
        assert response.status_code == 200
        assert b"SAR-2026-900" in response.content
        assert b"DHR-2026-777" not in response.content
    else:
        assert_denied(response, case)
        assert b"SAR-2026-900" not in response.content
    assert other.pk


@pytest.mark.django_db
@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("page", ["inspect", "history", "usage", "step", "download", "edit"])
def test_every_case_url_is_closed_to_those_who_may_not_open_the_case(
    client, cast, case, role, page
):
    login(client, cast, role)
    response = client.get(case_urls(case)[page])
    # Wagtail's own change history and usage pages are for those who may edit; the
    # case page carries the full audit trail for everyone who may open the case.
    allowed = CAN_EDIT if page in {"edit", "history", "usage"} else CAN_OPEN
    if role in allowed:
        assert response.status_code == 200
    else:
        assert_denied(response, case)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other_manager", "other_chair"])
def test_guessing_the_next_case_id_reveals_nothing(client, cast, case, role):
    login(client, cast, role)
    for pk in (case.pk, case.pk + 1, 999999):
        response = client.get(reverse("reviews:inspect", args=[pk]))
        assert response.status_code == 404
        assert b"Adult Q" not in response.content


@pytest.mark.django_db
def test_case_page_offers_exactly_the_steps_this_user_may_take(client, cast, case):
    login(client, cast, "chair")
    page = client.get(reverse("reviews:inspect", args=[case.pk])).content.decode()
    assert 'data-step="submit_draft"' in page
    assert 'data-step="pause"' not in page  # the manager's step

    login(client, cast, "panel_member")
    page = client.get(reverse("reviews:inspect", args=[case.pk])).content.decode()
    assert "data-step=" not in page
    assert "There is no step for you to take" in page


@pytest.mark.django_db
def test_case_page_says_what_each_step_still_needs_and_where_to_provide_it(client, cast):
    """At "Commissioned" the only button was Pause: the chair step was missing, without
    the sentence saying a chair must be set, or where to set it."""
    review = force_state(cast.review(), State.COMMISSIONED)
    login(client, cast, "manager")
    page = client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()

    assert 'data-step="pause"' in page
    blocked = page.split('data-testid="blocked-steps"')[1].split("</ul>")[0]
    assert 'data-step="appoint_chair"' in blocked
    assert "An independent chair must be assigned to the case first." in blocked
    assert 'href="#panel-heading"' in blocked  # chosen on the case page itself

    login(client, cast, "panel_member")  # may not take the step: told nothing about it
    PanelMembership.objects.create(review=review, user=cast.panel_member)
    page = client.get(reverse("reviews:inspect", args=[review.pk])).content.decode()
    assert "appoint_chair" not in page


@pytest.mark.django_db
def test_a_manager_sets_the_chair_and_panel_on_the_case_page(client, cast):
    """The case page offered only a button to the long edit form."""
    review = force_state(cast.review(), State.COMMISSIONED)
    inspect = reverse("reviews:inspect", args=[review.pk])
    urls = {
        "chair": reverse("reviews:chair", args=[review.pk]),
        "panel": reverse("reviews:add_panel_member", args=[review.pk]),
    }
    login(client, cast, "manager")
    page = client.get(inspect).content.decode()
    assert urls["chair"] in page and urls["panel"] in page
    chairs = page.split('name="chair"')[1].split("</select>")[0]
    assert cast.chair.get_full_name() in chairs
    assert cast.other_chair.get_full_name() not in chairs

    # A chair of another partnership is refused, even when posted by hand.
    response = client.post(urls["chair"], {"chair": cast.other_chair.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    review.refresh_from_db()
    assert review.chair is None

    response = client.post(urls["chair"], {"chair": cast.chair.pk})
    assert response.status_code == 302 and response["Location"] == inspect + "#panel-heading"
    response = client.post(
        urls["panel"], {"user": cast.panel_member.pk, "agency": cast.agency.pk, "role": ""}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.chair == cast.chair
    seat = review.panel_memberships.get()
    assert (seat.user, seat.agency) == (cast.panel_member, cast.agency)
    # Seated once: the picker no longer offers them, a forged post is refused.
    assert client.post(urls["panel"], {"user": cast.panel_member.pk}).status_code == 400

    remove = reverse("reviews:remove_panel_member", args=[review.pk, seat.pk])
    assert client.post(remove).status_code == 302
    assert not review.panel_memberships.exists()

    history = list(
        ReviewEvent.objects.filter(review=review).order_by("pk").values_list("action", "comment")
    )
    chair, member = cast.chair.get_full_name(), cast.panel_member.get_full_name()
    assert history == [
        ("chair_chosen", f"{chair} appointed as the independent chair."),
        ("panel_member_added", f"{member} joined the panel for {cast.agency}."),
        ("panel_member_removed", f"{member} left the panel."),
    ]
    page = client.get(inspect).content.decode()
    assert "Appointed the independent chair" in page and f"{member} left the panel." in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["approver", "chair", "panel_member", "other_manager"])
def test_only_who_may_edit_the_case_sets_its_chair_and_panel(client, cast, case, role):
    seat = case.panel_memberships.get()
    another_chair = user_with_role(Role.CHAIR, cast.partnership, username="chair_two")
    inspect = reverse("reviews:inspect", args=[case.pk])
    login(client, cast, role)
    assert reverse("reviews:chair", args=[case.pk]) not in client.get(inspect).content.decode()
    posts = {
        reverse("reviews:chair", args=[case.pk]): {"chair": another_chair.pk},
        reverse("reviews:add_panel_member", args=[case.pk]): {"user": cast.panel_member.pk},
        reverse("reviews:remove_panel_member", args=[case.pk, seat.pk]): {},
    }
    for url, data in posts.items():
        response = client.post(url, data)
        if role == "other_manager":
            assert response.status_code == 404  # told nothing of the case
        else:  # refused: Wagtail's admin sends them home with "no permission"
            assert response.status_code in {302, 403}
            assert not response.get("Location", "").startswith(inspect)
    case.refresh_from_db()
    assert (case.chair, case.panel_memberships.get()) == (cast.chair, seat)
    assert not ReviewEvent.objects.filter(
        review=case, action__in=["chair_chosen", "panel_member_added", "panel_member_removed"]
    ).exists()


@pytest.mark.django_db
def test_taking_a_step_through_the_admin(client, cast, case):
    login(client, cast, "chair")
    url = reverse("reviews:transition", args=[case.pk, "submit_draft"])
    response = client.post(url, {"comment": "Draft 1 attached.", "expected_state": "drafting"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.DRAFT_SUBMITTED
    event = ReviewEvent.objects.get(review=case, action="submit_draft")
    assert (event.actor, event.comment) == (cast.chair, "Draft 1 attached.")


@pytest.mark.django_db
def test_a_refused_step_shows_why_and_changes_nothing(client, cast, case):
    login(client, cast, "chair")
    url = reverse("reviews:transition", args=[case.pk, "publish"])
    response = client.post(url, {"comment": "", "expected_state": "drafting"})
    assert response.status_code == 409
    assert "“Publish” is not possible while the case is “Drafting”." in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.DRAFTING

    url = reverse("reviews:transition", args=[case.pk, "pause"])
    response = client.post(url, {"comment": "Trial", "expected_state": "drafting"})
    assert response.status_code == 403
    assert "Your role on this case does not allow" in response.content.decode()

    login(client, cast, "manager")
    response = client.post(url, {"comment": "", "expected_state": "drafting"})
    assert response.status_code == 400
    assert not ReviewEvent.objects.filter(review=case, action__in=all_transitions()).exists()


@pytest.mark.django_db
def test_unknown_step_and_malformed_post_are_clean_errors(client, cast, case):
    login(client, cast, "manager")
    assert client.get(reverse("reviews:transition", args=[case.pk, "explode"])).status_code == 404
    response = client.post(reverse("reviews:transition", args=[case.pk, "pause"]), {})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == State.DRAFTING


@pytest.mark.django_db
def test_case_list_filters(client, cast, case):
    cast.review(
        reference="DHR-2026-001", notified_on=datetime.date(2020, 1, 1)
    )  # decision long overdue
    cast.review(reference="SAR-2026-002", kind="sar", notified_on=timezone.localdate())
    login(client, cast, "manager")
    index = reverse("reviews:index")

    def listed(**params):
        content = client.get(index, params).content.decode()
        return {ref for ref in ("DHR-2026-777", "DHR-2026-001", "SAR-2026-002") if ref in content}

    assert listed() == {"DHR-2026-777", "DHR-2026-001", "SAR-2026-002"}
    assert listed(kind="sar") == {"SAR-2026-002"}
    assert listed(state="drafting") == {"DHR-2026-777"}
    assert listed(overdue="true") == {"DHR-2026-001"}
    assert listed(partnership=cast.partnership.pk) == {
        "DHR-2026-777",
        "DHR-2026-001",
        "SAR-2026-002",
    }


@pytest.mark.django_db
def test_unknown_filter_values_are_reported_not_crashed(client, cast, case):
    login(client, cast, "manager")
    response = client.get(reverse("reviews:index"), {"state": "exploded", "kind": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    # another partnership's id is not a valid choice either
    response = client.get(reverse("reviews:index"), {"partnership": cast.other_partnership.pk})
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(CAN_OPEN - {"superuser"}) + ["other_manager"])
def test_admin_home_renders_for_each_role_with_its_deadlines(client, cast, case, role):
    cast.review(reference="DHR-2026-001", notified_on=datetime.date(2020, 1, 1))
    login(client, cast, role)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Deadlines" in content
    assert ("DHR-2026-001" in content) == (role in {"manager", "approver"})


@pytest.mark.django_db
def test_partner_agency_user_may_enter_the_admin_but_has_no_cases(client, cast, case):
    login(client, cast, "partner")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert_denied(client.get(reverse("reviews:index")), case)


@pytest.mark.django_db
def test_upload_is_refused_to_panel_members_and_recorded_for_the_chair(client, cast, case):
    login(client, cast, "panel_member")
    upload = SimpleUploadedFile("x.pdf", minimal_pdf("Draft"), content_type="application/pdf")
    url = reverse("reviews:upload", args=[case.pk])
    data = {"kind": "draft_overview_report", "title": "Draft", "audience": "panel", "file": upload}
    assert client.post(url, data).status_code == 404
    before = DocumentVersion.objects.count()
    login(client, cast, "chair")
    upload.seek(0)
    assert client.post(url, data).status_code == 302
    assert DocumentVersion.objects.count() == before + 1


@pytest.mark.django_db
def test_downloads_of_one_case_cannot_be_reached_through_another(client, cast, case):
    other_case = cast.review(partnership=cast.other_partnership)
    other_version = DocumentVersionFactory(document__review=other_case)
    login(client, cast, "manager")
    url = reverse("reviews:download", args=[case.pk, other_version.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_admin_home_says_what_waits_for_each_role(client, cast):
    """Nothing said what was waiting: no sign-off for approvers, no drafts to comment on
    for the panel, no new comments for the chair, no cases by stage for managers."""
    signoff = force_state(
        cast.review(reference="DHR-SIGN", chair=cast.chair), State.PARTNERSHIP_SIGNOFF
    )
    panel = force_state(cast.review(reference="DHR-PANEL", chair=cast.chair), State.PANEL_REVIEW)
    PanelMembership.objects.create(review=panel, user=cast.panel_member)
    draft = DocumentVersionFactory(
        document__review=panel, document__kind="draft_overview_report", number=1
    )
    draft.comments.create(author=cast.manager, author_name="M", body="Section 3?")

    def waiting(role, testid):
        login(client, cast, role)
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        if f'data-testid="{testid}"' not in content:
            return ""
        return content.split(f'data-testid="{testid}"')[1].split("</ul>")[0]

    signoff_url = reverse("reviews:inspect", args=[signoff.pk])
    panel_url = reverse("reviews:inspect", args=[panel.pk])
    assert signoff_url in waiting("approver", "awaiting-signoff")
    assert panel_url in waiting("panel_member", "awaiting-comments")
    assert panel_url in waiting("chair", "new-comments")
    assert "1 new comment" in waiting("chair", "new-comments")
    stages = waiting("manager", "cases-by-stage")
    assert "Awaiting partnership sign-off: 1 case" in stages and "?state=panel_review" in stages
    assert waiting("other_manager", "cases-by-stage") == ""


@pytest.mark.django_db
def test_case_list_filters_by_deadline_and_sorts_by_due_date(client, cast):
    today = timezone.localdate()
    soon = cast.review(reference="DHR-SOON", notified_on=today - datetime.timedelta(days=20))
    cast.review(reference="DHR-LATE", notified_on=datetime.date(2020, 1, 1))
    login(client, cast, "manager")
    page = client.get(reverse("reviews:index"), {"overdue": "soon"}).content.decode()
    assert "DHR-SOON" in page and "DHR-LATE" not in page
    page = client.get(reverse("reviews:index"), {"ordering": "due_on"}).content.decode()
    assert page.index("DHR-LATE") < page.index(soon.reference)
    page = client.get(reverse("reviews:index"), {"ordering": "-due_on"}).content.decode()
    assert page.index(soon.reference) < page.index("DHR-LATE")


@pytest.mark.django_db
def test_the_case_form_names_people_and_its_additions_are_history_sentences(client, cast):
    """The chair list showed usernames, an added panel row offered every user of the
    installation, the history said only "Changed: ..." or a raw code, and saving landed
    on the list instead of the case."""
    outsider = user_with_role(Role.PANEL_MEMBER, cast.other_partnership, username="outsider")
    login(client, cast, "manager")
    form = client.get(reverse("reviews:add")).content.decode()
    assert cast.chair.get_full_name() in form and ">chair<" not in form
    assert cast.panel_member.get_full_name() in form
    assert outsider.get_full_name() not in form  # not in the row the page adds either

    data = new_case_form(cast.partnership, summary="Fictional.", chair=cast.chair.pk)
    data.update(
        {
            "panel_memberships-TOTAL_FORMS": "1",
            "panel_memberships-0-user": cast.panel_member.pk,
            "panel_memberships-0-agency": cast.agency.pk,
            "panel_memberships-0-role": "",
            "panel_memberships-0-ORDER": "1",
        }
    )
    response = client.post(reverse("reviews:add"), data)

    review = cast.partnership.reviews.latest("pk")  # the module's shared case is older
    assert response.url == reverse("reviews:inspect", args=[review.pk])
    added = review.events.get(action="panel_member_added")
    assert (
        added.comment == f"{cast.panel_member.get_full_name()} joined the panel for {cast.agency}."
    )
    page = client.get(response.url).content.decode()
    assert "Added a panel member" in page and "Panel_member_added" not in page
