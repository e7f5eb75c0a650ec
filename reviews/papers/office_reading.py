"""Every string in a Word (DOCX) or OpenDocument (ODT) package, with where it sits.

A list of places to look can never be complete, so the package is read whole: every part
of the zip is read. XML parts give every text node, every attribute value, comments and
processing instructions. Parts we know are labelled for what they are ("a content control
in paragraph 4", "the first-page header of section 1 (word/header2.xml)", "document
properties (app.xml: Company)"); any other XML part is still read and labelled by its
name. Files inside the package (embedded documents, an HTML chunk) are read as what they
are; pictures are noted as unread (their text chunks and EXIF are read); other binary
parts give their printable runs.

In the body, a paragraph with tracked deletions is read twice: as it reads with the
changes accepted and as it read before them, so that a name split by a deletion, or made
by one, is found either way.
"""

import posixpath
import re
from urllib.parse import unquote

from lxml import etree

from .packages import SafePackage
from .pieces import CannotBeChecked
from .plain_text import HTML_NAMES, read_loose_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"


def q(namespace, name):
    return f"{{{namespace}}}{name}"


XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
# For a part that is not well-formed: read what a lenient reader would still show.
LENIENT_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


def parse_xml(data, part):
    """The part's root element (None if it is not XML); a DTD (never found in Office
    files, and a way to hide entity text) makes the file uncheckable."""
    root = None
    for parser in (XML_PARSER, LENIENT_PARSER):
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            continue
        if root is not None:
            break
    if root is None:
        return None
    if root.getroottree().docinfo.doctype:
        raise CannotBeChecked(f"its part {part} declares a document type (DTD)")
    return root


def outside_root(root):
    """Comments and processing instructions before and after the root element."""
    for node in (*root.itersiblings(preceding=True), *root.itersiblings()):
        if node.text:
            yield node.text


def looks_like_xml(data):
    head = data[:512].lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00")
    return head.startswith(b"<")


def local(element):
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def is_markup(element):
    return isinstance(element.tag, str)


# ---------------------------------------------------------------- reading the package


def read_package(data, out, kind):
    """Read every part of a DOCX (`kind` "docx"), ODT ("odt") or other zip package."""
    with SafePackage(data) as package:
        reader = {"docx": WordPackage, "odt": OdfPackage}.get(kind, GenericPackage)
        reader(package, out).read()


class GenericPackage:
    """Reads each part of a zip package by what it holds; subclasses know their parts."""

    def __init__(self, package, out):
        self.package = package
        self.out = out
        self.parts = {}

    def read(self):
        for info in self.package.members:
            self.parts[info.filename] = self.package.read(info)
        for name in self.reading_order():
            self.read_part(name, self.parts[name])

    def reading_order(self):
        return list(self.parts)

    def read_part(self, name, data):
        if looks_like_xml(data) and not name.lower().endswith(HTML_NAMES):
            root = parse_xml(data, name)
            if root is not None:
                for text in outside_root(root):
                    self.out.add(f"an XML comment or instruction ({name})", text)
                self.read_xml_part(name, root)
                return
        self.read_other_part(name, data)

    def read_xml_part(self, name, root):
        read_generic_xml(root, self.part_label(name), self.out, name)

    def part_label(self, name):
        return f"the part {name}"

    def read_other_part(self, name, data, label=None):
        read_loose_bytes(data, self.out, name, label or self.part_label(name))


def read_generic_xml(root, label, out, part):
    """Every text node and attribute value of an XML part under one label."""
    texts = []
    for element in root.iter():
        if not is_markup(element):
            out.add(f"an XML comment or instruction ({part})", element.text)
        else:
            texts.extend(attribute_texts(element))
            texts.append(element.text or "")
        texts.append(element.tail or "")
    out.add(label, "\n".join(t for t in texts if t.strip()))


# Revision ids, colours, GUIDs, numbers: hex digits only. Not text a reader takes for a
# name, and read as text they make noise ("00DEE5A1" holds the word "dee").
IDENTIFIER = re.compile(r"[{(]?[0-9A-Fa-f-]*\d[0-9A-Fa-f-]*[})]?")


def attribute_texts(element):
    for value in element.attrib.values():
        if IDENTIFIER.fullmatch(value):
            continue
        yield value
        if "%" in value:
            yield unquote(value)


# ---------------------------------------------------------------- the body walker


