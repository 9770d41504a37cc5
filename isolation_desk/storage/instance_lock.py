"""One instance per database file.

Two windows writing the same file would each believe their own room board. The lock is
an operating-system lock on ``<database file>.lock`` (fcntl.flock on Linux and macOS,
msvcrt.locking on Windows): the OS releases it when the process ends, even when it is
killed or the power fails, so a crash never leaves a stale lock behind. The file also
holds who took it (process id, host, time) so that the refusal can say which window.
"""
from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ..io.files import make_private, private_dir
from .database import StorageError


def lock_path(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".lock")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

    _INFO_OFFSET = 16  # the locked first byte cannot be read by others on Windows
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass

    _INFO_OFFSET = 0


class InstanceLock:
    """``with InstanceLock(db_path): ...`` or ``acquire()`` / ``release()``.

    ``acquire`` raises StorageError("database_in_use", path, pid, since) when another
    process holds the lock.
    """

    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: int | None = None
        self.site: SiteLock | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        """The instance lock, and the site lock shared for as long as the window is open
        (a restore by another process waits for the window to close, or refuses)."""
        if self._fd is not None:
            return self
        self._acquire_instance()
        try:
            self.site = SiteLock(self.db_path).acquire()
        except BaseException:
            self.release()
            raise
        return self

    def _acquire_instance(self) -> InstanceLock:
        if self._fd is not None:
            return self
        private_dir(self.path.parent) if not self.path.parent.exists() else None
        # 0600: the note inside names the host and process (whatever the umask)
        fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        make_private(self.path)
        if not _try_lock(fd):
            info = _read_info(fd)
            os.close(fd)
            raise StorageError("database_in_use", path=str(self.db_path),
                               pid=info.get("pid", "?"), since=info.get("since", "?"),
                               host=info.get("host", "?"))
        self._fd = fd
        note = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                           "since": datetime.now().replace(microsecond=0).isoformat(" ")})
        try:
            os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
            os.write(fd, note.encode("utf-8"))
            os.ftruncate(fd, _INFO_OFFSET + len(note.encode("utf-8")))
        except OSError:
            pass  # the lock holds even when its note cannot be written (full disk)
        return self

    def release(self) -> None:
        # The file stays: deleting a lock file that another process may be opening races.
        if self.site is not None:
            self.site.release()
            self.site = None
        if self._fd is None:
            return
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # pragma: no cover - safety net
        self.release()


def _read_info(fd: int) -> dict[str, Any]:
    try:
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        data = os.read(fd, 4096)
        info: dict[str, Any] = json.loads(data.decode("utf-8"))
        return info
    except (OSError, ValueError):
        return {}


# -- the site lock: shared by every writer, exclusive for a restore -----------------------
#
# Every process that writes the site's file (the window for as long as it is open, every
# command while it runs) holds ``<database file>.site-lock`` shared; a restore holds it
# exclusive. So a restore waits for running writers (or refuses, saying who), and no writer
# starts while a restore copies the backup in. Readers that open the file read-only take no
# lock: SQLite's own locks give them one committed snapshot.

WRITER_WAIT_SECONDS = 30.0   # a writer waits this long for a restore to finish
RESTORE_WAIT_SECONDS = 10.0  # a restore waits this long for running writers to finish


def site_lock_path(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".site-lock")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    from ctypes import wintypes

    class _OVERLAPPED(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE)]

    def _flock(fd: int, exclusive: bool) -> bool:
        handle = msvcrt.get_osfhandle(fd)
        flags = 0x1 | (0x2 if exclusive else 0)  # FAIL_IMMEDIATELY | EXCLUSIVE_LOCK
        ov = _OVERLAPPED()
        return bool(ctypes.windll.kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(ov)))

    def _funlock(fd: int) -> None:
        ov = _OVERLAPPED()
        ctypes.windll.kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(ov))
else:
    def _flock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _funlock(fd: int) -> None:
        _unlock(fd)

# The site locks this process holds, by file: a restore started in a process that holds the
# lock shared (the window restoring its own file) turns that lock exclusive instead of
# waiting for itself.
_HELD: dict[str, SiteLock] = {}


def _key(db_path: str | Path) -> str:
    return os.path.realpath(str(db_path))


class SiteLock:
    """``SiteLock(path).acquire()`` (shared, for a writer) or ``.acquire(exclusive=True)``."""

    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self.path = site_lock_path(db_path)
        self._fd: int | None = None
        self.exclusive = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, exclusive: bool = False, wait: float | None = None,
                window_check: bool = True) -> SiteLock:
        """Shared: waits up to WRITER_WAIT_SECONDS for a restore. Exclusive: refused at once
        while a window has the file open (``window_check``), else waits up to
        RESTORE_WAIT_SECONDS for running commands."""
        if exclusive and window_check:
            window = self._window_holder()
            if window is not None:
                raise window
        if wait is None:
            wait = RESTORE_WAIT_SECONDS if exclusive else WRITER_WAIT_SECONDS
        if self._fd is None:
            try:
                self._fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise _unwritable(self.db_path, exc) from exc
        if not self._take(exclusive, wait):
            fd, self._fd = self._fd, None
            os.close(fd)
            _HELD.pop(_key(self.db_path), None)
            raise self._refusal(exclusive)
        self.exclusive = exclusive
        _HELD[_key(self.db_path)] = self
        return self

    def _take(self, exclusive: bool, wait: float) -> bool:
        import time
        assert self._fd is not None  # opened by acquire
        deadline = time.monotonic() + wait
        delay = 0.01
        while not _flock(self._fd, exclusive):
            if time.monotonic() >= deadline:
                return False
            time.sleep(delay)  # flock has no timeout: poll, backing off to a few polls a second
            delay = min(delay * 2, 0.2)
        return True

    def _window_holder(self) -> StorageError | None:
        """The refusal naming the window that has the file open (its instance lock), if any."""
        probe = InstanceLock(self.db_path)
        try:
            probe._acquire_instance()
        except StorageError as exc:
            return StorageError("restore_in_use_window", path=str(self.db_path),
                                pid=exc.params.get("pid"), host=exc.params.get("host"),
                                since=exc.params.get("since"))
        except OSError:
            return None
        probe.release()
        return None

    def _refusal(self, exclusive: bool) -> StorageError:
        if not exclusive:
            return StorageError("database_being_restored", path=str(self.db_path))
        return StorageError("restore_in_use_command", path=str(self.db_path))

    def make_exclusive(self, wait: float | None = None) -> None:
        """Turn a shared lock exclusive (a window restoring its own file); on refusal the
        lock is shared again (flock may drop it while converting)."""
        try:
            self.acquire(exclusive=True, wait=wait, window_check=False)
        except StorageError:
            self.acquire(exclusive=False)
            raise

    def make_shared(self) -> None:
        self.acquire(exclusive=False)

    def release(self) -> None:
        if self._fd is None:
            return
        _funlock(self._fd)
        os.close(self._fd)
        self._fd = None
        if _HELD.get(_key(self.db_path)) is self:
            del _HELD[_key(self.db_path)]

    def __enter__(self) -> SiteLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # pragma: no cover - safety net
        self.release()


def held_site_lock(db_path: str | Path) -> SiteLock | None:
    """The site lock this process holds on ``db_path``, if any."""
    lock = _HELD.get(_key(db_path))
    return lock if lock is not None and lock.held else None


def _unwritable(db_path: Path, exc: OSError) -> StorageError:
    folder = db_path.parent if str(db_path.parent) else Path(".")
    if not folder.exists():
        return StorageError("database_missing", path=str(db_path))
    return StorageError("folder_read_only", path=str(folder), detail=str(exc))
