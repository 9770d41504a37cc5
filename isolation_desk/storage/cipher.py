"""SQLCipher: the site file encrypted at rest (the key comes from storage.keyring).

Every page of the database, its WAL, every backup, ``.part`` copy and pre-restore copy is
encrypted (AES-256 in SQLCipher 4's defaults, an HMAC per page) under the one database key;
copies go through SQLite's backup API between two keyed connections. What is not encrypted:
the lock file (host name, process id, since when), the key slots file (wrapped keys only) and
the audit key file.

``PRAGMA key`` is the first statement on a connection; a wrong key fails on the first read
("file is not a database"), which ``connect`` turns into ``database_key_wrong``. Pages are
decrypted as they enter SQLite's page cache (a plain file's pages stay in the system's file
cache instead), so the cache grows with the file: half of it, between ``CACHE_KIB``
(64 MiB: the working set of a 2,000-bed site) and ``CACHE_MAX_KIB`` (1 GiB: a 50,000-bed
site's shift summary reads more than half a gigabyte of pages; with less it decrypts some of
them again on every refresh; BENCHMARKS.md). The cache takes memory only for pages read.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..io.files import create_private, fsync_file, make_private

try:  # the wheel sqlcipher3 bundles SQLCipher 4 with its own SQLite (and OpenSSL)
    from sqlcipher3 import dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - a dependency; tests need it
    sqlcipher = None

SQLITE_HEADER = b"SQLite format 3\x00"
CACHE_KIB = 65536
CACHE_MAX_KIB = 1048576


def cache_kib(path: str | Path) -> int:
    """The page cache of a connection to the encrypted file at ``path``, in KiB."""
    try:
        size_kib = os.stat(path).st_size // 1024
    except OSError:
        size_kib = 0
    return max(CACHE_KIB, min(CACHE_MAX_KIB, size_kib // 2))


def available() -> bool:
    return sqlcipher is not None


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: str | Path, key: bytes, *, readonly: bool = False, check_same_thread: bool = False,
            immutable: bool = False) -> sqlite3.Connection:
    """A connection to the encrypted file at ``path`` (created when missing and not
    ``readonly``); raises StorageError('database_key_wrong') when the key does not open it.
    ``immutable``: a file in a read-only folder, that nobody can be writing (no -wal can
    exist there); SQLCipher's SQLite cannot open a WAL-mode file read-only without it."""
    from .database import StorageError
    path = Path(path)
    # sqlcipher3 (no type information) has the standard library's Connection interface
    conn: sqlite3.Connection
    if readonly:
        conn = sqlcipher.connect(path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro"),
                                 uri=True, check_same_thread=check_same_thread)
    else:
        if not path.exists():
            create_private(path)
        conn = sqlcipher.connect(str(path), check_same_thread=check_same_thread)
    conn.execute(_key_pragma(key))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    except sqlcipher.Error:
        pass
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA cache_size = -{cache_kib(path)}")
    except sqlcipher.DatabaseError as exc:
        conn.close()
        raise StorageError("database_key_wrong", path=str(path)) from exc
    return conn


def is_plain(path: str | Path) -> bool:
    """True for a plain SQLite file (one from before encryption)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def copy(source: sqlite3.Connection, target: str | Path, key: bytes) -> None:
    """Copy the keyed connection ``source`` into a new file ``target`` encrypted with the same
    key (SQLite's backup API between keyed connections), synced before this returns."""
    target = Path(target)
    create_private(target)
    dest = connect(target, key)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    fsync_file(target)


def encrypt_file(plain: str | Path, target: str | Path, key: bytes) -> str:
    """Write an encrypted copy of the plain file ``plain`` to ``target`` (sqlcipher_export,
    the user_version and application_id carried over) and check it: returns the
    integrity_check verdict of the copy ('ok' when it can replace the plain file)."""
    plain, target = Path(plain), Path(target)
    create_private(target)
    conn = sqlcipher.connect(str(plain))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute(f"PRAGMA enc.application_id = {int(app_id)}")
        conn.commit()
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    make_private(target)
    check = connect(target, key, readonly=True)
    try:
        verdict: str = check.execute("PRAGMA integrity_check").fetchone()[0]
        return verdict
    finally:
        check.close()


# Exceptions of both drivers: plain files use the standard library's sqlite3, encrypted ones
# sqlcipher3 (its classes are its own). ``except cipher.Error`` catches either.
import sqlite3 as _stdlib  # noqa: E402

Error: tuple[type[Exception], ...]
DatabaseError: tuple[type[Exception], ...]
OperationalError: tuple[type[Exception], ...]
if sqlcipher is not None:
    Error = (_stdlib.Error, sqlcipher.Error)
    DatabaseError = (_stdlib.DatabaseError, sqlcipher.DatabaseError)
    OperationalError = (_stdlib.OperationalError, sqlcipher.OperationalError)
else:  # pragma: no cover
    Error, DatabaseError, OperationalError = (_stdlib.Error,), (_stdlib.DatabaseError,), (_stdlib.OperationalError,)


def row_factory(conn: sqlite3.Connection) -> type[sqlite3.Row]:
    """The Row class of the driver that made ``conn``."""
    if sqlcipher is not None and isinstance(conn, sqlcipher.Connection):
        row: type[sqlite3.Row] = sqlcipher.Row  # the same interface
        return row
    return _stdlib.Row