class BodyWalker:
    """Walks one XML part made of paragraphs, producing a piece per run of text with one
    location. Subclasses give the format's element rules."""

    PARAGRAPHS = frozenset()
    TABLES = frozenset()
    ROWS = frozenset()
    DELETIONS = frozenset()

    def __init__(self, out, part, body=False):
        self.out = out
        self.part = part
        self.body = body  # the part holds the document's body (its paragraphs are body text)
        self.paragraphs = 0
        self.tables = 0
        self.other_values = {}  # an ordered set

    # -- blocks

    def block(self, element, place, special=None):
        """The children of a container of paragraphs and tables."""
        for child in element:
            if not is_markup(child):
                self.comment(child)
            elif child.tag in self.PARAGRAPHS:
                self.paragraph(child, place or self.next_paragraph(), special)
            elif child.tag in self.TABLES:
                self.table(child, place, special)
            else:
                self.attributes(child, place or "the document", special)
                inner_place, inner_special = self.block_context(child, place, special)
                if child.text and child.text.strip():
                    where = inner_place or "the document"
                    self.out.add(
                        f"{inner_special} in {where}" if inner_special else where, child.text
                    )
                self.block(child, inner_place, inner_special)
            if child.tail and child.tail.strip():
                self.out.add(
                    f"{special} in {place}" if special else place or "the document", child.tail
                )

    def block_context(self, element, place, special):
        """The place and special label for what a non-paragraph block element holds."""
        label = self.special_label(element)
        if label is not None:
            return place, label
        new_place = self.new_place(element, place)
        return (new_place, None) if new_place else (place, special)

    def next_paragraph(self):
        self.paragraphs += 1
        return f"paragraph {self.paragraphs}"

    def table(self, element, place, special):
        if place is None:
            self.tables += 1
        table_place = place or f"table {self.tables}"
        self.attributes(element, table_place, special)
        rows = 0
        for child in element:
            if is_markup(child) and child.tag in self.ROWS:
                rows += 1
                row_place = table_place if place else f"{table_place}, row {rows}"
                self.attributes(child, row_place, special)
                self.block(child, row_place, special)
            elif is_markup(child):
                self.block(child, table_place, special)

    # -- paragraphs

    def paragraph(self, element, place, special):
        views = ("final", "original") if self.has_deletions(element) else ("final",)
        for view in views:
            segments = []
            self.inline(element, place, special, view, segments)
            self.flush(segments)

    def has_deletions(self, element):
        return any(is_markup(e) and e.tag in self.DELETIONS for e in element.iter())

    def inline(self, element, place, special, view, segments):
        self.attributes(element, place, special)
        location = f"{special} in {place}" if special else place
        if element.text:
            segments.append((location, element.text))
        for child in element:
            if not is_markup(child):
                self.comment(child)
            else:
                self.inline_child(child, place, special, view, segments)
            if child.tail:
                segments.append((location, child.tail if child.tail.strip() else "\n"))

    def inline_child(self, child, place, special, view, segments):
        location = f"{special} in {place}" if special else place
        character = self.character(child)
        if character is not None:
            segments.append((location, character))
            return
        if self.skipped_in(child, view):
            return
        new_place = self.new_place(child, place)
        if new_place:
            segments.append((location, "\n"))
            self.attributes(child, new_place, None)
            self.block(child, new_place)
            return
        if child.tag in self.PARAGRAPHS:  # a paragraph inside a paragraph's container
            self.paragraph(child, place, special)
            return
        label = self.special_label(child)
        self.inline(child, place, label or special, view, segments)

    def flush(self, segments):
        merged = []
        for location, text in segments:
            if merged and merged[-1][0] == location:
                merged[-1][1].append(text)
            else:
                merged.append((location, [text]))
        for location, texts in merged:
            self.out.add(location, "".join(texts), body=self.body)

    # -- attributes and comments

    def attributes(self, element, place, special):
        for name, value in element.attrib.items():
            if IDENTIFIER.fullmatch(value):
                continue
            label = self.attribute_label(element, etree.QName(name).localname, place, special)
            values = [value, unquote(value)] if "%" in value else [value]
            for text in values:
                if label:
                    self.out.add(label, self.attribute_text(element, name, text))
                else:
                    self.other_values[text] = None

    def attribute_text(self, element, name, value):
        return value

    def finish(self):
        self.out.add(f"other values in the markup ({self.part})", "\n".join(self.other_values))

    def comment(self, node):
        self.out.add(f"an XML comment or instruction ({self.part})", node.text)

    # -- format rules (overridden)

    def character(self, element):
        return None

    def skipped_in(self, element, view):
        return False

    def new_place(self, element, place):
        return None

    def special_label(self, element):
        return None

    def attribute_label(self, element, name, place, special):
        return None


