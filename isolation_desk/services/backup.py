"""Backups and restore.

Where: a folder beside the database, ``<database file>.backups/`` (for
``/data/site.sqlite`` that is ``/data/site.sqlite.backups/``), so that whoever copies the
site's folder to a USB stick takes the backups with it. File names carry the time and the
reason: ``site-20221120-093000-start.sqlite``.

When: at start (``backup_at_start``), every ``backup_interval_hours`` while the app runs
(``backup_if_due``, called from a timer), before every migration (``before_migrate``,
passed to ``storage.database.open_database``), before every restore, and on demand.

How: SQLite's online backup API (a consistent copy while the app keeps working), written
to ``.part``, synced, checked with ``integrity_check`` and only then renamed into place,
so that a failure (a full disk) leaves no half-written backup and never touches the
database itself.

Rotation: the newest backup of each of the last 7 days that have one and the newest of
each of the last 4 ISO weeks that have one; safety copies taken before a migration or a
restore are kept apart (the newest 5 of each).
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain.roles import Actor
from ..io.files import PRIVATE_DIR, make_private, private_dir
from ..storage import cipher
from ..storage import repo_accounts as urepo
from ..storage import repositories as repo
from ..storage.database import Database, StorageError, _known_error, inspect, open_database
from ..storage.instance_lock import InstanceLock, SiteLock, held_site_lock
from .changes import Kind, writes

KINDS = ("start", "interval", "manual", "pre_migration", "pre_restore", "pre_encryption")
ROTATED_KINDS = ("start", "interval", "manual")
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_SAFETY = 5
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>[a-z_]+)(?:-\d+)?\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    kind: str

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def backups_dir(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".backups")


def _file_name(db_path: str | Path, kind: str, now: datetime) -> str:
    return f"{Path(db_path).stem}-{now:%Y%m%d-%H%M%S}-{kind}.sqlite"


def list_backups(db_path: str | Path) -> list[BackupFile]:
    """The backups in the folder beside ``db_path``, newest first."""
    folder = backups_dir(db_path)
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _NAME.match(p.name)
            if not m or not p.is_file():
                continue
            try:
                taken = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
            except ValueError:
                continue
            found.append(BackupFile(p, taken, m.group("kind")))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def _copy_pages(source: sqlite3.Connection, target: Path) -> None:
    """The copy step (tests replace it to simulate a full disk)."""
    urepo.copy_database(source, target)


def _write_backup(source_conn: sqlite3.Connection, target: Path, key: bytes | None = None) -> Path:
    """Copy through the backup API into ``target.part``; check it; rename into place.
    ``key``: the source is encrypted; the copy (and its .part) are, with the same key."""
    if not target.parent.exists():
        private_dir(target.parent)
    part = target.with_name(target.name + ".part")
    try:
        if key is None:
            _copy_pages(source_conn, part)
        else:
            urepo.copy_database(source_conn, part, key)
        # quick_check: a fresh copy made by SQLite itself needs its structure checked, not
        # every index re-verified (integrity_check re-reads every index: long on a large site).
        verdict = urepo.file_integrity(part, full=False, key=key)
        if verdict != "ok":
            raise StorageError("backup_damaged", path=str(target), detail=verdict)
        make_private(part)
        os.replace(part, target)
    except StorageError:
        _unlink(part)
        raise
    except Exception as exc:  # sqlite3.Error or OSError (disk full): report, leave nothing behind
        _unlink(part)
        known = _known_error(exc)
        if known is exc:
            raise StorageError("file_error", detail=str(exc)) from exc
        raise known from exc
    return target


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _unique(target: Path) -> Path:
    n = 1
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        n += 1
    return candidate


def backup_database(db: Database, now: datetime, kind: str = "manual",
                    out: str | Path | None = None) -> Path:
    """Copy the open database into the backups folder (or to ``out``) and rotate.
    Writes nothing into the database (automatic backups are not audited)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if out is not None:
        target = Path(out)
        if target.resolve() == Path(db.path).resolve():
            raise StorageError("backup_same_file", path=str(target))
    else:
        private_dir(backups_dir(db.path))
        target = _unique(backups_dir(db.path) / _file_name(db.path, kind, now))
    path = _write_backup(db.conn, target, db.key)
    if out is None:
        rotate(db.path)
    return path


