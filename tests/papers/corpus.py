"""A corpus of real documents that hide a confidential term in one place each.

Every builder returns the bytes of a genuine file (python-docx, hand-written OpenDocument
XML, reportlab + pikepdf for PDF) that is clean except for TERM in one hiding place. The
cases are (id, builder, the place the reader must name).
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

import docx
import pikepdf
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image, PngImagePlugin
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

TERM = "Marjorie Fictitia"  # an invented name standing in for a real one
CLEAN_LINES = ("Final anonymised report.", "Adult Q lived alone and was known to services.")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
PDF_TYPE = "application/pdf"
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


@dataclass(frozen=True)
class Case:
    id: str
    build: object
    place: str

    def __str__(self):
        return self.id


# ---------------------------------------------------------------- DOCX


def word_document():
    document = docx.Document()
    for line in CLEAN_LINES:
        document.add_paragraph(line)
    document.core_properties.author = "Review team"
    document.core_properties.title = "Final report"
    document.core_properties.comments = ""
    return document


def saved(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_paragraph_xml(inner):
    """A DOCX whose third paragraph is `inner` (WordprocessingML inside <w:p>)."""
    document = word_document()
    document.element.body.insert(2, parse_xml(f"<w:p {nsdecls('w', 'r')} {VML}>{inner}</w:p>"))
    return saved(document)


def with_body_xml(xml):
    """A DOCX with a block element (table, content control...) after the clean text."""
    document = word_document()
    document.element.body.insert(2, parse_xml(xml))
    return saved(document)


def replace_parts(data, parts, content_types=(), relationships=()):
    """The package with parts added or replaced, content-type overrides and document
    relationships added: (part, content type) and (id, type, target, external)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {name: source.read(name) for name in source.namelist()}
    files.update(
        {name: value.encode() if isinstance(value, str) else value for name, value in parts.items()}
    )
    types = files["[Content_Types].xml"].decode()
    for part, content_type in content_types:
        types = types.replace(
            "</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
        )
    files["[Content_Types].xml"] = types.encode()
    rels_name = "word/_rels/document.xml.rels"
    rels = files[rels_name].decode()
    for rel_id, rel_type, target, external in relationships:
        mode = ' TargetMode="External"' if external else ""
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"{mode}/>'
            "</Relationships>",
        )
    files[rels_name] = rels.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def docx_body():
    document = word_document()
    document.add_paragraph(f"Her friend {TERM} raised concerns.")
    return saved(document)


def docx_table():
    document = word_document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Name"
    table.cell(1, 1).text = TERM
    return saved(document)


def docx_header(kind):
    def build():
        document = word_document()
        section = document.sections[0]
        if kind.startswith("first_page"):
            section.different_first_page_header_footer = True
        if kind.startswith("even_page"):
            document.settings.odd_and_even_pages_header_footer = True
        getattr(section, kind).paragraphs[0].text = f"Draft – {TERM}"
        return saved(document)

    return build


def docx_comment():
    document = word_document()
    paragraph = document.paragraphs[1]
    document.add_comment(paragraph.runs, text=f"Check with {TERM}", author="Reviewer")
    return saved(document)


def notes_part(kind):
    return (
        f"<w:{kind}s {nsdecls('w')}>"
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:id="1"><w:p><w:r><w:t>Told by {TERM}.</w:t></w:r></w:p></w:{kind}>'
        f"</w:{kind}s>"
    )


NOTES_RELATIONSHIPS = {"footnote": RT.FOOTNOTES, "endnote": RT.ENDNOTES}


def docx_notes(kind):
    def build():
        data = with_paragraph_xml(
            f'<w:r><w:t>See the note.</w:t></w:r><w:r><w:{kind}Reference w:id="1"/></w:r>'
        )
        return replace_parts(
            data,
            {f"word/{kind}s.xml": notes_part(kind)},
            [
                (
                    f"word/{kind}s.xml",
                    f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
                )
            ],
            [(f"rIdNotes{kind}", NOTES_RELATIONSHIPS[kind], f"{kind}s.xml", False)],
        )

    return build


