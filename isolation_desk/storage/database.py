"""Open the SQLite file: refuse what is not ours, apply migrations, set the pragmas."""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import DomainError
from ..io.files import create_private, make_private, private_dir
from . import cipher
from .schema import KNOWN_MIGRATIONS, MIGRATION_SET, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

Params = Sequence[Any] | Mapping[str, Any]
"""The parameters of one statement: positional (?) or named (:name)."""

# (data_version, the newest restore's audit entry (id, hash), device, inode): ``file_stamp``
FileStamp = tuple[int, tuple[Any, ...] | None, int, int]

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x49534F44  # 'ISOD': marks the file as an Isolation Desk database


class StorageError(DomainError):
    """A database that cannot be used (not SQLite, newer schema, damaged, locked, full disk)."""


class Database:
    """One open database file. Services use ``transaction()`` for every write."""

    def __init__(self, path: str | Path, conn: sqlite3.Connection, key: bytes | None = None):
        self.path = str(path)
        self.conn = conn
        # The SQLCipher key (storage.keyring) of an encrypted file; None: a plain file.
        self.key = key
        # The key that seals the audit trail (storage.audit_key); None: plain hashes.
        self.audit_key: bytes | None = None
        self.audit_key_missing = False
        self._sqlite_utils_db: sqlite_utils.Database | None = None
        self._savepoints = 0
        # Called with the check's thread when a write must wait for the background integrity
        # check (the window shows a progress dialog instead of freezing); None: just wait.
        self.check_wait: Callable[[threading.Thread], object] | None = None
        self._check_thread: threading.Thread | None = None
        self._check_result: str | None = None
        self._on_close: list[Callable[[], object]] = []
        # What the file was when opened (see ``file_stamp``); None: not watched (readers)
        self._stamp: FileStamp | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection (migrations), imported on first use: an
        up-to-date file opens without importing sqlite-utils."""
        if self._sqlite_utils_db is None:
            import sqlite_utils
            self._sqlite_utils_db = sqlite_utils.Database(self.conn)
        return self._sqlite_utils_db

    # -- integrity check in the background ------------------------------------
    def start_background_check(self) -> None:
        """Run PRAGMA quick_check on a read-only connection of its own, in a thread, so a
        large file opens at once. Until it has passed, every write waits for it; a file that
        fails it is never written to (writes raise database_damaged)."""
        def run() -> None:
            try:
                conn = _connect(self.path, readonly=True, key=self.key)
                try:
                    self._check_result = conn.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    conn.close()
            except (cipher.DatabaseError + (DomainError,)) as exc:
                self._check_result = str(exc)
        self._check_thread = threading.Thread(target=run, name="quick_check", daemon=True)
        self._check_thread.start()

    def integrity_result(self, wait: bool = True) -> str | None:
        """'ok', the problem found, or None while the background check still runs."""
        if self._check_thread is not None:
            if not wait and self._check_thread.is_alive():
                return None
            self._check_thread.join()
            return self._check_result
        return "ok"

    def _write_gate(self) -> None:
        if self._check_thread is None:
            return
        if self.check_wait is not None and self._check_thread.is_alive():
            self.check_wait(self._check_thread)
        result = self.integrity_result(wait=True)
        if result != "ok":
            raise StorageError("database_damaged", path=self.path, detail=result)

    # -- a file restored or replaced under this connection ---------------------
    def file_stamp(self) -> FileStamp:
        """(data_version, the newest restore's audit entry, device, inode): what tells that
        the file was restored (a restore always writes its audit entry, whose hash is
        unique) or replaced by renaming another file over it (writes would go to the
        deleted old file)."""
        st = os.stat(self.path)
        return (self.conn.execute("PRAGMA data_version").fetchone()[0], self._restore_marker(),
                st.st_dev, st.st_ino)

    def _restore_marker(self) -> tuple[Any, ...] | None:
        try:
            marker: tuple[Any, ...] | None = self.conn.execute(
                "SELECT id, hash FROM audit WHERE entity = 'database' AND action = 'restore' "
                "ORDER BY id DESC LIMIT 1").fetchone()
            return marker
        except cipher.Error:  # a file without the audit table (opened without migrating)
            return None

    def watch_file(self) -> None:
        self._stamp = self.file_stamp()

    def _replaced_gate(self) -> None:
        """Inside BEGIN IMMEDIATE (no restore can run meanwhile): refuse to write when the
        file was restored or replaced since this connection opened it or last reloaded."""
        if self._stamp is None:
            return
        try:
            st = os.stat(self.path)
            data_version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except OSError:
            raise StorageError("database_replaced", path=self.path) from None
        was = self._stamp
        if (st.st_dev, st.st_ino) != was[2:]:
            raise StorageError("database_replaced", path=self.path)
        if data_version == was[0]:
            return  # nobody else has committed anything since
        marker = self._restore_marker()
        if marker != was[1]:
            raise StorageError("database_replaced", path=self.path)
        self._stamp = (data_version, marker, was[2], was[3])

    def reload_after_replace(self) -> None:
        """Accept the file as it is now (the window, having told the user, shows it afresh):
        a connection to a file replaced by a rename is reopened."""
        try:
            same_file = os.stat(self.path).st_ino == self._stamp[2] if self._stamp else True
        except OSError:
            same_file = False
        if not same_file:
            try:
                self.conn.close()
            except cipher.Error:
                pass
            self.conn = _connect(self.path, key=self.key)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self._sqlite_utils_db = None
        self.watch_file()

    def on_close(self, fn: Callable[[], object]) -> None:
        """Call ``fn()`` when the database is closed (a command's site lock)."""
        self._on_close.append(fn)

    # -- transactions ------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action = one transaction; nested calls become savepoints (what
        sqlite-utils' ``atomic()`` does, without importing it at start-up)."""
        conn = self.conn
        try:
            if conn.in_transaction:
                self._savepoints += 1
                name = f"isd_{self._savepoints}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self
                except BaseException:
                    # an error such as a RAISE(ROLLBACK) trigger can end the whole transaction
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                        conn.execute(f"RELEASE SAVEPOINT {name}")
                    raise
                conn.execute(f"RELEASE SAVEPOINT {name}")
            else:
                self._write_gate()
                # IMMEDIATE: the write lock is taken (waiting up to busy_timeout for another
                # writer, e.g. a command-line import) before anything is read, so a transaction
                # never fails half-way because another process wrote since it began to read.
                conn.execute("BEGIN IMMEDIATE")
                try:
                    self._replaced_gate()
                    yield self
                except BaseException:
                    conn.rollback()  # a no-op if the error already ended the transaction
                    raise
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    conn.rollback()
                    raise
        except cipher.OperationalError as exc:
            raise _known_error(exc) from exc

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Rows read by column name like dicts (``dict(row)`` makes one), cheaper to build:
        for lists of thousands of rows that are only read."""
        cur = self.conn.execute(sql, params)
        cur.row_factory = cipher.row_factory(self.conn)
        return cur.fetchall()

    def query_one(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        cur = self.conn.execute(sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        try:
            self.conn.close()
        except cipher.Error:
            pass
        hooks, self._on_close = self._on_close, []
        for fn in hooks:
            fn()

    def open_reader(self) -> Database:
        """A read-only connection of its own to this file (with its key), for reads on
        another thread: open and use it on that thread (see ``open_reader``)."""
        return open_reader(self.path, self.key)

    def adopt(self, other: Database) -> None:
        """Take over ``other``'s connection and state (the same file reopened, e.g. encrypted
        in place), so that everyone holding this object sees the new connection. The close
        hooks (a command's site lock) stay with this object: they are not run here."""
        hooks = self._on_close + other._on_close
        self._on_close = []
        self.close()
        self.__dict__.update(other.__dict__)
        self._on_close = hooks

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backups -----------------------------------------------------------
    def backup_to(self, target: str | Path) -> None:
        """Copy the live database through SQLite's online backup API."""
        target = Path(target)
        tmp = target.with_name(target.name + ".part")
        try:
            if self.key is not None:
                cipher.copy(self.conn, tmp, self.key)  # encrypted with the same key
            else:
                create_private(tmp)
                dest = sqlite3.connect(str(tmp))
                try:
                    self.conn.backup(dest)
                finally:
                    dest.close()
            os.replace(tmp, target)
        except (cipher.Error + (OSError,)) as exc:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise _known_error(exc) from exc

    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version") or 0)


def open_reader(path: str | Path, key: bytes | None = None) -> Database:
    """A read-only connection of its own to an open site's file, for reads on another thread:
    in WAL mode it sees one committed snapshot and never blocks the window's writes."""
    try:
        reader = Database(path, _connect(str(path), readonly=True, key=key), key)
        reader.audit_key = _audit_key_of(reader)
        return reader
    except cipher.Error as exc:
        raise _known_error(exc) from exc


def _known_error(exc: Exception) -> Exception:
    text = str(exc).lower()
    if "database or disk is full" in text or "no space" in text:
        return StorageError("disk_full", detail=str(exc))
    if "locked" in text or "busy" in text:
        return StorageError("database_locked", detail=str(exc))
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StorageError("database_read_only", detail=str(exc))
    if isinstance(exc, OSError):
        return StorageError("file_error", detail=str(exc))
    return exc


def is_sqlite_file(path: str | Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _connect(path: str, readonly: bool = False, key: bytes | None = None) -> sqlite3.Connection:
    if key is not None:
        # a read-only folder: nobody can be writing (no -wal can exist there), and SQLCipher's
        # SQLite opens a WAL-mode file there only as immutable
        conn = cipher.connect(path, key, readonly=readonly,
                              immutable=readonly and not writable(path))
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        if not writable(path) and not Path(str(path) + "-wal").exists():
            # a WAL file in a read-only folder: no -shm can be made, and nobody can be
            # writing it (no -wal): read the file as it is
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,))]


