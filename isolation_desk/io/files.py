"""Files that only their owner reads, and writes that are all or nothing.

The site file, its WAL, its lock, its backups and every export hold personal data (names, ID
numbers, test results): on a shared workstation another local account must not read them,
whatever the umask. Folders we create are 0700, files 0600.

``atomic_write`` is the one way an export or printout reaches its place: written to a
temporary file (0600) in the target's folder, synced, then renamed; a failure (a full disk)
leaves no file behind and the old one untouched. Callers audit only after it returns.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private(path: str | os.PathLike, mode: int = PRIVATE_FILE) -> None:
    """chmod ``path`` to ``mode`` when it exists and is ours (best effort: a file on a
    file system without modes, e.g. a FAT USB stick, stays as it is)."""
    try:
        os.chmod(path, mode)
    except OSError:
        pass


def private_dir(path: str | os.PathLike) -> Path:
    """Create the folder (and its parents) if needed; the folder itself is made 0700."""
    p = Path(path)
    p.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(p, PRIVATE_DIR)
    return p


def create_private(path: str | os.PathLike) -> None:
    """Create ``path`` empty with mode 0600 when it does not exist yet, so that whatever
    writes into it afterwards (SQLite) never leaves it readable for a moment; an existing
    file is only made 0600."""
    try:
        fd = os.open(os.fspath(path), os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    except OSError:
        return
    try:
        os.fchmod(fd, PRIVATE_FILE) if hasattr(os, "fchmod") else None
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_write(path: str | os.PathLike, mode: int = PRIVATE_FILE):
    """``with atomic_write(out) as tmp: write(tmp)``: the body writes the temporary path it
    is given; on success that file is synced, given ``mode`` and renamed onto ``path``; on any
    error it is removed and the error goes on. Temporary files start with ".~" and end with
    ".part", beside ``path`` (same file system: the rename is atomic)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=".~" + path.stem[:40] + "-", suffix=path.suffix + ".part",
                                dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        fd = os.open(name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(name, mode)
        os.replace(name, path)
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_write(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
