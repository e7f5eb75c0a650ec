"""A review from notification to the public, in a real browser, signed in with two factors.

The review manager creates the case in the admin and moves it through the stages with the
case page's buttons; the chair uploads the draft and submits it; the approver signs it
off; the manager publishes it once the papers are clean; an anonymous visitor finds the
review and downloads the report. A chair of another case cannot open this one.

The long edit of the case (chair, panel, information requests) and the Home Office's
letter are set up with the test helpers; every named step is done in the browser.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import Role
from reviews.models import CaseDocument, DocumentVersion, PanelMembership, Review
from reviews.stages import State
from reviews.workflow import all_transitions
from tests.factories import InformationRequestFactory, user_with_role
from tests.files import pdf_upload
from tests.otp import enrol, next_code
from tests.reviews.helpers import add_paper, add_publishable_papers, add_qa_letter

from .conftest import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
PSEUDONYM = "Adult K"


def sign_in(visitor, user):
    """The admin's sign-in form, then the authenticator code."""
    page = visitor.visit("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_label(re.compile("code", re.I)).first.fill(next_code(enrol(user)))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def take_step(page, review, label, comment="Recorded in the browser test."):
    """Press the case page's button for a step, then confirm it with a comment."""
    page.goto(case_url(review))
    page.get_by_role("link", name=label, exact=True).click()
    page.locator("textarea[name=comment], input[name=comment]").first.fill(comment)
    page.locator("form").get_by_role("button", name=label, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(case_url(review)) + "$"))
    review.refresh_from_db()
    return review


def case_url(review):
    return reverse("reviews:inspect", args=[review.pk])


def upload_in_the_browser(page, review, kind_label, title, path):
    page.goto(case_url(review))
    form = page.locator("form[aria-labelledby='upload-heading']")
    form.get_by_label("Kind").select_option(label=kind_label)
    form.get_by_label("Title").fill(title)
    form.get_by_label("File").set_input_files(str(path))
    form.get_by_role("button", name="Upload").click()
    expect(page.get_by_text(f"Uploaded {title}, version 1.")).to_be_visible()


def find_review_through_search(page, words, title):
    """The visitor's way to the review: the menu's search page, a phrase from the summary,
    the highlighted snippet, then the result's link."""
    page.goto("/")
    page.get_by_role("navigation", name=re.compile("Menu|Service", re.I)).get_by_role(
        "link", name="Search"
    ).click()
    page.get_by_role("searchbox").fill(words)
    page.get_by_role("button", name="Search", exact=True).click()
    link = page.get_by_role("link", name=title, exact=True)  # not its papers' results
    result = page.locator(".search-results li").filter(has=link)
    expect(result.locator("mark").first).to_be_visible()
    result.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    return page


@pytest.fixture
def people(cast):
    cast.other_chair_same_partnership = user_with_role(
        Role.CHAIR, cast.partnership, username="chair_b"
    )
    for user in (cast.manager, cast.chair, cast.approver, cast.other_chair_same_partnership):
        enrol(user)
    return cast


def test_a_review_from_notification_to_the_public(visitor_factory, people, tmp_path):
    cast = people

    # The review manager creates the case in the admin.
    already = set(Review.objects.values_list("pk", flat=True))  # the site's published one
    manager = visitor_factory(viewport=DESKTOP)
    page = sign_in(manager, cast.manager)
    page.goto(reverse("reviews:add"))
    page.locator("#id_partnership").select_option(label=cast.partnership.name)
    page.locator("#id_kind").select_option(value="dhr")
    page.locator("#id_notified_on").fill("2026-01-10")
    page.get_by_role("button", name=re.compile("^(Create|Save)")).first.click()
    review = Review.objects.exclude(pk__in=already).get(partnership=cast.partnership)
    assert review.state == State.NOTIFIED

    review = take_step(page, review, "Refer for a decision")
    review = take_step(page, review, "Decide to hold a review", "Criteria of section 9 met.")

    # The long edit (chair, pseudonym, panel, information requests), as the edit form saves it.
    Review.objects.filter(pk=review.pk).update(
        chair=cast.chair, pseudonym=PSEUDONYM, terms_of_reference="Fictional terms of reference."
    )
    PanelMembership.objects.create(review=review, user=cast.panel_member, agency=cast.agency)
    InformationRequestFactory(review=review, agency=cast.agency)
    for label in (
        "Confirm chair appointment",
        "Confirm panel and terms of reference",
        "Start information gathering",
        "Start drafting",
    ):
        review = take_step(page, review, label)
    assert review.state == State.DRAFTING

    # The chair signs in, uploads the draft and submits it for the panel.
    draft = tmp_path / "draft-overview-report.pdf"
    draft.write_bytes(pdf_upload(["Fictional draft overview report."]).read())
    chair = visitor_factory(viewport=DESKTOP)
    chair_page = sign_in(chair, cast.chair)
    upload_in_the_browser(
        chair_page, review, "Draft overview report", "Draft overview report", draft
    )
    review = take_step(chair_page, review, "Submit draft for panel review")
    assert review.state == State.DRAFT_SUBMITTED

    review = take_step(page, review, "Start panel review")
    review = take_step(page, review, "Panel agrees: send for partnership sign-off")

    # The approver signs it off.
    approver = visitor_factory(viewport=DESKTOP)
    approver_page = sign_in(approver, cast.approver)
    sign_off = all_transitions()["sign_off"].label
    review = take_step(approver_page, review, sign_off, "Signed off for the partnership.")
    assert review.state == State.SIGNED_OFF

    # The Home Office stage: the pack's papers (clean ones, published later), its letter.
    add_publishable_papers(review, cast.manager)
    add_paper(review, CaseDocument.Kind.ACTION_PLAN, cast.manager)
    review = take_step(page, review, "Record submission to the Home Office")
    add_qa_letter(review, cast.manager)
    review = take_step(page, review, "Record QA outcome: approved for publication")

    # The publication gate: clean papers go out.
    review = take_step(page, review, "Publish")
    assert review.state == State.PUBLISHED
    title = review.public_page.title

    # An anonymous visitor finds it and downloads the report.
    visitor = visitor_factory(viewport=DESKTOP)
    public = find_review_through_search(visitor.page, "missed chances", title)
    report = public.get_by_role("link", name=CaseDocument.Kind.FINAL_REPORT.label)
    with public.expect_download() as download_info:
        report.click()
    downloaded = download_info.value
    published = DocumentVersion.objects.public().get(
        document__review=review, document__kind=CaseDocument.Kind.FINAL_REPORT
    )
    # The public gets the checked public copy, named from the pseudonym, not the upload.
    with published.public_copy.file.open("rb") as stored:
        assert Path(downloaded.path()).read_bytes() == stored.read()
    assert downloaded.suggested_filename == published.public_copy.filename

    # A chair of another case cannot open this one.
    outsider = visitor_factory(viewport=DESKTOP)
    outsider_page = sign_in(outsider, cast.other_chair_same_partnership)
    response = outsider_page.goto(case_url(review))
    assert response.status == 404  # as if it did not exist: nothing revealed
    expect(outsider_page.get_by_text(PSEUDONYM)).to_have_count(0)
