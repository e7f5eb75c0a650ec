"""Each role's daily work in a browser, on a desktop and at 375 pixels: the pages each
person passes through (their dashboard, a case, the thing they do there) work, and axe
finds no serious or critical problem on any of them.

One test per role, each on the package's one browser and the session's live server. The
people start signed in (conftest.signed_in); signing in is test_review_scenario.py's."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews.models import CaseDocument, DocumentComment
from reviews.stages import State
from reviews.workflow import all_transitions
from tests.cast import Cast
from tests.files import pdf_bytes
from tests.learning.conftest import Library
from tests.reviews.helpers import add_paper, force_state, satisfy_prerequisites

from .conftest import DESKTOP, MOBILE, axe_violations, signed_in
from .public_content import REVIEW_PATH

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "375px"])


class Journey:
    """A signed-in person's pages, each checked with axe as it is reached."""

    def __init__(self, visitor_factory, viewport, user=None):
        self.visitor = visitor_factory(viewport=viewport)
        if user is not None:
            signed_in(self.visitor, user)
        self.page = self.visitor.page
        self.violations = {}

    def visit(self, path, status=200):
        self.visitor.visit(path, status)
        return self.checked()

    def checked(self):
        """axe on the page as it is now (after a form was sent, say)."""
        self.page.wait_for_load_state("load")
        # Checked as it settles: a message sliding in is not yet its own colours.
        self.page.evaluate("document.getAnimations().forEach(a => a.finish())")
        if found := axe_violations(self.page):
            self.violations[self.page.url] = found
        return self.page

    def report(self):
        return "\n".join(
            f"{url} {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
            for url, found in self.violations.items()
            for v in found
        )

    def case(self, review):
        return self.visit(reverse("reviews:inspect", args=[review.pk]))


def name(user):
    return user.get_full_name()


@WIDTHS
def test_a_review_manager_appoints_the_chair_and_panel(visitor_factory, viewport):
    cast = Cast()
    review = force_state(cast.review(reference="DHR-2026-201"), State.COMMISSIONED)
    journey = Journey(visitor_factory, viewport, cast.manager)

    home = journey.visit("/admin/")
    expect(home.get_by_test_id("cases-by-stage")).to_contain_text("Commissioned: 1 case")
    journey.visit(reverse("reviews:index"))
    page = journey.case(review)
    blocked = page.get_by_test_id("blocked-steps")
    expect(blocked).to_contain_text("An independent chair must be assigned")
    blocked.get_by_role("link", name="Go to the chair and panel").click()

    section = page.get_by_test_id("chair-and-panel")
    section.get_by_label("Independent chair").select_option(label=name(cast.chair))
    section.get_by_role("button", name="Appoint the chair").click()
    expect(page.get_by_text(f"{name(cast.chair)} is the independent chair.")).to_be_visible()
    journey.checked()
    section.get_by_role("combobox", name=re.compile("^Panel member")).select_option(
        label=name(cast.panel_member)
    )
    section.get_by_label("For the agency").select_option(label=cast.agency.name)
    section.get_by_role("button", name="Add to the panel").click()
    history = page.locator(".case-history")
    expect(history).to_contain_text(f"{name(cast.panel_member)} joined the panel for")
    expect(history).to_contain_text(f"{name(cast.chair)} appointed as the independent chair.")
    expect(page.get_by_role("link", name="Confirm chair appointment")).to_be_visible()
    journey.checked()
    assert not journey.violations, journey.report()


