"""Each hiding place in the corpus is found by the exhaustive reader, and named."""

import pytest

from reviews.papers.reading import find_in_document
from tests.papers.corpus import (
    CLEAN_LINES,
    DOCX_CASES,
    DOCX_TYPE,
    ODT_CASES,
    ODT_TYPE,
    PDF_CASES,
    PDF_TYPE,
    TERM,
    clean_docx,
    clean_odt,
    clean_pdf,
)

CASES = (
    [pytest.param(case, DOCX_TYPE, id=f"docx: {case}") for case in DOCX_CASES]
    + [pytest.param(case, ODT_TYPE, id=f"odt: {case}") for case in ODT_CASES]
    + [pytest.param(case, PDF_TYPE, id=f"pdf: {case}") for case in PDF_CASES]
)


@pytest.mark.parametrize(("case", "content_type"), CASES)
def test_a_term_in_each_hiding_place_is_found_and_the_place_named(case, content_type):
    findings = find_in_document(case.build(), content_type, [TERM])
    places = [finding.location for finding in findings]
    assert findings, f"{TERM} was not found in the {case}"
    assert all(finding.term == TERM for finding in findings)
    assert any(place.startswith(case.place) for place in places), places


@pytest.mark.parametrize(
    ("build", "content_type"),
    [(clean_docx, DOCX_TYPE), (clean_odt, ODT_TYPE), (clean_pdf, PDF_TYPE)],
    ids=["docx", "odt", "pdf"],
)
def test_a_clean_document_has_no_findings(build, content_type):
    assert find_in_document(build(), content_type, [TERM, "Larkspur Row"]) == []


@pytest.mark.parametrize("case", DOCX_CASES, ids=str)
def test_the_word_corpus_files_open_in_python_docx(case):
    import io

    import docx

    document = docx.Document(io.BytesIO(case.build()))
    assert document.paragraphs[0].text == "Final anonymised report."


@pytest.mark.parametrize(
    "case",
    [
        case
        for case in PDF_CASES
        if "update" in case.id or "orphan" in case.id or "replaced" in case.id
    ],
    ids=str,
)
def test_what_an_incremental_update_left_behind_is_not_in_the_live_document(case):
    """The corpus is honest: an ordinary reader of these PDFs does not show the term; only
    the leftover bytes hold it."""
    import io

    from pypdf import PdfReader

    data = case.build()
    reader = PdfReader(io.BytesIO(data))
    shown = "\n".join(page.extract_text() for page in reader.pages)
    shown += "\n".join(str(value) for value in (reader.metadata or {}).values())
    assert CLEAN_LINES[0] in shown and TERM not in shown


def test_the_lying_font_really_hides_the_name_from_text_extraction():
    import io

    from pypdf import PdfReader

    from tests.papers.corpus import pdf_lying_to_text_extraction

    text = PdfReader(io.BytesIO(pdf_lying_to_text_extraction())).pages[0].extract_text()
    assert text.strip() and "Marjorie" not in text and CLEAN_LINES[0] not in text


def test_pages_drawn_in_subset_fonts_are_read_once():
    """Codes of subset and composite fonts are not letters: only the page text is read
    (reading the codes as letters would make noise that can look like a short name)."""
    from reviews.papers.public_copy import make_public_copy
    from reviews.papers.reading import read_document

    copy = make_public_copy(clean_docx(), DOCX_TYPE, "Adult Q", "Final report")
    pieces = read_document(copy.data, PDF_TYPE).pieces
    assert [p.location for p in pieces if p.location == "page 1"] == ["page 1"]


@pytest.mark.parametrize("nickname", ["Ed", "Dee", "Abe", "Bea", "Ada", "Fae", "Deb"])
def test_revision_ids_do_not_look_like_short_names(nickname):
    """Word marks every edit with hex revision ids ("00DEE5A1"); they are not text."""
    import io

    import docx

    document = docx.Document(io.BytesIO(clean_docx()))
    revision = f"00{nickname.upper()}{'1' * (6 - len(nickname))}"
    document.paragraphs[0]._p.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rsidR", revision
    )
    buffer = io.BytesIO()
    document.save(buffer)
    assert find_in_document(buffer.getvalue(), DOCX_TYPE, [nickname]) == []
