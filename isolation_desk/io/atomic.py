"""Write a file whole or not at all: every export and printout goes through ``atomic_write``.

The content goes to a temporary file in the same folder (so that the rename stays on one
file system), is synced to disk, and only then renamed over the target. A failure (a full
disk, a missing folder, a file held open elsewhere, a bug half-way through a PDF) leaves the
old file as it was and no truncated file behind, and says which file in words.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..domain.errors import DomainError

T = TypeVar("T")


def _detail(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], T], *,
                 error: Callable[..., Exception] = DomainError, mode: int = 0o600) -> T:
    """Call ``write(temporary_path)``, sync the file and rename it to ``path``; returns what
    ``write`` returned. An OSError becomes ``error("file_unwritable", path=…, detail=…)``;
    any other exception passes through. Either way no temporary file is left. The file gets
    ``mode`` (0600: exports and printouts hold personal data; io.files.PRIVATE_FILE)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".~{path.name[:60]}.", suffix=".part",
                                             dir=folder)
        os.close(handle)
    except OSError as exc:
        raise error("file_unwritable", path=str(path), detail=_detail(exc)) from exc
    try:
        result = write(Path(temporary))
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temporary, mode)  # mkstemp made it 0600; ``write`` may have replaced it
        os.replace(temporary, path)
        _fsync_folder(folder)
        return result
    except OSError as exc:
        raise error("file_unwritable", path=str(path), detail=_detail(exc)) from exc
    finally:
        if os.path.exists(temporary):
            try:
                os.unlink(temporary)
            except OSError:
                pass
