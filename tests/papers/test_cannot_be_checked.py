"""A file that cannot be read completely is never called clean: CannotBeChecked, saying
why and, for a file inside a file, where."""

import io
import zipfile

import pikepdf
import pytest

from reviews.papers.reading import CannotBeChecked, find_in_document
from tests.papers.corpus import (
    DOCX_TYPE,
    ODT_TYPE,
    PDF_TYPE,
    TERM,
    clean_docx,
    pdf_attachment,
    pdf_document,
    replace_parts,
)


def encrypted_pdf():
    with pikepdf.open(io.BytesIO(pdf_document())) as pdf:
        buffer = io.BytesIO()
        pdf.save(buffer, encryption=pikepdf.Encryption(owner="owner", user="user"))
    return buffer.getvalue()


def image_only_pdf():
    return pdf_document(lines=(), title="")


def docx_with_dtd():
    data = clean_docx()
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    body = body.replace("<w:document", '<!DOCTYPE w:document [<!ENTITY n "x">]><w:document', 1)
    return replace_parts(data, {"word/document.xml": body})


def nested(depth):
    """A PDF attached to a PDF attached to ... `depth` times."""
    data = pdf_document()
    for level in range(depth):
        data = pdf_attachment(f"level{level}.pdf", data)()
    return data


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (encrypted_pdf(), PDF_TYPE, "it is password-protected"),
        (image_only_pdf(), PDF_TYPE, "no text could be found in it"),
        (b"%PDF-1.7\nnot really", PDF_TYPE, "it is not a readable PDF"),
        (b"PK\x03\x04broken", DOCX_TYPE, "it is not a readable zip package"),
        (b"PK\x03\x04broken", ODT_TYPE, "it is not a readable zip package"),
        (docx_with_dtd(), DOCX_TYPE, r"its part word/document.xml declares a document type"),
        (b"anything", "application/zip", "text cannot be read from this kind of file"),
        (
            pdf_attachment("secret.pdf", encrypted_pdf())(),
            PDF_TYPE,
            r"it is password-protected \(an attached file \(secret.pdf\)\)",
        ),
        (nested(4), PDF_TYPE, "nested too deeply"),
    ],
    ids=[
        "encrypted PDF",
        "scanned PDF",
        "damaged PDF",
        "damaged DOCX",
        "damaged ODT",
        "DOCX with a DTD",
        "other type",
        "encrypted attachment",
        "attachments nested too deeply",
    ],
)
def test_what_cannot_be_read_cannot_be_checked(data, content_type, reason):
    with pytest.raises(CannotBeChecked, match=reason):
        find_in_document(data, content_type, [TERM])


def test_three_levels_of_attachment_are_read():
    assert find_in_document(nested(3), PDF_TYPE, [TERM]) == []


def test_a_form_whose_text_is_all_in_content_controls_is_readable():
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from tests.papers.corpus import saved

    document = docx.Document()
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Name: {TERM}</w:t></w:r>"
            "</w:p></w:sdtContent></w:sdt>"
        ),
    )
    findings = find_in_document(saved(document), DOCX_TYPE, [TERM])
    assert [f.location for f in findings] == ["a content control in paragraph 1"]


def test_a_document_whose_only_text_is_in_its_properties_cannot_be_checked():
    import docx

    from tests.papers.corpus import saved

    document = docx.Document()
    document.core_properties.title = "A scanned letter"
    with pytest.raises(CannotBeChecked, match="no text could be found"):
        find_in_document(saved(document), DOCX_TYPE, [TERM])