def docx_text_box():
    return with_paragraph_xml(
        "<w:r><w:pict><v:shape style='width:200pt;height:50pt'><v:textbox><w:txbxContent>"
        f"<w:p><w:r><w:t>{TERM}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )


CHANGE = 'w:author="Reviewer" w:date="2026-01-01T00:00:00Z"'


def docx_paragraph(inner):
    return lambda: with_paragraph_xml(inner)


def docx_block(xml):
    return lambda: with_body_xml(xml)


DOCX_TRACKED_MOVE_TO = (
    f'<w:moveToRangeStart w:id="10" {CHANGE} w:name="move1"/>'
    f'<w:moveTo w:id="11" {CHANGE}><w:r><w:t>{TERM}</w:t></w:r></w:moveTo>'
    '<w:moveToRangeEnd w:id="10"/>'
)
DOCX_TRACKED_MOVE_FROM = (
    f'<w:moveFromRangeStart w:id="12" {CHANGE} w:name="move1"/>'
    f'<w:moveFrom w:id="13" {CHANGE}><w:r><w:t>{TERM}</w:t></w:r></w:moveFrom>'
    '<w:moveFromRangeEnd w:id="12"/>'
)
DOCX_COMPLEX_FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> DOCPROPERTY Manager </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    f"<w:r><w:t>{TERM}</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
DOCX_FIELD_CODE = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    f'<w:r><w:instrText xml:space="preserve"> QUOTE "{TERM}" </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r><w:t>a quotation</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def docx_custom_xml_part():
    return replace_parts(
        docx_body_clean(),
        {
            "customXml/item9.xml": f"<people><person><name>{TERM}</name></person></people>",
            "customXml/_rels/item9.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"/>'
            ),
        },
        relationships=[("rIdCx9", f"{RT.CUSTOM_XML}", "../customXml/item9.xml", False)],
    )


def docx_alt_chunk():
    data = with_body_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="rIdAlt1"/>')
    return replace_parts(
        data,
        {"word/afchunk.htm": f"<html><body><p>Visitor: {TERM}</p></body></html>"},
        [("word/afchunk.htm", "text/html")],
        [("rIdAlt1", RT.A_F_CHUNK, "afchunk.htm", False)],
    )


def app_properties(company="Partnership", manager="Chair"):
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><Application>Microsoft Office Word</Application>'
        f"<Company>{company}</Company><Manager>{manager}</Manager></Properties>"
    )


def docx_app(field):
    def build():
        values = {"company": "Partnership", "manager": "Chair", field: TERM}
        return replace_parts(docx_body_clean(), {"docProps/app.xml": app_properties(**values)})

    return build


def docx_custom_properties():
    custom = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="Informant"><vt:lpwstr>{TERM}</vt:lpwstr></property></Properties>'
    )
    return replace_parts(
        docx_body_clean(),
        {"docProps/custom.xml": custom},
        [
            (
                "docProps/custom.xml",
                "application/vnd.openxmlformats-officedocument.custom-properties+xml",
            )
        ],
    )


def docx_core(attribute):
    def build():
        document = word_document()
        setattr(document.core_properties, attribute, f"Notes on {TERM}")
        return saved(document)

    return build


def png_bytes(text_chunk=None):
    image = Image.new("RGB", (8, 8), "white")
    info = PngImagePlugin.PngInfo()
    if text_chunk:
        info.add_text("Author", text_chunk)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def docx_picture(alt_text="A chart", chunk=None):
    document = word_document()
    document.add_picture(io.BytesIO(png_bytes(chunk)))
    doc_pr = document.element.body.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", alt_text)
    return saved(document)


def docx_hyperlink():
    document = word_document()
    paragraph = document.add_paragraph()
    rel_id = paragraph.part.relate_to(
        "mailto:marjorie.fictitia@example.org", RT.HYPERLINK, is_external=True
    )
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel_id}"><w:r><w:t>write to the friend'
            "</w:t></w:r></w:hyperlink>"
        )
    )
    return saved(document)


def docx_document_variable():
    document = word_document()
    document.settings.element.append(
        parse_xml(
            f'<w:docVars {nsdecls("w")}><w:docVar w:name="Client" w:val="{TERM}"/></w:docVars>'
        )
    )
    return saved(document)


def docx_xml_comment():
    data = docx_body_clean()
    source = zipfile.ZipFile(io.BytesIO(data))
    body = source.read("word/document.xml").decode()
    body = body.replace("<w:body>", f"<w:body><!-- {TERM} -->", 1)
    return replace_parts(data, {"word/document.xml": body})


def docx_prolog_comment():
    data = docx_body_clean()
    source = zipfile.ZipFile(io.BytesIO(data))
    core = source.read("docProps/core.xml").decode()
    core = core.replace("?>", f"?><!-- drafted for {TERM} -->", 1)
    return replace_parts(data, {"docProps/core.xml": core})


def docx_malformed_part():
    """A part that is not well-formed XML: Word refuses it, a text editor shows it."""
    return replace_parts(
        docx_body_clean(),
        {"customXml/item9.xml": f"<people><name>{TERM}</name><unclosed></people>"},
    )


def docx_unknown_part():
    return replace_parts(docx_body_clean(), {"word/notes-to-self.xml": f"<n>{TERM}</n>"})


