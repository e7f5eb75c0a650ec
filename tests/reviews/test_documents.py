"""Case papers: versions are never overwritten, and only real PDF, DOCX, ODT and XLSX
files get in; every refused upload says why and stores nothing (no row, no file)."""

import io
import zipfile
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews.models import CaseDocument, DocumentVersion, ReviewEvent
from reviews.papers.uploads import safe_filename
from reviews.papers.versions import add_version
from tests.files import (
    DOCX_TYPE,
    ODT_TYPE,
    PDF_TYPE,
    XLSX_TYPE,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
)
from tests.reviews.helpers import add_paper, stored_files

KIND = CaseDocument.Kind.DRAFT_OVERVIEW_REPORT


def upload_draft(review, user, file, **kwargs):
    kwargs.setdefault("kind", KIND)
    kwargs.setdefault("title", "Draft overview report")
    return add_version(review, uploaded_file=file, user=user, **kwargs)


@pytest.mark.django_db
def test_each_upload_is_a_new_version_and_earlier_ones_are_kept(cast):
    review = cast.review(chair=cast.chair)
    first = upload_draft(
        review, cast.chair, upload("draft.pdf", pdf_bytes(["First draft."])), note="First go."
    )
    second = upload_draft(
        review, cast.manager, upload("draft v2.pdf", pdf_bytes(["Second draft."])), note="Edits."
    )
    third = add_version(
        review,
        document=first.document,
        uploaded_file=upload("d3.pdf", pdf_bytes(["Third."])),
        user=cast.chair,
    )

    assert first.document == second.document == third.document
    assert [v.number for v in first.document.versions.order_by("number")] == [1, 2, 3]
    first.refresh_from_db()
    assert first.file.name != second.file.name
    with first.file.open("rb") as stored:
        assert stored.read() == pdf_bytes(["First draft."])
    assert (first.uploaded_by, first.note) == (cast.chair, "First go.")
    assert (second.uploaded_by, second.note) == (cast.manager, "Edits.")
    assert first.uploaded_at <= second.uploaded_at <= third.uploaded_at
    assert second.sha256 != first.sha256 and second.size == len(pdf_bytes(["Second draft."]))
    assert ReviewEvent.objects.filter(review=review, action="document_uploaded").count() == 3
    assert first.document.latest_version == third


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("report.pdf", pdf_bytes(["A PDF."]), PDF_TYPE, "pdf"),
        ("report.docx", docx_bytes("A Word document."), DOCX_TYPE, "docx"),
        ("report.odt", odt_bytes("An OpenDocument text."), ODT_TYPE, "odt"),
        ("plan.xlsx", xlsx_bytes(), XLSX_TYPE, "xlsx"),
        # The content decides, not the name or the browser's claim.
        ("really-a-pdf.docx", pdf_bytes(["Named wrongly."]), PDF_TYPE, "pdf"),
        ("no extension", docx_bytes("Word without a name."), DOCX_TYPE, "docx"),
    ],
)
def test_supported_types_are_recognised_by_content(cast, name, data, content_type, extension):
    review = cast.review()
    version = upload_draft(review, cast.manager, upload(name, data, "text/plain"))
    assert version.content_type == content_type
    assert version.original_filename.endswith("." + extension)


