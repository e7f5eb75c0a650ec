"""Every string in a PDF, with where it sits.

Three readings, so that nothing a reader of the file could recover is missed:

1. pypdf's page text, page by page (what the pages show);
2. every object reachable from the trailer, walked with pikepdf: every string and name in
   it, labelled by where it hangs (annotations, bookmarks, document information, XMP
   metadata, attached files read as documents themselves, form fields, JavaScript, the
   tagged-PDF structure...), and the text operands of every content stream (a font can
   map its codes to other letters for text extraction than the ones drawn);
3. the raw bytes: every "N G obj ... endobj" that the final cross-reference table does not
   point to, or that nothing reaches (what an incremental update left behind), and every
   object inside an object stream that is not the live one, decoded and read; and the
   bytes outside any object (comments, data after the end of file).

Streams are decompressed within a budget, so a small PDF cannot expand without limit.
"""

import io
import re
import zlib

import pikepdf
from pypdf import PdfReader

from .matching import normalise
from .office_reading import attribute_texts, outside_root, parse_xml
from .packages import max_expanded_bytes
from .pieces import CannotBeChecked, short
from .plain_text import decode_text, picture_text, printable_runs

INFO = "the PDF document information"
LEFTOVER = "an object not used by the document (left by an earlier edit)"
OUTSIDE = "bytes outside any PDF object (comments, or data after the end of the file)"

# Where a key leads, whatever the page or object it hangs from.
KEY_LABELS = {
    "/Metadata": "XMP metadata",
    "/AA": "a PDF action",
    "/JS": "PDF JavaScript",
    "/EmbeddedFiles": "an attached file",
    "/AF": "an attached file",
    "/PieceInfo": "private application data (PieceInfo)",
    "/Thumb": "a page thumbnail",
}
# Where a key of the document catalog leads.
CATALOG_LABELS = {
    "/Outlines": "the PDF bookmarks",
    "/AcroForm": "a PDF form field",
    "/StructTreeRoot": "the tagged-PDF structure (alt text, actual text)",
    "/OpenAction": "a PDF action",
    "/Names": "the PDF names tree",
    "/Dests": "the PDF's named destinations",
    "/PageLabels": "the PDF's page labels",
    "/OCProperties": "the PDF's layers (optional content)",
    "/Threads": "the PDF's article threads",
    "/Collection": "the PDF portfolio",
    "/Pages": "the PDF page tree",
    "/ViewerPreferences": "the PDF's viewer settings",
    "/URI": "the PDF's base web address",
    "/SpiderInfo": "the PDF's web capture information",
    "/Perms": "the PDF's permissions",
    "/Legal": "the PDF's legal attestation",
}
NAME_TREE_LABELS = {"/JavaScript": "PDF JavaScript", "/EmbeddedFiles": "an attached file"}
FONT_FILES = {"/FontFile", "/FontFile2", "/FontFile3"}
CONTENT_KEYS = {"/Contents", "/N", "/R", "/D"}
OBJECT = re.compile(rb"(?<![0-9])(\d{1,10})[ \t\r\n\f\x00]+(\d{1,5})[ \t\r\n\f\x00]+obj\b")
REFERENCE = re.compile(rb"(?<![0-9])\d{1,10}\s+\d{1,5}\s+R\b")
STREAM_START = re.compile(rb"\bstream(?:\r\n|\n|\r)")


