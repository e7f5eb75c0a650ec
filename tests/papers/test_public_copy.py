"""The public file is a checked derivative: a PDF holding page content only, named from
the pseudonym, read again before use. Each copy is verified here with pikepdf and pypdf
directly, independently of the reader under test."""

import io
import re

import pikepdf
import pytest
from pypdf import PdfReader

from reviews.papers.public_copy import check_public_copy, make_public_copy, public_filename
from reviews.papers.reading import CannotBeChecked
from tests.papers.corpus import (
    CLEAN_LINES,
    DOCX_TYPE,
    ODT_TYPE,
    PDF_TYPE,
    TERM,
    clean_docx,
    clean_odt,
    clean_pdf,
    docx_body_with,
    docx_hiding_everywhere,
    odt_hiding_everywhere,
    pdf_hiding_everywhere,
)

PSEUDONYM, KIND = "Adult Q", "Final report"
ALLOWED_CATALOG = {"/Type", "/Pages", "/Lang", "/ViewerPreferences"}
ALLOWED_PAGE = {"/Type", "/Parent", "/MediaBox", "/CropBox", "/Rotate", "/Resources", "/Contents"}
DROPPED_STRUCTURES = [
    b"/Annots",
    b"/AcroForm",
    b"/Outlines",
    b"/Names",
    b"/Metadata",
    b"/EmbeddedFile",
    b"/JavaScript",
    b"/JS",
    b"/OpenAction",
    b"/AA",
    b"/StructTreeRoot",
    b"/PieceInfo",
    b"/ActualText",
    b"/Thumb",
]


