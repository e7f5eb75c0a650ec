"""The publication gate: a confidential term anywhere in a document to be published
refuses publication, naming the document, the place and the term, and nothing changes.
A clean set publishes the review's public page in the same transaction."""

from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, Site

from reviews.models import (
    CaseDocument,
    DocumentVersion,
    PublicCopy,
    ReviewEvent,
    ReviewIndexPage,
    ReviewPage,
)
from reviews.papers.confidential import add_confidential_term
from reviews.papers.matching import find_terms
from reviews.papers.pieces import TextPiece
from reviews.papers.publication import PublicationRefused
from reviews.stages import State
from reviews.workflow import TransitionRefused, perform_transition
from tests.files import (
    ODT_TYPE,
    docx_upload,
    image_only_pdf_bytes,
    odt_bytes,
    pdf_upload,
    upload,
    xlsx_bytes,
)
from tests.reviews.helpers import (
    add_paper,
    add_publishable_papers,
    approved_for_publication,
    stored_files,
)

TERM = "Marjorie Fictitia"  # an invented name standing in for a real one


def pieces(*texts):
    return [TextPiece(f"part {n}", text) for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A visit from Marjorie Fictitia was recorded.", True),
        ("MARJORIE FICTITIA", True),
        ("marjorie fictitia's sister", True),
        ("the neighbour Marjorie\nFictitia called", True),
        ("Marjorie  \n  Fictitia", True),
        ("Marjorie Ficti-\ntia", True),
        ("Marjorie Fictitia\u00ad", True),
        ("Márjorie Fictitià", True),
        ("Marjorie Fictitian", False),
        ("XMarjorie Fictitia", False),
        ("Marjorie and Fictitia", False),
        ("Adult Q", False),
    ],
)
def test_matching_is_case_insensitive_whole_word_and_survives_line_breaks(text, found):
    assert bool(find_terms(pieces(text), [TERM])) is found


def test_short_names_match_whole_words_only():
    assert find_terms(pieces("Anne went to the Annex."), ["Ann"]) == []
    assert find_terms(pieces("Ann went out."), ["ann"])[0].location == "part 1"
    assert find_terms(pieces("O’Brien"), ["O'Brien"])


def test_a_term_split_across_pages_is_reported_where_it_starts():
    findings = find_terms(pieces("nothing here", "visited by Marjorie", "Fictitia later"), [TERM])
    assert [(f.term, f.location) for f in findings] == [(TERM, "part 2")]


# ---------------------------------------------------------------- through the workflow


@pytest.fixture
def approved(cast):
    """A DHR approved by the Home Office, with a confidential term on record."""
    return approved_for_publication(cast, TERM, "14 Larkspur Row")


def publish(review, user):
    return perform_transition(review.pk, "publish", user, comment="Publish.")


def assert_nothing_changed(review):
    review.refresh_from_db()
    assert review.state == State.QA_APPROVED
    assert review.published_on is None
    assert not ReviewPage.objects.exists()
    assert not ReviewIndexPage.objects.exists()
    assert not DocumentVersion.objects.filter(published_at__isnull=False).exists()
    assert not ReviewEvent.objects.filter(review=review, action="publish").exists()


@pytest.mark.django_db
def test_a_term_on_page_two_of_the_pdf_report_refuses_publication(cast, approved):
    report = pdf_upload(
        ["Final anonymised report.", "Adult Q lived alone."],
        ["Page two.", f"Her friend {TERM} raised concerns."],
        name="final-report.pdf",
    )
    add_publishable_papers(approved, cast.manager, report=report)

    with pytest.raises(PublicationRefused) as refusal:
        publish(approved, cast.manager)

    message = str(refusal.value)
    assert refusal.value.status == 409
    assert f"“{TERM}” appears in Final anonymised report" in message
    assert "(final-report.pdf, version 1), page 2." in message
    assert "Executive summary" not in message  # the clean summary is not blamed
    assert_nothing_changed(approved)


