"""The publication gate through the real publish transition, with the generated corpus
(tests/papers/corpus.py): a representative set of its hiding places in each format is
refused, naming document and place, with nothing stored or changed; typographic and
declared variants are refused; clean files publish, and what the public downloads (a real
request) is the checked copy: re-read here, it holds no term, no annotation, attachment
or metadata, and neither its address nor its Content-Disposition carries the upload's
name. The full per-place corpus is tested at engine level in tests/papers."""

import io
import re

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from reviews.models import DocumentVersion, PublicCopy, ReviewEvent, ReviewPage
from reviews.papers.confidential import add_confidential_term, change_variants
from reviews.papers.publication import PublicationRefused
from reviews.papers.reading import find_in_document, read_document
from reviews.workflow import perform_transition
from search.models import SearchEntry
from tests.files import docx_upload, pdf_upload, upload
from tests.papers.corpus import (
    CLEAN_LINES,
    DOCX_CASES,
    DOCX_TYPE,
    ODT_CASES,
    ODT_TYPE,
    PDF_CASES,
    PDF_TYPE,
    TERM,
    docx_hiding_everywhere,
    odt_hiding_everywhere,
    pdf_hiding_everywhere,
)
from tests.papers.test_public_copy import expanded
from tests.reviews.helpers import (
    add_publishable_papers,
    approved_for_publication,
    stored_files,
)

OTHER_TERM = "Rowan Invented"  # another invented name: confidential in some tests below
REPORT = "Final anonymised report “Final anonymised report”"
EXTENSIONS = {DOCX_TYPE: "docx", ODT_TYPE: "odt", PDF_TYPE: "pdf"}

# A representative set of the corpus's hiding places (all of them: tests/papers).
REPRESENTATIVE = {
    DOCX_TYPE: (
        DOCX_CASES,
        [
            "tracked insertion",
            "tracked deletion",
            "block content control",
            "comment",
            "header",
            "app properties: Company",
            "custom properties",
            "custom XML part",
            "embedded HTML chunk",
        ],
    ),
    ODT_TYPE: (
        ODT_CASES,
        ["page header", "initial creator", "user-defined metadata", "annotation", "tracked change"],
    ),
    PDF_TYPE: (
        PDF_CASES,
        [
            "FreeText annotation",
            "bookmarks",
            "XMP metadata",
            "attached Word document",
            "form field value",
            "orphan object",
            "font lying to text extraction",
        ],
    ),
}
HIDING_PLACES = [
    pytest.param(case, content_type, id=f"{EXTENSIONS[content_type]}: {case.id}")
    for content_type, (cases, wanted) in REPRESENTATIVE.items()
    for case in cases
    if case.id in wanted
]
assert len(HIDING_PLACES) == sum(len(w) for _, w in REPRESENTATIVE.values())


@pytest.fixture
def approved(cast):
    """A DHR approved by the Home Office with TERM and an address on its confidential list."""
    return approved_for_publication(cast, TERM, "14 Larkspur Row")


@pytest.fixture
def approved_elsewhere(cast):
    """A review whose list holds OTHER_TERM only: the corpus's TERM is no secret here, so a
    file hiding TERM everywhere but its pages is clean and publishes."""
    return approved_for_publication(cast, OTHER_TERM)


def publish(review, user):
    return perform_transition(review.pk, "publish", user, comment="Publish.")


def snapshot(review):
    """Everything publication may change."""
    review.refresh_from_db()
    return {
        "state": review.state,
        "published_on": review.published_on,
        "pages": list(ReviewPage.objects.values_list("pk", "live", "title")),
        "published versions": list(
            DocumentVersion.objects.filter(published_at__isnull=False).values_list("pk")
        ),
        "public copies": list(PublicCopy.objects.values_list("pk", "sha256")),
        "events": list(ReviewEvent.objects.filter(review=review).values_list("pk")),
        "files": stored_files(),
    }


def refused(review, user):
    """Publish, expect a refusal that changes nothing; return its message."""
    before = snapshot(review)
    with pytest.raises(PublicationRefused) as refusal:
        publish(review, user)
    assert snapshot(review) == before
    return str(refusal.value)