def docx_embedded_document():
    inner = word_document()
    inner.add_paragraph(f"Interview with {TERM}.")
    return replace_parts(docx_body_clean(), {"word/embeddings/Document1.docx": saved(inner)})


def docx_body_clean():
    return saved(word_document())


def docx_body_with(text):
    document = word_document()
    document.add_paragraph(text)
    return saved(document)


DOCX_CASES = [
    Case("body", docx_body, "paragraph 3"),
    Case("table", docx_table, "table 1, row 2"),
    Case("header", docx_header("header"), "the page header of section 1 (word/header"),
    Case("footer", docx_header("footer"), "the page footer of section 1 (word/footer"),
    Case(
        "first-page header", docx_header("first_page_header"), "the first-page header of section 1"
    ),
    Case(
        "first-page footer", docx_header("first_page_footer"), "the first-page footer of section 1"
    ),
    Case("even-page header", docx_header("even_page_header"), "the even-page header of section 1"),
    Case("comment", docx_comment, "a comment"),
    Case("footnote", docx_notes("footnote"), "a footnote"),
    Case("endnote", docx_notes("endnote"), "an endnote"),
    Case("text box", docx_text_box, "a text box in paragraph 3"),
    Case(
        "tracked deletion",
        docx_paragraph(
            f'<w:r><w:t>Kept.</w:t></w:r><w:del w:id="1" {CHANGE}>'
            f"<w:r><w:delText>{TERM}</w:delText></w:r></w:del>"
        ),
        "text deleted under tracked changes in paragraph 3",
    ),
    Case(
        "tracked insertion",
        docx_paragraph(f'<w:ins w:id="2" {CHANGE}><w:r><w:t>{TERM}</w:t></w:r></w:ins>'),
        "text inserted under tracked changes in paragraph 3",
    ),
    Case(
        "tracked move (new place)",
        docx_paragraph(DOCX_TRACKED_MOVE_TO),
        "a tracked move in paragraph 3",
    ),
    Case(
        "tracked move (old place)",
        docx_paragraph(DOCX_TRACKED_MOVE_FROM),
        "a tracked move (the text's old place) in paragraph 3",
    ),
    Case(
        "tracked change author",
        docx_paragraph(
            f'<w:ins w:id="3" w:author="{TERM}" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:t>ok</w:t></w:r></w:ins>"
        ),
        "the name of an author of changes or comments (word/document.xml)",
    ),
    Case(
        "block content control",
        docx_block(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent>'
            f"<w:p><w:r><w:t>{TERM}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
        "a content control in paragraph 3",
    ),
    Case(
        "inline content control",
        docx_paragraph(
            "<w:r><w:t>Seen by </w:t></w:r><w:sdt><w:sdtContent>"
            f"<w:r><w:t>{TERM}</w:t></w:r></w:sdtContent></w:sdt>"
        ),
        "a content control in paragraph 3",
    ),
    Case(
        "content control list item",
        docx_paragraph(
            "<w:sdt><w:sdtPr><w:dropDownList>"
            f'<w:listItem w:displayText="{TERM}" w:value="1"/></w:dropDownList></w:sdtPr>'
            "<w:sdtContent><w:r><w:t>Choose</w:t></w:r></w:sdtContent></w:sdt>"
        ),
        "a content control's settings in paragraph 3",
    ),
    Case(
        "simple field result",
        docx_paragraph(
            f'<w:fldSimple w:instr=" AUTHOR "><w:r><w:t>{TERM}</w:t></w:r></w:fldSimple>'
        ),
        "a field result in paragraph 3",
    ),
    Case(
        "complex field result", docx_paragraph(DOCX_COMPLEX_FIELD), "a field result in paragraph 3"
    ),
    Case("field code", docx_paragraph(DOCX_FIELD_CODE), "a field code in paragraph 3"),
    Case(
        "smart tag",
        docx_paragraph(
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">'
            f"<w:r><w:t>{TERM}</w:t></w:r></w:smartTag>"
        ),
        "a smart tag in paragraph 3",
    ),
    Case(
        "custom XML markup",
        docx_paragraph(
            f'<w:customXml w:element="person"><w:r><w:t>{TERM}</w:t></w:r></w:customXml>'
        ),
        "custom XML markup in paragraph 3",
    ),
    Case("custom XML part", docx_custom_xml_part, "custom XML (customXml/item9.xml)"),
    Case("embedded HTML chunk", docx_alt_chunk, "an embedded HTML chunk (word/afchunk.htm)"),
    Case("core properties: author", docx_core("author"), "document properties (core.xml: creator)"),
    Case(
        "core properties: keywords",
        docx_core("keywords"),
        "document properties (core.xml: keywords)",
    ),
    Case(
        "core properties: last modified by",
        docx_core("last_modified_by"),
        "document properties (core.xml: lastModifiedBy)",
    ),
    Case("app properties: Company", docx_app("company"), "document properties (app.xml: Company)"),
    Case("app properties: Manager", docx_app("manager"), "document properties (app.xml: Manager)"),
    Case("custom properties", docx_custom_properties, "custom document properties"),
    Case(
        "image alt text",
        lambda: docx_picture(alt_text=f"Photo of {TERM}"),
        "image alt text in paragraph 3",
    ),
    Case(
        "text chunk inside a picture",
        lambda: docx_picture(chunk=TERM),
        "text stored inside a picture (word/media/image1.png)",
    ),
    Case("hyperlink target", docx_hyperlink, "a hyperlink target in paragraph 3"),
    Case(
        "hidden text",
        docx_paragraph(f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>{TERM}</w:t></w:r>"),
        "hidden text in paragraph 3",
    ),
    Case(
        "document variable", docx_document_variable, "the document's settings (word/settings.xml)"
    ),
    Case("XML comment", docx_xml_comment, "an XML comment or instruction (word/document.xml)"),
    Case("unknown part", docx_unknown_part, "the part word/notes-to-self.xml"),
    Case(
        "comment before the root element",
        docx_prolog_comment,
        "an XML comment or instruction (docProps/core.xml)",
    ),
    Case("part that is not well-formed", docx_malformed_part, "custom XML (customXml/item9.xml)"),
    Case(
        "embedded Word document",
        docx_embedded_document,
        "an embedded file (word/embeddings/Document1.docx): paragraph 3",
    ),
]


# ---------------------------------------------------------------- ODT

ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'office:version="1.3"'
)


def odt(body="", header="", meta="", tracked="", declarations="", settings=""):
    """An OpenDocument text: the clean lines, then `body` (ODF text markup); `header`
    goes into the master page of styles.xml, `meta` into meta.xml."""
    paragraphs = "".join(f"<text:p>{line}</text:p>" for line in CLEAN_LINES)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES}>'
        f"<office:body><office:text>{tracked}{declarations}{paragraphs}{body}"
        "</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NAMESPACES}>'
        '<office:master-styles><style:master-page style:name="Standard">'
        f"{header}</style:master-page></office:master-styles></office:document-styles>"
    )
    meta_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODF_NAMESPACES}>'
        f"<office:meta><meta:generator>Test</meta:generator>{meta}</office:meta>"
        "</office:document-meta>"
    )
    settings_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {ODF_NAMESPACES}>'
        f"<office:settings>{settings}</office:settings></office:document-settings>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="'
        f'{ODT_TYPE}"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", ODT_TYPE, compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
        package.writestr("styles.xml", styles)
        package.writestr("meta.xml", meta_xml)
        package.writestr("settings.xml", settings_xml)
        package.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def odt_case(**parts):
    return lambda: odt(**parts)


