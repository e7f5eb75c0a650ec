"""Opening zip packages (DOCX, ODT, XLSX) without letting one expand past a limit.

A 100 KB document can declare, or really hold, hundreds of megabytes once decompressed.
The limit applies to the sizes the zip's directory declares, before any part is read. The
directory may lie: zipfile never inflates a member past its declared size, and a member
whose data is longer fails its CRC check, so the file cannot be checked (never "clean").
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# The most parts a package may hold; its unpacked size is CASE_DOCUMENT_MAX_EXPANDED_BYTES.
MAX_ENTRIES = 5000


class PackageTooLarge(Exception):
    """The package expands past the limit: it cannot be checked."""


class PackageDamaged(Exception):
    """The zip package cannot be read."""


def max_expanded_bytes():
    return settings.CASE_DOCUMENT_MAX_EXPANDED_BYTES


def too_large_sentence(limit):
    return (
        f"it expands to more than {filesizeformat(limit)} when unpacked, far more than a "
        "document needs"
    )


class SafePackage:
    """A zip package whose declared size has been checked.

    Use as a context manager; `read(info)` returns one member's bytes."""

    def __init__(self, data, limit=None):
        self.limit = max_expanded_bytes() if limit is None else limit
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.members = [info for info in self.zip.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise PackageDamaged("it is not a readable zip package") from exc
        declared = sum(info.file_size for info in self.members)
        if len(self.members) > MAX_ENTRIES or declared > self.limit:
            self.zip.close()
            raise PackageTooLarge(too_large_sentence(self.limit))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.zip.close()

    @property
    def names(self):
        return [info.filename for info in self.members]

    def info(self, name):
        try:
            return self.zip.getinfo(name)
        except KeyError:
            return None

    def read(self, info):
        """The member's bytes. zipfile stops inflating at the size the directory declares
        and its CRC check then fails if the data was longer, so the sizes checked in
        __init__ bound what is read whatever the part really holds."""
        if isinstance(info, str):
            info = self.zip.getinfo(info)
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise PackageDamaged(
                f"its part {info.filename} cannot be unpacked (it may be damaged, or not "
                "what the package's directory says)"
            ) from exc


def check_upload_expansion(data, limit=None):
    """For the upload check: raise ValidationError if a zip package (DOCX, ODT, XLSX)
    declares more than the expanded-size limit. Reads the zip's directory only."""
    try:
        SafePackage(data, limit).zip.close()
    except PackageTooLarge as exc:
        raise ValidationError(
            f"The file was refused: {exc}. Save it again without embedded files or "
            "oversized pictures, or export it as PDF, and upload that.",
            code="zip_bomb",
        ) from exc
    except PackageDamaged as exc:
        raise ValidationError(
            "The file looks like a Word, Excel or OpenDocument file but cannot be read: it "
            "may be damaged or incomplete. Save or export it again and upload the new copy.",
            code="damaged",
        ) from exc