@pytest.mark.django_db
def test_a_term_split_by_a_line_break_in_a_pdf_is_caught(cast, approved):
    summary = pdf_upload(
        ["Executive summary.", "The family, in particular Marjorie", "Fictitia, took part."],
        name="summary.pdf",
    )
    add_publishable_papers(approved, cast.manager, summary=summary)
    with pytest.raises(TransitionRefused, match=r"summary\.pdf, version 1\), page 1"):
        publish(approved, cast.manager)
    assert_nothing_changed(approved)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "location"),
    [
        ({"paragraphs": ("Intro.", "Background.", f"She met {TERM} weekly.")}, "paragraph 3"),
        ({"paragraphs": ("Intro.", "They lived at 14 Larkspur\nRow for years.")}, "paragraph 2"),
        ({"paragraphs": ("Intro.", "She met Marjorie", "Fictitia weekly.")}, "paragraph 2"),
        ({"paragraphs": ("Clean.",), "table": [["Name", TERM]]}, "table 1, row 1"),
        (
            {"paragraphs": ("Clean.",), "header": f"Draft – {TERM}"},
            "the page header of section 1 (word/header1.xml)",
        ),
        (
            {"paragraphs": ("Clean.",), "title": f"Review of {TERM}"},
            "document properties (core.xml: title)",
        ),
        (
            {"paragraphs": ("Clean.",), "deleted": TERM},
            "text deleted under tracked changes in paragraph 2",
        ),
    ],
)
def test_terms_anywhere_in_a_word_report_are_caught(cast, approved, kwargs, location):
    paragraphs = kwargs.pop("paragraphs")
    report = docx_upload(*paragraphs, name="final-report.docx", **kwargs)
    add_publishable_papers(approved, cast.manager, report=report)
    with pytest.raises(PublicationRefused) as refusal:
        publish(approved, cast.manager)
    message = str(refusal.value)
    assert f"(final-report.docx, version 1), {location}." in message
    assert "Marjorie" in message or "Larkspur" in message
    assert_nothing_changed(approved)


@pytest.mark.django_db
def test_opendocument_reports_are_checked_too(cast, approved):
    report = upload("report.odt", odt_bytes("Clean opening.", f"Visits by {TERM}."), ODT_TYPE)
    add_publishable_papers(approved, cast.manager, report=report)
    with pytest.raises(PublicationRefused, match=r"\(report\.odt, version 1\), paragraph 2\."):
        publish(approved, cast.manager)
    assert_nothing_changed(approved)


@pytest.mark.django_db
def test_every_finding_is_listed(cast, approved):
    report = docx_upload(f"{TERM} lived at 14 Larkspur Row.", name="report.docx")
    summary = pdf_upload([f"Summary naming {TERM}."], name="summary.pdf")
    add_publishable_papers(approved, cast.manager, report=report, summary=summary)
    with pytest.raises(PublicationRefused) as refusal:
        publish(approved, cast.manager)
    problems = refusal.value.problems
    assert len(problems) == 2
    assert {f.term for p in problems for f in p.findings} == {TERM, "14 Larkspur Row"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "reason"),
    [
        (upload("scan.pdf", image_only_pdf_bytes()), "no text could be found"),
        (upload("report.xlsx", xlsx_bytes()), "text cannot be read from this kind of file"),
    ],
)
def test_a_document_that_cannot_be_checked_is_not_published(cast, approved, file, reason):
    add_publishable_papers(approved, cast.manager, report=file)
    with pytest.raises(PublicationRefused, match=reason):
        publish(approved, cast.manager)
    assert_nothing_changed(approved)


@pytest.mark.django_db
def test_a_pseudonym_that_is_a_confidential_name_is_refused(cast, approved):
    type(approved).objects.filter(pk=approved.pk).update(pseudonym=TERM)
    add_publishable_papers(approved, cast.manager)
    with pytest.raises(PublicationRefused, match="public page's title"):
        publish(approved, cast.manager)
    assert_nothing_changed(approved)