ODT_CASES = [
    Case(
        "body", odt_case(body=f"<text:p>Her friend {TERM} raised concerns.</text:p>"), "paragraph 3"
    ),
    Case(
        "heading",
        odt_case(body=f'<text:h text:outline-level="2">About {TERM}</text:h>'),
        "paragraph 3",
    ),
    Case(
        "table",
        odt_case(
            body="<table:table><table:table-row><table:table-cell><text:p>Name</text:p>"
            f"</table:table-cell><table:table-cell><text:p>{TERM}</text:p></table:table-cell>"
            "</table:table-row></table:table>"
        ),
        "table 1, row 1",
    ),
    Case(
        "page header",
        odt_case(header=f"<style:header><text:p>{TERM}</text:p></style:header>"),
        "the page header (styles.xml)",
    ),
    Case(
        "page footer",
        odt_case(header=f"<style:footer><text:p>{TERM}</text:p></style:footer>"),
        "the page footer (styles.xml)",
    ),
    Case(
        "first-page header",
        odt_case(header=f"<style:header-first><text:p>{TERM}</text:p></style:header-first>"),
        "the first-page header (styles.xml)",
    ),
    Case(
        "even-page footer",
        odt_case(header=f"<style:footer-left><text:p>{TERM}</text:p></style:footer-left>"),
        "the even-page footer (styles.xml)",
    ),
    Case(
        "initial creator",
        odt_case(meta=f"<meta:initial-creator>{TERM}</meta:initial-creator>"),
        "the document's creator (meta.xml)",
    ),
    Case(
        "dc:creator",
        odt_case(meta=f"<dc:creator>{TERM}</dc:creator>"),
        "the document's last author (meta.xml)",
    ),
    Case(
        "user-defined metadata",
        odt_case(meta=f'<meta:user-defined meta:name="Informant">{TERM}</meta:user-defined>'),
        "user-defined metadata (meta.xml)",
    ),
    Case(
        "title",
        odt_case(meta=f"<dc:title>About {TERM}</dc:title>"),
        "document properties (meta.xml: title)",
    ),
    Case(
        "annotation",
        odt_case(
            body="<text:p>Seen.<office:annotation><dc:creator>Reviewer</dc:creator>"
            f"<text:p>Ask {TERM}</text:p></office:annotation></text:p>"
        ),
        "a comment (office:annotation) in paragraph 3",
    ),
    Case(
        "annotation author",
        odt_case(
            body=f"<text:p>Seen.<office:annotation><dc:creator>{TERM}</dc:creator>"
            "<text:p>Fine</text:p></office:annotation></text:p>"
        ),
        "a comment (office:annotation) in paragraph 3",
    ),
    Case(
        "tracked change",
        odt_case(
            tracked='<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
            "<office:change-info><dc:creator>Reviewer</dc:creator><dc:date>2026-01-01T00:00:00"
            f"</dc:date></office:change-info><text:p>{TERM}</text:p></text:deletion>"
            "</text:changed-region></text:tracked-changes>",
            body='<text:p>Kept.<text:change text:change-id="ct1"/></text:p>',
        ),
        "text under tracked changes (text:tracked-changes)",
    ),
    Case(
        "tracked change author",
        odt_case(
            tracked='<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion>'
            f"<office:change-info><dc:creator>{TERM}</dc:creator></office:change-info>"
            "</text:insertion></text:changed-region></text:tracked-changes>",
        ),
        "text under tracked changes (text:tracked-changes)",
    ),
    Case(
        "footnote",
        odt_case(
            body='<text:p>See the note.<text:note text:id="n1" text:note-class="footnote">'
            "<text:note-citation>1</text:note-citation><text:note-body>"
            f"<text:p>Told by {TERM}.</text:p></text:note-body></text:note></text:p>"
        ),
        "a footnote or endnote in paragraph 3",
    ),
    Case(
        "hyperlink target",
        odt_case(
            body='<text:p><text:a xlink:type="simple" '
            'xlink:href="mailto:marjorie.fictitia@example.org">write</text:a></text:p>'
        ),
        "a hyperlink target in paragraph 3",
    ),
    Case(
        "image alt text",
        odt_case(
            body='<text:p><draw:frame draw:name="Picture 1"><svg:title>Photo</svg:title>'
            f"<svg:desc>Photo of {TERM}</svg:desc></draw:frame></text:p>"
        ),
        "image alt text in paragraph 3",
    ),
    Case(
        "text box",
        odt_case(
            body='<text:p><draw:frame draw:name="Box"><draw:text-box>'
            f"<text:p>{TERM}</text:p></draw:text-box></draw:frame></text:p>"
        ),
        "a text box in paragraph 3",
    ),
    Case(
        "hidden text",
        odt_case(
            body='<text:p>Seen.<text:hidden-text text:condition="ooow:1" '
            f'text:string-value="{TERM}" text:is-hidden="true"/></text:p>'
        ),
        "hidden text in paragraph 3",
    ),
    Case(
        "user field",
        odt_case(
            declarations='<text:user-field-decls><text:user-field-decl office:value-type="string" '
            f'office:string-value="{TERM}" text:name="Informant"/></text:user-field-decls>'
        ),
        "a field or variable in the document",
    ),
    Case(
        "settings",
        odt_case(
            settings='<config:config-item-set config:name="ooo:configuration-settings">'
            '<config:config-item config:name="PrinterName" config:type="string">'
            f"{TERM}'s printer</config:config-item></config:config-item-set>"
        ),
        "the document's settings (settings.xml)",
    ),
]


