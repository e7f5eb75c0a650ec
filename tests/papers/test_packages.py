"""Zip packages cannot expand past the limit: refused from the directory before any part
is read, and never trusted beyond what the directory declares."""

import io
import zipfile
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from reviews.papers.packages import check_upload_expansion, max_expanded_bytes
from reviews.papers.reading import CannotBeChecked, read_document
from tests.papers.corpus import DOCX_TYPE, ODT_TYPE, clean_docx, clean_odt

MIB = 1024 * 1024


def with_filler(data, name, megabytes):
    """The package with a part of `megabytes` MiB of zeros (it compresses to ~1 KB/MiB)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for info in source.infolist():
            package.writestr(info, source.read(info))
        with package.open(name, "w") as filler:
            for _ in range(megabytes):
                filler.write(bytes(MIB))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_of_100_mb():
    """Like the one in the issue: about 100 KB that expands to 100 MB."""
    return with_filler(clean_docx(), "word/media/filler.bin", 100)


def test_the_limit_is_a_setting_far_below_the_old_one(settings):
    assert max_expanded_bytes() == 50 * MIB
    settings.CASE_DOCUMENT_MAX_EXPANDED_BYTES = 10 * MIB
    assert max_expanded_bytes() == 10 * MIB


def test_a_small_docx_that_expands_to_100_mb_is_refused_before_any_part_is_read(
    docx_of_100_mb,
):
    assert len(docx_of_100_mb) < 300 * 1024
    with mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("read")) as op:
        with pytest.raises(ValidationError) as refusal:
            check_upload_expansion(docx_of_100_mb)
        with pytest.raises(CannotBeChecked, match="expands to more than 50"):
            read_document(docx_of_100_mb, DOCX_TYPE)
    assert refusal.value.code == "zip_bomb"
    assert "expands to more than 50" in refusal.value.messages[0]
    op.assert_not_called()


def test_an_odt_past_a_lower_limit_is_refused_too(settings):
    settings.CASE_DOCUMENT_MAX_EXPANDED_BYTES = 2 * MIB
    data = with_filler(clean_odt(), "Pictures/filler.bin", 3)
    with pytest.raises(CannotBeChecked, match="expands to more than 2"):
        read_document(data, ODT_TYPE)
    with pytest.raises(ValidationError):
        check_upload_expansion(data)


def test_a_directory_that_understates_a_part_is_not_trusted(settings):
    """The directory says 1 KB; the part inflates to 3 MiB: reading stops and the file
    cannot be checked (it is never read as if clean)."""
    data = bytearray(with_filler(clean_docx(), "word/media/filler.bin", 3))
    name = b"word/media/filler.bin"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = (1024).to_bytes(4, "little")
            start += 4
    check_upload_expansion(bytes(data))  # the directory alone looks harmless
    with pytest.raises(CannotBeChecked, match="word/media/filler.bin cannot be unpacked"):
        read_document(bytes(data), DOCX_TYPE)


def test_too_many_parts_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for number in range(5001):
            package.writestr(f"part{number}.xml", "<x/>")
    with pytest.raises(ValidationError):
        check_upload_expansion(buffer.getvalue())


def test_ordinary_documents_pass_the_upload_check():
    check_upload_expansion(clean_docx())
    check_upload_expansion(clean_odt())


def test_a_pdf_stream_that_expands_past_the_limit_cannot_be_checked(settings):
    import pikepdf

    from tests.papers.corpus import PDF_TYPE, clean_pdf

    settings.CASE_DOCUMENT_MAX_EXPANDED_BYTES = 1 * MIB
    with pikepdf.open(io.BytesIO(clean_pdf())) as pdf:
        pdf.Root.Filler = pdf.make_stream(bytes(2 * MIB))  # saved Flate-compressed
        buffer = io.BytesIO()
        pdf.save(buffer)
    assert len(buffer.getvalue()) < 100 * 1024
    with pytest.raises(CannotBeChecked, match="expands to far more data"):
        read_document(buffer.getvalue(), PDF_TYPE)
