"""Text out of case papers, piece by piece, with where each piece sits.

The publication check needs to say *where* it found a term, so extraction returns a
list of TextPiece(location, text): one per PDF page, per Word paragraph (body, tables,
headers and footers), per OpenDocument paragraph, plus the places people forget: the
document's properties (title, subject, author...), Word comments, footnotes and text
deleted under tracked changes.

A file whose text cannot be read raises ExtractionError: the caller must treat that as
"cannot be checked", never as "clean".
"""

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from .formats import DOCX, ODT, PDF


class ExtractionError(Exception):
    pass


@dataclass(frozen=True)
class TextPiece:
    location: str
    text: str


def extract_text(data, content_type):
    """TextPieces of a file's text, in reading order."""
    extractor = EXTRACTORS.get(content_type)
    if extractor is None:
        raise ExtractionError("text cannot be read from this kind of file")
    try:
        pieces = extractor(data)
    except ExtractionError:
        raise
    except Exception as exc:  # the parsers raise many kinds of error on odd files
        raise ExtractionError(f"the file could not be read ({exc.__class__.__name__})") from exc
    if not any(piece.text.strip() for piece in pieces if piece.location != PROPERTIES):
        raise ExtractionError("no text could be found in it (is it a scanned image?)")
    return pieces


PROPERTIES = "document properties"


def pdf_pieces(data):
    from pypdf import PdfReader  # heavy imports, needed only when a file is read (here and docx)

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ExtractionError("it is password-protected")
    pieces = [
        TextPiece(f"page {number}", page.extract_text() or "")
        for number, page in enumerate(reader.pages, start=1)
    ]
    metadata = reader.metadata or {}
    values = [str(value) for value in metadata.values() if isinstance(value, str)]
    return pieces + [TextPiece(PROPERTIES, "\n".join(values))]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_pieces(data):
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    pieces = []
    body_paragraphs = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row_number, row in enumerate(block.rows, start=1):
                for cell in row.cells:
                    text = "\n".join(p.text for p in cell.paragraphs)
                    pieces.append(TextPiece(f"table row {row_number}", text))
        else:
            body_paragraphs += 1
            pieces.append(TextPiece(f"paragraph {body_paragraphs}", block.text))
    for number, section in enumerate(document.sections, start=1):
        for attribute in HEADERS_AND_FOOTERS:
            part = getattr(section, attribute)
            if not part.is_linked_to_previous:
                text = "\n".join(p.text for p in part.paragraphs)
                where = attribute.replace("_", " ")
                pieces.append(TextPiece(f"{where} of section {number}", text))
    core = document.core_properties
    properties = [
        core.title,
        core.subject,
        core.author,
        core.keywords,
        core.comments,
        core.last_modified_by,
        core.category,
    ]
    pieces.append(TextPiece(PROPERTIES, "\n".join(p for p in properties if p)))
    return pieces + docx_hidden_pieces(data)


HEADERS_AND_FOOTERS = (
    "header",
    "first_page_header",
    "even_page_header",
    "footer",
    "first_page_footer",
    "even_page_footer",
)

# Text python-docx does not expose: (part, location, element holding the text, text tag).
DOCX_HIDDEN_TEXT = [
    ("word/comments.xml", "comments", f"{W}comment", f"{W}t"),
    ("word/footnotes.xml", "footnotes", f"{W}footnote", f"{W}t"),
    ("word/endnotes.xml", "endnotes", f"{W}endnote", f"{W}t"),
    ("word/document.xml", "text boxes", f"{W}txbxContent", f"{W}t"),
    ("word/document.xml", "text deleted under tracked changes", f"{W}del", f"{W}delText"),
]
HIDDEN_LOCATIONS = {location for _, location, _, _ in DOCX_HIDDEN_TEXT}


def docx_hidden_pieces(data):
    pieces = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        for part, location, container, tag in DOCX_HIDDEN_TEXT:
            if part not in names:
                continue
            root = ElementTree.fromstring(package.read(part))  # noqa: S314
            texts = ["".join(t.text or "" for t in box.iter(tag)) for box in root.iter(container)]
            texts = [text for text in texts if text.strip()]
            if texts:
                pieces.append(TextPiece(location, "\n".join(texts)))
    return pieces


ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODF_DC = "{http://purl.org/dc/elements/1.1/}"


def odt_pieces(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("content.xml"))  # noqa: S314
        pieces = []
        for number, element in enumerate(
            (el for el in root.iter() if el.tag in (f"{ODF_TEXT}p", f"{ODF_TEXT}h")), start=1
        ):
            pieces.append(TextPiece(f"paragraph {number}", odf_text(element)))
        if "meta.xml" in package.namelist():
            meta = ElementTree.fromstring(package.read("meta.xml"))  # noqa: S314
            values = [el.text or "" for el in meta.iter() if el.tag.startswith(ODF_DC)]
            pieces.append(TextPiece(PROPERTIES, "\n".join(values)))
    return pieces


def odf_text(element):
    """An ODF paragraph's text, with its spaces, tabs and line breaks as whitespace."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{ODF_TEXT}s", f"{ODF_TEXT}tab", f"{ODF_TEXT}line-break"):
            parts.append(" " if child.tag != f"{ODF_TEXT}line-break" else "\n")
        elif not child.tag.startswith(f"{ODF_TEXT}note"):
            parts.append(odf_text(child))
        else:
            parts.append(" " + odf_text(child) + " ")
        parts.append(child.tail or "")
    return "".join(parts)


EXTRACTORS = {
    PDF.content_type: pdf_pieces,
    DOCX.content_type: docx_pieces,
    ODT.content_type: odt_pieces,
}


def readable_paragraphs(pieces):
    """The body text as paragraphs for a web page (document properties left out).

    PDF text comes as lines; a line that does not end a sentence is joined to the next."""
    paragraphs = []
    for piece in pieces:
        if piece.location == PROPERTIES or piece.location in HIDDEN_LOCATIONS:
            continue
        current = []
        for line in piece.text.splitlines():
            line = line.strip()
            if not line:
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                continue
            current.append(line)
            if line.endswith((".", "!", "?", ":")):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs
