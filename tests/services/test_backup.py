"""Backups: restore, a full disk during a backup, rotation, the backup before a migration,
and the latest good backup offered when the database is damaged."""
from __future__ import annotations

import errno
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.roles import SYSTEM, Actor
from isolation_desk.services import backup
from isolation_desk.storage import database
from isolation_desk.storage.database import StorageError, open_database
from isolation_desk.storage.migrations import KNOWN_MIGRATIONS, migrations


def _rooms_ready(db) -> int:
    return db.scalar("SELECT count(*) FROM rooms WHERE status = 'ready'")


def _set_out_of_service(db, n: int) -> None:
    db.execute("UPDATE rooms SET status = 'out_of_service' WHERE id IN "
               "(SELECT id FROM rooms WHERE status = 'ready' LIMIT ?)", (n,))
    db.conn.commit()


def test_backups_folder_is_beside_the_database(tmp_path):
    assert backup.backups_dir(tmp_path / "site.sqlite") == tmp_path / "site.sqlite.backups"


def test_backup_and_restore_round_trip(db, now):
    path = Path(db.path)
    ready = _rooms_ready(db)
    taken = backup.backup_now(db, SYSTEM, now)
    assert taken.parent == backup.backups_dir(path)
    assert backup.check_file(taken) == "ok"
    assert not list(taken.parent.glob("*.part"))
    _set_out_of_service(db, 5)
    assert _rooms_ready(db) == ready - 5
    db.close()

    safety = backup.restore(path, taken, SYSTEM, now + timedelta(minutes=1))

    restored = open_database(path)
    try:
        assert _rooms_ready(restored) == ready
        last = restored.query_one("SELECT * FROM audit ORDER BY id DESC LIMIT 1")
        assert (last["action"], last["actor"]) == ("restore", "system")
        assert restored.scalar("PRAGMA integrity_check") == "ok"
    finally:
        restored.close()
    # the restore first backed up what was there: the 5 rooms out of service are in it
    assert safety is not None and "pre_restore" in safety.name
    kept = open_database(safety, migrate=False)
    try:
        assert _rooms_ready(kept) == ready - 5
    finally:
        kept.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db, now, tmp_path):
    path = Path(db.path)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    db.close()
    before = path.read_bytes()
    for source, code in ((bad, "backup_damaged"), (other, "backup_damaged"),
                         (tmp_path / "missing.sqlite", "backup_missing"), (path, "backup_same_file")):
        with pytest.raises(StorageError) as e:
            backup.restore(path, source, SYSTEM, now)
        assert e.value.code == code
    assert path.read_bytes() == before
    assert not backup.list_backups(path)


def test_restore_needs_the_backup_permission(db, now, tmp_path):
    taken = backup.backup_now(db, SYSTEM, now)
    db.close()
    with pytest.raises(DomainError) as e:
        backup.restore(db.path, taken, Actor("nurse", "medical"), now)
    assert e.value.code == "permission_denied"


def test_a_full_disk_during_a_backup_is_reported_without_damage(db, now, monkeypatch):
    path = Path(db.path)
    first = backup.backup_now(db, SYSTEM, now)
    first_bytes = first.read_bytes()
    ready = _rooms_ready(db)

    def disk_fills_up(source, target):
        # half a file reaches the disk, then there is no space left
        Path(target).write_bytes(b"SQLite format 3\x00" + b"\0" * 4096)
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(backup, "_copy_pages", disk_fills_up)
    with pytest.raises(StorageError) as e:
        backup.backup_now(db, SYSTEM, now + timedelta(hours=1))
    assert e.value.code == "disk_full"
    from isolation_desk.messages import describe
    assert "disk is full" in describe(e.value, "en")
    # no half-written backup left, the earlier backup untouched, the database fine and writable
    files = sorted(p.name for p in backup.backups_dir(path).iterdir())
    assert files == [first.name]
    assert first.read_bytes() == first_bytes
    assert db.scalar("PRAGMA integrity_check") == "ok"
    _set_out_of_service(db, 1)
    assert _rooms_ready(db) == ready - 1
    # SQLite's own "database or disk is full" is reported the same way
    def sqlite_full(source, target):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(backup, "_copy_pages", sqlite_full)
    with pytest.raises(StorageError) as e:
        backup.backup_database(db, now + timedelta(hours=2), "interval")
    assert e.value.code == "disk_full"
    assert sorted(p.name for p in backup.backups_dir(path).iterdir()) == [first.name]


