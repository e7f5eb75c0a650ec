"""Reading an uploaded PDF, DOCX or ODT exhaustively: every string a reader of the file
could recover, each as a TextPiece(location, text) naming where it sits.

    read_document(data, content_type) -> DocumentText(pieces, unread)
    find_in_document(data, content_type, terms) -> [Finding, ...]

A file that cannot be read completely (password-protected, damaged, expanding past the
limit, nested too deeply, no text at all) raises CannotBeChecked: the caller must treat
that as "cannot be checked", never as "clean". `unread` lists places whose content is not
text (pictures, binary objects): the check cannot see text inside them.

How each format is read: office_reading (DOCX, ODT, any zip package), pdf_reading (PDF),
plain_text (HTML, MIME, text, pictures' text chunks, binary data).
"""

from .formats import DOCX, ODT, PDF
from .matching import find_terms
from .office_reading import read_package
from .packages import PackageDamaged, PackageTooLarge, SafePackage
from .pdf_reading import read_pdf
from .pieces import CannotBeChecked, Collector, DocumentText, TextPiece
from .plain_text import read_loose_bytes

__all__ = [
    "CannotBeChecked",
    "DocumentText",
    "TextPiece",
    "find_in_document",
    "read_document",
]

ODT_MIMETYPE = ODT.content_type.encode()


def read_document(data, content_type):
    """DocumentText of an uploaded file of `content_type` (PDF, DOCX or ODT)."""
    kinds = {PDF.content_type: "pdf", DOCX.content_type: "docx", ODT.content_type: "odt"}
    kind = kinds.get(content_type)
    if kind is None:
        raise CannotBeChecked("text cannot be read from this kind of file")
    out = Collector(read_embedded)
    with translated_errors():
        if kind == "pdf":
            read_pdf(data, out)
        else:
            read_package(data, out, kind)
    if not out.result.has_body_text:
        raise CannotBeChecked("no text could be found in it (is it a scanned image?)")
    return out.result


def find_in_document(data, content_type, terms):
    """Findings of `terms` (Terms, strings, or objects with `term` and `variants`) in
    everything the file holds. Raises CannotBeChecked if it cannot be read completely."""
    return find_terms(read_document(data, content_type).pieces, terms)


def read_embedded(data, out, location):
    """Read a file found inside another (an attachment, an embedded object)."""
    with translated_errors(out.prefix.rstrip(": ")):
        if b"%PDF-" in data[:1024]:
            read_pdf(data, out)
        elif data.startswith(b"PK\x03\x04"):
            read_package(data, out, package_kind(data))
        else:
            read_loose_bytes(data, out, location, "its text")


def package_kind(data):
    with SafePackage(data) as package:
        names = set(package.names)
        if "mimetype" in names and package.read("mimetype").strip() == ODT_MIMETYPE:
            return "odt"
        return "docx" if "word/document.xml" in names else "package"


class translated_errors:
    """Turns a reader's failure into CannotBeChecked, saying where when it was inside."""

    def __init__(self, location=None):
        self.where = f" ({location})" if location else ""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None:
            return False
        if isinstance(error, CannotBeChecked):
            if not self.where or getattr(error, "placed", False):
                return False
            message = f"{error}{self.where}"
        elif isinstance(error, PackageTooLarge | PackageDamaged):
            message = f"{error}{self.where}"
        elif isinstance(error, Exception):  # the parsers raise many kinds of error
            message = f"it could not be read completely{self.where} ({error.__class__.__name__})"
        else:
            return False
        refusal = CannotBeChecked(message)
        refusal.placed = bool(self.where)  # the innermost file names the place
        raise refusal from error
