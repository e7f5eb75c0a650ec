"""The chair's path through the admin, end to end: only their cases, upload a draft,
submit it for panel review, read the panel's comments on each version and answer them."""

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import Role
from reviews.models import CaseDocument, DocumentComment, DocumentVersion, ReviewEvent
from reviews.stages import State
from tests.factories import PanelMembershipFactory, user_with_role
from tests.files import PDF_TYPE, pdf_bytes, upload
from tests.reviews.helpers import add_paper, force_state


@pytest.fixture
def cases(cast):
    mine = cast.review(chair=cast.chair, pseudonym="Adult Q")
    PanelMembershipFactory(review=mine, user=cast.panel_member, agency=cast.agency)
    force_state(mine, State.DRAFTING)
    chair_b = user_with_role(Role.CHAIR, cast.partnership, username="chair_b")
    theirs = cast.review(chair=chair_b, pseudonym="Adult Z")
    theirs_paper = add_paper(theirs, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, chair_b)
    foreign = cast.review(partnership=cast.other_partnership, chair=cast.other_chair)
    mail.outbox.clear()
    return mine, theirs, theirs_paper, foreign


def upload_draft(client, review, data, **extra):
    fields = {
        "kind": CaseDocument.Kind.DRAFT_OVERVIEW_REPORT,
        "title": "Draft overview report",
        "audience": CaseDocument.Audience.PANEL,
        "note": "For the panel.",
        "file": upload("overview.pdf", data, PDF_TYPE),
    }
    fields.update(extra)
    return client.post(reverse("reviews:upload", args=[review.pk]), fields, follow=True)


def comment(client, review, version, body, parent=None):
    data = {"body": body}
    if parent is not None:
        data["parent"] = parent.pk
    return client.post(reverse("reviews:comment", args=[review.pk, version.pk]), data, follow=True)


@pytest.mark.django_db
def test_the_chairs_path_end_to_end(client, cast, cases, django_capture_on_commit_callbacks):
    mine, theirs, theirs_paper, foreign = cases

    # Only their own case is listed.
    client.force_login(cast.chair)
    listing = client.get(reverse("reviews:index")).content.decode()

    def link(review):
        return f'href="{reverse("reviews:inspect", args=[review.pk])}"'

    assert link(mine) in listing
    assert link(theirs) not in listing and link(foreign) not in listing

    # Upload a draft.
    response = upload_draft(client, mine, pdf_bytes(["Draft overview report, first go."]))
    assert "Uploaded Draft overview report, version 1." in response.content.decode()
    first = DocumentVersion.objects.get(document__review=mine)
    assert (first.uploaded_by, first.note) == (cast.chair, "For the panel.")

    # Submit it for panel review: the workflow step, offered on the case page.
    page = client.get(reverse("reviews:inspect", args=[mine.pk])).content.decode()
    assert 'data-step="submit_draft"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:transition", args=[mine.pk, "submit_draft"]),
            {"comment": "Ready for the panel.", "expected_state": State.DRAFTING},
        )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == State.DRAFT_SUBMITTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.manager.email, cast.panel_member.email]
    )

    # The panel member reads the paper and comments on version 1.
    client.force_login(cast.panel_member)
    version_url = reverse("reviews:version", args=[mine.pk, first.pk])
    assert client.get(version_url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment(client, mine, first, "Paragraph 12 leaves out the housing referral.")
    thread = DocumentComment.objects.get()
    assert [m.to for m in mail.outbox] == [[cast.chair.email]]

    # The chair sees the comment on that version and answers it.
    client.force_login(cast.chair)
    page = client.get(version_url).content.decode()
    assert "Paragraph 12 leaves out the housing referral." in page
    assert "Answer this comment" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = comment(client, mine, first, "Added in version 2, paragraph 12.", thread)
    assert "Reply posted." in response.content.decode()
    reply = DocumentComment.objects.get(parent=thread)
    assert (reply.author, reply.version) == (cast.chair, first)
    assert [m.to for m in mail.outbox] == [[cast.panel_member.email]]

    # A second version; the comments stay with the version they were made on.
    response = upload_draft(
        client, mine, pdf_bytes(["Second go."]), document=first.document.pk, kind="", title=""
    )
    second = DocumentVersion.objects.get(document=first.document, number=2)
    assert second.comments.count() == 0 and first.comments.count() == 2
    page = client.get(reverse("reviews:inspect", args=[mine.pk])).content.decode()
    assert "2 comments" in page
    actions = list(ReviewEvent.objects.filter(review=mine).values_list("action", flat=True))
    assert actions.count("document_uploaded") == 2
    assert "comment_posted" in actions and "comment_replied" in actions

    # Nothing of any other case is reachable.
    assert client.get(reverse("reviews:inspect", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reviews:inspect", args=[foreign.pk])).status_code == 404
    for url in (
        reverse("reviews:download", args=[theirs.pk, theirs_paper.pk]),
        reverse("reviews:download", args=[mine.pk, theirs_paper.pk]),
        reverse("reviews:version", args=[mine.pk, theirs_paper.pk]),
    ):
        assert client.get(url).status_code == 404
    response = upload_draft(client, theirs, pdf_bytes(["Not mine."]))
    assert response.status_code == 404
    response = upload_draft(client, mine, pdf_bytes(["Sneaky."]), document=theirs_paper.document.pk)
    assert "Nothing was uploaded." in response.content.decode()
    assert theirs_paper.document.versions.count() == 1


@pytest.mark.django_db
def test_the_chair_answers_but_does_not_start_threads(client, cast, cases):
    mine = cases[0]
    version = add_paper(mine, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    client.force_login(cast.chair)
    response = comment(client, mine, version, "A thread of my own.")
    assert response.status_code == 404
    assert not DocumentComment.objects.exists()
    page = client.get(reverse("reviews:version", args=[mine.pk, version.pk])).content.decode()
    assert "Comment on this version" not in page


@pytest.mark.django_db
def test_panel_members_comment_on_panel_papers_only_and_cannot_upload(client, cast, cases):
    mine = cases[0]
    staff_paper = add_paper(
        mine, CaseDocument.Kind.OTHER, cast.manager, audience=CaseDocument.Audience.STAFF
    )
    client.force_login(cast.panel_member)
    assert comment(client, mine, staff_paper, "Let me in.").status_code == 404
    assert upload_draft(client, mine, pdf_bytes(["Panel upload."])).status_code == 404
    assert not DocumentComment.objects.exists()
    assert (
        not DocumentVersion.objects.filter(document__kind="draft_overview_report")
        .filter(document__review=mine)
        .exists()
    )


@pytest.mark.django_db
def test_bad_comments_are_refused_and_store_nothing(client, cast, cases):
    mine = cases[0]
    version = add_paper(mine, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    other_version = add_paper(mine, CaseDocument.Kind.CHRONOLOGY, cast.chair)
    client.force_login(cast.panel_member)
    response = comment(client, mine, version, "   ")
    assert "Nothing was posted. Write something before posting." in response.content.decode()
    response = comment(client, mine, version, "x" * 10_001)
    assert "at most 10000 characters" in response.content.decode()
    assert not DocumentComment.objects.exists()

    thread = DocumentComment.objects.create(
        version=other_version, author=cast.manager, author_name="M", body="On the chronology."
    )
    # A reply must sit under a comment on the same version.
    assert comment(client, mine, version, "Wrong place.", parent=thread).status_code == 404
    assert DocumentComment.objects.count() == 1