@pytest.mark.django_db
def test_a_clean_set_publishes_the_review_page(client, cast, approved):
    report, summary = add_publishable_papers(
        approved,
        cast.manager,
        report=docx_upload("Final anonymised report.", "Adult Q lived alone.", name="r.docx"),
    )
    draft = add_paper(approved, CaseDocument.Kind.DRAFT_OVERVIEW_REPORT, cast.chair)

    review = publish(approved, cast.manager)

    assert review.state == State.PUBLISHED and review.published_on is not None
    page = ReviewPage.objects.get(review=review)
    index = page.get_parent().specific
    site_root = Site.objects.get(is_default_site=True).root_page
    assert isinstance(index, ReviewIndexPage) and index.get_parent().pk == site_root.pk
    assert page.live and not page.has_unpublished_changes
    assert "The review found missed chances to share information." in page.executive_summary
    report.refresh_from_db()
    summary.refresh_from_db()
    draft.refresh_from_db()
    assert report.published_at and summary.published_at and draft.published_at is None

    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The review found missed chances to share information." in html
    assert report.get_public_url() in html and summary.get_public_url() in html
    assert 'data-testid="recommendations"' in html
    assert TERM not in html
    download = client.get(report.get_public_url())
    assert download.status_code == 200
    draft_url = reverse("reviews_public:document", args=[draft.pk, "draft-overview-report.pdf"])
    assert client.get(draft_url).status_code == 404
    assert client.get(index.url).status_code == 200
    assert page.title in client.get(index.url).content.decode()


@pytest.mark.django_db
def test_an_existing_index_page_is_reused(cast, approved):
    root = Site.objects.get(is_default_site=True).root_page
    existing = root.add_child(instance=ReviewIndexPage(title="Our reviews", slug="our-reviews"))
    add_publishable_papers(approved, cast.manager)
    publish(approved, cast.manager)
    assert ReviewIndexPage.objects.count() == 1
    assert ReviewPage.objects.get().get_parent().pk == existing.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    ["reviews.papers.publication.ReviewPage.save_revision", "reviews.workflow.record_event"],
)
def test_a_failure_midway_leaves_nothing_half_done(cast, approved, target):
    """Fail while the page is made, or after it is made (writing the audit event): the
    public copies stored by then are removed again, rows and files."""
    add_publishable_papers(approved, cast.manager)
    pages_before = Page.objects.count()
    files_before = stored_files()
    with (
        mock.patch(target, side_effect=RuntimeError("injected failure")),
        pytest.raises(RuntimeError, match="injected failure"),
    ):
        publish(approved, cast.manager)
    assert_nothing_changed(approved)
    assert Page.objects.count() == pages_before
    assert not PublicCopy.objects.exists()
    assert stored_files() == files_before


@pytest.mark.django_db
def test_the_step_page_shows_the_refusal_to_the_manager(client, cast, approved):
    add_publishable_papers(
        approved, cast.manager, report=pdf_upload(["Clean."], [f"{TERM}."], name="final.pdf")
    )
    client.force_login(cast.manager)
    response = client.post(
        reverse("reviews:transition", args=[approved.pk, "publish"]),
        {"comment": "", "expected_state": State.QA_APPROVED},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Publication refused" in html and TERM in html and "page 2" in html
    assert_nothing_changed(approved)


@pytest.mark.django_db
def test_only_managers_can_publish_so_only_they_see_findings(cast, approved):
    add_publishable_papers(approved, cast.manager, report=pdf_upload([f"{TERM}."]))
    for user in (cast.chair, cast.panel_member, cast.approver):
        with pytest.raises(TransitionRefused) as refusal:
            publish(approved, user)
        assert refusal.value.status in (403, 404)
        assert TERM not in str(refusal.value)


@pytest.mark.django_db
def test_publish_needs_public_final_report_and_summary(cast, approved):
    add_paper(approved, CaseDocument.Kind.FINAL_REPORT, cast.manager)  # panel audience only
    with pytest.raises(TransitionRefused, match="marked for the public"):
        publish(approved, cast.manager)
    assert_nothing_changed(approved)


# ---------------------------------------------------------------- the confidential list


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["manager", "approver"])
def test_staff_see_and_edit_the_confidential_list(client, cast, approved, person):
    client.force_login(getattr(cast, person))
    page = client.get(reverse("reviews:inspect", args=[approved.pk])).content.decode()
    assert TERM in page
    client.post(
        reverse("reviews:add_confidential_term", args=[approved.pk]), {"term": "Rowan Invented"}
    )
    assert approved.confidential_terms.filter(term="Rowan Invented").exists()
    term = approved.confidential_terms.get(term="Rowan Invented")
    client.post(reverse("reviews:delete_confidential_term", args=[approved.pk, term.pk]))
    assert not approved.confidential_terms.filter(term="Rowan Invented").exists()
    events = ReviewEvent.objects.filter(review=approved)
    assert not any("Rowan" in event.comment or TERM in event.comment for event in events)


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["chair", "panel_member", "other_manager", "partner"])
def test_others_never_see_or_change_the_confidential_list(client, cast, approved, person):
    from reviews.models import PanelMembership

    PanelMembership.objects.create(review=approved, user=cast.panel_member)
    client.force_login(getattr(cast, person))
    page = client.get(reverse("reviews:inspect", args=[approved.pk]))
    assert TERM not in page.content.decode()
    response = client.post(
        reverse("reviews:add_confidential_term", args=[approved.pk]), {"term": "Sneaky Name"}
    )
    assert response.status_code == 404
    term = approved.confidential_terms.first()
    response = client.post(reverse("reviews:delete_confidential_term", args=[approved.pk, term.pk]))
    assert response.status_code == 404
    assert approved.confidential_terms.count() == 2


