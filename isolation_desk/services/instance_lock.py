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

from ..io.files import make_private, private_dir
from ..storage.database import StorageError


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

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> "InstanceLock":
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
        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                           "since": datetime.now().replace(microsecond=0).isoformat(" ")})
        try:
            os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
            os.write(fd, info.encode("utf-8"))
            os.ftruncate(fd, _INFO_OFFSET + len(info.encode("utf-8")))
        except OSError:
            pass  # the lock holds even when its note cannot be written (full disk)
        return self

    def release(self) -> None:
        # The file stays: deleting a lock file that another process may be opening races.
        if self._fd is None:
            return
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    def __del__(self):  # pragma: no cover - safety net
        self.release()


def _read_info(fd: int) -> dict:
    try:
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        data = os.read(fd, 4096)
        return json.loads(data.decode("utf-8"))
    except (OSError, ValueError):
        return {}


def acquire(db_path: str | Path) -> InstanceLock:
    return InstanceLock(db_path).acquire()
