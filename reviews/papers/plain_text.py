"""Text out of bytes that are not a document: HTML, MIME (.mht), plain text, binaries, and
the text stored inside pictures (JPEG comments and EXIF/XMP, PNG text chunks)."""

import email
import re
import struct
import zlib
from html.parser import HTMLParser

# Runs of at least four printable characters, as the `strings` tool finds them: in ASCII
# or UTF-8 bytes, and in UTF-16 (little- and big-endian) as Windows programs write.
ASCII_RUN = re.compile(rb"[\t\x20-\x7e\x80-\xff]{4,}")
UTF16LE_RUN = re.compile(rb"(?:[\t\x20-\x7e]\x00){4,}")
UTF16BE_RUN = re.compile(rb"(?:\x00[\t\x20-\x7e]){4,}")
MAX_INFLATED = 8 * 1024 * 1024
HTML_NAMES = (".htm", ".html", ".xhtml", ".mht", ".mhtml")


def read_loose_bytes(data, out, name, label):
    """Read bytes that are not an XML part: a document inside (read as one, through the
    collector), a picture (noted as unread; its text chunks read), a web archive, HTML or
    plain text, or else binary data whose printable runs are read."""
    if picture_kind(data):
        out.note_unread(f"a picture ({name})")
        out.add(f"text stored inside a picture ({name})", picture_text(data))
    elif b"%PDF-" in data[:1024] or data.startswith(b"PK\x03\x04"):
        out.embedded(data, f"an embedded file ({name})")
    elif looks_like_mime(data):
        for part, text in mime_texts(data):
            out.add(f"{label}, {part}", text)
    elif (text := decode_text(data)) is not None:
        is_html = name.lower().endswith(HTML_NAMES) or "<html" in text[:2048].lower()
        out.add(label, html_text(text) if is_html else text)
    else:
        out.note_unread(f"binary data ({name})")
        out.add(f"readable text in binary data ({name})", printable_runs(data))


def printable_runs(data):
    runs = [run.decode("utf-8", "replace") for run in ASCII_RUN.findall(data)]
    runs += [run.decode("utf-16-le") for run in UTF16LE_RUN.findall(data)]
    runs += [run.decode("utf-16-be") for run in UTF16BE_RUN.findall(data)]
    return "\n".join(runs)


def decode_text(data):
    """Bytes as text if they are text (by BOM, or valid UTF-8 with few control
    characters), else None."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\r\n\f")
    return text if controls <= len(text[:4096]) // 100 else None


class _HtmlText(HTMLParser):
    # Attributes a reader meets: alternative text, tooltips, link targets, meta content.
    SHOWN_ATTRIBUTES = {"alt", "title", "href", "src", "content", "value", "label", "name"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in self.SHOWN_ATTRIBUTES:
                self.texts.append(value)

    def handle_data(self, data):
        self.texts.append(data)

    def handle_comment(self, data):
        self.texts.append(data)


def html_text(text):
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return "\n".join(t for t in parser.texts if t.strip())


def looks_like_mime(data):
    head = data[:2048].lower()
    return b"mime-version:" in head and b"content-type:" in head


def mime_texts(data):
    """(part name, text) for each part of a MIME message (.mht web archive)."""
    message = email.message_from_bytes(data)
    for number, part in enumerate(message.walk(), start=1):
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        text = payload.decode(charset, "replace")
        if part.get_content_type() == "text/html":
            text = html_text(text)
        yield part.get_filename() or f"part {number}", text


# ---------------------------------------------------------------- pictures

PICTURE_SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"\xd7\xcd\xc6\x9a": "WMF",
}


def picture_kind(data):
    if data.startswith(b"BM") and data[6:10] == b"\x00\x00\x00\x00":
        return "BMP"
    if data.startswith(b"\x01\x00\x00\x00") and data[40:44] == b" EMF":
        return "EMF"
    return next((kind for sig, kind in PICTURE_SIGNATURES.items() if data.startswith(sig)), None)


def picture_text(data):
    """Text a picture file carries besides its pixels: JPEG comments and application
    segments (EXIF, XMP, IPTC), PNG text chunks. Pixels themselves are not read."""
    kind = picture_kind(data)
    if kind == "JPEG":
        return "\n".join(printable_runs(segment) for segment in jpeg_segments(data))
    if kind == "PNG":
        return "\n".join(png_texts(data))
    return printable_runs(data[:65536]) if kind in ("EMF", "WMF") else ""


def jpeg_segments(data):
    """The payloads of a JPEG's COM and APPn segments (up to the image data)."""
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: pixel data follows
            return
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker == 0xFE or 0xE0 <= marker <= 0xEF:
            yield data[position + 4 : position + 2 + length]
        position += 2 + length


def png_texts(data):
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"tEXt":
            yield body.replace(b"\x00", b"\n").decode("latin-1")
        elif kind == b"zTXt":
            keyword, _, rest = body.partition(b"\x00")
            yield keyword.decode("latin-1") + "\n" + inflate(rest[1:]).decode("latin-1")
        elif kind == b"iTXt":
            keyword, _, rest = body.partition(b"\x00")
            compressed, rest = rest[:1] == b"\x01", rest[2:]
            language, _, rest = rest.partition(b"\x00")
            translated, _, text = rest.partition(b"\x00")
            text = inflate(text) if compressed else text
            yield "\n".join(part.decode("utf-8", "replace") for part in (keyword, translated, text))
        elif kind == b"eXIf":
            yield printable_runs(body)
        elif kind == b"IEND":
            return


def inflate(data):
    return zlib.decompressobj().decompress(data, MAX_INFLATED)
