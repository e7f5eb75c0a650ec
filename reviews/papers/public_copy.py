"""The file the public downloads: a checked derivative, never the upload.

    make_public_copy(data, content_type, pseudonym, kind_label) -> MadeCopy
    check_public_copy(data, content_type, terms, pseudonym, kind_label) -> CheckedCopy

The public copy is always a PDF (docs/security.md, "What the publication gate checks",
says why):

- a PDF upload is rewritten with pikepdf into a new file holding each page's drawing only:
  its content stream (marked-content properties such as /ActualText and layer membership
  removed) and the resources it draws with, MediaBox, CropBox and Rotate. Annotations,
  form fields, bookmarks, attachments, JavaScript and actions, XMP and document
  information, the structure tree, thumbnails and private application data are not
  carried over; objects nothing reaches are not written, so no earlier edit survives;
- a Word or OpenDocument upload is rendered from its body text (headings, paragraphs,
  lists, tables, footnotes as numbered notes; tracked insertions accepted, deletions
  dropped, hidden text, comments, headers and footers left out) into a plain PDF.

Its file name is made from the pseudonym and the kind of document, never the upload's name.
The copy is then read again with the same exhaustive reader as the upload; it may be
published only if neither has a finding (CheckedCopy.clean).
"""

import io
import re
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

import pikepdf
from django.utils.text import slugify
from lxml import etree

from .formats import DOCX, ODT, PDF
from .matching import find_terms
from .office_reading import TABLE, TEXT, W, parse_xml, q
from .packages import SafePackage
from .pdf_reading import inherited, jpeg_data, open_pdf
from .pieces import CannotBeChecked, TextPiece
from .reading import find_in_document, read_document

PUBLIC_LANGUAGE = "en-GB"
# Keys a public copy may carry; anything else on the page, the catalog or the document
# information is dropped.
PAGE_KEYS = ("/MediaBox", "/CropBox", "/Rotate")
INHERITED_PAGE_KEYS = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
INFO_KEYS = {"/Title"}
CATALOG_KEYS = {"/Type", "/Pages", "/Lang", "/ViewerPreferences"}
# Dropped wherever they appear inside the resources a page draws with.
RESOURCE_KEYS_DROPPED = (
    "/Metadata",
    "/PieceInfo",
    "/LastModified",
    "/StructParent",
    "/StructParents",
    "/OC",
    "/OPI",
    "/Ref",
    "/AF",
    "/Alt",
    "/ActualText",
)


@dataclass(frozen=True)
class MadeCopy:
    """A public copy made in memory; publication stores it (reviews.models.PublicCopy)."""

    data: bytes
    filename: str
    content_type: str = PDF.content_type


@dataclass(frozen=True)
class CheckedCopy:
    """The public copy with the findings in the upload and in the copy itself, and the
    copy's text as the gate read it (`copy_text`, a DocumentText)."""

    copy: MadeCopy
    upload_findings: tuple
    copy_findings: tuple
    copy_text: object = None

    @property
    def clean(self):
        return not self.upload_findings and not self.copy_findings


def public_filename(pseudonym, kind_label):
    """ "adult-q-final-report.pdf" from ("Adult Q", "Final report")."""
    return f"{slugify(f'{pseudonym} {kind_label}')[:100].strip('-') or 'document'}.pdf"


def public_title(pseudonym, kind_label):
    return f"{kind_label}: {pseudonym}"


def make_public_copy(data, content_type, pseudonym, kind_label):
    """The PDF the public will download, made from an upload of `content_type`."""
    title = public_title(pseudonym, kind_label)
    if content_type == PDF.content_type:
        pdf = rewrite_pdf(data, title)
    elif content_type in (DOCX.content_type, ODT.content_type):
        blocks, notes = body_blocks(data, content_type)
        pdf = rewrite_pdf(render_pdf(blocks, notes, title), title)
    else:
        raise CannotBeChecked("no public copy can be made of this kind of file")
    return MadeCopy(pdf, public_filename(pseudonym, kind_label))