@writes(Kind.AUDIT)
def backup_now(db: Database, actor: Actor, now: datetime, out: str | Path | None = None) -> Path:
    """A backup that a user asked for (the window's button, ``isolation-desk backup``)."""
    actor.require("backup")
    path = backup_database(db, now, "manual", out)
    with db.transaction():
        repo.audit(db, actor=actor.username, action="backup", entity="database",
                   after={"file": str(path)}, at=now)
    return path


def backup_file(db_path: str | Path, now: datetime, kind: str, key: bytes | None = None) -> Path | None:
    """Back up a database file that is not open as a Database (before a migration or a
    restore). Returns None when there is nothing to back up."""
    p = Path(db_path)
    if not p.exists() or p.stat().st_size == 0:
        return None
    private_dir(backups_dir(p))
    encrypted = key is not None and not cipher.is_plain(p)
    conn = urepo.connect_plain(p, key if encrypted else None)
    try:
        path = _write_backup(conn, _unique(backups_dir(p) / _file_name(p, kind, now)),
                             key if encrypted else None)
    finally:
        conn.close()
    rotate(p)
    return path


def before_migrate_callback(now_fn: Callable[[], datetime] = datetime.now,
                            key: bytes | None = None) -> Callable[[str], None]:
    """The ``before_migrate`` argument of ``open_database``: a backup before every migration."""
    def before_migrate(path: str) -> None:
        backup_file(path, now_fn().replace(microsecond=0), "pre_migration", key)
    return before_migrate


def take_window_lock(path: str | Path) -> InstanceLock:
    """The window's hold on the site's file for as long as it is open: one window per file
    (database_in_use names the other), and the site lock shared, so that a restore by
    another process waits for the window to close or refuses."""
    return InstanceLock(path).acquire()


def open_with_backups(path: str | Path, now_fn: Callable[[], datetime] = datetime.now, **kwargs: Any) -> Database:
    """``open_database`` with a backup before any pending migration."""
    return open_database(path, before_migrate=before_migrate_callback(now_fn, kwargs.get("key")),
                         **kwargs)


def _interval(db: Database) -> timedelta | None:
    from .site import get_settings
    try:
        hours = float(get_settings(db)["backup_interval_hours"])
    except (KeyError, TypeError, ValueError):
        hours = 6.0
    return timedelta(hours=hours) if hours > 0 else None


def backup_at_start(db: Database, now: datetime) -> Path:
    remove_stale_parts(db.path)
    return backup_database(db, now, "start")


# A .part younger than this may belong to a backup another process is writing right now.
PART_IN_USE = timedelta(minutes=1)


def remove_stale_parts(db_path: str | Path, now: datetime | None = None) -> list[Path]:
    """At start: delete the half-written copies (``.part``) that a killed backup, restore or
    export left in the backups folder and beside the database, and make the folder and every
    backup owner-only again (files an older version left readable). Returns what was
    deleted."""
    now = now or datetime.now()
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    candidates = list(db_path.parent.glob(db_path.name + "*.part"))
    if folder.is_dir():
        make_private(folder, PRIVATE_DIR)
        candidates += list(folder.glob("*.part"))
        for f in folder.iterdir():
            if f.is_file():
                make_private(f)
    removed = []
    for part in candidates:
        try:
            age = now - datetime.fromtimestamp(part.stat().st_mtime)
        except OSError:
            continue
        if age >= PART_IN_USE:
            _unlink(part)
            removed.append(part)
    return removed