def open_pdf(data):
    """The PDF opened with pikepdf; CannotBeChecked if it is protected or unreadable."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise CannotBeChecked("it is password-protected") from exc
    except pikepdf.PdfError as exc:
        raise CannotBeChecked("it is not a readable PDF") from exc
    if pdf.is_encrypted:
        pdf.close()
        raise CannotBeChecked("it is encrypted")
    return pdf


def read_pdf(data, out):
    with open_pdf(data) as pdf:
        page_texts = read_page_text(data)
        for number, text in enumerate(page_texts, start=1):
            out.add(f"page {number}", text, body=True)
        walker = PdfWalker(pdf, out, page_texts)
        walker.read()
        LeftoverReader(data, pdf, walker, out).read()


def read_page_text(data):
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise CannotBeChecked("it is encrypted")
    return [page.extract_text() or "" for page in reader.pages]


class StreamBudget:
    """Decompressed bytes allowed for one PDF's streams, in total and one at a time."""

    def __init__(self):
        self.per_stream = max_expanded_bytes()
        self.left = 4 * self.per_stream

    def decode(self, stream):
        filters = filters_of(stream)
        data = None
        if filters == [pikepdf.Name.FlateDecode] and "/DecodeParms" not in stream:
            data = self.inflate(stream.read_raw_bytes())
        if data is None:  # other filters, or a damaged stream qpdf may still read
            data = stream.read_bytes()
        self.spend(len(data))
        return data

    def inflate(self, raw):
        try:
            data = zlib.decompressobj().decompress(raw, self.per_stream + 1)
        except zlib.error:
            return None
        if len(data) > self.per_stream:
            raise CannotBeChecked("a part of it expands to far more data than a document needs")
        return data

    def spend(self, size):
        self.left -= size
        if self.left < 0:
            raise CannotBeChecked("its parts expand to far more data than a document needs")


def filters_of(stream):
    filters = stream.get("/Filter")
    return [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])


def jpeg_data(stream):
    """The JPEG file inside a DCTDecode image stream (its other filters undone), or None."""
    filters = filters_of(stream)
    if not filters or filters[-1] != pikepdf.Name.DCTDecode:
        return None
    if len(filters) == 1:
        return stream.read_raw_bytes()
    scratch = pikepdf.new()  # must outlive the stream made in it
    outer = pikepdf.Stream(scratch, stream.read_raw_bytes())
    outer.Filter = pikepdf.Array(filters[:-1])
    parameters = stream.get("/DecodeParms")
    if isinstance(parameters, pikepdf.Array):
        outer.DecodeParms = pikepdf.Array(list(parameters)[:-1])
    try:
        return outer.read_bytes()
    except pikepdf.PdfError:
        return None


# Simple fonts whose codes are letters in a known encoding: a string shown in one of them
# reads as what is drawn, whatever the font's /ToUnicode map tells text extraction.
STANDARD_ENCODINGS = {
    "/WinAnsiEncoding": "cp1252",
    "/MacRomanEncoding": "mac_roman",
    "/StandardEncoding": "latin-1",
}
STANDARD_14_TEXT_FONTS = re.compile(r"/(Helvetica|Times|Courier)\b")


def font_encodings(resources):
    """{font resource name: codec} for the fonts of `resources` whose codes are letters.
    Composite (Type0) fonts show glyph numbers and subset fonts their own codes: reading
    those as letters would only make noise, so they are left to the page text."""
    fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(fonts, pikepdf.Dictionary):
        return {}
    encodings = {}
    for name in fonts:
        font = fonts.get(name)
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") not in (
            pikepdf.Name.Type1,
            pikepdf.Name.TrueType,
        ):
            continue
        encoding = font.get("/Encoding")
        if isinstance(encoding, pikepdf.Dictionary) and "/Differences" not in encoding:
            encoding = encoding.get("/BaseEncoding")
        if isinstance(encoding, pikepdf.Name) and str(encoding) in STANDARD_ENCODINGS:
            encodings[name] = STANDARD_ENCODINGS[str(encoding)]
        elif encoding is None and STANDARD_14_TEXT_FONTS.match(str(font.get("/BaseFont"))):
            encodings[name] = "latin-1"
    return encodings


def drawn_text_blocks(contents, encodings=None):
    """The text a content stream draws in fonts of known encoding (`encodings`, from
    font_encodings), one string per text object (BT ... ET), and the strings of
    marked-content properties (/ActualText, /Alt)."""
    encodings = encodings or {}
    blocks, current, codec = [], [], None
    for instruction in pikepdf.parse_content_stream(contents):
        operator = str(instruction.operator)
        operands = getattr(instruction, "operands", [])
        if operator == "Tf" and operands:
            codec = encodings.get(str(operands[0]))
        elif operator == "BT":
            current = []
        elif operator == "ET":
            blocks.append("".join(current))
            current = []
        elif operator in ("Tj", "'", '"') and operands and codec:
            current.append(bytes(operands[-1]).decode(codec, "replace"))
        elif operator == "TJ" and operands and codec:
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    current.append(bytes(item).decode(codec, "replace"))
                elif float(item) < -250:  # a gap wide enough to be a space
                    current.append(" ")
        elif operator in ("BDC", "DP"):
            blocks.extend(strings_in(list(operands)))
    if current:
        blocks.append("".join(current))
    return blocks