# ---------------------------------------------------------------- refusals


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "content_type"), HIDING_PLACES)
def test_a_term_in_a_hiding_place_refuses_publication(cast, approved, case, content_type):
    name = f"final-report.{EXTENSIONS[content_type]}"
    add_publishable_papers(approved, cast.manager, report=upload(name, case.build(), content_type))
    message = refused(approved, cast.manager)
    assert f"“{TERM}” appears in {REPORT} ({name}, version 1), {case.place}" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "content_type", "places"),
    [
        (
            docx_hiding_everywhere,
            DOCX_TYPE,
            [
                "a comment",
                "document properties (core.xml: creator)",
                "document properties (app.xml: Company)",
                "the page header of section 1",
                "text deleted under tracked changes in paragraph 3",
                "hidden text in paragraph 3",
                "a field code in paragraph 3",
            ],
        ),
        (
            odt_hiding_everywhere,
            ODT_TYPE,
            [
                "the page header (styles.xml)",
                "the document's creator (meta.xml)",
                "user-defined metadata (meta.xml)",
                "text under tracked changes (text:tracked-changes)",
            ],
        ),
        (
            pdf_hiding_everywhere,
            PDF_TYPE,
            [
                "a PDF annotation (FreeText) on page 1",
                "the PDF bookmarks",
                "XMP metadata",
                "an attached file (notes.txt): its text",
                "a PDF form field",
                "PDF JavaScript",
                "an object not used by the document (left by an earlier edit)",
            ],
        ),
    ],
    ids=["docx", "odt", "pdf"],
)
def test_every_hiding_place_of_one_file_is_named(cast, approved, build, content_type, places):
    """A file whose pages are clean but whose every other place names the person: one
    sentence per place, so the officer knows everything to remove."""
    name = f"report.{EXTENSIONS[content_type]}"
    add_publishable_papers(approved, cast.manager, report=upload(name, build(), content_type))
    message = refused(approved, cast.manager)
    for place in places:
        assert f"“{TERM}” appears in {REPORT} ({name}, version 1), {place}" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written",
    [
        "Marjorie\u2011Fictitia",  # non-breaking hyphen
        "Marjorie\u2010Fictitia",  # Unicode hyphen
        "Marjorie Fic\u200btitia",  # zero-width space inside a word
        "\u041cаrjorie Fictitiа",  # Cyrillic М and а
        "ＭＡＲＪＯＲＩＥ ｆｉｃｔｉｔｉａ",  # fullwidth letters
        "Marjorie Ficti\u00ad\ntia",  # a soft hyphen and a line break
    ],
    ids=["non-breaking hyphen", "hyphen", "zero-width space", "cyrillic", "fullwidth", "soft"],
)
def test_a_typographic_variant_is_refused(cast, approved, written):
    report = docx_upload("Final anonymised report.", f"She met {written} weekly.", name="r.docx")
    add_publishable_papers(approved, cast.manager, report=report)
    message = refused(approved, cast.manager)
    assert f"“{TERM}” appears in {REPORT} (r.docx, version 1), paragraph 2." in message


@pytest.mark.django_db
def test_a_declared_variant_is_refused_and_reported_under_its_term(cast, approved):
    term = approved.confidential_terms.get(term=TERM)
    change_variants(term, "Marj F.\nM. Fictitia", cast.manager)
    summary = pdf_upload(["Executive summary.", "Marj F. took part."], name="summary.pdf")
    add_publishable_papers(approved, cast.manager, summary=summary)
    message = refused(approved, cast.manager)
    assert (
        f"“{TERM}” (written “Marj F.”) appears in Executive summary “Executive summary” "
        "(summary.pdf, version 1), page 1." in message
    )
    events = ReviewEvent.objects.filter(review=approved)
    assert not any("Marj" in e.comment or "Fictitia" in e.comment for e in events)


@pytest.mark.django_db
def test_a_term_in_the_title_of_a_listed_paper_is_refused(cast, approved):
    report, _ = add_publishable_papers(approved, cast.manager)
    type(report.document).objects.filter(pk=report.document_id).update(title=f"Report for {TERM}")
    message = refused(approved, cast.manager)
    assert (
        f"“{TERM}” appears in the title of the Final anonymised report listed on the public "
        "page." in message
    )