def check_public_copy(data, content_type, terms, pseudonym, kind_label):
    """Check the upload, make its public copy, and check the copy as the public gets it
    (its name and title included). Raises CannotBeChecked if either cannot be read."""
    upload_findings = find_in_document(data, content_type, terms)
    copy = make_public_copy(data, content_type, pseudonym, kind_label)
    copy_text = read_document(copy.data, copy.content_type)
    pieces = [TextPiece("its file name", copy.filename), *copy_text.pieces]
    copy_findings = [
        replace(finding, location=f"the public copy, {finding.location}")
        for finding in find_terms(pieces, terms)
    ]
    return CheckedCopy(copy, tuple(upload_findings), tuple(copy_findings), copy_text)


# ---------------------------------------------------------------- PDF rewriting


def rewrite_pdf(data, title):
    """A new PDF with each page's drawing and nothing else (see the module docstring)."""
    with open_pdf(data) as source:
        public = pikepdf.new()
        for page in source.pages:
            public.pages.append(pikepdf.Page(copy_page(source, public, page.obj)))
        for page in public.pages:
            strip_resources(page.obj.get("/Resources"))
        public.trailer.Info = public.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title)))
        public.Root.Lang = pikepdf.String(PUBLIC_LANGUAGE)
        public.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        output = io.BytesIO()
        public.save(output, deterministic_id=True, compress_streams=True, linearize=False)
        return output.getvalue()


def copy_page(source, public, page):
    """A fresh page dictionary in `public` with only the drawing of `page`."""
    fresh = pikepdf.Dictionary(Type=pikepdf.Name.Page)
    for key in INHERITED_PAGE_KEYS:
        value = inherited(page, key)
        if isinstance(value, pikepdf.Object):
            # copy_foreign takes indirect objects: a direct one is made indirect first
            fresh[key] = public.copy_foreign(
                value if value.is_indirect else source.make_indirect(value)
            )
        elif value is not None:
            fresh[key] = value
    if "/MediaBox" not in fresh:
        fresh.MediaBox = pikepdf.Array([0, 0, 612, 792])
    if "/Resources" not in fresh:
        fresh.Resources = pikepdf.Dictionary()
    fresh.Contents = public.make_stream(plain_content(page) if "/Contents" in page else b"")
    return public.make_indirect(fresh)


def plain_content(container):
    """A content stream re-serialised from its operators, marked-content properties
    dropped: BDC becomes BMC, DP becomes MP (so no /ActualText, /Alt or layer membership),
    and nothing that is not an operator (comments, junk) survives."""
    instructions = []
    for instruction in pikepdf.parse_content_stream(container):
        operator = str(getattr(instruction, "operator", ""))
        if operator == "BDC":
            instruction = pikepdf.ContentStreamInstruction(
                [instruction.operands[0]], pikepdf.Operator("BMC")
            )
        elif operator == "DP":
            instruction = pikepdf.ContentStreamInstruction(
                [instruction.operands[0]], pikepdf.Operator("MP")
            )
        instructions.append(instruction)
    return pikepdf.unparse_content_stream(instructions)


def strip_resources(resources):
    """Remove what is not drawing from everything a page's resources reach: metadata,
    private data, layer membership, attached files; rewrite form XObjects' content; keep
    only image data and a JPEG's pixels (no EXIF, comments or XMP segments)."""
    if resources is None:
        return
    seen, stack = set(), [resources]
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
            continue
        for key in RESOURCE_KEYS_DROPPED:
            if key in item:
                del item[key]
        if isinstance(item, pikepdf.Stream):
            if item.get("/Subtype") == pikepdf.Name.Form:
                item.write(plain_content(item))
            elif (jpeg := jpeg_data(item)) is not None:
                item.write(jpeg_without_metadata(jpeg), filter=pikepdf.Name.DCTDecode)
                if "/DecodeParms" in item:
                    del item["/DecodeParms"]
        stack.extend(item.get(key) for key in item)


