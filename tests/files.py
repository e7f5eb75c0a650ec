"""Real documents built in memory for tests: PDF (reportlab), DOCX (python-docx), ODT and
XLSX, so uploads, text extraction and the publication check run on genuine files."""

import io
import zipfile

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_bytes(*pages, title="Fictional test document", author="Test"):
    """A PDF with one page per argument; each page is a list of lines (or one string)."""
    pages = pages or (["Fictional test document."],)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    for lines in pages:
        if isinstance(lines, str):
            lines = [lines]
        y = 780
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf_bytes():
    """A PDF with a drawing and no text, like a scanned page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.rect(72, 600, 200, 100, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(*paragraphs, table=None, header=None, title="", deleted=None):
    """A Word document: paragraphs (a paragraph may hold '\\n' for a line break inside
    it), an optional table (list of rows), header text, title property, and text deleted
    under tracked changes."""
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        lines = text.split("\n")
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if header:
        document.sections[0].header.is_linked_to_previous = False
        document.sections[0].header.paragraphs[0].text = header
    document.core_properties.title = title
    document.core_properties.author = "Test"
    if deleted:
        add_tracked_deletion(document.add_paragraph("Kept text."), deleted)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_tracked_deletion(paragraph, text):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="Test" w:date="2026-01-01T00:00:00Z">'
            f"<w:r><w:delText>{text}</w:delText></w:r></w:del>"
        )
    )


def odt_bytes(*paragraphs):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text>"
        + "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
        + "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", ODT_TYPE, compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return buffer.getvalue()


def xlsx_bytes(rows=(("Action", "Owner"), ("Fictional action", "Agency"))):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf_upload(*pages, name="report.pdf"):
    return upload(name, pdf_bytes(*pages), PDF_TYPE)


def docx_upload(*paragraphs, name="report.docx", **kwargs):
    return upload(name, docx_bytes(*paragraphs, **kwargs), DOCX_TYPE)