def _fake_backups(db_path: Path, stamps: list[tuple[datetime, str]]) -> None:
    folder = backup.backups_dir(db_path)
    folder.mkdir(exist_ok=True)
    for at, kind in stamps:
        (folder / f"site-{at:%Y%m%d-%H%M%S}-{kind}.sqlite").write_bytes(b"x")


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    db_path = tmp_path / "site.sqlite"
    start = datetime(2022, 9, 1, 8, 0)
    stamps = []
    for day in range(60):  # two months of backups, four a day
        for hour in (8, 14, 20, 23):
            stamps.append((start + timedelta(days=day, hours=hour - 8), "interval"))
    stamps += [(start + timedelta(days=d), "pre_migration") for d in range(8)]
    _fake_backups(db_path, stamps)
    (backup.backups_dir(db_path) / "notes.txt").write_text("not a backup")

    backup.rotate(db_path)

    left = backup.list_backups(db_path)
    regular = [b for b in left if b.kind == "interval"]
    newest_day = (start + timedelta(days=59)).date()
    daily = {b.taken_at.date() for b in regular if (newest_day - b.taken_at.date()).days < 7}
    assert len(daily) == 7
    assert all(b.taken_at.hour == 23 for b in regular)  # the newest of each day is kept
    weeks = {tuple(b.taken_at.isocalendar()[:2]) for b in regular}
    assert len(weeks) == 4
    assert len(regular) <= 7 + 4
    assert len([b for b in left if b.kind == "pre_migration"]) == backup.KEEP_SAFETY
    assert (backup.backups_dir(db_path) / "notes.txt").exists()  # not ours: never deleted


def test_periodic_backup_follows_the_interval_setting(db, now):
    assert backup.backup_at_start(db, now).name.endswith("-start.sqlite")
    assert backup.backup_if_due(db, now + timedelta(hours=5)) is None
    due = backup.backup_if_due(db, now + timedelta(hours=6, minutes=1))
    assert due is not None and due.name.endswith("-interval.sqlite")
    from isolation_desk.services import site
    site.update_settings(db, {"backup_interval_hours": "0"}, SYSTEM, now)
    assert backup.backup_if_due(db, now + timedelta(days=3)) is None


def test_a_backup_is_taken_before_every_migration(tmp_path):
    path = tmp_path / "old.sqlite"
    raw = sqlite_utils.Database(path)
    migrations.apply(raw, stop_before=KNOWN_MIGRATIONS[-1])
    raw.conn.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    raw.conn.commit()
    raw.close()
    db = backup.open_with_backups(path, now_fn=lambda: datetime(2022, 11, 20, 9, 0))
    db.close()
    taken = backup.list_backups(path)
    assert [b.kind for b in taken] == ["pre_migration"]
    old = sqlite3.connect(taken[0].path)
    names = [r[0] for r in old.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    old.close()
    assert names == KNOWN_MIGRATIONS[:-1]  # the copy is of the file as it was
    # opening again: nothing pending, no new backup
    backup.open_with_backups(path).close()
    assert len(backup.list_backups(path)) == 1


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 100: offset + 600] = b"\xa5" * 500
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_not_written_and_the_latest_good_backup_is_offered(db, now):
    path = Path(db.path)
    older = backup.backup_database(db, now - timedelta(days=1), "start")
    newer = backup.backup_database(db, now, "interval")
    _damage(newer)  # the newest backup is itself bad: the one before it is offered
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    _damage(path)
    damaged_bytes = path.read_bytes()
    with pytest.raises(StorageError) as e:
        open_database(path, check="full")
    assert e.value.code == "database_damaged"
    assert path.read_bytes() == damaged_bytes  # never written to

    good = backup.latest_good_backup(path)
    assert good is not None and good.path == older

    safety = backup.restore(path, good.path, SYSTEM, now)
    assert safety.name.endswith("-damaged.sqlite.bin")
    assert safety.read_bytes() == damaged_bytes
    restored = open_database(path, check="full")
    try:
        assert restored.scalar("SELECT count(*) FROM rooms") == 35
    finally:
        restored.close()


def test_no_good_backup(tmp_path):
    assert backup.latest_good_backup(tmp_path / "site.sqlite") is None


def test_two_backups_in_the_same_second_are_both_listed(db, now):
    first = backup.backup_database(db, now, "manual")
    second = backup.backup_file(db.path, now, "pre_migration")
    third = backup.backup_file(db.path, now, "pre_migration")
    assert third.name.endswith("-pre_migration-1.sqlite")
    assert {b.path for b in backup.list_backups(db.path)} == {first, second, third}