@pytest.mark.django_db
def test_bad_terms_are_refused(cast, approved):
    from django.core.exceptions import ValidationError

    for bad in ["", " x ", "marjorie   FICTITIA", "--", "Marjorie\u2010Fictitia"]:
        with pytest.raises(ValidationError):
            add_confidential_term(approved, bad, cast.manager)
    assert approved.confidential_terms.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "same",
    ["Marjorie\u2011Fictitia", "MARJORIE  fictitia", "Márjorie Fictitia", "\u041carjorie Fictitia"],
    ids=["non-breaking hyphen", "case and spaces", "accent", "cyrillic"],
)
def test_a_term_already_listed_however_typed_is_refused(cast, approved, same):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already on the case's confidential list"):
        add_confidential_term(approved, same, cast.manager)
    assert approved.confidential_terms.count() == 2


@pytest.mark.django_db
def test_variants_are_added_and_edited_on_the_case_page_and_never_in_the_history(
    client, cast, approved
):
    client.force_login(cast.manager)
    client.post(
        reverse("reviews:add_confidential_term", args=[approved.pk]),
        {"term": "Rowan Invented", "variants": "R. I.\nRo Invented\n\nro  invented"},
    )
    term = approved.confidential_terms.get(term="Rowan Invented")
    assert term.variants == ["R. I.", "Ro Invented"]  # the repeat, typography aside, dropped
    page = client.get(reverse("reviews:inspect", args=[approved.pk])).content.decode()
    assert "Ro Invented" in page and "Save the other spellings" in page

    url = reverse("reviews:change_confidential_variants", args=[approved.pk, term.pk])
    client.post(url, {"variants": "Rowan I.\nR. Invented"})
    term.refresh_from_db()
    assert term.variants == ["Rowan I.", "R. Invented"]

    # A variant that is another listed term (however typed) is refused; nothing changes.
    response = client.post(url, {"variants": "Marjorie\u2011Fictitia"}, follow=True)
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "The spellings were not changed. One of those variants is already on the case's "
        "confidential list."
    )
    term.refresh_from_db()
    assert term.variants == ["Rowan I.", "R. Invented"]

    client.post(url, {"variants": ""})
    term.refresh_from_db()
    assert term.variants == []
    events = ReviewEvent.objects.filter(review=approved)
    assert {"confidential_term_added", "confidential_term_changed"} <= {e.action for e in events}
    for event in events:
        assert not any(word in event.comment for word in ("Rowan", "Invented", "Ro ", "R. I"))


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["chair", "panel_member", "other_manager", "partner"])
def test_others_cannot_change_variants(client, cast, approved, person):
    term = approved.confidential_terms.get(term=TERM)
    client.force_login(getattr(cast, person))
    response = client.post(
        reverse("reviews:change_confidential_variants", args=[approved.pk, term.pk]),
        {"variants": "Sneaky"},
    )
    assert response.status_code == 404
    term.refresh_from_db()
    assert term.variants == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("variants", "message"),
    [("M", "at least two characters"), ("--", "at least one letter or digit")],
)
def test_bad_variants_are_refused(cast, approved, variants, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        add_confidential_term(approved, "Rowan Invented", cast.manager, variants=variants)
    assert approved.confidential_terms.count() == 2
