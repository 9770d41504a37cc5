"""Restore under running writers (issue 15): the backup is copied *into* the live file
through SQLite's backup API under the site lock, so no committed write is lost: a writer
that reported a commit finds it in the pre-restore copy, and a writer still holding the old
state is refused instead of writing into a deleted file."""
from __future__ import annotations

import sqlite3

import pytest

from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import backup, site
from isolation_desk.storage import instance_lock
from isolation_desk.storage.database import StorageError, open_database
from isolation_desk.storage.instance_lock import SiteLock


def test_a_writer_open_during_a_restore_never_writes_into_a_lost_file(db, now, tmp_path):
    taken = backup.backup_now(db, SYSTEM, now)
    site.update_settings(db, {"site_name": "改名一"}, SYSTEM, now)  # committed before the restore
    safety = backup.restore(db.path, taken, SYSTEM, now)
    # the commit before the restore is kept in the pre-restore copy
    conn = sqlite3.connect(safety)
    assert "改名一" in conn.execute("SELECT value FROM settings").fetchall().__repr__()
    conn.close()
    # the writer still open on the old state: refused (on main it wrote into the old,
    # deleted file and reported success, and the change was in no file at all)
    with pytest.raises(StorageError) as e:
        site.update_settings(db, {"site_name": "改名二"}, SYSTEM, now)
    assert e.value.code == "database_replaced"
    fresh = open_database(db.path)
    try:
        assert site.get_settings(fresh).site_name == "测试隔离点"
        assert fresh.scalar("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "restore"
    finally:
        fresh.close()
    # once it has reloaded, it writes into the restored file
    db.reload_after_replace()
    site.update_settings(db, {"site_name": "改名三"}, SYSTEM, now)
    fresh = open_database(db.path)
    try:
        assert site.get_settings(fresh).site_name == "改名三"
    finally:
        fresh.close()


def test_a_restore_waits_for_running_commands_then_refuses(db, now, monkeypatch):
    taken = backup.backup_now(db, SYSTEM, now)
    monkeypatch.setattr(instance_lock, "RESTORE_WAIT_SECONDS", 0.05)
    command = SiteLock(db.path).acquire()  # a command writing (shared)
    try:
        with pytest.raises(StorageError) as e:
            backup.restore(db.path, taken, SYSTEM, now)
        assert e.value.code == "restore_in_use_command"
    finally:
        command.release()
    assert backup.restore(db.path, taken, SYSTEM, now) is not None


def test_a_command_waits_for_a_restore_then_refuses(db, now, monkeypatch, tmp_path):
    from cli.helpers import ensure_account, run_as
    db.close()
    ensure_account(db.path)
    monkeypatch.setattr(instance_lock, "WRITER_WAIT_SECONDS", 0.05)
    restoring = SiteLock(db.path).acquire(exclusive=True)
    try:
        r = run_as("users", "list", "--db", db.path, provision=False)
    finally:
        restoring.release()
    assert r.exit_code == 2 and "being restored" in r.output and "Traceback" not in r.output


def test_the_command_line_restore_is_refused_while_a_window_is_open(db, now):
    from cli.helpers import ensure_account, run_as
    taken = backup.backup_now(db, SYSTEM, now)
    db.close()
    ensure_account(db.path)
    window = instance_lock.InstanceLock(db.path).acquire()
    try:
        r = run_as("restore", "--db", db.path, str(taken), "--yes", provision=False)
    finally:
        window.release()
    assert r.exit_code == 2 and "window has it open" in r.output


def test_the_window_holds_the_site_lock_shared_for_as_long_as_it_is_open(db, monkeypatch):
    monkeypatch.setattr(instance_lock, "RESTORE_WAIT_SECONDS", 0.05)
    window = instance_lock.InstanceLock(db.path).acquire()
    try:
        assert SiteLock(db.path).acquire().held  # commands still run beside the window
        with pytest.raises(StorageError) as e:  # a restore by something else does not
            SiteLock(db.path).acquire(exclusive=True, window_check=False)
        assert e.value.code == "restore_in_use_command"
    finally:
        window.release()
    SiteLock(db.path).acquire(exclusive=True).release()


def test_an_encrypted_site_is_restored_between_keyed_connections(tmp_path, now, monkeypatch):
    """Issues 15 and 16 together: the backup goes *into* the live encrypted file (the same
    file, no rename) through the backup API between two keyed connections, under the site
    lock; the file stays encrypted and owner-only, and the pre-restore copy is encrypted."""
    import os
    import stat

    from isolation_desk.services import encryption
    from isolation_desk.storage import cipher
    path = tmp_path / "site.sqlite"
    db, key = encryption.create_site_file(path)
    site.setup_site(db, name="加密点", address="", preset="edition_9", actor=SYSTEM, now=now,
                    room_ranges=[site.RoomRange("A", "A栋", 2, 2, 1, 5, 1)])
    taken = backup.backup_now(db, SYSTEM, now)
    site.update_settings(db, {"site_name": "改名"}, SYSTEM, now)
    db.close()
    inode = os.stat(path).st_ino
    safety = backup.restore(path, taken, SYSTEM, now, key)
    assert os.stat(path).st_ino == inode  # copied into the live file, not renamed over it
    for f in (path, taken, safety):
        assert not cipher.is_plain(f), f  # the live file, the backup and the pre-restore copy
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(safety).st_mode) == 0o600
    with pytest.raises(sqlite3.DatabaseError):  # plain sqlite3 reads none of them
        sqlite3.connect(safety).execute("SELECT count(*) FROM sqlite_master").fetchone()
    fresh = open_database(path, key=key)
    try:
        assert site.get_settings(fresh).site_name == "加密点"
        assert fresh.scalar("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "restore"
    finally:
        fresh.close()
    kept = open_database(safety, key=key, create=False, migrate=False)
    try:
        assert site.get_settings(kept).site_name == "改名"
    finally:
        kept.close()
    # while another process writes (the site lock held shared), the restore waits and refuses
    monkeypatch.setattr(instance_lock, "RESTORE_WAIT_SECONDS", 0.05)
    writer = SiteLock(path).acquire()
    try:
        with pytest.raises(StorageError) as e:
            backup.restore(path, taken, SYSTEM, now, key)
        assert e.value.code == "restore_in_use_command"
    finally:
        writer.release()
