"""Back up and restore everything: the database and the stored files, in one archive.

An archive (backup-YYYYMMDD-HHMMSS.tar.gz) holds:

- manifest.json: format, time, database vendor, applied migrations, the row count of
  every table, and every file with its size and SHA-256;
- the database: an SQLite copy (sqlite3's online backup API) or a PostgreSQL custom
  dump (pg_dump), taken from one consistent snapshot that the row counts also use;
- files/private/...: case papers (PRIVATE_STORAGE_ROOT);
- files/media/...: public media (MEDIA_ROOT).

The database is copied before the files: every row then points at a file that already
exists (files are written before their rows, and never changed afterwards).

Restore checks the whole archive first (every member's checksum against the manifest,
nothing missing, nothing extra, no unsafe path, same database vendor, no migration this
code does not know) and refuses with BackupError before changing anything. It then
stages the files, replaces the database in one transaction, swaps the file folders in,
and checks the row counts against the manifest.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive cannot be used; the message says why. Nothing was changed."""


def file_roots():
    return {"private": Path(settings.PRIVATE_STORAGE_ROOT), "media": Path(settings.MEDIA_ROOT)}


def sha256_stream(stream):
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_file(path):
    with open(path, "rb") as stream:
        return sha256_stream(stream)


def list_files():
    """Every stored file: (root name, relative POSIX path, absolute path)."""
    found = []
    for root_name, root in file_roots().items():
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found.append((root_name, path.relative_to(root).as_posix(), path))
    return found


def quote(connection, name):
    return connection.ops.quote_name(name)


def row_counts(connection):
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(connection, table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(connection):
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


# --- PostgreSQL tools -------------------------------------------------------------------


def pg_tool(name):
    """The newest server version's client tool (it must not be older than the server)."""
    configured = os.environ.get("PG_BIN_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True, key=_version)
    for directory in candidates:
        if (directory / name).exists():
            return str(directory / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found: install the PostgreSQL client tools.")
    return found


def _version(path):
    try:
        return float(path.parent.name)
    except ValueError:
        return 0.0


def pg_env(connection):
    params = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGDATABASE": params["NAME"],
            "PGUSER": params.get("USER") or "",
            "PGPASSWORD": params.get("PASSWORD") or "",
            "PGHOST": params.get("HOST") or "",
            "PGPORT": str(params.get("PORT") or ""),
        }
    )
    return {key: value for key, value in env.items() if value != ""}


def run(command, env, **kwargs):
    result = subprocess.run(command, env=env, capture_output=True, **kwargs)  # noqa: S603
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{Path(command[0]).name} failed: {message}")
    return result


# --- Taking a backup --------------------------------------------------------------------


def dump_database(alias, workdir):
    """Copy the database into workdir from one snapshot; return (file, row counts)."""
    connection = connections.create_connection(alias)
    try:
        if connection.vendor == "sqlite":
            return _dump_sqlite(connection, workdir)
        if connection.vendor == "postgresql":
            return _dump_postgresql(connection, workdir)
        raise BackupError(f"Backing up a {connection.vendor} database is not supported.")
    finally:
        connection.close()


def _dump_sqlite(connection, workdir):
    target = Path(workdir) / "database.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    snapshot = connections.create_connection(connection.alias)
    snapshot.settings_dict = {**connection.settings_dict, "NAME": str(target)}
    try:
        return target, row_counts(snapshot), applied_migrations(snapshot)
    finally:
        snapshot.close()


def _dump_postgresql(connection, workdir):
    target = Path(workdir) / "database.pgdump"
    connection.ensure_connection()
    connection.set_autocommit(False)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
        counts = row_counts(connection)
        migrations = applied_migrations(connection)
        run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
            ],
            pg_env(connection),
        )
    finally:
        connection.rollback()
        connection.set_autocommit(True)
    return target, counts, migrations