@WIDTHS
def test_a_chair_uploads_a_draft_after_a_refused_file(visitor_factory, viewport, tmp_path):
    cast = Cast()
    review = force_state(
        satisfy_prerequisites(cast.review(reference="DHR-2026-202"), cast), State.DRAFTING
    )
    journey = Journey(visitor_factory, viewport, cast.chair)

    home = journey.visit("/admin/")
    home.get_by_test_id("my-cases").get_by_role("link", name=str(review)).click()
    page = journey.checked()
    form = page.locator("form[aria-labelledby='upload-heading']")
    form.get_by_label("Kind").select_option(label="Draft overview report")
    form.get_by_label("Title").fill("Draft overview report, second draft")
    form.get_by_label("Who can read it").select_option(
        label="Panel, partnership staff and the chair"
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a report.")
    form.get_by_label("File").set_input_files(str(notes))
    form.get_by_role("button", name="Upload").click()

    # Refused: the form comes back as it was filled in, and asks for the file again.
    form = page.locator("form[aria-labelledby='upload-heading']")
    expect(form.get_by_text("Choose the file again")).to_be_visible()
    expect(form.get_by_label("Title")).to_have_value("Draft overview report, second draft")
    journey.checked()
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(pdf_bytes(["Fictional second draft."]))
    form.get_by_label("File").set_input_files(str(draft))
    form.get_by_role("button", name="Upload").click()
    expect(
        page.get_by_text("Uploaded Draft overview report, second draft, version 1.")
    ).to_be_visible()
    journey.checked()
    assert not journey.violations, journey.report()


@WIDTHS
def test_a_panel_member_comments_on_the_draft(visitor_factory, viewport):
    cast = Cast()
    review = satisfy_prerequisites(cast.review(reference="DHR-2026-203"), cast)
    version = add_paper(review, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair)
    review = force_state(review, State.PANEL_REVIEW)
    journey = Journey(visitor_factory, viewport, cast.panel_member)

    home = journey.visit("/admin/")
    home.get_by_test_id("awaiting-comments").get_by_role("link", name=str(review)).click()
    page = journey.checked()
    page.locator(f"[data-version='{version.pk}'] a").first.click()
    page = journey.checked()
    page.get_by_label("Comment", exact=True).fill("Section 4 needs the housing provider's view.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Comment posted.")).to_be_visible()
    journey.checked()
    assert DocumentComment.objects.filter(author=cast.panel_member).count() == 1
    assert not journey.violations, journey.report()


@WIDTHS
def test_an_approver_signs_off(visitor_factory, viewport):
    cast = Cast()
    review = force_state(
        satisfy_prerequisites(cast.review(reference="DHR-2026-204"), cast),
        State.PARTNERSHIP_SIGNOFF,
    )
    sign_off = all_transitions()["sign_off"].label
    journey = Journey(visitor_factory, viewport, cast.approver)

    home = journey.visit("/admin/")
    home.get_by_test_id("awaiting-signoff").get_by_role("link", name=str(review)).click()
    page = journey.checked()
    page.get_by_role("link", name=sign_off, exact=True).click()
    page = journey.checked()
    page.locator("textarea[name=comment]").fill("Signed off for the partnership.")
    page.get_by_role("button", name=sign_off, exact=True).click()
    expect(page.get_by_test_id("case-state")).to_have_text(State.SIGNED_OFF.label)
    journey.checked()
    assert not journey.violations, journey.report()


@WIDTHS
def test_a_partner_updates_their_agency_s_action(visitor_factory, viewport):
    library = Library(Cast())
    action = library.owned_action
    journey = Journey(visitor_factory, viewport, library.cast.partner)

    home = journey.visit("/admin/")
    home.get_by_test_id("my-actions").get_by_role("link").first.click()
    page = journey.checked()
    expect(page).to_have_url(re.compile(reverse("learning_actions:inspect", args=[action.pk])))
    page.get_by_label("Amber").check()
    page.get_by_label("What has happened since the last update").fill("Two sessions run.")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Progress update posted.")).to_be_visible()
    journey.checked()
    journey.visit(reverse("learning_recommendations:index") + "?overdue=soon")
    assert not journey.violations, journey.report()


@WIDTHS
def test_a_member_of_the_public_finds_a_review(visitor_factory, viewport):
    journey = Journey(visitor_factory, viewport)
    page = journey.visit("/")
    journey.visit("/reviews/")
    if viewport == MOBILE:
        page.get_by_text("Show filters").click()
    page.locator("input[name=kind][value=dhr]").check()
    page.get_by_role("button", name="Apply filters").click()
    page = journey.checked()
    page.get_by_role("link", name="Domestic Homicide Review: Adult A").click()
    expect(page).to_have_url(re.compile(re.escape(REVIEW_PATH) + "$"))
    journey.checked()
    assert not journey.violations, journey.report()