def backup_due(db: Database, now: datetime) -> bool:
    """Whether the newest automatic backup is older than the interval (settings
    ``backup_interval_hours``; 0 turns periodic backups off)."""
    interval = _interval(db)
    if interval is None:
        return False
    newest = next((b for b in list_backups(db.path) if b.kind in ROTATED_KINDS), None)
    return newest is None or now - newest.taken_at >= interval


def backup_if_due(db: Database, now: datetime) -> Path | None:
    """The periodic backup, taken when it is due (see ``backup_due``)."""
    if not backup_due(db, now):
        return None
    return backup_database(db, now, "interval")


def rotation_keep(backups: list[BackupFile]) -> set[Path]:
    """Which backups rotation keeps (``backups`` newest first)."""
    keep: set[Path] = set()
    rotated = [b for b in backups if b.kind in ROTATED_KINDS]
    if rotated:
        keep.add(rotated[0].path)
    days: list[date] = []
    weeks: list[tuple[int, ...]] = []
    for b in rotated:  # newest first: the first seen of a day or week is its newest
        day = b.taken_at.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(b.path)
        week = tuple(b.taken_at.isocalendar()[:2])
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(b.path)
    for kind in KINDS:
        if kind not in ROTATED_KINDS:
            keep.update(b.path for b in [b for b in backups if b.kind == kind][:KEEP_SAFETY])
    return keep


STALE_PART = timedelta(hours=1)


def rotate(db_path: str | Path) -> list[Path]:
    """Delete the backups that rotation does not keep (and copies that a crash left
    half-written more than an hour ago); returns the deleted paths."""
    backups = list_backups(db_path)
    keep = rotation_keep(backups)
    removed = []
    folder = backups_dir(db_path)
    if folder.is_dir():
        for part in folder.glob("*.part"):
            try:
                age = datetime.now() - datetime.fromtimestamp(part.stat().st_mtime)
            except OSError:
                continue
            if age > STALE_PART:
                _unlink(part)
                removed.append(part)
    for b in backups:
        if b.path not in keep:
            _unlink(b.path)
            removed.append(b.path)
    return removed


def check_file(path: str | Path, key: bytes | None = None) -> str:
    """'ok' or what is wrong with a database or backup file (read-only)."""
    return urepo.file_integrity(path, key=key)


def latest_good_backup(db_path: str | Path, key: bytes | None = None) -> BackupFile | None:
    """The newest backup that passes the integrity check: what to offer when the database
    itself fails its check at start."""
    for b in list_backups(db_path):
        if urepo.file_integrity(b.path, key=key) == "ok":
            return b
    return None


