"""Backup and restore with a manifest: each table's row count and the audit head at the moment of the copy, so a
restore can prove it brought back exactly what was saved (docs/backup.md).

SQLite: an online, consistent copy through SQLite's backup API. PostgreSQL: `pg_dump -Fc` in the same snapshot as
the counts (an exported snapshot), and `pg_restore` into an empty database.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # runs pg_dump / pg_restore with argument lists, never a shell
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.audit.verification import audit_head
from macpu.core import clock
from macpu.core.actor import Actor

MANIFEST = "manifest.json"
SQLITE_FILE = "macpu.sqlite3"
PG_FILE = "macpu.dump"
FORMAT = 1


class BackupError(Exception):
    """The backup or restore could not be made, or does not match its manifest: the message says what differs."""


@dataclass(frozen=True)
class Manifest:
    vendor: str
    file: str
    sha256: str
    tables: dict[str, int]
    audit_sequence: int
    audit_hash: str
    created_at: str

    @property
    def head(self) -> str:
        return f"{self.audit_sequence}:{self.audit_hash}"

    def as_json(self) -> str:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2, sort_keys=True)

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        try:
            data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise BackupError(f"{folder / MANIFEST}: cannot be read ({error})") from error
        if data.pop("format", None) != FORMAT:
            raise BackupError(f"{folder / MANIFEST}: not a macpu backup manifest of format {FORMAT}")
        return cls(**data)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(db: sqlite3.Connection) -> tuple[dict[str, int], int, str]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    counts = {name: int(db.execute(f"SELECT COUNT(*) FROM {_quoted(name)}").fetchone()[0]) for name in names}  # noqa: S608  # names from sqlite_master
    head = db.execute("SELECT sequence, hash FROM audit_auditevent ORDER BY sequence DESC LIMIT 1").fetchone()
    return counts, int(head[0]) if head else 0, str(head[1]) if head else "0" * 64


def _pg_counts() -> tuple[dict[str, int], int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        names = [row[0] for row in cursor.fetchall()]
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608  # names from pg_tables
            counts[name] = int(cursor.fetchone()[0])
        cursor.execute("SELECT sequence, hash FROM audit_auditevent ORDER BY sequence DESC LIMIT 1")
        head = cursor.fetchone()
    return counts, int(head[0]) if head else 0, str(head[1]) if head else "0" * 64


def _pg_environment() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[name] = str(settings[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: PostgreSQL backups need the PostgreSQL client tools")
    return found


def _record(actor: Actor, action: AuditAction, manifest: Manifest, **more: str) -> None:
    trail.record_alone(
        actor=actor,
        action=action,
        target_type="backup",
        target_id=manifest.sha256,
        details={"file": manifest.file, "head": manifest.head, "tables": len(manifest.tables), **more},
    )


def backup_create(destination: Path, *, actor: Actor) -> Manifest:
    """Copy the database into an empty folder with its manifest, then record that it was made (after the snapshot,
    so the backup's own head is the event before). The database may be in use meanwhile."""
    destination.mkdir(parents=True, exist_ok=True)
    if any(destination.iterdir()):
        raise BackupError(f"{destination}: the folder must be empty (a backup never overwrites another)")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = destination / SQLITE_FILE
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # one consistent snapshot, taken while others may write
            counts, sequence, hash_ = _sqlite_counts(copy)
        copy.close()
    elif connection.vendor == "postgresql":
        target = destination / PG_FILE
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts, sequence, hash_ = _pg_counts()
            command = [_tool("pg_dump"), "-Fc", "--no-owner", f"--snapshot={snapshot}", f"--file={target}"]
            subprocess.run([*command, connection.settings_dict["NAME"]], check=True, env=_pg_environment())  # noqa: S603
    else:
        raise BackupError(f"backups of a {connection.vendor} database are not supported")
    manifest = Manifest(
        vendor=connection.vendor,
        file=target.name,
        sha256=_sha256(target),
        tables=counts,
        audit_sequence=sequence,
        audit_hash=hash_,
        created_at=clock.now().isoformat(),
    )
    (destination / MANIFEST).write_text(manifest.as_json() + "\n", encoding="utf-8")
    _record(actor, AuditAction.BACKUP_MADE, manifest)
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return not tables


def restore_from(source: Path, *, actor: Actor, replace: bool = False) -> Manifest:
    """Restore a backup into the configured database (empty, unless `replace`), check every table's count against
    the manifest, and record the restore as the next event of the restored log. The caller verifies the audit
    log against the manifest's head (and one kept outside)."""
    manifest = Manifest.read(source)
    data = source / manifest.file
    if not data.is_file() or _sha256(data) != manifest.sha256:
        raise BackupError(f"{data}: missing, or not the file the manifest describes (its SHA-256 differs)")
    connection.ensure_connection()
    if manifest.vendor != connection.vendor:
        raise BackupError(f"the backup is of a {manifest.vendor} database; this one is {connection.vendor}")
    if not replace and not _database_is_empty():
        raise BackupError("the database is not empty: restore into a new, empty database (or pass --replace)")
    # What a restore over a database in use throws away is named in the restored log: its head before.
    replaced = str(audit_head()) if replace and not _database_is_empty() else ""
    if connection.vendor == "sqlite":
        with sqlite3.connect(data) as saved:
            saved.backup(connection.connection)
        saved.close()
    else:
        command = [_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}"]
        if replace:
            command += ["--clean", "--if-exists"]
        connection.close()
        subprocess.run([*command, str(data)], check=True, env=_pg_environment())  # noqa: S603
    counts = _sqlite_counts(connection.connection)[0] if connection.vendor == "sqlite" else _pg_counts()[0]
    differences = {
        table: (manifest.tables.get(table), counts.get(table))
        for table in sorted(set(manifest.tables) | set(counts))
        if manifest.tables.get(table) != counts.get(table)
    }
    if differences:
        shown = "; ".join(
            f"{table}: {saved} in the backup, {found} restored" for table, (saved, found) in differences.items()
        )
        raise BackupError(f"row counts differ after the restore: {shown}")
    _record(actor, AuditAction.BACKUP_RESTORED, manifest, replaced_head=replaced)
    return manifest
