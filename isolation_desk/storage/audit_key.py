"""The key that seals the audit trail: each entry's hash is an HMAC-SHA256 under it, so no
one without the key can write a chain that verifies.

For now the key is a site secret: 32 random bytes in ``<database file>.auditkey`` beside the
file (0600, created with the database or on the first open after the upgrade). Issue 16's
encryption step derives it from the database key instead (one secret fewer to keep); until
then a copy of the site needs this file too, or its keyed entries cannot be verified (the
check says so).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..io.files import create_private

KEY_BYTES = 32


BACKUPS_SUFFIX = ".backups"


def key_path(db_path: str | Path) -> Path:
    """``<file>.auditkey``; a backup in ``<site file>.backups/`` uses its site's key."""
    p = Path(db_path)
    if p.parent.name.endswith(BACKUPS_SUFFIX):
        site = p.parent.with_name(p.parent.name[:-len(BACKUPS_SUFFIX)])
        return site.with_name(site.name + ".auditkey")
    return p.with_name(p.name + ".auditkey")


def is_backup(db_path: str | Path) -> bool:
    return Path(db_path).parent.name.endswith(BACKUPS_SUFFIX)


def load(db_path: str | Path) -> bytes | None:
    try:
        data = key_path(db_path).read_text(encoding="ascii").strip()
        key = bytes.fromhex(data)
    except (OSError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


def load_or_create(db_path: str | Path, *, may_create: bool = True) -> tuple[bytes | None, bool]:
    """(key, created): the site's key, made now when there is none and ``may_create`` (the
    caller says no when the trail already holds keyed entries: a new key would not verify
    them, the key file is missing). None when it cannot be had."""
    key = load(db_path)
    if key is not None:
        return key, False
    path = key_path(db_path)
    if path.exists() or not may_create or is_backup(db_path):
        return None, False  # missing or damaged: never replace it silently
    key = secrets.token_bytes(KEY_BYTES)
    try:
        create_private(path)
        fd = os.open(str(path), os.O_WRONLY | os.O_TRUNC)
        try:
            os.write(fd, key.hex().encode("ascii") + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        return None, False
    return key, True


def derive(database_key: bytes) -> bytes:
    """The audit key of an encrypted site: derived from its database key (no file to keep)."""
    import hashlib
    import hmac
    return hmac.new(database_key, b"isolation-desk audit trail v1", hashlib.sha256).digest()
