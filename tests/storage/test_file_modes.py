"""Files only their owner reads: the site file, its WAL and lock, the backups folder and
every backup, exports; half-written copies removed at the next start. Under umask 022
(the usual default, which leaves new files 0644 and folders 0755)."""
from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from isolation_desk.domain.roles import SYSTEM
from isolation_desk.io.atomic import atomic_write
from isolation_desk.services import backup
from isolation_desk.storage.database import open_database
from isolation_desk.storage.instance_lock import InstanceLock


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(Path(path).stat().st_mode)


def test_new_site_file_its_wal_and_lock_are_owner_only(tmp_path, now):
    path = tmp_path / "data" / "site.sqlite"
    lock = InstanceLock(path).acquire()
    try:
        db = open_database(path)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS t (x)")
            assert mode(path) == 0o600
            assert mode(str(path) + "-wal") == 0o600
            assert mode(str(path) + "-shm") == 0o600
            assert mode(lock.path) == 0o600
            assert mode(path.parent) == 0o700  # a folder we created
        finally:
            db.close()
    finally:
        lock.release()


def test_an_existing_readable_file_is_made_owner_only_when_opened(tmp_path):
    path = tmp_path / "site.sqlite"
    open_database(path).close()
    os.chmod(path, 0o644)
    open_database(path).close()
    assert mode(path) == 0o600


def test_backups_folder_and_backups_are_owner_only(db, now):
    taken = backup.backup_now(db, SYSTEM, now)
    assert mode(taken.parent) == 0o700
    assert mode(taken) == 0o600
    start = backup.backup_at_start(db, now + timedelta(minutes=1))
    assert mode(start) == 0o600


def test_backup_before_a_migration_is_owner_only(db, now):
    db.close()
    taken = backup.backup_file(db.path, now, "pre_migration")
    assert mode(taken) == 0o600 and mode(taken.parent) == 0o700


def test_stale_part_files_are_removed_at_the_next_start(db, now):
    folder = backup.backups_dir(db.path)
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    killed = folder / "site-20221120-093000-start.sqlite.part"
    killed.write_bytes(b"half a copy")
    restore_part = Path(db.path + ".restore.part")
    restore_part.write_bytes(b"half a restore")
    old = (datetime.now() - timedelta(minutes=5)).timestamp()
    for p in (killed, restore_part):
        os.utime(p, (old, old))
    fresh = folder / "site-20221120-093100-manual.sqlite.part"  # another process's, right now
    fresh.write_bytes(b"being written")
    backup.backup_at_start(db, now)
    assert not killed.exists() and not restore_part.exists()
    assert fresh.exists()
    assert mode(folder) == 0o700


def test_atomic_write_leaves_a_private_file_or_nothing(tmp_path):
    out = tmp_path / "export.csv"
    atomic_write(out, lambda tmp: tmp.write_text("a,b\n"))
    assert out.read_text() == "a,b\n" and mode(out) == 0o600

    def half(tmp):
        tmp.write_text("half")
        raise RuntimeError("disk full")
    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "other.csv", half)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]