def create_backup(output_dir, alias="default"):
    """Write a new archive into output_dir and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"backup-{stamp}.tar.gz"
    partial = archive.with_name(archive.name + ".partial")
    with tempfile.TemporaryDirectory() as workdir:
        database_file, counts, migrations = dump_database(alias, workdir)
        files = list_files()
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connections[alias].vendor,
            "database_file": database_file.name,
            "database_sha256": sha256_file(database_file),
            "migrations": migrations,
            "tables": counts,
            "files": [
                {
                    "root": root,
                    "path": rel,
                    "size": path.stat().st_size,
                    "sha256": sha256_file(path),
                }
                for root, rel, path in files
            ],
        }
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(database_file, arcname=database_file.name)
            for root, rel, path in files:
                tar.add(path, arcname=f"files/{root}/{rel}")
    os.replace(partial, archive)
    return archive


# --- Checking an archive ----------------------------------------------------------------


def safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def read_manifest(tar):
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read())
    except (KeyError, ValueError, AttributeError) as exc:
        raise BackupError("The archive has no readable manifest.json.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    return manifest


def expected_members(manifest):
    expected = {manifest["database_file"]: (None, manifest["database_sha256"])}
    for entry in manifest["files"]:
        name = f"files/{entry['root']}/{entry['path']}"
        if entry["root"] not in file_roots() or not safe_member_name(name):
            raise BackupError(f"The manifest lists an unsafe file path: {name}")
        expected[name] = (entry["size"], entry["sha256"])
    return expected


def verify_archive(archive, alias="default"):
    """Check everything that can be checked before touching anything; return the
    manifest. Raises BackupError naming the first problem found."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = read_manifest(tar)
            expected = expected_members(manifest)
            seen = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not safe_member_name(member.name):
                    raise BackupError(f"The archive holds an unsafe entry: {member.name}")
                if member.name not in expected:
                    raise BackupError(
                        f"The archive holds a file the manifest does not list: {member.name}"
                    )
                size, digest = expected[member.name]
                if size is not None and member.size != size:
                    raise BackupError(f"{member.name} has the wrong size.")
                if sha256_stream(tar.extractfile(member)) != digest:
                    raise BackupError(
                        f"{member.name} does not match its checksum: the archive is corrupt."
                    )
                seen.add(member.name)
            # tarfile stops quietly at a damaged header past the first one, as if the
            # archive ended there; reading the stream to its end makes gzip check its
            # CRC, so damage anywhere is reported as damage, not as missing files.
            while tar.fileobj.read(1 << 20):
                pass
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError, zlib.error) as exc:
        raise BackupError(
            f"The archive cannot be read ({exc}): it is corrupt or truncated."
        ) from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"The archive is missing {len(missing)} file(s), e.g. {missing[0]}.")
    vendor = connections[alias].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"This is a {manifest['vendor']} backup; the database here is {vendor}. "
            "Restore it into a database of the same kind."
        )
    known = {tuple(key) for key in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = [m for m in manifest["migrations"] if tuple(m) not in known]
    if unknown:
        raise BackupError(
            f"The backup was made by a newer version of the application (it has migration "
            f"{unknown[0][0]}.{unknown[0][1]}, which this code does not). Upgrade first."
        )
    return manifest


# --- Restoring --------------------------------------------------------------------------


def restore_backup(archive, alias="default"):
    """Replace the database and the stored files with the archive's. Returns the manifest."""
    manifest = verify_archive(archive, alias)
    if connections[alias].in_atomic_block:
        raise BackupError("A restore cannot run inside a database transaction.")
    roots = file_roots()
    staging = {name: _staging_dir(root) for name, root in roots.items()}
    try:
        with tempfile.TemporaryDirectory() as workdir:
            database_file = Path(workdir) / manifest["database_file"]
            with tarfile.open(archive, "r:gz") as tar:
                for member in tar:
                    if member.name == manifest["database_file"]:
                        _extract(tar, member, database_file)
                    elif member.name.startswith("files/"):
                        _, root, rel = member.name.split("/", 2)
                        _extract(tar, member, staging[root] / rel)
            connection = connections[alias]
            connection.close()
            if connection.vendor == "sqlite":
                _restore_sqlite(connection, database_file)
            else:
                _restore_postgresql(connection, database_file, workdir)
        for name, root in roots.items():
            _swap_in(staging.pop(name), root)
    finally:
        for leftover in staging.values():
            shutil.rmtree(leftover, ignore_errors=True)
    counts = row_counts(connections[alias])
    differing = [t for t, n in manifest["tables"].items() if counts.get(t) != n]
    if differing:
        raise BackupError(f"After restoring, these tables' row counts differ: {differing}")
    return manifest


def _staging_dir(root):
    root.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{root.name}-restoring-", dir=root.parent))


def _extract(tar, member, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    with tar.extractfile(member) as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, CHUNK)


def _swap_in(staged, root):
    old = None
    if root.exists():
        old = root.with_name(f".{root.name}-replaced-{os.getpid()}")
        os.replace(root, old)
    os.replace(staged, root)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _restore_sqlite(connection, database_file):
    source = sqlite3.connect(database_file)
    target = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _restore_postgresql(connection, database_file, workdir):
    """Drop every table and load the dump, in one transaction: all or nothing."""
    env = pg_env(connection)
    script = Path(workdir) / "restore.sql"
    run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            # Drop each object of the dump first: functions and triggers (the search
            # index's) outlive the tables dropped below.
            "--clean",
            "--if-exists",
            f"--file={script}",
            str(database_file),
        ],
        env,
    )
    tables = list(row_counts(connection))
    connection.close()
    drops = "".join(f"DROP TABLE IF EXISTS {quote(connection, t)} CASCADE;\n" for t in tables)
    combined = Path(workdir) / "replace.sql"
    with open(combined, "w") as out:
        out.write(drops)
        with open(script) as restore_sql:
            shutil.copyfileobj(restore_sql, out)
    run(
        [
            pg_tool("psql"),
            "-X",
            "-q",
            "--single-transaction",
            "-v",
            "ON_ERROR_STOP=1",
            "-f",
            str(combined),
        ],
        env,
    )
