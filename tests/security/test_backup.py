"""Backup and restore: everything comes back exactly (every row of every table, every
file), and a corrupt or mismatched archive is refused before anything changes."""

import hashlib
import io
import json
import shutil
import tarfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from partnerships.models import Partnership
from reviews.demo import minimal_pdf
from reviews.models import CaseDocument, Review
from reviews.papers.versions import add_version
from security.backup import BackupError, create_backup, file_roots, restore_backup, verify_archive
from tests.reviews.helpers import satisfy_prerequisites, walk

IMR_PDF = minimal_pdf("Fictional police IMR")


def every_row():
    """Every row of every table, in a comparable form."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            values = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
            rows[table] = sorted(values, key=repr)
    return rows


def every_file():
    found = {}
    for name, root in file_roots().items():
        for path in root.rglob("*"):
            if path.is_file():
                found[f"{name}/{path.relative_to(root)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def wipe_everything():
    """Drop every table and delete every stored file."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            virtual = [row[0] for row in cursor.fetchall()]
            for table in virtual + tables:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
        else:
            for table in tables:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    for root in file_roots().values():
        shutil.rmtree(root, ignore_errors=True)
    with connection.cursor() as cursor:
        assert connection.introspection.table_names(cursor) == []


@pytest.fixture
def full_case(cast):
    """A case with history and papers (one uploaded through the real service), and a
    public media file."""
    review = satisfy_prerequisites(cast.review(reference="DHR-2026-900"), cast)
    walk(review, ["refer_for_decision"], cast.manager)
    walk(review, ["decide_to_proceed"], cast.approver)
    add_version(
        review,
        kind=CaseDocument.Kind.IMR,
        title="Police IMR",
        uploaded_file=SimpleUploadedFile("imr.pdf", IMR_PDF, content_type="application/pdf"),
        user=cast.manager,
    )
    default_storage.save("images/fictional-logo.txt", ContentFile(b"public media"))
    return review


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_wipe_restore_brings_back_every_row_and_every_file(full_case, tmp_path, cast):
    rows_before, files_before = every_row(), every_file()
    assert any(name.startswith("private/") for name in files_before)
    assert any(name.startswith("media/") for name in files_before)

    archive = create_backup(tmp_path)
    wipe_everything()
    manifest = restore_backup(archive)

    assert every_row() == rows_before
    assert every_file() == files_before
    assert sum(manifest["tables"].values()) == sum(len(r) for r in rows_before.values())
    # Sequences came back too: new rows do not collide with restored ones.
    new = Review.objects.create(
        partnership=Partnership.objects.get(pk=cast.partnership.pk),
        kind=full_case.kind,
        notified_on=full_case.notified_on,
        pseudonym="Adult Z",
        is_fictional=True,
    )
    assert new.pk > full_case.pk
    version = Review.objects.get(pk=full_case.pk).documents.get(title="Police IMR").versions.get()
    assert version.file.read() == IMR_PDF


@pytest.mark.django_db
def test_the_manifest_lists_row_counts_and_file_checksums(full_case, tmp_path):
    archive = create_backup(tmp_path)
    assert archive.name.startswith("backup-") and archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = set(tar.getnames())
    assert manifest["vendor"] == connection.vendor
    assert "reviews_review" in manifest["tables"]
    assert ["reviews", "0001_initial"] in manifest["migrations"]
    for entry in manifest["files"]:
        member = f"files/{entry['root']}/{entry['path']}"
        assert member in names
        path = file_roots()[entry["root"]] / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert names == {"manifest.json", manifest["database_file"]} | {
        f"files/{e['root']}/{e['path']}" for e in manifest["files"]
    }