def docx_bomb(megabytes=60):
    """A real Word document of about 60 KB with a part that unpacks to `megabytes` MiB."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes("A short report."))) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package,
    ):
        for info in source.infolist():
            package.writestr(info, source.read(info))
        with package.open("word/media/filler.bin", "w") as filler:
            for _ in range(megabytes):
                filler.write(bytes(1024 * 1024))
    return buffer.getvalue()


def zip_with(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


MACRO_WORD = zip_with(
    {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
        ),
        "word/document.xml": "<document/>",
    }
)
BROKEN_WORD = docx_bytes("Cut short.")[:-200]


def encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_bytes(["Secret."]))))
    writer.encrypt("password")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD_UPLOADS = [
    ("empty.pdf", b"", "The file is empty."),
    ("picture.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "Only PDF, Word (DOCX)"),
    ("notes.docx", b"Just some plain text pretending to be Word.", "Only PDF, Word (DOCX)"),
    ("page.pdf", b"<html><script>alert(1)</script></html>", "Only PDF, Word (DOCX)"),
    ("program.pdf", b"MZ\x90\x00" + b"\0" * 200, "Only PDF, Word (DOCX)"),
    ("truncated.pdf", pdf_bytes(["Cut short."])[:300], "looks like a PDF but cannot be read"),
    ("garbage.pdf", b"%PDF-1.7\nnot really a pdf at all", "looks like a PDF but cannot be read"),
    ("encrypted.pdf", encrypted_pdf(), "password-protected"),
    ("archive.docx", zip_with({"notes.txt": "hello"}), "Only PDF, Word (DOCX)"),
    ("macros.docx", MACRO_WORD, "Only PDF, Word (DOCX)"),
    ("broken.docx", BROKEN_WORD, "cannot be read"),
    (
        "presentation.odt",
        zip_with(
            {"mimetype": "application/vnd.oasis.opendocument.presentation", "content.xml": "<x/>"}
        ),
        "Only PDF, Word (DOCX)",
    ),
    ("bomb.docx", docx_bomb(), "expands to more than 50.0\xa0MB when unpacked"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_are_refused_and_store_nothing(cast, settings, name, data, message):
    settings.CASE_DOCUMENT_MAX_UPLOAD_BYTES = 100_000
    review = cast.review()
    before = stored_files()

    with pytest.raises(ValidationError) as refusal:
        upload_draft(review, cast.manager, upload(name, data, PDF_TYPE))

    assert message in " ".join(refusal.value.messages)
    assert not CaseDocument.objects.filter(review=review).exists()
    assert not DocumentVersion.objects.exists()
    assert not ReviewEvent.objects.filter(review=review).exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_oversized_upload_names_the_limit(cast, settings):
    settings.CASE_DOCUMENT_MAX_UPLOAD_BYTES = 2048
    review = cast.review()
    big = pdf_bytes(["x" * 80] * 40, ["y" * 80] * 40)
    assert len(big) > 2048
    with pytest.raises(ValidationError) as refusal:
        upload_draft(review, cast.manager, upload("big.pdf", big, PDF_TYPE))
    assert "the largest file accepted is 2.0\xa0KB" in refusal.value.messages[0]
    assert not DocumentVersion.objects.exists()


@pytest.mark.django_db
def test_a_failure_while_recording_removes_the_stored_file(cast):
    review = cast.review()
    before = stored_files()
    with (
        mock.patch.object(DocumentVersion.objects, "create", side_effect=RuntimeError("db down")),
        pytest.raises(RuntimeError),
    ):
        upload_draft(review, cast.manager, upload("d.pdf", pdf_bytes(["Draft."])))
    assert stored_files() == before
    assert not CaseDocument.objects.filter(review=review).exists()


@pytest.mark.django_db
def test_only_the_final_report_and_executive_summary_may_be_public(cast):
    review = cast.review()
    with pytest.raises(ValidationError, match="Only the final anonymised report"):
        add_version(
            review,
            kind=CaseDocument.Kind.IMR,
            title="Police IMR",
            audience=CaseDocument.Audience.PUBLIC,
            uploaded_file=upload("imr.pdf", pdf_bytes(["IMR."])),
            user=cast.manager,
        )
    assert not DocumentVersion.objects.exists()


@pytest.mark.django_db
def test_a_new_version_of_another_cases_paper_is_refused(cast):
    review, other = cast.review(), cast.review()
    version = upload_draft(other, cast.manager, upload("d.pdf", pdf_bytes(["Draft."])))
    with pytest.raises(ValidationError, match="another case"):
        add_version(
            review,
            document=version.document,
            uploaded_file=upload("d.pdf", pdf_bytes(["x"])),
            user=cast.manager,
        )
    assert version.document.versions.count() == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system.ini.pdf", "system.ini.pdf"),
        ('report"; filename="evil.html.pdf', "report__ filename__evil.html.pdf"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("<b>alert(1)<b>.pdf", "b_alert(1)_b.pdf"),
        ("Rapport d’examen – été.pdf", "Rapport d_examen _ été.pdf"),
        ("....pdf", "document.pdf"),
        ("", "document.pdf"),
        ("/", "document.pdf"),
        ("a" * 300 + ".pdf", "a" * 120 + ".pdf"),
        ("report.exe", "report.pdf"),
    ],
)
def test_safe_filenames(name, expected):
    from reviews.papers.uploads import PDF

    assert safe_filename(name, PDF) == expected


@pytest.mark.django_db
def test_download_headers_are_safe(client, cast):
    review = cast.review(chair=cast.chair)
    version = upload_draft(
        review, cast.chair, upload('../x"\r\nSet-Cookie: a=b.pdf', pdf_bytes(["Draft."]))
    )
    client.force_login(cast.chair)
    response = client.get(reverse("reviews:download", args=[review.pk, version.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == PDF_TYPE
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition
    assert "Set-Cookie" not in response.headers or "a=b" not in response.headers["Set-Cookie"]
    assert b"".join(response.streaming_content) == pdf_bytes(["Draft."])


@pytest.mark.django_db
def test_upload_view_reports_the_reason_keeps_the_input_and_stores_nothing(client, cast):
    """A refused upload came back to an empty form: title, audience and note were gone."""
    review = cast.review(chair=cast.chair)
    client.force_login(cast.chair)
    before = stored_files()
    response = client.post(
        reverse("reviews:upload", args=[review.pk]),
        {
            "kind": CaseDocument.Kind.CHRONOLOGY,
            "title": "Combined chronology, second go",
            "audience": "staff",
            "note": "Police entries merged.",
            "file": upload("draft.pdf", b"%PDF-1.4 broken", PDF_TYPE),
        },
        follow=True,
    )
    assert response.status_code == 400
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(t.startswith("Nothing was uploaded.") and "cannot be read" in t for t in texts)
    form = (
        response.content.decode().split('aria-labelledby="upload-heading"')[1].split("</form>")[0]
    )
    assert "cannot be read" in form and "Choose the file again" in form
    assert 'value="Combined chronology, second go"' in form
    assert '<option value="chronology" selected>' in form
    assert '<option value="staff" selected>' in form
    assert "Police entries merged.</textarea>" in form
    assert not DocumentVersion.objects.exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_a_docx_bomb_is_refused_at_upload_before_any_part_is_read(client, cast):
    """About 100 KB that unpacks to 100 MB (issue 13): refused from the zip's directory,
    with a sentence that says what to do; no row, no file, no history line."""
    review = cast.review(chair=cast.chair)
    bomb = docx_bomb(megabytes=100)
    assert len(bomb) < 150 * 1024
    client.force_login(cast.chair)
    before = stored_files()
    with mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("part read")):
        response = client.post(
            reverse("reviews:upload", args=[review.pk]),
            {
                "kind": KIND,
                "title": "Draft",
                "audience": "panel",
                "file": upload("report.docx", bomb, DOCX_TYPE),
            },
            follow=True,
        )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == [
        "Nothing was uploaded. The file was refused: it expands to more than 50.0\xa0MB when "
        "unpacked, far more than a document needs. Save it again without embedded files or "
        "oversized pictures, or export it as PDF, and upload that."
    ]
    assert not CaseDocument.objects.filter(review=review).exists()
    assert not DocumentVersion.objects.exists()
    assert not ReviewEvent.objects.filter(review=review).exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_the_expanded_size_limit_is_a_setting(cast, settings):
    settings.CASE_DOCUMENT_MAX_EXPANDED_BYTES = 1024 * 1024
    review = cast.review()
    with pytest.raises(ValidationError) as refusal:
        upload_draft(review, cast.manager, upload("r.docx", docx_bomb(megabytes=2), DOCX_TYPE))
    assert "expands to more than 1.0\xa0MB when unpacked" in refusal.value.messages[0]
    settings.CASE_DOCUMENT_MAX_EXPANDED_BYTES = 4 * 1024 * 1024
    version = upload_draft(review, cast.manager, upload("r.docx", docx_bomb(megabytes=2)))
    assert version.content_type == DOCX_TYPE


@pytest.mark.django_db
def test_upload_view_needs_kind_and_title_for_a_new_paper(client, cast):
    review = cast.review(chair=cast.chair)
    client.force_login(cast.chair)
    response = client.post(
        reverse("reviews:upload", args=[review.pk]),
        {"audience": "panel", "file": upload("d.pdf", pdf_bytes(["Draft."]), PDF_TYPE)},
        follow=True,
    )
    content = response.content.decode()
    assert "Choose the kind of paper." in content and "Give the paper a title." in content
    assert not DocumentVersion.objects.exists()


@pytest.mark.django_db
def test_who_can_read_a_paper_is_changed_after_upload(client, cast):
    """The executive summary uploaded as a panel paper had to be uploaded again to be
    marked public."""
    review = cast.review(chair=cast.chair)
    version = add_paper(review, CaseDocument.Kind.EXECUTIVE_SUMMARY, cast.chair)
    document = version.document
    url = reverse("reviews:document_audience", args=[review.pk, document.pk])
    client.force_login(cast.manager)

    client.post(url, {"audience": CaseDocument.Audience.PUBLIC})

    document.refresh_from_db()
    assert document.audience == CaseDocument.Audience.PUBLIC
    assert review.events.filter(action="audience_changed").exists()
    client.force_login(cast.panel_member)
    assert client.post(url, {"audience": CaseDocument.Audience.STAFF}).status_code == 404
