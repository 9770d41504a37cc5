"""Failed sign-ins to an encrypted site, kept beside the file until someone signs in.

A wrong password opens no key slot, so the file cannot be read, let alone its audit trail
written. Each such attempt is appended to ``<database>.failed-sign-ins`` (owner-only, one JSON
line: the user name typed and the moment); the next successful sign-in moves them into the
audit trail (``services.encryption``) and empties the file. The password is never recorded.
"""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ..io.files import PRIVATE_FILE, make_private

# The file keeps the newest attempts only: a script typing passwords cannot fill the disk.
KEPT = 1000


def path_of(db_path: str | Path) -> Path:
    return Path(f"{db_path}.failed-sign-ins")


def record(db_path: str | Path, username: str, reason: str, at: datetime) -> None:
    """Append one failed attempt (best effort: a full disk or a read-only folder must not
    turn a wrong password into another error)."""
    line = json.dumps({"username": username[:64], "reason": reason,
                       "at": at.replace(microsecond=0).isoformat()}, ensure_ascii=False) + "\n"
    target = path_of(db_path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        make_private(target)
        if target.stat().st_size > KEPT * 200:
            kept = pending(db_path)[-KEPT:]
            target.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in kept),
                              encoding="utf-8")
    except OSError:
        pass


def pending(db_path: str | Path) -> list[dict[str, Any]]:
    """The attempts not yet in the audit trail, oldest first (a damaged line is skipped)."""
    try:
        text = path_of(db_path).read_text(encoding="utf-8")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and {"username", "reason", "at"} <= entry.keys():
            found.append(entry)
    return found


def clear(db_path: str | Path) -> None:
    try:
        path_of(db_path).unlink()
    except FileNotFoundError:
        pass