def string_text(string):
    """A PDF string as text: UTF-16/UTF-8 by its byte-order mark, else PDFDocEncoding, whose
    undefined bytes (0xAD among them) writers use as Latin-1: read those as Latin-1."""
    try:
        text = str(string)
    except (UnicodeDecodeError, ValueError):
        text = "\ufffd"
    if "\ufffd" in text and not bytes(string).startswith((b"\xfe\xff", b"\xef\xbb\xbf")):
        return bytes(string).decode("latin-1")
    return text


def strings_in(value):
    """Strings and names in a direct object (dictionaries and arrays walked)."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.String):
            found.append(string_text(item))
        elif isinstance(item, pikepdf.Name):
            found.append(str(item)[1:])
        elif isinstance(item, pikepdf.Array | list):
            stack.extend(item)
        elif isinstance(item, pikepdf.Dictionary):
            found.extend(key[1:] for key in item)
            stack.extend(item.get(key) for key in item)
    return found


class PdfWalker:
    """Walks every object reachable from the pages and the trailer."""

    def __init__(self, pdf, out, page_texts):
        self.pdf = pdf
        self.out = out
        self.budget = StreamBudget()
        self.reached = set()
        self.texts = {}
        self.drawn = []
        self.page_resources = {}
        self.shown = re.sub(r"\s+", "", normalise("\n".join(page_texts)))

    def read(self):
        for number, page in enumerate(self.pdf.pages, start=1):
            self.page_resources[f"page {number}"] = inherited(page.obj, "/Resources")
        for number, page in enumerate(self.pdf.pages, start=1):
            self.walk(page.obj, f"page {number}", "page")
        self.walk(self.pdf.trailer, "the PDF's trailer", "trailer")
        for label, texts in self.texts.items():
            self.out.add(label, "\n".join(texts))
        for label, text in self.drawn:
            # Text the pages already show is reported there; the rest (text drawn in an
            # annotation's appearance, text whose font maps codes to other letters) here.
            if re.sub(r"\s+", "", normalise(text)) not in self.shown:
                self.out.add(label, text, body=label.startswith("page "))

    def add(self, label, text):
        if text and text.strip():
            self.texts.setdefault(label, []).append(text)

    def walk(self, start, label, via):
        stack = [(start, label, via)]
        while stack:
            item, label, via = stack.pop()
            if not isinstance(item, pikepdf.Object):
                continue  # numbers and booleans come back as Python values
            if item.is_indirect:
                if item.objgen in self.reached:
                    continue
                self.reached.add(item.objgen)
            if isinstance(item, pikepdf.Stream | pikepdf.Dictionary):
                label = self.object_label(item, label, via)
                labels = KEY_LABELS
                if item.get("/Type") == pikepdf.Name.Catalog:
                    labels = {**KEY_LABELS, **CATALOG_LABELS}
                elif via == "/Names" and label == CATALOG_LABELS["/Names"]:
                    labels = {**KEY_LABELS, **NAME_TREE_LABELS}
                children = []
                key_label = f"the settings of {label}" if label.startswith("page ") else label
                for key in item:
                    self.add(key_label, key[1:])
                    if key == "/ID" and via == "trailer":
                        continue  # the file's random identifier, bytes rather than text
                    child_via = f"/EF{key}" if via == "/EF" else key
                    child_label = self.child_label(key, label, labels)
                    children.append((item.get(key), child_label, child_via))
                stack.extend(reversed(children))
                if isinstance(item, pikepdf.Stream):
                    self.read_stream(item, label, via)
            elif isinstance(item, pikepdf.Array):
                stack.extend((value, label, via) for value in reversed(list(item)))
            elif isinstance(item, pikepdf.String):
                self.add(label, string_text(item))
            elif isinstance(item, pikepdf.Name):
                self.add(label, str(item)[1:])

    def object_label(self, item, label, via):
        if via == "/Annots" or item.get("/Type") == pikepdf.Name.Annot:
            subtype = str(item.get("/Subtype", "/Annot"))[1:]
            where = f" on {label}" if label.startswith("page ") else ""
            if subtype == "Widget" and ("/FT" in item or "/T" in item or "/Parent" in item):
                return f"a PDF form field{where}"
            return f"a PDF annotation ({subtype}){where}"
        if item.get("/Type") == pikepdf.Name.Filespec or "/EF" in item:
            name = item.get("/UF") or item.get("/F") or "unnamed"
            return f"an attached file ({short(string_text(name))})"
        return label

    def child_label(self, key, label, labels):
        if label == "the PDF's trailer" and key == "/Info":
            return INFO
        if label == INFO:
            return f"{INFO} ({key[1:]})"
        if label.startswith("page ") and key == "/Resources":
            return f"the fonts and pictures of {label}"
        if label.startswith("page ") and key not in ("/Contents", "/Annots", *labels):
            return f"the settings of {label}"
        return labels.get(key, label)

    def read_stream(self, stream, label, via):
        kind, subtype = stream.get("/Type"), stream.get("/Subtype")
        if subtype == pikepdf.Name.Image or via in ("/Thumb", "/SMask", "/Mask"):
            self.out.note_unread(f"a picture ({label})")
            jpeg = jpeg_data(stream)
            if jpeg:
                self.add(f"text stored inside a picture ({label})", picture_text(jpeg))
            return
        if via in FONT_FILES or "/Length1" in stream or "/Length2" in stream:
            return  # a font program: glyph shapes, not the document's text
        if isinstance(stream.get("/N"), int) and via not in CONTENT_KEYS:
            return  # an ICC colour profile
        data = self.budget.decode(stream)
        if kind == pikepdf.Name.Metadata or subtype == pikepdf.Name.XML:
            self.add(label, xml_text(data))
        elif kind == pikepdf.Name.EmbeddedFile or via.startswith("/EF/"):
            self.out.embedded(data, label)
        elif via in CONTENT_KEYS or subtype == pikepdf.Name.Form or kind == pikepdf.Name.Pattern:
            self.read_drawn(stream, label, data)
        elif via == "/JS":
            self.add(label, decode_text(data) or printable_runs(data))
        else:
            self.add(label, xml_text(data) if data.lstrip()[:1] == b"<" else printable_runs(data))

    def read_drawn(self, stream, label, data):
        resources = stream.get("/Resources") or self.page_resources.get(label)
        try:
            blocks = drawn_text_blocks(stream, font_encodings(resources))
        except pikepdf.PdfError:
            blocks = [printable_runs(data)]
        self.drawn.extend((label, block) for block in blocks if block.strip())


def inherited(page, key):
    """A page attribute, from the page or the nearest page-tree node above it."""
    node, hops = page, 0
    while isinstance(node, pikepdf.Dictionary) and hops < 64:
        if key in node:
            return node.get(key)
        node, hops = node.get("/Parent"), hops + 1
    return None


def xml_text(data):
    """The text nodes and attribute values of an XML packet (XMP), or its printable runs
    if it is not well-formed."""
    root = parse_xml(data, "XMP metadata")
    if root is None:
        return printable_runs(data)
    texts = list(outside_root(root))
    for element in root.iter():
        if isinstance(element.tag, str):
            texts.extend(attribute_texts(element))
        texts.extend((element.text or "", element.tail or ""))
    return "\n".join(t for t in texts if t.strip())


class LeftoverReader:
    """Reads what the raw bytes hold beyond the live document: objects the final
    cross-reference table does not point to or nothing reaches, stale objects in object
    streams, and bytes outside any object."""

    def __init__(self, data, pdf, walker, out):
        self.data = data
        self.xref = pdf.get_xref_table()
        self.reached = walker.reached
        self.budget = walker.budget
        self.out = out
        self.scratch = pikepdf.new()
        self.texts = []

    def read(self):
        covered, position = [], 0
        for match in OBJECT.finditer(self.data):
            if match.start() < position:
                continue  # "N G obj" inside an object already read
            number, generation = int(match.group(1)), int(match.group(2))
            end = self.object_end(match.end())
            covered.append((match.start(), end))
            position = end
            self.read_object(number, generation, match.start(), self.data[match.end() : end])
        outside, previous = [], 0
        for start, end in covered:
            outside.append(self.data[previous:start])
            previous = end
        outside.append(self.data[previous:])
        self.out.add(OUTSIDE, printable_runs(b"\n".join(outside)))
        self.out.add(LEFTOVER, "\n".join(t for t in self.texts if t.strip()))

    def object_end(self, start):
        stream = STREAM_START.search(self.data, start)
        endobj = self.data.find(b"endobj", start)
        if stream and (endobj == -1 or stream.start() < endobj):
            endstream = self.data.find(b"endstream", stream.end())
            if endstream != -1:
                endobj = self.data.find(b"endobj", endstream)
        return len(self.data) if endobj == -1 else endobj + len(b"endobj")

    def is_live(self, number, generation, offset):
        entry = self.xref.get((number, generation))
        return (
            entry is not None
            and entry.type == 1
            and abs(entry.offset - offset) <= 2
            and (number, generation) in self.reached
        )

    def read_object(self, number, generation, offset, body):
        body = body[: body.rfind(b"endobj")] if body.endswith(b"endobj") else body
        start = STREAM_START.search(body)
        head = body[: start.start()] if start else body
        is_object_stream = re.search(rb"/Type\s*/ObjStm\b", head)
        if not is_object_stream and (
            self.is_live(number, generation, offset) or re.search(rb"/Type\s*/XRef\b", head)
        ):
            return  # read by the walk already (or a cross-reference stream: offsets only)
        value, stream_data = self.parse(body)
        if is_object_stream and value is not None and stream_data is not None:
            self.read_object_stream(number, value, stream_data)
        else:
            self.read_stale(body, value, stream_data)

    def parse(self, body):
        """(the object's value with references nulled, its decoded stream or None)."""
        start = STREAM_START.search(body)
        head = body[: start.start()] if start else body
        try:
            value = pikepdf.Object.parse(REFERENCE.sub(b"null", head))
        except (pikepdf.PdfError, RuntimeError, ValueError):
            return None, None
        if not start or not isinstance(value, pikepdf.Dictionary):
            return value, None
        raw = body[start.end() : body.rfind(b"endstream")]
        stream = pikepdf.Stream(self.scratch, raw)
        for key in ("/Filter", "/DecodeParms"):
            if key in value:
                stream[key] = value[key]
        try:
            return value, self.budget.decode(stream)
        except pikepdf.PdfError:
            return value, raw

    def read_object_stream(self, number, value, data):
        first = int(value.get("/First", 0))
        header = data[:first].split()
        pairs = [(int(header[i]), int(header[i + 1])) for i in range(0, len(header) - 1, 2)]
        for index, (inner, start) in enumerate(pairs):
            end = pairs[index + 1][1] if index + 1 < len(pairs) else len(data) - first
            entry = self.xref.get((inner, 0))
            live = (
                entry is not None
                and entry.type == 2
                and entry.obj_stream_number == number
                and entry.obj_stream_index == index
                and (inner, 0) in self.reached
            )
            if not live:
                body = data[first + start : first + end]
                inner_value, _ = self.parse(body)
                self.read_stale(body, inner_value, None)

    def read_stale(self, body, value, stream_data):
        if value is None:
            self.texts.append(printable_runs(body))
            return
        self.texts.extend(strings_in(value))
        if stream_data is None:
            return
        if value_type(value) == "/EmbeddedFile":
            self.out.embedded(stream_data, LEFTOVER)
        elif value.get("/Subtype") == pikepdf.Name.Image:
            self.out.note_unread(f"a picture ({LEFTOVER})")
        elif stream_data.lstrip()[:1] == b"<":
            self.texts.append(xml_text(stream_data))
        else:
            self.texts.extend(self.drawn_or_runs(stream_data))

    def drawn_or_runs(self, data):
        try:
            blocks = drawn_text_blocks(pikepdf.Stream(self.scratch, data))
        except pikepdf.PdfError:
            blocks = []
        return [*blocks, printable_runs(data)]


def value_type(value):
    if isinstance(value, pikepdf.Dictionary):
        return str(value.get("/Type", ""))
    return ""