def expanded(data):
    """The PDF rewritten by qpdf with every stream it can decode decoded, objects outside
    object streams: searching these bytes searches everything the file holds."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        buffer = io.BytesIO()
        pdf.save(
            buffer,
            qdf=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
        )
    return buffer.getvalue()


def assert_page_content_only(data):
    assert data.count(b"%%EOF") == 1, "a fresh file, no incremental update"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert set(pdf.Root.keys()) <= ALLOWED_CATALOG
        assert set(pdf.trailer.keys()) <= {"/Root", "/Info", "/Size", "/ID"}
        assert set(pdf.docinfo.keys()) == {"/Title"}
        assert str(pdf.docinfo.Title) == f"{KIND}: {PSEUDONYM}"
        for page in pdf.pages:
            assert set(page.obj.keys()) <= ALLOWED_PAGE
        # every object in the file is one the document uses
        written = {objgen for objgen, entry in pdf.get_xref_table().items() if entry.type}
        assert len(written) == len([o for o in pdf.objects if o is not None and o.objgen[0]])
    everything = expanded(data)
    for structure in DROPPED_STRUCTURES:  # as a whole PDF name ("/AA", not "/AAAAAA+Vera")
        assert not re.search(re.escape(structure) + rb"(?![\w#+])", everything), structure


def assert_term_absent(data):
    everything = expanded(data)
    assert TERM.encode() not in everything
    assert TERM.encode("utf-16-be") not in everything
    reader = PdfReader(io.BytesIO(data))
    shown = "\n".join(page.extract_text() for page in reader.pages)
    assert TERM not in shown
    assert all(TERM not in str(value) for value in (reader.metadata or {}).values())
    return shown


@pytest.mark.parametrize(
    ("build", "content_type"),
    [(clean_docx, DOCX_TYPE), (clean_odt, ODT_TYPE), (clean_pdf, PDF_TYPE)],
    ids=["docx", "odt", "pdf"],
)
def test_a_clean_upload_gives_a_clean_page_only_public_pdf(build, content_type):
    checked = check_public_copy(build(), content_type, [TERM], PSEUDONYM, KIND)
    assert checked.clean
    assert checked.upload_findings == () and checked.copy_findings == ()
    assert checked.copy.filename == "adult-q-final-report.pdf"
    assert checked.copy.content_type == "application/pdf"
    assert_page_content_only(checked.copy.data)
    shown = assert_term_absent(checked.copy.data)
    assert all(line in shown for line in CLEAN_LINES)


def test_a_pdf_hiding_the_name_everywhere_but_its_pages_becomes_a_pages_only_copy():
    upload = pdf_hiding_everywhere()
    checked = check_public_copy(upload, PDF_TYPE, [TERM], PSEUDONYM, KIND)
    places = {finding.location for finding in checked.upload_findings}
    assert {
        "a PDF annotation (FreeText) on page 1",
        "the PDF bookmarks",
        "XMP metadata",
        "an attached file (notes.txt): its text",
        "PDF JavaScript",
        "a PDF form field",
        "the tagged-PDF structure (alt text, actual text)",
        "private application data (PieceInfo)",
        "page 1",  # the marked-content /ActualText
        "text stored inside a picture (the fonts and pictures of page 1)",
        "an object not used by the document (left by an earlier edit)",
    } <= places, places
    assert checked.copy_findings == ()
    assert not checked.clean  # the upload's findings still stop publication
    assert_page_content_only(checked.copy.data)
    shown = assert_term_absent(checked.copy.data)
    assert all(line in shown for line in CLEAN_LINES)
    with pikepdf.open(io.BytesIO(checked.copy.data)) as copy:
        images = list(copy.pages[0].get_images().values())
        assert len(images) == 1 and images[0].Filter == pikepdf.Name.DCTDecode


@pytest.mark.parametrize(
    ("build", "content_type", "hidden_places"),
    [
        (
            docx_hiding_everywhere,
            DOCX_TYPE,
            {
                "the page header of section 1 (word/header1.xml)",
                "the page footer of section 1 (word/footer1.xml)",
                "a comment",
                "text deleted under tracked changes in paragraph 3",
                "hidden text in paragraph 3",
                "a field code in paragraph 3",
                "document properties (core.xml: creator)",
                "document properties (app.xml: Company)",
            },
        ),
        (
            odt_hiding_everywhere,
            ODT_TYPE,
            {
                "a comment (office:annotation) in paragraph 4",
                "text under tracked changes (text:tracked-changes)",
                "the page header (styles.xml)",
                "the document's creator (meta.xml)",
                "user-defined metadata (meta.xml)",
            },
        ),
    ],
    ids=["docx", "odt"],
)
def test_a_word_or_opendocument_upload_is_rendered_from_its_body_only(
    build, content_type, hidden_places
):
    checked = check_public_copy(build(), content_type, [TERM], PSEUDONYM, KIND)
    assert hidden_places <= {f.location for f in checked.upload_findings}
    assert checked.copy_findings == ()
    assert_page_content_only(checked.copy.data)
    shown = assert_term_absent(checked.copy.data)
    for text in (*CLEAN_LINES, "Findings", "Agency", "Police", "Kept."):
        assert text in shown
    if content_type == DOCX_TYPE:
        assert "Inserted and accepted. A field result." in shown


def test_a_name_in_the_body_is_found_in_the_upload_and_in_the_copy():
    upload = docx_body_with(f"Her friend {TERM} raised concerns.")
    checked = check_public_copy(upload, DOCX_TYPE, [TERM], PSEUDONYM, KIND)
    assert [f.location for f in checked.upload_findings] == ["paragraph 3"]
    assert [f.location for f in checked.copy_findings] == ["the public copy, page 1"]
    assert not checked.clean


def test_the_copy_is_named_from_pseudonym_and_kind_and_checked_by_name():
    assert public_filename("Adult Q", "Final report") == "adult-q-final-report.pdf"
    assert public_filename("DHR / ../x", "Executive summary") == "dhr-x-executive-summary.pdf"
    assert public_filename("…", "") == "document.pdf"
    copy = make_public_copy(clean_pdf(), PDF_TYPE, "Child R", "Executive summary")
    assert copy.filename == "child-r-executive-summary.pdf"
    checked = check_public_copy(clean_pdf(), PDF_TYPE, ["Marjorie"], "Marjorie", KIND)
    places = [f.location for f in checked.copy_findings]
    assert "the public copy, its file name" in places
    assert "the public copy, the PDF document information (Title)" in places


def test_an_upload_that_cannot_be_read_gives_no_copy():
    with pikepdf.open(io.BytesIO(clean_pdf())) as pdf:
        buffer = io.BytesIO()
        pdf.save(buffer, encryption=pikepdf.Encryption(owner="owner", user="user"))
    with pytest.raises(CannotBeChecked, match="password-protected"):
        check_public_copy(buffer.getvalue(), PDF_TYPE, [TERM], PSEUDONYM, KIND)
    with pytest.raises(CannotBeChecked, match="cannot be read from this kind of file"):
        check_public_copy(b"PK\x03\x04", "application/zip", [TERM], PSEUDONYM, KIND)


def test_a_table_nested_in_a_cell_is_rendered_once():
    from tests.papers.corpus import saved, word_document

    document = word_document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "Outer cell"
    outer.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Nested cell"
    copy = make_public_copy(saved(document), DOCX_TYPE, PSEUDONYM, KIND)
    shown = "".join(page.extract_text() for page in PdfReader(io.BytesIO(copy.data)).pages)
    assert shown.count("Outer cell") == 1 and shown.count("Nested cell") == 1


def test_word_lists_keep_their_numbers_and_bullets():
    from tests.papers.corpus import saved, word_document

    document = word_document()
    for text in ("Share records.", "Train staff."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("A point.", style="List Bullet")
    copy = make_public_copy(saved(document), DOCX_TYPE, PSEUDONYM, KIND)
    shown = "".join(page.extract_text() for page in PdfReader(io.BytesIO(copy.data)).pages)
    assert "1. Share records." in shown and "2. Train staff." in shown
    assert "• A point." in shown


def test_list_numbers_in_words_formats():
    from reviews.papers.public_copy import list_number

    assert [list_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [list_number(n, "upperRoman") for n in (4, 9, 14, 1990)] == ["IV", "IX", "XIV", "MCMXC"]
    assert list_number(7, "decimal") == "7"