# ---------------------------------------------------------------- Word


WORD_SPECIALS = {
    q(W, "ins"): "text inserted under tracked changes",
    q(W, "moveTo"): "a tracked move",
    q(W, "del"): "text deleted under tracked changes",
    q(W, "moveFrom"): "a tracked move (the text's old place)",
    q(W, "sdt"): "a content control",
    q(W, "sdtPr"): "a content control's settings",
    q(W, "fldSimple"): "a field result",
    q(W, "instrText"): "a field code",
    q(W, "delInstrText"): "a field code",
    q(W, "smartTag"): "a smart tag",
    q(W, "customXml"): "custom XML markup",
}
WORD_CHARACTERS = {
    q(W, "tab"): " ",
    q(W, "ptab"): " ",
    q(W, "br"): "\n",
    q(W, "cr"): "\n",
    q(W, "noBreakHyphen"): "-",
    q(W, "softHyphen"): "\u00ad",
}
ALT_TEXT_ATTRIBUTES = {"descr", "title", "alt"}
AUTHOR_ATTRIBUTES = {"author", "initials"}


class WordWalker(BodyWalker):
    PARAGRAPHS = frozenset({q(W, "p")})
    TABLES = frozenset({q(W, "tbl")})
    ROWS = frozenset({q(W, "tr")})
    DELETIONS = frozenset({q(W, "del"), q(W, "moveFrom")})

    def __init__(self, out, part, relationships, body=False):
        super().__init__(out, part, body)
        self.relationships = relationships
        self.fields = []  # complex fields open at this point: "code" or "result"

    def paragraph(self, element, place, special):
        fields_before = list(self.fields)
        views = ("final", "original") if self.has_deletions(element) else ("final",)
        for view in views:
            self.fields = list(fields_before)
            segments = []
            self.inline(element, place, special, view, segments)
            self.flush(segments)

    def inline_child(self, child, place, special, view, segments):
        if child.tag == q(W, "fldChar"):
            kind = child.get(q(W, "fldCharType"))
            if kind == "begin":
                self.fields.append("code")
            elif kind == "separate" and self.fields:
                self.fields[-1] = "result"
            elif kind == "end" and self.fields:
                self.fields.pop()
            return
        if child.tag == q(W, "r") and self.fields:
            special = "a field code" if self.fields[-1] == "code" else "a field result"
        if child.tag == q(W, "r") and child.find(f"{{{W}}}rPr/{{{W}}}vanish") is not None:
            special = "hidden text"
        super().inline_child(child, place, special, view, segments)

    def character(self, element):
        if element.tag == q(W, "sym"):
            code = int(element.get(q(W, "char"), "20"), 16)
            return chr(code - 0xF000 if 0xF020 <= code <= 0xF0FF else code)
        return WORD_CHARACTERS.get(element.tag)

    def skipped_in(self, element, view):
        if view == "final":
            return element.tag in (q(W, "del"), q(W, "moveFrom"))
        return element.tag in (q(W, "ins"), q(W, "moveTo"), q(W, "txbxContent"))

    def new_place(self, element, place):
        if element.tag == q(W, "txbxContent"):
            return f"a text box in {place or 'the document'}"
        return None

    def special_label(self, element):
        return WORD_SPECIALS.get(element.tag)

    def attribute_label(self, element, name, place, special):
        where = place or "the document"
        if name in ALT_TEXT_ATTRIBUTES and local(element) in {
            "docPr",
            "cNvPr",
            "shape",
            "imagedata",
        }:
            return f"image alt text in {where}"
        if element.tag == q(W, "hyperlink") and name in ("id", "tooltip", "anchor"):
            return f"a hyperlink target in {where}"
        if element.tag == q(W, "fldSimple") and name == "instr":
            return f"a field code in {where}"
        if local(element) == "textpath" and name == "string":
            return f"WordArt text in {where}"
        if name in AUTHOR_ATTRIBUTES:
            return f"the name of an author of changes or comments ({self.part})"
        if special and special.startswith("a content control"):
            return f"a content control's settings in {where}"
        return None

    def attribute_text(self, element, name, value):
        if etree.QName(name).localname == "id" and element.tag == q(W, "hyperlink"):
            return self.relationships.get(value, (None, value))[1]
        return value