def jpeg_without_metadata(data):
    """The JPEG with its COM and APP1-APP13/APP15 segments removed (EXIF, XMP, IPTC,
    comments); APP0 (JFIF) and APP14 (Adobe colour transform) are needed to draw it."""
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, position = [b"\xff\xd8"], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:
            break
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        segment = data[position : position + 2 + length]
        if not (marker == 0xFE or 0xE1 <= marker <= 0xED or marker == 0xEF):
            kept.append(segment)
        position += 2 + length
    kept.append(data[position:])
    return b"".join(kept)


# ---------------------------------------------------------------- body text of DOCX / ODT


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str = ""
    level: int = 0
    rows: tuple = ()


def body_blocks(data, content_type):
    """(blocks, notes) of a Word or OpenDocument file's body, as it reads with its tracked
    changes accepted."""
    with SafePackage(data) as package:
        if content_type == DOCX.content_type:
            root = parse_xml(package.read("word/document.xml"), "word/document.xml")
            notes_parts = [
                parse_xml(package.read(name), name)
                for name in ("word/footnotes.xml", "word/endnotes.xml")
                if package.info(name) is not None
            ]
            numbering = WordNumbering(
                *(
                    parse_xml(package.read(name), name) if package.info(name) else None
                    for name in ("word/numbering.xml", "word/styles.xml")
                )
            )
            return WordBody(root, notes_parts, numbering).read()
        root = parse_xml(package.read("content.xml"), "content.xml")
        return OdfBody(root).read()


def table_block(table, row_tag, cell_tag, paragraph_tag, text_of):
    """A table's rows and cells (rows nested in a row group included), each cell's
    paragraphs as its text."""
    rows = []
    for row in table.iter(row_tag):
        if next(row.iterancestors(table.tag), None) is not table:
            continue  # a row of a table nested in a cell: its text is in that cell
        cells = [cell for cell in row.iter(cell_tag) if next(cell.iterancestors(row_tag)) is row]
        rows.append(
            tuple("\n".join(text_of(p) for p in cell.iter(paragraph_tag)) for cell in cells)
        )
    return Block("table", rows=tuple(rows))