def inspect(path: str | Path, key: bytes | None = None) -> None:
    """Refuse a file that is not an Isolation Desk database, without touching it (an
    encrypted file needs its ``key``: without one it is refused as database_encrypted)."""
    p = Path(path)
    if not p.exists():
        return
    if p.is_dir():
        raise StorageError("database_is_folder", path=str(p))
    if p.stat().st_size == 0:
        return  # an empty file is a new database
    if not is_sqlite_file(p):
        if key is None:
            # an encrypted site file has its key slots beside it; anything else is not ours
            from .keyring import slots_path
            encrypted = slots_path(p).exists()
            raise StorageError("database_encrypted" if encrypted else "not_a_database", path=str(p))
    elif key is not None:
        key = None  # a plain file (from before encryption): read it as it is
    conn = _connect(str(p), readonly=True, key=key)
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            names = applied_migrations(conn)
        except cipher.DatabaseError as exc:
            raise StorageError("database_damaged", path=str(p), detail=str(exc)) from exc
        unknown = [n for n in names if n not in KNOWN_MIGRATIONS]
        if version > SCHEMA_VERSION:
            raise StorageError("schema_newer", path=str(p), found=version, supported=SCHEMA_VERSION)
        if unknown:
            # the same schema number, with changes this version does not know: the file
            # was written by a newer version (a number like "schema 7 of 7" would puzzle)
            raise StorageError("schema_unknown_changes", path=str(p),
                               names=cut(", ".join(unknown), 200))
        has_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if has_tables and app_id != APPLICATION_ID:
            raise StorageError("not_our_database", path=str(p))
    finally:
        conn.close()


