"""SQL of the accounts area: users, audit-trail browsing, file checks for backups.

Like repositories.py these functions never open a transaction; the calling service does.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from ..io.files import create_private, fsync_file
from . import cipher
from .database import APPLICATION_ID, Database, is_sqlite_file
from .repositories import inserted_id


def _open_ro(path: str | Path, key: bytes | None) -> sqlite3.Connection:
    """A read-only connection to another file (a backup): keyed when it is encrypted."""
    if key is not None and not is_sqlite_file(path):
        return cipher.connect(path, key, readonly=True)
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)

USER_FIELDS = "id, username, display_name, role, failed_attempts, locked_until, active, created_at"


# -- users ---------------------------------------------------------------------
def user_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM users") or 0)


def user_by_name(db: Database, username: str) -> dict[str, Any] | None:
    """The full row, password hash included: for sign-in only, never for display."""
    return db.query_one("SELECT * FROM users WHERE username = ?", (username,))


def users(db: Database, include_inactive: bool = True) -> list[dict[str, Any]]:
    sql = f"SELECT {USER_FIELDS} FROM users"
    if not include_inactive:
        sql += " WHERE active = 1"
    return db.query(sql + " ORDER BY active DESC, username")


def active_manager_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM users WHERE role = 'manager' AND active = 1") or 0)


def insert_user(db: Database, row: dict[str, Any]) -> int:
    cols = list(row)
    return inserted_id(db.execute(f"INSERT INTO users ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                  [row[c] for c in cols]))


def update_user(db: Database, user_id: int, changes: dict[str, Any]) -> None:
    cols = list(changes)
    db.execute(f"UPDATE users SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
               [changes[c] for c in cols] + [user_id])


# -- audit trail browsing ----------------------------------------------------------
def audit_search(db: Database, *, actor: str | None = None, action: str | None = None,
                 entity: str | None = None, entity_id: str | None = None,
                 since: str | None = None, until: str | None = None,
                 text: str | None = None, limit: int = 5000,
                 text_actions: tuple[str, ...] = (), text_entities: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Newest first. ``since``/``until`` are ISO timestamps (until exclusive); ``text``
    searches the before/after values and the entity id; an entry whose action is one of
    ``text_actions`` (or entity one of ``text_entities``) matches ``text`` too."""
    where, params = [], []
    for column, value in (("actor", actor), ("action", action), ("entity", entity),
                          ("entity_id", entity_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("at >= ?")
        params.append(since)
    if until:
        where.append("at < ?")
        params.append(until)
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        codes = ""
        for column, values in (("action", text_actions), ("entity", text_entities)):
            if values:
                codes += f" OR {column} IN ({', '.join('?' * len(values))})"
        where.append("(coalesce(before, '') LIKE ? ESCAPE '\\' OR coalesce(after, '') LIKE ? ESCAPE '\\' "
                     "OR coalesce(entity_id, '') LIKE ? ESCAPE '\\'" + codes + ")")
        params += [like, like, like, *text_actions, *text_entities]
    sql = "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return db.query(sql + " ORDER BY id DESC LIMIT ?", params + [limit])


def audit_distinct(db: Database, column: str) -> list[str]:
    if column not in ("actor", "action", "entity"):
        raise ValueError(column)
    return [r[0] for r in db.execute(f"SELECT DISTINCT {column} FROM audit ORDER BY {column}")]


def audit_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM audit") or 0)


# -- files (backups) ---------------------------------------------------------------
def file_integrity(path: str | Path, full: bool = True, key: bytes | None = None) -> str:
    """'ok', or what is wrong with the SQLite file at ``path`` (read-only, never writes).

    ``full``: PRAGMA integrity_check (also checks every index against its table); otherwise
    quick_check (page structure and constraints; much faster on a large site, as it does not
    compare the indexes with their tables).
    A file with a -wal beside it is checked with its WAL (read-only mode still reads it)."""
    p = Path(path)
    if not p.is_file():
        return "missing"
    if not is_sqlite_file(p) and key is None:
        return "not an SQLite file"
    try:
        conn = _open_ro(p, key)
    except (cipher.Error + (DomainError,)) as exc:
        return getattr(exc, "code", None) or str(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        result = "; ".join(r[0] for r in rows[:5])
        if result != "ok":
            return result
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        return "ok" if app_id == APPLICATION_ID else "not an Isolation Desk database"
    except cipher.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def copy_database(source: sqlite3.Connection, target_path: str | Path, key: bytes | None = None) -> None:
    """Copy a live database into a new file through SQLite's online backup API; the
    target is synced to disk before this returns. ``key``: the source is encrypted, and so is
    the copy (with the same key)."""
    if key is not None:
        cipher.copy(source, target_path, key)
        return
    create_private(target_path)  # 0600 before the first page is written
    dest = sqlite3.connect(str(target_path))
    try:
        # One step: in WAL mode the copy reads one snapshot while the window keeps writing
        # (a copy in small steps would restart whenever another connection writes).
        source.backup(dest)
        # A backup is worth nothing if a power cut right after leaves it half on disk.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    fsync_file(target_path)


def copy_into(source_path: str | Path, target_path: str | Path, key: bytes | None = None) -> None:
    """Copy the database file ``source_path`` *into* the live database ``target_path``
    through SQLite's backup API: one write transaction under SQLite's own locks (it waits
    for a writer; readers keep their snapshot), committed whole or not at all. ``key``: both
    files are encrypted with it (the copy goes between two keyed connections)."""
    if key is not None:
        src = cipher.connect(source_path, key, readonly=True)
    else:
        src = sqlite3.connect(Path(source_path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        if key is not None:
            dest = cipher.connect(target_path, key)
        else:
            dest = sqlite3.connect(str(target_path), timeout=30)
        try:
            dest.execute("PRAGMA busy_timeout = 30000")
            dest.execute("PRAGMA synchronous = FULL")
            src.backup(dest)
            # fold the copy into the main file, so that the WAL stays small
            dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dest.close()
    finally:
        src.close()


def checkpoint(path: str | Path, key: bytes | None = None) -> None:
    """Fold the WAL into the main file before the file is replaced (best effort)."""
    try:
        conn = cipher.connect(path, key) if key is not None else sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except (cipher.Error + (DomainError,)):
        pass


def connect_plain(path: str | Path, key: bytes | None = None) -> sqlite3.Connection:
    """A bare connection for copying a file that is not open as a Database (before a
    migration, before a restore); keyed when the file is encrypted."""
    if key is not None and not is_sqlite_file(path):
        return cipher.connect(path, key)
    return sqlite3.connect(str(path))


def audit_hashes(db: Database, up_to: int | None = None) -> dict[int, str]:
    sql = "SELECT id, hash FROM audit"
    params: tuple[int, ...] = ()
    if up_to is not None:
        sql, params = sql + " WHERE id <= ?", (up_to,)
    return dict(db.execute(sql, params).fetchall())


def audit_hashes_and_times(db: Database, up_to: int | None = None) -> dict[int, tuple[str, str]]:
    sql = "SELECT id, hash, at FROM audit"
    params: tuple[int, ...] = ()
    if up_to is not None:
        sql, params = sql + " WHERE id <= ?", (up_to,)
    return {i: (h, at) for i, h, at in db.execute(sql, params).fetchall()}


def file_audit_hashes_and_times(path: str | Path, key: bytes | None = None) -> dict[int, tuple[str, str]]:
    """The audit entries' (hash, time) in another file (a backup), read-only."""
    try:
        conn = _open_ro(path, key)
    except (cipher.Error + (DomainError,)):
        return {}
    try:
        return {i: (h, at) for i, h, at in conn.execute("SELECT id, hash, at FROM audit").fetchall()}
    except cipher.Error:
        return {}
    finally:
        conn.close()


def file_audit_hashes(path: str | Path, key: bytes | None = None) -> dict[int, str]:
    """The audit entries' hashes in another file (a backup), read-only."""
    try:
        conn = _open_ro(path, key)
    except (cipher.Error + (DomainError,)):
        return {}
    try:
        return dict(conn.execute("SELECT id, hash FROM audit").fetchall())
    except cipher.Error:
        return {}
    finally:
        conn.close()
