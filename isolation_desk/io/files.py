"""Files that only their owner reads, and writes that are all or nothing.

The site file, its WAL, its lock, its backups and every export hold personal data (names, ID
numbers, test results): on a shared workstation another local account must not read them,
whatever the umask. Folders we create are 0700, files 0600.

Writes that are all or nothing go through ``io.atomic.atomic_write`` (a temporary file,
0600, in the target's folder, synced, renamed into place; a failure leaves no file behind
and the old one untouched). Callers audit only after it returns.
"""
from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private(path: str | os.PathLike[str], mode: int = PRIVATE_FILE) -> None:
    """chmod ``path`` to ``mode`` when it exists and is ours (best effort: a file on a
    file system without modes, e.g. a FAT USB stick, stays as it is)."""
    try:
        os.chmod(path, mode)
    except OSError:
        pass


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create the folder (and its parents) if needed; the folder itself is made 0700."""
    p = Path(path)
    p.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(p, PRIVATE_DIR)
    return p


def create_private(path: str | os.PathLike[str]) -> None:
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


def fsync_file(path: str | os.PathLike[str]) -> None:
    """Make a file written through another handle (SQLite's backup API) durable before going on:
    a backup is worth nothing if a power cut right after leaves it half on disk."""
    fd = os.open(str(path), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
