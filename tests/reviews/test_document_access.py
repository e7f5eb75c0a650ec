"""Who may download which case paper: the full role x audience matrix, guessed ids of
other cases' papers, the public route for published reports, and proof that the
storage folder itself is reachable by no URL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.checks import Error
from django.urls import reverse
from django.utils import timezone

from partnerships.access import may_see
from partnerships.models import Role
from reviews.checks import private_storage_is_not_served
from reviews.models import CaseDocument, PublicCopy
from reviews.papers.publication import publish_page, renew_public_copies
from reviews.stages import State
from tests.factories import PanelMembershipFactory, user_with_role
from tests.reviews.helpers import add_paper, force_state

STAFF, PANEL, PUBLIC = (
    CaseDocument.Audience.STAFF,
    CaseDocument.Audience.PANEL,
    CaseDocument.Audience.PUBLIC,
)
ALL = {STAFF, PANEL, PUBLIC}

# What each person may download from the case's admin page, by audience.
EXPECTED = {
    "superuser": ALL,
    "manager": ALL,
    "approver": ALL,
    "chair": ALL,
    "panel_member": {PANEL, PUBLIC},
    "chair_of_another_case": set(),
    "panel_member_of_another_case": set(),
    "partner": set(),
    "other_manager": set(),
    "other_chair": set(),
    "stranger": set(),
}


# Someone with no role at all may not enter the admin: sent to log in, shown nothing.
NO_ADMIN_ACCESS = {"stranger"}


def denied_status(person):
    return 302 if person in NO_ADMIN_ACCESS else 404


class World:
    """One case with a paper of each audience, a second case of the same partnership
    with its own chair and panel, and a case of another partnership."""

    def __init__(self, cast):
        self.cast = cast
        self.review = cast.review(chair=cast.chair)
        PanelMembershipFactory(review=self.review, user=cast.panel_member, agency=cast.agency)
        self.chair_b = user_with_role(Role.CHAIR, cast.partnership, username="chair_b")
        self.panel_b = user_with_role(Role.PANEL_MEMBER, cast.partnership, username="panel_b")
        self.review_b = cast.review(chair=self.chair_b)
        PanelMembershipFactory(review=self.review_b, user=self.panel_b, agency=cast.agency)
        self.foreign = cast.review(partnership=cast.other_partnership, chair=cast.other_chair)
        kinds = {
            STAFF: CaseDocument.Kind.HOME_OFFICE_LETTER,
            PANEL: CaseDocument.Kind.DRAFT_OVERVIEW_REPORT,
            PUBLIC: CaseDocument.Kind.FINAL_REPORT,
        }
        self.versions = {
            audience: add_paper(
                self.review, kind, cast.manager, audience=audience, title=f"The {audience} paper"
            )
            for audience, kind in kinds.items()
        }
        self.foreign_version = add_paper(
            self.foreign, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.other_manager
        )
        self.b_version = add_paper(
            self.review_b, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, self.chair_b
        )
        self.people = {
            **{name: user for name, user in cast.everyone.items()},
            "chair_of_another_case": self.chair_b,
            "panel_member_of_another_case": self.panel_b,
            "superuser": cast.superuser,
        }


@pytest.fixture
def world(cast):
    return World(cast)


def download_url(review, version):
    return reverse("reviews:download", args=[review.pk, version.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_admin_download_matrix(client, world, person):
    client.force_login(world.people[person])
    for audience, version in world.versions.items():
        for url in (
            download_url(world.review, version),
            reverse("reviews:version", args=[world.review.pk, version.pk]),
        ):
            response = client.get(url)
            expected = 200 if audience in EXPECTED[person] else denied_status(person)
            assert response.status_code == expected, (person, audience, url)
            if expected == 200 and "download" in url:
                with version.file.open("rb") as stored:
                    assert b"".join(response.streaming_content) == stored.read()


@pytest.mark.django_db
@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_queryset_and_rule_agree(world, person):
    user = world.people[person]
    visible = set(CaseDocument.objects.visible_to(user))
    for document in CaseDocument.objects.all():
        assert (document in visible) == may_see(user, document), (person, document)
    expected = {world.versions[a].document for a in EXPECTED[person]}
    assert visible & {v.document for v in world.versions.values()} == expected


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for version in world.versions.values():
        response = client.get(download_url(world.review, version))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert CaseDocument.objects.visible_to(AnonymousUser()).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_guessed_ids_of_other_cases_reveal_nothing(client, world, person):
    """Another case's version under this case's URL, or that case's own URL, is a 404
    for everyone not on that case, with the same page whatever exists."""
    client.force_login(world.people[person])
    guesses = [
        download_url(world.review, world.foreign_version),
        download_url(world.review, world.b_version),
        download_url(world.foreign, world.foreign_version),
        download_url(world.review, type(world.foreign_version)(pk=999_999)),
        reverse("reviews:version", args=[world.review.pk, world.foreign_version.pk]),
        reverse("reviews:comment", args=[world.review.pk, world.foreign_version.pk]),
    ]
    may_see_foreign = person in {"superuser", "other_manager", "other_chair"}
    for url in guesses:
        response = client.get(url)
        if may_see_foreign and f"/{world.foreign.pk}/documents/{world.foreign_version.pk}/" in url:
            assert response.status_code == 200
        elif "comments" in url:
            assert response.status_code in (denied_status(person), 405)
        else:
            assert response.status_code == denied_status(person), (person, url)


@pytest.mark.django_db
def test_case_page_lists_only_the_papers_the_user_may_read(client, world):
    client.force_login(world.cast.panel_member)
    page = client.get(reverse("reviews:inspect", args=[world.review.pk])).content.decode()
    assert download_url(world.review, world.versions[PANEL]) in page
    assert download_url(world.review, world.versions[PUBLIC]) in page
    assert download_url(world.review, world.versions[STAFF]) not in page
    assert world.versions[STAFF].document.title not in page  # not even in the history


# ---------------------------------------------------------------- the public route


def public_url(version):
    """The public address of a version: its public copy's name, or a plausible name when
    it has no copy (the route must refuse it either way)."""
    copy = PublicCopy.objects.filter(version=version).first()
    name = copy.filename if copy else "final-anonymised-report.pdf"
    return reverse("reviews_public:document", args=[version.pk, name])


@pytest.mark.django_db
def test_nothing_is_public_before_publication(client, world):
    client.force_login(world.cast.manager)
    for version in world.versions.values():
        assert client.get(public_url(version)).status_code == 404


@pytest.mark.django_db
def test_after_publication_only_the_published_report_is_public(client, world):
    force_state(world.review, State.PUBLISHED)
    publish_page(world.review, "Fictional executive summary.")

    public = world.versions[PUBLIC]
    type(public).objects.filter(pk=public.pk).update(published_at=timezone.now())
    # Published before public copies existed: not served until its copy is made.
    assert client.get(public_url(public)).status_code == 404
    assert renew_public_copies(world.review) == 1
    assert public.public_copy.filename in public_url(public)
    response = client.get(public_url(public))  # anonymous
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    # Staff and panel papers stay private, even marked published by mistake.
    for audience in (STAFF, PANEL):
        version = world.versions[audience]
        type(version).objects.filter(pk=version.pk).update(published_at=timezone.now())
        assert client.get(public_url(version)).status_code == 404
    # A newer version of the public report is not public until it is published itself.
    newer = add_paper(
        world.review,
        CaseDocument.Kind.FINAL_REPORT,
        world.cast.manager,
        audience=PUBLIC,
        title=public.document.title,
    )
    assert newer.document == public.document
    assert client.get(public_url(newer)).status_code == 404
    # Another case's papers are not reachable through the public route.
    assert client.get(public_url(world.foreign_version)).status_code == 404


# ---------------------------------------------------------------- storage is not a URL


@pytest.mark.django_db
def test_the_storage_path_is_not_reachable_by_any_url(client, world, settings):
    version = world.versions[PUBLIC]
    name = version.file.name  # reviews/<case>/<random>
    assert not name.startswith("/") and str(world.review.pk) in name
    with version.file.open("rb") as stored:
        stored_bytes = stored.read()
    client.force_login(world.cast.manager)
    for url in [
        f"/media/{name}",
        f"/media/private/{name}",
        f"/private/{name}",
        f"/var/private/{name}",
        f"/documents/{name}",
        f"/documents/{version.pk}/{version.original_filename}",
        f"/static/{name}",
        f"/static/../private/{name}",
        f"/{name}",
        f"/admin/{name}",
        f"/published-reports/{name}",
    ]:
        response = client.get(url, follow=True)  # past any added trailing slash
        assert response.status_code == 404, url
        assert stored_bytes not in response.content
    from django.contrib.staticfiles import finders

    assert finders.find(name) is None
    assert not str(settings.PRIVATE_STORAGE_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_system_check_refuses_private_storage_inside_a_served_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    assert private_storage_is_not_served(None) == []
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "media" / "private"
    errors = private_storage_is_not_served(None)
    assert [e.id for e in errors] == ["reviews.E001"] and isinstance(errors[0], Error)