class WordPackage(GenericPackage):
    MAIN = "word/document.xml"
    PROPERTY_PARTS = {"docProps/core.xml": "core.xml", "docProps/app.xml": "app.xml"}

    def read(self):
        for info in self.package.members:
            self.parts[info.filename] = self.package.read(info)
        self.relationships = self.read_relationships()
        self.labels = self.labels_from_relationships()
        self.labels.update(self.header_labels())
        for name in self.reading_order():
            self.read_part(name, self.parts[name])

    def reading_order(self):
        names = list(self.parts)
        return sorted(names, key=lambda name: (name != self.MAIN, name))

    def read_relationships(self):
        """{part name: {relationship id: (type, target)}} from every .rels part."""
        found = {}
        for name, data in self.parts.items():
            if not name.endswith(".rels"):
                continue
            root = parse_xml(data, name)
            if root is None:
                continue
            source_folder = posixpath.dirname(posixpath.dirname(name))
            source = posixpath.join(source_folder, posixpath.basename(name)[: -len(".rels")])
            entries = {}
            for relationship in root.iter(q(REL, "Relationship")):
                target = relationship.get("Target", "")
                if relationship.get("TargetMode") != "External":
                    target = posixpath.normpath(posixpath.join(source_folder, target)).lstrip("/")
                entries[relationship.get("Id", "")] = (relationship.get("Type", ""), target)
            found[source] = entries
        return found

    def labels_from_relationships(self):
        labels = {}
        for entries in self.relationships.values():
            for kind, target in entries.values():
                if kind.endswith("/aFChunk"):
                    labels[target] = f"an embedded HTML chunk ({target})"
        return labels

    def header_labels(self):
        """Which section and pages each header and footer part serves, from the body's
        section properties."""
        root = parse_xml(self.parts.get(self.MAIN, b"<x/>"), self.MAIN)
        if root is None:
            return {}
        relationships = self.relationships.get(self.MAIN, {})
        labels = {}
        for number, section in enumerate(root.iter(q(W, "sectPr")), start=1):
            for reference in section:
                kind = {q(W, "headerReference"): "header", q(W, "footerReference"): "footer"}
                if reference.tag not in kind:
                    continue
                pages = {"first": "first-page ", "even": "even-page "}.get(
                    reference.get(q(W, "type")), "page "
                )
                target = relationships.get(reference.get(q(R, "id")), ("", ""))[1]
                labels.setdefault(
                    target, f"the {pages}{kind[reference.tag]} of section {number} ({target})"
                )
        return labels

    def part_label(self, name):
        if name in self.labels:
            return self.labels[name]
        if name.startswith("customXml/"):
            return f"custom XML ({name})"
        if name.endswith(".rels"):
            return f"links between parts and to outside addresses ({name})"
        if name == "docProps/custom.xml":
            return "custom document properties"
        if name.startswith("word/embeddings/"):
            return f"an embedded file ({name})"
        if name == "word/settings.xml":
            return "the document's settings (word/settings.xml)"
        if name == "word/people.xml":
            return "the people who edited or commented (word/people.xml)"
        return f"the part {name}"

    def read_xml_part(self, name, root):
        base = posixpath.basename(name)
        if name in self.PROPERTY_PARTS:
            read_properties(root, self.PROPERTY_PARTS[name], self.out)
        elif name == self.MAIN or name == "word/glossary/document.xml":
            place = None if name == self.MAIN else "the glossary (word/glossary/document.xml)"
            self.walk(root, name, place)
        elif re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            kind = "header" if base.startswith("header") else "footer"
            self.walk(root, name, self.labels.get(name, f"an unused page {kind} ({name})"))
        elif name in ("word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"):
            place = {"footnotes.xml": "a footnote", "endnotes.xml": "an endnote"}
            self.walk(root, name, place.get(base, "a comment"))
        else:
            read_generic_xml(root, self.part_label(name), self.out, name)

    def walk(self, root, name, place):
        walker = WordWalker(self.out, name, self.relationships.get(name, {}), name == self.MAIN)
        walker.attributes(root, place or "the document", None)
        walker.block(root, place)
        walker.finish()

    def read_other_part(self, name, data, label=None):
        if name == "docProps/thumbnail.jpeg" or name.startswith("docProps/thumbnail"):
            self.out.note_unread(f"a thumbnail picture of the first page ({name})")
        super().read_other_part(name, data, self.part_label(name))


def read_properties(root, part, out):
    """core.xml and app.xml: one piece per property, named by its element."""
    for element in root:
        if is_markup(element):
            texts = [t for e in element.iter() for t in (e.text, *attribute_texts(e)) if t]
            out.add(f"document properties ({part}: {local(element)})", "\n".join(texts))
        else:
            out.add(f"an XML comment or instruction ({part})", element.text)


# ---------------------------------------------------------------- OpenDocument