def _remove_sidecars(db_path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        _unlink(Path(str(db_path) + suffix))


@writes(*Kind)
def restore(db_path: str | Path, source: str | Path, actor: Actor, now: datetime,
            key: bytes | None = None, *, from_window: bool = False) -> Path | None:
    """Restore the backup ``source`` into the database at ``db_path``.

    The site lock is held exclusive throughout (a restore waits for running writers, or
    refuses naming them; no writer starts meanwhile); this process's own connections to
    ``db_path`` must be closed (``from_window``: the window restoring its own file turns its
    own shared lock exclusive). The backup is checked first (integrity_check, one of ours,
    not from a newer version); then a safety copy of the current file is taken through the
    backup API (a damaged file is copied byte for byte); then the backup is copied *into*
    the live file through SQLite's backup API, which takes SQLite's own write lock: a writer
    that ignores the site lock waits for it or is waited for, and never writes into a file
    deleted under it. The restore is written to the restored file's audit trail. Returns
    the safety copy of what was replaced.

    ``key``: the site's database key (an encrypted site). The copy goes between two keyed
    connections and the safety copy is encrypted with the same key; a plain backup (from
    before encryption) restores a plain file, as it is.
    """
    actor.require("backup")
    db_path = Path(db_path)
    source = Path(source)
    if not source.is_file():
        raise StorageError("backup_missing", path=str(source))
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise StorageError("backup_same_file", path=str(source))
    verdict = urepo.file_integrity(source, key=key)
    if verdict != "ok":
        raise StorageError("backup_damaged", path=str(source), detail=verdict)
    try:
        inspect(source, key)
    except StorageError as exc:
        if exc.code in ("not_our_database", "not_a_database", "database_damaged"):
            raise StorageError("backup_damaged", path=str(source), detail=exc.code) from exc
        raise
    own = held_site_lock(db_path) if from_window else None
    if own is not None:
        own.make_exclusive()
    else:
        lock = SiteLock(db_path).acquire(exclusive=True)
    try:
        safety = _restore_locked(db_path, source, actor, now, key)
    finally:
        if own is not None:
            own.make_shared()
        else:
            lock.release()
    return safety


def _restore_locked(db_path: Path, source: Path, actor: Actor, now: datetime,
                    key: bytes | None) -> Path | None:
    src_key = None if cipher.is_plain(source) else key
    # 1. a safety copy of what is there now (encrypted when the live file is)
    safety = None
    live_ok = False
    live_key = None
    if db_path.exists() and db_path.stat().st_size > 0:
        live_key = None if cipher.is_plain(db_path) else key
        if urepo.file_integrity(db_path, full=False, key=live_key) == "ok":
            safety = backup_file(db_path, now, "pre_restore", key)
            live_ok = True
        else:
            safety = _raw_copy(db_path, now)
    # 2. the backup into the live file: both plain, or both keyed with the site's key
    if live_ok and live_key == src_key:
        try:
            urepo.copy_into(source, db_path, src_key)
        except Exception as exc:  # sqlite3.Error or OSError: the live file is as it was
            known = _known_error(exc)
            if known is exc:
                raise StorageError("file_error", detail=str(exc)) from exc
            raise known from exc
    else:
        # A damaged (or missing) file cannot take pages through the backup API, nor can a
        # plain backup go into an encrypted file: a checked copy replaces it (under the
        # exclusive site lock). Nobody writes a damaged file (every write checks it first).
        staged = db_path.with_name(db_path.name + ".restore.part")
        conn = urepo.connect_plain(source, src_key)
        try:
            _write_backup(conn, staged, src_key)
        finally:
            conn.close()
        _remove_sidecars(db_path)  # the damaged file's WAL must not be replayed onto it
        try:
            os.replace(staged, db_path)
        except OSError as exc:
            _unlink(staged)
            raise _known_error(exc) from exc
    db = open_with_backups(db_path, create=False, key=src_key)
    try:
        with db.transaction():
            repo.audit(db, actor=actor.username, action="restore", entity="database",
                       after={"from": str(source), "safety_copy": str(safety) if safety else None},
                       at=now)
    finally:
        db.close()
    return safety


def _raw_copy(db_path: Path, now: datetime) -> Path:
    """A damaged file cannot go through the backup API: keep its bytes (and its WAL)."""
    folder = private_dir(backups_dir(db_path))
    target = _unique(folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-damaged.sqlite.bin")
    try:
        shutil.copy2(db_path, target)
        make_private(target)
        for suffix in ("-wal", "-shm"):
            side = Path(str(db_path) + suffix)
            if side.exists():
                shutil.copy2(side, Path(str(target) + suffix))
                make_private(Path(str(target) + suffix))
    except OSError as exc:
        raise _known_error(exc) from exc
    return target


def describe_backup(b: BackupFile) -> dict[str, Any]:
    return {"file": str(b.path), "taken_at": b.taken_at.isoformat(), "kind": b.kind, "size": b.size}



def audit_anchor(db: Database) -> BackupFile | None:
    """The backup to compare the audit trail with: the newest regular backup taken after
    the last restore (backups from before a restore legitimately hold entries that the
    restored file does not)."""
    last_restore = urepo.audit_search(db, action="restore", limit=1)
    since = datetime.fromisoformat(last_restore[0]["at"]) if last_restore else None
    for b in list_backups(db.path):
        if b.kind not in ROTATED_KINDS:
            continue
        if since is not None and b.taken_at <= since:
            return None
        return b
    return None