def cut(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters for a message (a 10,000-character cell must not
    be echoed whole)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def writable(path: str | Path) -> bool:
    """Whether this process can write the file at ``path`` and create files beside it (the
    -wal and -shm): what a read-only folder or file fails."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not p.exists() or os.access(p, os.W_OK)


def unwritable_error(path: str | Path) -> StorageError:
    """The words for a file that cannot be written: the folder or the file, never "damaged"."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        return StorageError("folder_read_only", path=str(folder.resolve()))
    return StorageError("database_read_only", path=str(p))


def open_read_only(path: str | Path, key: bytes | None = None) -> Database:
    """Open an existing file only to read it (a read-only folder, a command that only reads).
    In a folder where no -wal can exist nobody can be writing: read the file as it is.
    ``key``: the file is encrypted (None for a plain file)."""
    p = Path(path)
    if not p.exists():
        raise StorageError("database_missing", path=str(p))
    if key is not None and is_sqlite_file(p):
        key = None  # a plain file (from before encryption): read it as it is
    inspect(p, key)
    try:
        conn = _connect(str(p), readonly=True, key=key)
        pending = applied_migrations(conn) != KNOWN_MIGRATIONS
    except cipher.DatabaseError as exc:
        raise StorageError("database_damaged", path=str(p), detail=str(exc)) from exc
    if pending:  # an upgrade is a write
        conn.close()
        raise unwritable_error(p) if not writable(p) else StorageError(
            "database_read_only", path=str(p))
    database = Database(str(p), conn, key)
    database.audit_key = _audit_key_of(database)
    return database


def _audit_key_of(database: Database) -> bytes | None:
    """The audit key of a site opened to read (never made here): an encrypted site's comes
    from its database key unless it keeps a key file (encrypted from a plain one)."""
    from . import audit_key
    if database.key is not None and not audit_key.key_path(database.path).exists():
        return audit_key.derive(database.key)
    return audit_key.load(database.path)


def make_private_sidecars(path: str | Path) -> None:
    """0600 for the WAL, shared-memory and journal files beside ``path`` (those an older
    version left readable)."""
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(str(path) + suffix)
        if side.exists():
            make_private(side)


def open_database(path: str | Path, *, create: bool = True, migrate: bool = True,
                  check: str | None = "quick", before_migrate: Callable[[str], object] | None = None,
                  key: bytes | None = None) -> Database:
    """Open (and create or upgrade) the database at ``path``.

    ``check``: "quick" (PRAGMA quick_check before anything else), "full" (integrity_check),
    "background" (quick_check in a thread; writes wait for it and are refused if it fails),
    or None.

    ``before_migrate(path)`` is called before pending migrations run on an existing file,
    so that the caller can take a backup first.
    """
    path = str(path)
    p = Path(path)
    if not p.exists() and not create:
        raise StorageError("database_missing", path=path)
    if p.parent and not p.parent.exists():
        if not create:
            raise StorageError("database_missing", path=path)
        private_dir(p.parent)
    existed = p.exists() and p.stat().st_size > 0
    if key is not None and existed and is_sqlite_file(p):
        raise StorageError("database_not_encrypted", path=path)  # storage.encrypt_in_place first
    inspect(p, key)
    if not writable(p):
        # SQLite would fail with "unable to open database file" and that read as damage
        raise unwritable_error(p)
    # Only the owner reads the site file, whatever the umask: SQLite gives the WAL and the
    # shared-memory file the main file's mode, so they follow.
    if p.exists():
        make_private(p)
    else:
        create_private(p)
    make_private_sidecars(p)
    try:
        conn = _connect(path, key=key)
        if existed and check and check != "background":
            pragma = "quick_check" if check == "quick" else "integrity_check"
            result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
            if result != "ok":
                conn.close()
                raise StorageError("database_damaged", path=path, detail=result)
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a check-in confirmed on screen survives a power cut (see the notes).
        conn.execute("PRAGMA synchronous = FULL")
        make_private_sidecars(p)
    except cipher.DatabaseError as exc:
        known = _known_error(exc)
        if isinstance(known, StorageError):
            raise known from exc
        raise StorageError("database_damaged", path=path, detail=str(exc)) from exc
    database = Database(path, conn, key)
    if existed and check == "background":
        database.start_background_check()
    if migrate and applied_migrations(conn) != KNOWN_MIGRATIONS:
        from .migrations import migrations
        pending = migrations.pending(database.db)
        if pending:
            database._write_gate()  # never migrate a file that fails its check
            if existed and before_migrate is not None and applied_migrations(conn):
                before_migrate(path)
            try:
                migrations.apply(database.db)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            except cipher.OperationalError as exc:
                database.close()
                raise _known_error(exc) from exc
    database.watch_file()
    _seal_audit_trail(database)
    return database


def _seal_audit_trail(database: Database) -> None:
    """Load the site's audit key, making it on first use; a trail that has entries from before
    the key gets one keyed entry now, so that from here on the chain must stay keyed. A trail
    with keyed entries but no key file (a copy made without it) gets no new key: the check
    says the key is missing."""
    from . import audit_key
    try:
        has_audit = bool(database.scalar(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit'"))
        keyed = has_audit and bool(database.scalar(
            "SELECT 1 FROM audit WHERE hash LIKE 'k:%' LIMIT 1"))
        entries = has_audit and bool(database.scalar("SELECT 1 FROM audit LIMIT 1"))
    except cipher.Error:
        return
    key: bytes | None
    if database.key is not None and not audit_key.key_path(database.path).exists():
        # an encrypted site: the audit key comes from the database key (a file encrypted
        # from a plain one keeps the key file its trail was sealed with)
        key, created = audit_key.derive(database.key), not keyed
    else:
        key, created = audit_key.load_or_create(database.path, may_create=not keyed)
    database.audit_key = key
    database.audit_key_missing = keyed and key is None
    if not created or key is None or not entries:
        return
    try:
        from datetime import datetime

        from .repositories import audit
        with database.transaction():
            audit(database, actor="system", action="audit_keyed", entity="database",
                  at=datetime.now().replace(microsecond=0))
    except (cipher.Error + (DomainError,)):
        pass  # a read-only or damaged file: the check reports what it finds