ODF_SPECIALS = {
    q(TEXT, "hidden-text"): "hidden text",
    q(TEXT, "hidden-paragraph"): "hidden text",
    q(TEXT, "conditional-text"): "conditional text",
    q(TEXT, "note-citation"): "a footnote or endnote mark",
    q(DRAW, "frame"): "a frame or picture",
    q(SVG, "title"): "image alt text",
    q(SVG, "desc"): "image alt text",
}
ODF_PLACES = {
    q(OFFICE, "annotation"): "a comment (office:annotation)",
    q(TEXT, "note"): "a footnote or endnote",
    q(TEXT, "tracked-changes"): "text under tracked changes (text:tracked-changes)",
    q(DRAW, "text-box"): "a text box",
    q(OFFICE, "forms"): "a form control",
    q(STYLE, "header"): "the page header (styles.xml)",
    q(STYLE, "header-left"): "the even-page header (styles.xml)",
    q(STYLE, "header-first"): "the first-page header (styles.xml)",
    q(STYLE, "footer"): "the page footer (styles.xml)",
    q(STYLE, "footer-left"): "the even-page footer (styles.xml)",
    q(STYLE, "footer-first"): "the first-page footer (styles.xml)",
}
ODF_VALUE_ATTRIBUTES = {"string-value", "string-value-if-true", "string-value-if-false"}


class OdfWalker(BodyWalker):
    PARAGRAPHS = frozenset({q(TEXT, "p"), q(TEXT, "h")})
    TABLES = frozenset({q(TABLE, "table")})
    ROWS = frozenset({q(TABLE, "table-row")})

    def character(self, element):
        if element.tag == q(TEXT, "s"):
            return " " * min(int(element.get(q(TEXT, "c"), "1") or 1), 100)
        return {q(TEXT, "tab"): " ", q(TEXT, "line-break"): "\n"}.get(element.tag)

    def new_place(self, element, place):
        label = ODF_PLACES.get(element.tag)
        if label is None:
            return None
        if element.tag.startswith(f"{{{STYLE}}}") or element.tag == q(TEXT, "tracked-changes"):
            return label
        return f"{label} in {place or 'the document'}"

    def special_label(self, element):
        return ODF_SPECIALS.get(element.tag)

    def attribute_label(self, element, name, place, special):
        where = place or "the document"
        if element.tag == q(TEXT, "a") and name in ("href", "title"):
            return f"a hyperlink target in {where}"
        if name in ODF_VALUE_ATTRIBUTES:
            return f"{special or 'a field or variable'} in {where}"
        if name in ("title", "description") and element.tag == q(DRAW, "frame"):
            return f"image alt text in {where}"
        return None


ODF_META_LABELS = {
    q(META, "initial-creator"): "the document's creator (meta.xml)",
    "{http://purl.org/dc/elements/1.1/}creator": "the document's last author (meta.xml)",
    q(META, "user-defined"): "user-defined metadata (meta.xml)",
    q(META, "printed-by"): "who last printed it (meta.xml)",
    q(META, "template"): "the template it was made from (meta.xml)",
}


class OdfPackage(GenericPackage):
    def reading_order(self):
        first = ["content.xml", "styles.xml", "meta.xml"]
        return sorted(
            self.parts, key=lambda name: (first.index(name) if name in first else 9, name)
        )

    def part_label(self, name):
        if name == "settings.xml":
            return "the document's settings (settings.xml)"
        if name == "META-INF/manifest.xml":
            return "the package's list of parts (META-INF/manifest.xml)"
        if name.startswith("Thumbnails/"):
            return f"a thumbnail picture of the first page ({name})"
        if "/" in name and name.split("/")[0].startswith("Object"):
            return f"an embedded object ({name})"
        return f"the part {name}"

    def read_xml_part(self, name, root):
        if name in ("content.xml", "styles.xml"):
            walker = OdfWalker(self.out, name, body=name == "content.xml")
            walker.block(root, None if name == "content.xml" else f"the styles ({name})")
            walker.finish()
        elif name == "meta.xml":
            read_odf_meta(root, self.out)
        else:
            read_generic_xml(root, self.part_label(name), self.out, name)


def read_odf_meta(root, out):
    for element in root.iter():
        if not is_markup(element):
            out.add("an XML comment or instruction (meta.xml)", element.text)
            continue
        if len(element):
            continue  # containers (office:meta); their children are read one by one
        label = ODF_META_LABELS.get(
            element.tag, f"document properties (meta.xml: {local(element)})"
        )
        texts = [element.text or "", *attribute_texts(element)]
        out.add(label, "\n".join(t for t in texts if t))