# ---------------------------------------------------------------- PDF


def pdf_document(lines=CLEAN_LINES, title="Final report", draw=None):
    """A reportlab PDF; `draw(canvas)` may add to its first page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setAuthor("Review team")
    y = 780
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 16
    if draw:
        draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def with_pikepdf(change):
    """A clean PDF changed with pikepdf: `change(pdf, page)`; saved as a fresh file."""
    source = pikepdf.open(io.BytesIO(pdf_document()))
    change(source, source.pages[0])
    buffer = io.BytesIO()
    source.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def pdf_second_page():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.drawString(72, 780, CLEAN_LINES[0])
    pdf.showPage()
    pdf.drawString(72, 780, f"Her friend {TERM} raised concerns.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def white_text(pdf):
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(72, 600, TERM)


def invisible_text(pdf):
    text = pdf.beginText(72, 600)
    text.setTextRenderMode(3)
    text.textLine(TERM)
    pdf.drawText(text)


def annotation(subtype, **extra):
    def change(pdf, page):
        page.obj.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pdf.make_indirect(
                        pikepdf.Dictionary(
                            Type=pikepdf.Name.Annot,
                            Subtype=pikepdf.Name(f"/{subtype}"),
                            Rect=[72, 500, 300, 540],
                            **extra,
                        )
                    )
                ]
            )
        )

    return lambda: with_pikepdf(change)


def pdf_bookmarks():
    def change(pdf, page):
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem(f"Interview with {TERM}", 0))

    return with_pikepdf(change)


def pdf_info(pdf, page):
    pdf.docinfo["/Author"] = TERM


def pdf_xmp():
    def change(pdf, page):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:creator"] = [TERM]

    return with_pikepdf(change)


def pdf_attachment(name, data):
    def change(pdf, page):
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, data, filename=name)

    return lambda: with_pikepdf(change)


def pdf_form_field():
    def change(pdf, page):
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                FT=pikepdf.Name.Tx,
                T=pikepdf.String("informant"),
                V=pikepdf.String(TERM),
                Rect=[72, 400, 300, 420],
                P=page.obj,
            )
        )
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=[field]))

    return with_pikepdf(change)


def pdf_javascript():
    def change(pdf, page):
        script = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"app.alert('{TERM}');")
        )
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=[pikepdf.String("hello"), script])
        )

    return with_pikepdf(change)


def pdf_structure_alt():
    def change(pdf, page):
        element = pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Alt=pikepdf.String(TERM)
        )
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=[element])
        )

    return with_pikepdf(change)


def pdf_actual_text():
    def change(pdf, page):
        marked = (
            b"/Span << /ActualText (" + TERM.encode() + b") >> BDC "
            b"BT /F1 12 Tf 72 500 Td (someone) Tj ET EMC"
        )
        page.contents_add(pdf.make_stream(marked))

    return with_pikepdf(change)


# -- incremental updates: a second revision appended after %%EOF, as an editor saves


def append_revision(data, objects, trailer_extra=b""):
    """`data` with an incremental update replacing or adding `objects` ({number: body})."""
    with pikepdf.open(io.BytesIO(data)) as source:
        size = max(int(source.trailer.Size), *(n + 1 for n in objects))
        root = source.trailer.Root.objgen
        info = source.trailer.Info.objgen if "/Info" in source.trailer else None
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    update, offsets = bytearray(data if data.endswith(b"\n") else data + b"\n"), {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(update)
        update += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(update)
    update += b"xref\n"
    for number in sorted(offsets):
        update += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    update += b"trailer\n<< /Size %d /Root %d %d R " % (size, *root)
    if info:
        update += b"/Info %d %d R " % info
    update += b"/Prev %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (previous, trailer_extra, xref_at)
    return bytes(update)


def pdf_replaced_info():
    """The first revision's document information named the person; a later revision
    replaced it: the old object is still in the file."""
    data = pdf_document(title=f"Interview with {TERM}")
    with pikepdf.open(io.BytesIO(data)) as source:
        info = source.trailer.Info.objgen[0]
    return append_revision(data, {info: b"<< /Title (Final report) /Author (Review team) >>"})


def pdf_replaced_page_content():
    """The first revision drew the name on the page; a later one drew other text."""
    data = pdf_document(lines=(*CLEAN_LINES, f"Her friend {TERM} raised concerns."))
    source = pikepdf.open(io.BytesIO(data))
    page = source.pages[0].obj
    page_number = page.objgen[0]
    resources = page.Resources.unparse()
    media = page.MediaBox.unparse()
    parent = page.Parent.objgen[0]
    content_number = int(source.trailer.Size)
    source.close()
    drawn = b"BT /F1 12 Tf 72 780 Td (Final anonymised report.) Tj ET"
    return append_revision(
        data,
        {
            page_number: b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Resources %s "
            b"/Contents %d 0 R >>" % (parent, media, resources, content_number),
            content_number: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(drawn), drawn),
        },
    )


def pdf_orphan_object():
    """An object in the final cross-reference table that nothing refers to."""
    data = pdf_document()
    with pikepdf.open(io.BytesIO(data)) as source:
        size = int(source.trailer.Size)
    return append_revision(data, {size: b"<< /Note (" + TERM.encode() + b") >>"})


def pdf_replaced_info_in_object_stream():
    """As Word and Acrobat save: objects packed in object streams; a later revision
    replaced the document information, whose first version stays in its object stream."""
    source = pikepdf.open(io.BytesIO(pdf_document(title=f"Interview with {TERM}")))
    buffer = io.BytesIO()
    source.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    data = buffer.getvalue()
    with pikepdf.open(io.BytesIO(data)) as packed:
        info = packed.trailer.Info.objgen[0]
        assert packed.get_xref_table()[(info, 0)].type == 2, "the Info is in an object stream"
    return append_revision(data, {info: b"<< /Title (Final report) >>"})


def pdf_orphan_object_stream():
    """An object stream added by an update that nothing refers to, holding a string."""
    data = pdf_document()
    with pikepdf.open(io.BytesIO(data)) as source:
        size = int(source.trailer.Size)
    inner = b"<< /Note (" + TERM.encode() + b") >>"
    header = b"%d 0 " % (size + 1)
    packed = zlib.compress(header + inner)
    stream = b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(header),
        len(packed),
    )
    return append_revision(data, {size: stream + packed + b"\nendstream"})


def pdf_lying_to_text_extraction():
    """The page draws the name in Helvetica, but the font's /ToUnicode map tells text
    extraction each letter is another one: a reader sees the name, pypdf does not."""
    data = pdf_document(lines=(*CLEAN_LINES, f"Her friend {TERM} raised concerns."))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        cmap = (
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"/CMapName /Lie def 1 begincodespacerange <00> <FF> endcodespacerange "
            b"1 beginbfrange <20> <7E> <0078> endbfrange endcmap "
            b"CMapName currentdict /CMap defineresource pop end end"
        )
        for font in pdf.pages[0].Resources.Font.values():
            font.ToUnicode = pdf.make_stream(cmap)
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def pdf_after_end_of_file():
    return pdf_document() + b"% " + TERM.encode() + b"\n"


PDF_CASES = [
    Case("page text", pdf_second_page, "page 2"),
    Case("white text", lambda: pdf_document(draw=white_text), "page 1"),
    Case("invisible text", lambda: pdf_document(draw=invisible_text), "page 1"),
    Case(
        "FreeText annotation",
        annotation("FreeText", Contents=pikepdf.String(TERM), DA=pikepdf.String("/Helv 12 Tf 0 g")),
        "a PDF annotation (FreeText) on page 1",
    ),
    Case(
        "sticky note",
        annotation("Text", Contents=pikepdf.String(f"Ask {TERM}")),
        "a PDF annotation (Text) on page 1",
    ),
    Case(
        "annotation author",
        annotation("Text", Contents=pikepdf.String("Fine"), T=pikepdf.String(TERM)),
        "a PDF annotation (Text) on page 1",
    ),
    Case(
        "link target",
        annotation(
            "Link",
            A=pikepdf.Dictionary(
                S=pikepdf.Name.URI, URI=pikepdf.String("mailto:marjorie.fictitia@example.org")
            ),
        ),
        "a PDF annotation (Link) on page 1",
    ),
    Case("bookmarks", pdf_bookmarks, "the PDF bookmarks"),
    Case(
        "document information",
        lambda: with_pikepdf(pdf_info),
        "the PDF document information (Author)",
    ),
    Case("XMP metadata", pdf_xmp, "XMP metadata"),
    Case(
        "attached text file",
        pdf_attachment("notes.txt", f"Interview notes: {TERM}".encode()),
        "an attached file (notes.txt): its text",
    ),
    Case(
        "attached Word document",
        pdf_attachment("notes.docx", docx_body_with(f"Interview with {TERM}")),
        "an attached file (notes.docx): paragraph 3",
    ),
    Case("form field value", pdf_form_field, "a PDF form field on page 1"),
    Case("JavaScript", pdf_javascript, "PDF JavaScript"),
    Case(
        "structure alt text", pdf_structure_alt, "the tagged-PDF structure (alt text, actual text)"
    ),
    Case("marked-content actual text", pdf_actual_text, "page 1"),
    Case("font lying to text extraction", pdf_lying_to_text_extraction, "page 1"),
    Case(
        "document information replaced by an incremental update",
        pdf_replaced_info,
        "an object not used by the document (left by an earlier edit)",
    ),
    Case(
        "page content replaced by an incremental update",
        pdf_replaced_page_content,
        "an object not used by the document (left by an earlier edit)",
    ),
    Case(
        "orphan object",
        pdf_orphan_object,
        "an object not used by the document (left by an earlier edit)",
    ),
    Case(
        "document information replaced, first version in an object stream",
        pdf_replaced_info_in_object_stream,
        "an object not used by the document (left by an earlier edit)",
    ),
    Case(
        "orphan object stream",
        pdf_orphan_object_stream,
        "an object not used by the document (left by an earlier edit)",
    ),
    Case(
        "comment after the end of file",
        pdf_after_end_of_file,
        "bytes outside any PDF object (comments, or data after the end of the file)",
    ),
]


def clean_docx():
    return docx_body_clean()


def clean_odt():
    return odt()


def clean_pdf():
    return pdf_document()


# ---------------------------------------------------------------- everything at once


def jpeg_with_comment(comment):
    image = Image.new("RGB", (16, 16), "grey")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", comment=comment.encode())
    return buffer.getvalue()


def pdf_hiding_everywhere():
    """A PDF whose pages are clean and whose every other place names the person: the
    public copy must keep the pages and nothing else."""

    def draw(pdf):
        from reportlab.lib.utils import ImageReader

        pdf.drawImage(ImageReader(io.BytesIO(jpeg_with_comment(TERM))), 300, 600, 32, 32)

    source = pikepdf.open(io.BytesIO(pdf_document(draw=draw, title=f"About {TERM}")))
    page = source.pages[0]
    for change in (
        lambda pdf, page: page.obj.__setitem__(
            "/Annots",
            pikepdf.Array(
                [
                    pdf.make_indirect(
                        pikepdf.Dictionary(
                            Type=pikepdf.Name.Annot,
                            Subtype=pikepdf.Name.FreeText,
                            Rect=[72, 500, 300, 540],
                            Contents=pikepdf.String(TERM),
                        )
                    )
                ]
            ),
        ),
        pdf_info,
    ):
        change(source, page)
    with source.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(TERM, 0))
    with source.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:creator"] = [TERM]
    source.attachments["notes.txt"] = pikepdf.AttachedFileSpec(
        source, TERM.encode(), filename="notes.txt"
    )
    source.Root.Names.JavaScript = pikepdf.Dictionary(
        Names=[
            pikepdf.String("hello"),
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"'{TERM}'")),
        ]
    )
    source.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"app.alert('{TERM}')")
    )
    field = source.make_indirect(
        pikepdf.Dictionary(FT=pikepdf.Name.Tx, T=pikepdf.String("who"), V=pikepdf.String(TERM))
    )
    source.Root.AcroForm = pikepdf.Dictionary(Fields=[field])
    source.Root.StructTreeRoot = source.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot,
            K=[pikepdf.Dictionary(S=pikepdf.Name.Figure, Alt=pikepdf.String(TERM))],
        )
    )
    page.obj.PieceInfo = pikepdf.Dictionary(Editor=pikepdf.Dictionary(Private=pikepdf.String(TERM)))
    page.contents_add(
        source.make_stream(b"/Span << /ActualText (" + TERM.encode() + b") >> BDC EMC")
    )
    buffer = io.BytesIO()
    source.save(buffer, deterministic_id=True)
    data = buffer.getvalue()
    with pikepdf.open(io.BytesIO(data)) as saved_pdf:
        info = saved_pdf.trailer.Info.objgen[0]
    return append_revision(data, {info: b"<< /Title (Final report) >>"})


def docx_hiding_everywhere():
    """A Word file whose visible body is clean (its tracked insertion included) and whose
    hidden places name the person."""
    document = word_document()
    document.core_properties.author = TERM
    section = document.sections[0]
    section.header.paragraphs[0].text = TERM
    section.footer.paragraphs[0].text = TERM
    document.add_comment(document.paragraphs[0].runs, text=TERM, author=TERM)
    body = document.element.body
    body.insert(
        2,
        parse_xml(
            f"<w:p {nsdecls('w')}><w:r><w:t>Kept.</w:t></w:r>"
            f'<w:del w:id="1" {CHANGE}><w:r><w:delText>{TERM}</w:delText></w:r></w:del>'
            f'<w:ins w:id="2" {CHANGE}><w:r><w:t> Inserted and accepted.</w:t></w:r></w:ins>'
            f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>{TERM}</w:t></w:r>"
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE "{TERM}" '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t> A field result.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:p>"
        ),
    )
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).text = "Police"
    heading = document.add_heading("Findings", level=1)
    assert heading.text == "Findings"
    data = saved(document)
    return replace_parts(
        data,
        {"docProps/app.xml": app_properties(company=TERM, manager=TERM)},
    )


def odt_hiding_everywhere():
    return odt(
        body="<text:h text:outline-level='1'>Findings</text:h>"
        f"<text:p>Kept.<office:annotation><dc:creator>{TERM}</dc:creator><text:p>{TERM}"
        "</text:p></office:annotation><text:change text:change-id='ct1'/></text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Agency</text:p>"
        "</table:table-cell><table:table-cell><text:p>Police</text:p></table:table-cell>"
        "</table:table-row></table:table>",
        header=f"<style:header><text:p>{TERM}</text:p></style:header>",
        meta=f"<meta:initial-creator>{TERM}</meta:initial-creator>"
        f'<meta:user-defined meta:name="x">{TERM}</meta:user-defined>',
        tracked="<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
        f"<office:change-info><dc:creator>{TERM}</dc:creator></office:change-info>"
        f"<text:p>{TERM}</text:p></text:deletion></text:changed-region></text:tracked-changes>",
    )