@pytest.mark.django_db
def test_a_term_in_the_reference_refuses_because_it_is_in_the_page_address(cast, approved):
    type(approved).objects.filter(pk=approved.pk).update(reference="Fictitia-2026")
    add_confidential_term(approved, "Fictitia", cast.manager)
    add_publishable_papers(approved, cast.manager)
    message = refused(approved, cast.manager)
    assert "“Fictitia” appears in the public page's web address" in message


# ---------------------------------------------------------------- what the public gets


def page_content_only(data):
    """Check a downloaded PDF with pikepdf and pypdf directly: pages and their drawing,
    one /Title, nothing else. Returns its page text."""
    assert data.startswith(b"%PDF-") and data.count(b"%%EOF") == 1
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert set(pdf.Root.keys()) <= {"/Type", "/Pages", "/Lang", "/ViewerPreferences"}
        assert set(pdf.docinfo.keys()) == {"/Title"}
        assert not pdf.attachments
        for page in pdf.pages:
            assert "/Annots" not in page.obj and "/PieceInfo" not in page.obj
    everything = expanded(data)  # every stream decoded, no object streams
    for name in (b"/Annots", b"/AcroForm", b"/Outlines", b"/EmbeddedFile", b"/Metadata"):
        assert not re.search(re.escape(name) + rb"(?![\w#+])", everything), name
    for name in (b"/JavaScript", b"/JS", b"/OpenAction", b"/StructTreeRoot", b"/ActualText"):
        assert not re.search(re.escape(name) + rb"(?![\w#+])", everything), name
    assert TERM.encode() not in everything and b"Fictitia" not in everything
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "content_type"),
    [
        (docx_hiding_everywhere, DOCX_TYPE),
        (odt_hiding_everywhere, ODT_TYPE),
        (pdf_hiding_everywhere, PDF_TYPE),
    ],
    ids=["docx", "odt", "pdf"],
)
def test_the_public_download_is_the_checked_copy_and_carries_no_upload_name(
    client, cast, approved_elsewhere, build, content_type
):
    """Uploads named after the confidential term, full of places the corpus hides TERM
    in (not confidential here, so they publish): the public gets page content only, under
    a name made from the pseudonym."""
    review = approved_elsewhere
    extension = EXTENSIONS[content_type]
    report = upload(f"{OTHER_TERM} final report.{extension}", build(), content_type)
    summary = pdf_upload(
        ["Executive summary.", "The review found missed chances."],
        name="Rowan-Invented-summary.pdf",
    )
    report, summary = add_publishable_papers(review, cast.manager, report=report, summary=summary)
    assert "Rowan" in report.original_filename and "Rowan" in summary.original_filename

    publish(review, cast.manager)

    page = ReviewPage.objects.get(review=review)
    html = client.get(page.url).content.decode()
    assert TERM not in html and "Rowan" not in html
    expected_names = {
        report: "adult-q-final-anonymised-report.pdf",
        summary: "adult-q-executive-summary.pdf",
    }
    for version, name in expected_names.items():
        version.refresh_from_db()
        url = version.get_public_url()
        assert url == f"/published-reports/{version.pk}/{name}" and url in html
        response = client.get(url)  # anonymous, a real request
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert disposition == f'attachment; filename="{name}"'
        assert response["Content-Type"] == "application/pdf"
        data = b"".join(response.streaming_content)
        with version.public_copy.file.open("rb") as stored:
            assert data == stored.read()
        assert version.public_copy.sha256 and version.public_copy.size == len(data)
        with version.file.open("rb") as upload_file:
            assert data != upload_file.read()  # never the upload itself
        shown = page_content_only(data)
        # Re-read with the gate's own reader too: nothing it can find, pages kept.
        assert find_in_document(data, PDF_TYPE, [TERM, OTHER_TERM]) == []
        pieces = read_document(data, PDF_TYPE).pieces
        assert all("annotation" not in p.location and "XMP" not in p.location for p in pieces)
        if version == report:
            assert CLEAN_LINES[0] in shown or "Final anonymised report." in shown
    # The upload's own name is refused as a public address.
    upload_name = f"/published-reports/{report.pk}/{report.original_filename}"
    assert client.get(upload_name).status_code == 404
    # What the page shows of the summary comes from its checked copy.
    assert "The review found missed chances." in page.executive_summary