HEADING_STYLE = re.compile(r"(?i)^(?:heading|berschrift|titre|kop)\s*(\d)$")
WORD_SKIPPED = {
    q(W, "del"),
    q(W, "moveFrom"),
    q(W, "instrText"),
    q(W, "delInstrText"),
    q(W, "delText"),
    q(W, "rPr"),
    q(W, "pPr"),
    q(W, "sdtPr"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}


ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def list_number(number, kind):
    """A list counter in one of Word's number formats (w:numFmt)."""
    if kind in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, digits in ROMAN:
            count, number = divmod(number, value)
            roman += digits * count
        return roman.upper() if kind == "upperRoman" else roman
    return str(number)


def w_value(element, path):
    found = element.find(path) if element is not None else None
    return found.get(q(W, "val")) if found is not None else None


class WordNumbering:
    """List numbers as Word shows them ("1.", "b)", "•"): a counter per list and level,
    with the formats of numbering.xml; a paragraph is numbered directly or by its style."""

    def __init__(self, numbering, styles):
        self.levels, self.style_lists, self.counters = {}, {}, {}
        if numbering is not None:
            abstract = {
                a.get(q(W, "abstractNumId")): a for a in numbering.iter(q(W, "abstractNum"))
            }
            for num in numbering.iter(q(W, "num")):
                definition = abstract.get(w_value(num, q(W, "abstractNumId")))
                if definition is None:
                    continue
                self.levels[num.get(q(W, "numId"))] = {
                    int(level.get(q(W, "ilvl"), "0")): (
                        w_value(level, q(W, "numFmt")) or "decimal",
                        w_value(level, q(W, "lvlText")) or "",
                        int(w_value(level, q(W, "start")) or 1),
                    )
                    for level in definition.iter(q(W, "lvl"))
                }
        if styles is not None:
            for style in styles.iter(q(W, "style")):
                list_id = w_value(style, f"{q(W, 'pPr')}/{q(W, 'numPr')}/{q(W, 'numId')}")
                if list_id:
                    level = w_value(style, f"{q(W, 'pPr')}/{q(W, 'numPr')}/{q(W, 'ilvl')}")
                    self.style_lists[style.get(q(W, "styleId"))] = (list_id, int(level or 0))

    def label(self, paragraph):
        properties = paragraph.find(q(W, "pPr"))
        list_id = w_value(properties, f"{q(W, 'numPr')}/{q(W, 'numId')}")
        level = int(w_value(properties, f"{q(W, 'numPr')}/{q(W, 'ilvl')}") or 0)
        if list_id is None:
            list_id, level = self.style_lists.get(w_value(properties, q(W, "pStyle")), (None, 0))
        levels = self.levels.get(list_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(list_id, {})
        counts[level] = counts.get(level, levels[level][2] - 1) + 1
        for deeper in [other for other in counts if other > level]:
            del counts[deeper]
        kind, pattern, _ = levels[level]
        if kind == "bullet":
            return "• "

        def number(match):
            at = int(match.group(1)) - 1
            at_kind, _, start = levels.get(at, ("decimal", "", 1))
            return list_number(counts.get(at, start), at_kind)

        return re.sub(r"%(\d)", number, pattern) + " "


class WordBody:
    def __init__(self, root, notes_parts, numbering):
        self.root = root
        self.numbering = numbering
        self.notes = {}
        for part in notes_parts:
            for note in part:
                if note.get(q(W, "type")) in (None, "normal"):
                    text = "\n".join(self.paragraph_text(p) for p in note.iter(q(W, "p")))
                    self.notes[(etree.QName(note).localname, note.get(q(W, "id")))] = text
        self.cited = []

    def read(self):
        body = self.root.find(q(W, "body"))
        blocks = list(self.blocks(body if body is not None else self.root))
        return blocks, [self.notes.get(key, "") for key in self.cited]

    def blocks(self, container):
        for child in container:
            if child.tag == q(W, "p"):
                yield from self.paragraph(child)
            elif child.tag == q(W, "tbl"):
                yield table_block(child, q(W, "tr"), q(W, "tc"), q(W, "p"), self.paragraph_text)
            elif isinstance(child.tag, str) and child.tag not in WORD_SKIPPED:
                yield from self.blocks(child)

    def paragraph(self, element):
        text = self.paragraph_text(element)
        if text.strip():
            text = self.numbering.label(element) + text
        style = element.find(f"{q(W, 'pPr')}/{q(W, 'pStyle')}")
        heading = HEADING_STYLE.match(style.get(q(W, "val"), "")) if style is not None else None
        if style is not None and style.get(q(W, "val")) == "Title":
            yield Block("heading", text, 1)
        elif heading:
            yield Block("heading", text, min(int(heading.group(1)), 3))
        elif text.strip():
            yield Block("paragraph", text)
        for box in element.iter(q(W, "txbxContent")):
            if not any(a.tag in WORD_SKIPPED for a in box.iterancestors()):
                yield from self.blocks(box)

    def paragraph_text(self, element):
        parts = []
        self.collect(element, parts)
        return "".join(parts)

    def collect(self, element, parts):
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in WORD_SKIPPED or tag == q(W, "txbxContent"):
                continue
            if tag == q(W, "r") and child.find(f"{q(W, 'rPr')}/{q(W, 'vanish')}") is not None:
                continue
            if tag == q(W, "t"):
                parts.append(child.text or "")
            elif tag in (q(W, "tab"), q(W, "ptab")):
                parts.append(" ")
            elif tag in (q(W, "br"), q(W, "cr")):
                parts.append("\n")
            elif tag == q(W, "noBreakHyphen"):
                parts.append("-")
            elif tag in (q(W, "footnoteReference"), q(W, "endnoteReference")):
                kind = "footnote" if tag == q(W, "footnoteReference") else "endnote"
                self.cited.append((kind, child.get(q(W, "id"))))
                parts.append(f"[{len(self.cited)}]")
            else:
                self.collect(child, parts)


ODF_SKIPPED = {
    q(TEXT, "tracked-changes"),
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation",
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation-end",
    q(TEXT, "note"),
    q(TEXT, "hidden-text"),
    q(TEXT, "hidden-paragraph"),
    q(TEXT, "sequence-decls"),
    q(TEXT, "variable-decls"),
    q(TEXT, "user-field-decls"),
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}forms",
}


class OdfBody:
    def __init__(self, root):
        self.root = root
        self.notes = []

    def read(self):
        text = self.root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
        return list(self.blocks(text if text is not None else self.root)), self.notes

    def blocks(self, container):
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag in ODF_SKIPPED:
                continue
            if tag == q(TEXT, "h"):
                level = int(child.get(q(TEXT, "outline-level"), "1") or 1)
                yield Block("heading", self.text(child), min(level, 3))
            elif tag == q(TEXT, "p"):
                text = self.text(child)
                if text.strip():
                    in_list = next(child.iterancestors(q(TEXT, "list-item")), None) is not None
                    yield Block("paragraph", f"• {text}" if in_list else text)
            elif tag == q(TABLE, "table"):
                row, cell = q(TABLE, "table-row"), q(TABLE, "table-cell")
                yield table_block(child, row, cell, q(TEXT, "p"), self.text)
            else:
                yield from self.blocks(child)

    def text(self, element):
        parts = [element.text or ""]
        for child in element:
            tag = child.tag
            if tag == q(TEXT, "s"):
                parts.append(" " * min(int(child.get(q(TEXT, "c"), "1") or 1), 100))
            elif tag == q(TEXT, "tab"):
                parts.append(" ")
            elif tag == q(TEXT, "line-break"):
                parts.append("\n")
            elif tag == q(TEXT, "note"):
                body = child.find(q(TEXT, "note-body"))
                paragraphs = body.iter(q(TEXT, "p")) if body is not None else []
                self.notes.append("\n".join(self.text(p) for p in paragraphs))
                parts.append(f"[{len(self.notes)}]")
            elif isinstance(tag, str) and tag not in ODF_SKIPPED:
                parts.append(self.text(child))
            parts.append(child.tail or "")
        return "".join(parts)


# ---------------------------------------------------------------- rendering


def render_pdf(blocks, notes, title):
    """A plain, text-based A4 PDF of the blocks, in reportlab's bundled Bitstream Vera
    (embedded, so every reader shows the same letters)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
        pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        if hasattr(style, "fontName"):
            style.fontName = (
                "VeraBd" if "Heading" in style.name or style.name == "Title" else "Vera"
            )

    def paragraph(text, style):
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style])

    story = [paragraph(title, "Title")]
    for block in blocks:
        if block.kind == "heading":
            story.append(paragraph(block.text, f"Heading{block.level}"))
        elif block.kind == "paragraph":
            story.append(paragraph(block.text, "BodyText"))
        elif block.rows:
            width = max(len(row) for row in block.rows) or 1
            rows = [
                [paragraph(cell, "BodyText") for cell in row] + [""] * (width - len(row))
                for row in block.rows
            ]
            table = Table(rows, colWidths=[(170 * mm) / width] * width, repeatRows=0)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
            story += [table, Spacer(1, 4 * mm)]
    if notes:
        story.append(paragraph("Notes", "Heading2"))
        story += [paragraph(f"[{n}] {text}", "BodyText") for n, text in enumerate(notes, 1)]
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, title=title, author="", subject="", creator="", invariant=1
    )
    document.build(story)
    return output.getvalue()
