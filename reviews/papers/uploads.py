"""Checking an uploaded case paper before anything is stored.

The type is read from the file's content, never from its name or the browser's claim:
a PDF must start with the PDF signature and open with pypdf; Word, Excel and
OpenDocument files must be well-formed zip packages that unpack to no more than
CASE_DOCUMENT_MAX_EXPANDED_BYTES (checked from the zip's directory before any part is
read), whose manifest declares the right kind of document and whose main part is readable
XML. Anything else is refused with a
sentence that says what to do, before a byte reaches storage.
"""

import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .formats import DOCX, ODT, PDF, XLSX, FileFormat
from .packages import check_upload_expansion

logger = logging.getLogger(__name__)


# Office Open XML: the main part's declared content type tells Word from Excel. Macro
# variants (docm, xlsm) declare other types and are refused like any other file.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
ODF_MIMETYPES = {ODT.content_type: ODT}
ODF_MAIN_PART = "content.xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

WRONG_TYPE = (
    "Only PDF, Word (DOCX), OpenDocument text (ODT) and Excel (XLSX) files can be uploaded. "
    "This file is none of those (the check reads the file's content; renaming a file does "
    "not change its type). Save or export it as PDF and upload that."
)
DAMAGED = (
    "The file looks like {label} but cannot be read: it may be damaged or incomplete. "
    "Save or export it again and upload the new copy."
)


def max_upload_bytes():
    return settings.CASE_DOCUMENT_MAX_UPLOAD_BYTES


@dataclass(frozen=True)
class CheckedUpload:
    """What the content check found out about an accepted file."""

    format: FileFormat
    safe_name: str
    sha256: str  # of the bytes checked, so the file is read once

    @property
    def content_type(self):
        return self.format.content_type


def check_upload(uploaded_file):
    """Return a CheckedUpload, or raise ValidationError saying why the file is refused."""
    size = uploaded_file.size
    if not size:
        raise ValidationError("The file is empty.", code="empty")
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            f"The file is {filesizeformat(size)}; the largest file accepted is "
            f"{filesizeformat(limit)}.",
            code="too_large",
        )
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    file_format = detect_format(data)
    return CheckedUpload(
        file_format,
        safe_filename(uploaded_file.name, file_format),
        hashlib.sha256(data).hexdigest(),
    )


def detect_format(data):
    # The PDF signature may follow a little junk (the specification tolerates it).
    if b"%PDF-" in data[:1024]:
        check_pdf(data)
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return check_zip_package(data)
    raise ValidationError(WRONG_TYPE, code="wrong_type")


def check_pdf(data):
    from pypdf import PdfReader  # a heavy import, needed only when a PDF is uploaded

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                "The PDF is password-protected, so it cannot be checked or read by the "
                "panel. Save it without a password and upload it again.",
                code="encrypted",
            )
        if len(reader.pages) == 0:
            raise ValidationError(DAMAGED.format(label="a PDF"), code="damaged")
        for page in reader.pages:
            page.mediabox  # noqa: B018 - touching each page proves its object can be read
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        logger.info("Refused an unreadable PDF: %s", exc)
        raise ValidationError(DAMAGED.format(label="a PDF"), code="damaged") from exc


def check_zip_package(data):
    # The sizes the package's directory declares, before any part is read: a small file
    # may unpack to hundreds of megabytes (CASE_DOCUMENT_MAX_EXPANDED_BYTES).
    check_upload_expansion(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = {info.filename for info in package.infolist()}
            file_format, main_part = identify_package(package, names)
            ElementTree.fromstring(package.read(main_part))  # noqa: S314 - expat limits entities
    except ValidationError:
        raise
    except Exception as exc:  # zipfile and expat raise many kinds of error on a damaged file
        raise ValidationError(
            DAMAGED.format(label="a Word, Excel or OpenDocument file"), code="damaged"
        ) from exc
    return file_format


def identify_package(package, names):
    """Which supported format a zip package is, and the name of its main XML part."""
    if "mimetype" in names:
        mimetype = package.read("mimetype")[:200].decode("ascii", "replace").strip()
        file_format = ODF_MIMETYPES.get(mimetype)
        if file_format is None or ODF_MAIN_PART not in names:
            raise ValidationError(WRONG_TYPE, code="wrong_type")
        return file_format, ODF_MAIN_PART
    if "[Content_Types].xml" in names:
        manifest = ElementTree.fromstring(package.read("[Content_Types].xml"))  # noqa: S314
        for override in manifest.iter(f"{CONTENT_TYPES_NS}Override"):
            file_format = OOXML_MAIN_PARTS.get(override.get("ContentType", ""))
            part = override.get("PartName", "").lstrip("/")
            if file_format is not None and part in names:
                return file_format, part
    raise ValidationError(WRONG_TYPE, code="wrong_type")


UNSAFE_CHARACTERS = re.compile(r"[^\w\s.()&,+'-]", re.UNICODE)
MAX_NAME_LENGTH = 120


def safe_filename(name, file_format):
    """A download name that is only a name: no folders, no control or quoting
    characters, a sensible length, and the extension of the type actually found."""
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFC", stem)
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = UNSAFE_CHARACTERS.sub("_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:MAX_NAME_LENGTH].strip(" ._-")
    return f"{stem or 'document'}.{file_format.extension}"
