"""Backup and restore: a round trip gives the same row counts and an audit log that verifies against its head."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_head, audit_log_verify
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.retention.services.backup import MANIFEST, BackupError, backup_create, restore_from
from tests.builders import make_child

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_round_trip_restores_exactly_what_was_saved(operator: Actor, council: Organisation, tmp_path: Path) -> None:
    make_child(operator, council)
    manifest = backup_create(tmp_path / "backup", actor=operator)
    assert manifest.tables["people_person"] == 1
    # The backup is recorded as the event after its snapshot's head.
    made = AuditEvent.objects.order_by("sequence").last()
    assert made is not None
    assert (made.action, made.sequence, made.target_id) == ("backup.made", manifest.audit_sequence + 1, manifest.sha256)
    assert made.details["head"] == manifest.head
    make_child(operator, council)  # work after the backup: lost by the restore, as it should be
    assert Person.objects.count() == 2
    overwritten = str(audit_head())
    call_command("restore", str(tmp_path / "backup"), "--replace", "--expect-head", manifest.head)
    assert Person.objects.count() == 1
    assert audit_log_verify().intact
    # ... and the restore as the next event of the restored log (then `audit verify` records its own check).
    restored = AuditEvent.objects.get(sequence=manifest.audit_sequence + 1)
    assert (restored.action, restored.target_id) == ("backup.restored", manifest.sha256)
    assert restored.details["replaced_head"] == overwritten  # what the restore threw away is named


def test_a_backup_never_overwrites_and_a_restore_refuses_a_database_in_use(operator: Actor, tmp_path: Path) -> None:
    backup_create(tmp_path / "backup", actor=operator)
    with pytest.raises(BackupError, match="must be empty"):
        backup_create(tmp_path / "backup", actor=operator)
    with pytest.raises(BackupError, match="the database is not empty"):
        restore_from(tmp_path / "backup", actor=operator)


def test_a_restore_that_does_not_match_its_manifest_fails(
    operator: Actor, council: Organisation, tmp_path: Path
) -> None:
    make_child(operator, council)
    folder = tmp_path / "backup"
    backup_create(folder, actor=operator)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["tables"]["people_person"] = 2
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="people_person: 2 in the backup, 1 restored"):
        call_command("restore", str(folder), "--replace")
    data = folder / manifest["file"]
    data.write_bytes(data.read_bytes() + b"x")
    with pytest.raises(CommandError, match="SHA-256 differs"):
        call_command("restore", str(folder), "--replace")


def test_a_restore_finds_a_head_kept_outside_that_the_backup_lacks(
    operator: Actor, council: Organisation, tmp_path: Path
) -> None:
    backup_create(tmp_path / "backup", actor=operator)
    make_child(operator, council)
    later = audit_head()  # a head kept outside after the backup: the backup ends before it
    with pytest.raises(CommandError, match=f"event #{later.sequence}: is missing"):
        call_command("restore", str(tmp_path / "backup"), "--replace", "--expect-head", str(later))


def test_the_scripts_back_up_and_restore_a_database_file(tmp_path: Path) -> None:
    # The scripts on SQLite files of their own, whichever database the suite runs on.
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "MACPU_ENV": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}"}
    macpu = (
        [sys.executable, "-m", "macpu.cli"]
        if not (root / ".venv/bin/macpu").exists()
        else [str(root / ".venv/bin/macpu")]
    )
    subprocess.run([*macpu, "migrate", "-v0"], check=True, env=env, cwd=root)  # noqa: S603  # our own scripts, argument lists
    subprocess.run([*macpu, "audit", "verify"], check=True, env=env, cwd=root, capture_output=True)  # noqa: S603  # our own scripts, argument lists
    made = subprocess.run([str(root / "scripts/backup"), str(tmp_path / "b")], env=env, capture_output=True, text=True)  # noqa: S603  # our own scripts, argument lists
    assert made.returncode == 0, made.stderr
    head = made.stdout.split("audit head ")[1].strip()
    restore_env = {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}"}
    restored = subprocess.run(  # noqa: S603  # our own scripts, argument lists
        [str(root / "scripts/restore"), str(tmp_path / "b"), "--expect-head", head],
        env=restore_env,
        capture_output=True,
        text=True,
    )
    assert restored.returncode == 0, restored.stderr
    assert "every row count matches the manifest" in restored.stdout
    assert "audit log intact" in restored.stdout