@pytest.mark.django_db
def test_a_word_report_is_published_as_a_pdf_of_its_body(client, cast, approved_elsewhere):
    report = upload("report.docx", docx_hiding_everywhere(), DOCX_TYPE)
    report, _ = add_publishable_papers(approved_elsewhere, cast.manager, report=report)
    publish(approved_elsewhere, cast.manager)
    report.refresh_from_db()
    data = b"".join(client.get(report.get_public_url()).streaming_content)
    shown = page_content_only(data)
    for text in ("Final anonymised report.", "Inserted and accepted.", "A field result."):
        assert text in shown  # the body, tracked insertions accepted, field results kept
    assert "Findings" in shown and "Police" in shown  # headings and tables


@pytest.mark.django_db
def test_a_published_version_without_a_public_copy_is_not_served(client, cast, approved):
    """As after an upgrade: the page does not list it and its address answers 404, until
    regenerate_public_copies makes its copy again."""
    report, summary = add_publishable_papers(approved, cast.manager)
    publish(approved, cast.manager)
    report.refresh_from_db()
    url = report.get_public_url()
    PublicCopy.objects.all().delete()
    page = ReviewPage.objects.get(review=approved)
    html = client.get(page.url).content.decode()
    assert client.get(url).status_code == 404
    assert url not in html and "No documents are available to download." in html

    out = io.StringIO()
    call_command("regenerate_public_copies", stdout=out)
    assert "2 public copy(ies) made" in out.getvalue()
    assert client.get(url).status_code == 200
    call_command("regenerate_public_copies", stdout=out)  # again: nothing to remake
    assert "0 public copy(ies) made" in out.getvalue()


@pytest.mark.django_db
def test_regenerating_copies_refuses_a_review_that_now_holds_a_term(client, cast, approved):
    """A variant declared after publication is found in the live report: the review is
    reported, keeps what it had, and the command fails."""
    summary = pdf_upload(["Executive summary.", "Marj F. took part."], name="summary.pdf")
    report, summary = add_publishable_papers(approved, cast.manager, summary=summary)
    publish(approved, cast.manager)
    PublicCopy.objects.filter(version=summary).delete()
    change_variants(approved.confidential_terms.get(term=TERM), "Marj F.", cast.manager)
    before = list(PublicCopy.objects.values_list("pk", "sha256", "file"))
    files = stored_files()
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 review"):
        call_command("regenerate_public_copies", stdout=io.StringIO(), stderr=errors)
    assert "refused, nothing changed" in errors.getvalue()
    assert "(written “Marj F.”) appears in Executive summary" in errors.getvalue()
    assert list(PublicCopy.objects.values_list("pk", "sha256", "file")) == before
    assert stored_files() == files
    summary.refresh_from_db()
    assert not PublicCopy.objects.filter(version=summary).exists()


@pytest.mark.django_db
def test_public_search_rows_hold_the_copy_text_not_the_upload(cast, approved_elsewhere):
    """The upload's body holds TERM as deleted and hidden text; the copy does not: the
    private row of a draft searches the upload, the public row the copy."""
    report = upload("report.docx", docx_hiding_everywhere(), DOCX_TYPE)
    report, _ = add_publishable_papers(approved_elsewhere, cast.manager, report=report)
    row = SearchEntry.objects.get(source="document", source_id=report.pk)
    assert not row.is_public and TERM in row.body
    publish(approved_elsewhere, cast.manager)
    row = SearchEntry.objects.get(source="document", source_id=report.pk)
    assert row.is_public and TERM not in row.body
    assert "Inserted and accepted." in row.body
    approved_elsewhere.refresh_from_db()
    assert row.url == approved_elsewhere.get_public_url()  # a public paper opens its review