def rewrite(archive, target, *, manifest_change=None, replace=None, add=None, drop=None):
    """Copy an archive, altering it the way a damaged or forged one would be."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == drop:
                continue
            if member.name == "manifest.json" and manifest_change:
                manifest = json.loads(data)
                manifest_change(manifest)
                data = json.dumps(manifest).encode()
            if replace and member.name in replace:
                data = replace[member.name](data)
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        for name, data in (add or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


def first_private_member(archive):
    with tarfile.open(archive) as tar:
        return next(n for n in tar.getnames() if n.startswith("files/private/"))


def damaged(kind, archive, tmp_path):
    target = tmp_path / f"{kind}.tar.gz"
    if kind == "truncated":
        data = archive.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    elif kind == "flipped bytes":
        data = bytearray(archive.read_bytes())
        for i in range(len(data) // 2, len(data) // 2 + 16):
            data[i] ^= 0xFF
        target.write_bytes(bytes(data))
    elif kind == "not an archive":
        target.write_bytes(b"this is not a backup")
    elif kind == "file changed":
        # Same size, different content: only the checksum can tell.
        forge = {first_private_member(archive): lambda data: bytes(b ^ 1 for b in data)}
        rewrite(archive, target, replace=forge)
    elif kind == "extra file":
        rewrite(archive, target, add={"files/private/reviews/1/extra": b"smuggled"})
    elif kind == "file missing":
        rewrite(archive, target, drop=first_private_member(archive))
    elif kind == "unsafe path":
        rewrite(archive, target, add={"files/private/../../escape": b"x"})
    elif kind == "other database":
        other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
        rewrite(archive, target, manifest_change=lambda m: m.update(vendor=other))
    elif kind == "newer application":
        rewrite(
            archive,
            target,
            manifest_change=lambda m: m["migrations"].append(["reviews", "9999_future"]),
        )
    elif kind == "unknown format":
        rewrite(archive, target, manifest_change=lambda m: m.update(format=99))
    return target


DAMAGE = {
    "truncated": "corrupt",
    "flipped bytes": "corrupt",
    "not an archive": "corrupt",
    "file changed": "does not match its checksum",
    "extra file": "does not list",
    "file missing": "missing 1 file",
    "unsafe path": "unsafe",
    "other database": "Restore it into a database of the same kind",
    "newer application": "newer version of the application",
    "unknown format": "Unknown archive format",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_or_mismatched_archive_is_refused_and_nothing_changes(full_case, tmp_path, kind):
    archive = create_backup(tmp_path / "good")
    bad = damaged(kind, archive, tmp_path)
    Partnership.objects.create(name="Created after the backup", slug="after", kind="csp")
    rows_before, files_before = every_row(), every_file()

    with pytest.raises(BackupError, match=DAMAGE[kind]):
        restore_backup(bad)

    assert every_row() == rows_before
    assert every_file() == files_before
    assert not any(p.name.startswith(".") for p in settings.PRIVATE_STORAGE_ROOT.parent.iterdir())


@pytest.mark.django_db
def test_damage_the_file_list_does_not_reach_is_still_found(full_case, tmp_path):
    # tarfile stops reading at the end-of-archive blocks (or, quietly, at a garbled header
    # past the first), before gzip's own checksum at the very end of the file. Damage
    # there, or anywhere tarfile does not reach, must still be reported as damage.
    archive = create_backup(tmp_path / "good")
    data = bytearray(archive.read_bytes())
    data[-8:-4] = bytes(b ^ 0xFF for b in data[-8:-4])  # gzip's CRC-32 of the whole archive
    damaged_archive = tmp_path / "damaged.tar.gz"
    damaged_archive.write_bytes(bytes(data))

    with pytest.raises(BackupError, match="cannot be read .* corrupt"):
        restore_backup(damaged_archive)


@pytest.mark.django_db
def test_the_commands_back_up_check_and_refuse(full_case, tmp_path):
    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path), stdout=out)
    archive = next(tmp_path.glob("backup-*.tar.gz"))
    assert str(archive) in out.getvalue()

    out = io.StringIO()
    call_command("restore", str(archive), "--check-only", stdout=out)
    assert "Archive checked" in out.getvalue() and "files" in out.getvalue()
    assert verify_archive(archive)["vendor"] == connection.vendor

    bad = damaged("file changed", archive, tmp_path)
    with pytest.raises(CommandError, match="Restore refused: .* checksum"):
        call_command("restore", str(bad), "--noinput")


@pytest.mark.django_db
def test_a_restore_refuses_to_run_inside_a_transaction(full_case, tmp_path):
    archive = create_backup(tmp_path)
    with pytest.raises(BackupError, match="inside a database transaction"):
        restore_backup(archive)
    assert Review.objects.filter(pk=full_case.pk).exists()
