"""The site file encrypted at rest: opening it with an account's key slot or the recovery
code, a new encrypted site, and the upgrade of a plain file in place (storage.keyring,
storage.cipher).

Signing in to an encrypted site is two checks: the password unwraps the account's key slot
(without it the file cannot even be read), then ``accounts.sign_in`` checks it against the
account as before (lock-out, audit entry)."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.vocabulary import Role
from ..storage import cipher, failed_sign_ins, keyring
from ..storage.database import Database, StorageError, open_database
from ..storage.repositories import audit
from . import accounts
from . import backup as backups
from .changes import Kind, writes


def is_encrypted(path: str | Path) -> bool:
    """An encrypted site file: no plain SQLite header, and its key slots file beside it
    (anything else without the header is not one of ours)."""
    p = Path(path)
    return (p.exists() and p.stat().st_size > 0 and not cipher.is_plain(p)
            and keyring.slots_path(p).exists())


def create_site_file(path: str | Path) -> tuple[Database, bytes]:
    """A new, empty, encrypted site file with a random 256-bit key (the caller creates the
    first manager, whose slot wraps it, and shows the recovery sheet)."""
    key = keyring.new_database_key()
    return open_database(path, create=True, key=key), key


def open_signed_in(path: str | Path, username: str, password: str, now: datetime,
                   **open_kwargs: Any) -> tuple[Database, Actor]:
    """Open the site as ``username``: unwrap the slot, open the file with the key, sign in.
    A plain file (from before encryption) is encrypted in place at the first sign-in of a
    manager (``may_encrypt``): only a manager can then give the others their slots (by new
    passwords) and keep the recovery sheet; anyone else opens it plain meanwhile."""
    path = Path(path)
    if not is_encrypted(path):
        db = open_database(path, create=False, **open_kwargs)
        try:
            actor = accounts.sign_in(db, username, password, now)
        except Exception:
            db.close()
            raise
        if not may_encrypt(actor):
            return db, actor
        db.close()
        encrypt_in_place(path, actor.username, password, now)
    # A wrong password opens no slot: refused (sign_in_failed) before the file can be read.
    # The attempt waits beside the file for the next sign-in to audit it.
    name = accounts.normalize_username(username)
    slots = keyring.KeySlots.load(path)
    try:
        key = slots.open(name, password)
    except DomainError:
        reason = "wrong_password" if name in slots.slots else "unknown_user"
        failed_sign_ins.record(path, name or "?", reason, now)
        raise
    db = open_database(path, create=False, key=key, **open_kwargs)
    try:
        actor = accounts.sign_in(db, username, password, now)
        _audit_failed_sign_ins(db, path, now)
    except Exception:
        db.close()
        raise
    return db, actor


def _audit_failed_sign_ins(db: Database, path: Path, now: datetime) -> None:
    """The failed attempts kept beside the file, into the audit trail: one entry each, under
    the name that was typed, dated now, with the moment of the attempt."""
    waiting = failed_sign_ins.pending(path)
    if not waiting:
        return
    with db.transaction():
        for attempt in waiting:
            audit(db, actor=str(attempt["username"])[:32], action="sign_in_failed", entity="user",
                  after={"reason": attempt["reason"], "tried_at": attempt["at"]}, at=now)
    failed_sign_ins.clear(path)


def may_encrypt(actor: Actor) -> bool:
    """Whether this person's sign-in encrypts a plain site: a manager's (``users``)."""
    return actor.can("users")


def accounts_without_slot(db: Database) -> list[str]:
    """Active accounts whose password opens nothing yet (after the upgrade): a manager gives
    each a new password (which makes its slot)."""
    if db.key is None:
        return []
    have = set(keyring.KeySlots.load(db.path).slots)
    return [u["username"] for u in accounts.list_users(db) if u["active"] and u["username"] not in have]


def open_with_recovery_code(path: str | Path, code: str, **open_kwargs: Any) -> Database:
    """Open the site with the key from its recovery sheet (every password lost); the manager
    then resets passwords, which gives the accounts new slots."""
    return open_database(path, create=False, key=keyring.parse_recovery_code(code), **open_kwargs)


@writes(Kind.USERS)
def recover_manager(path: str | Path, code: str, username: str, new_password: str,
                    now: datetime) -> Actor:
    """Every password lost: the recovery code (the key on the site's recovery sheet) opens the
    file, and the manager ``username`` is given ``new_password`` (and so a key slot again),
    audited under that manager. Whoever holds the code may do this: it opens the file anyway.
    The manager then signs in as usual and gives the others new passwords."""
    db = open_with_recovery_code(path, code, check=None)
    try:
        wanted = accounts.normalize_username(username)
        row = next((u for u in accounts.list_users(db) if u["username"] == wanted), None)
        if row is None or row["role"] != Role.MANAGER or not row["active"]:
            raise DomainError("recovery_not_a_manager", field="username", value=username)
        manager = Actor(row["username"], Role.MANAGER.value, row["display_name"])
        accounts.reset_password(db, manager.username, new_password, manager, now)
        return manager
    finally:
        db.close()


def encrypt_in_place(path: str | Path, username: str, password: str, now: datetime) -> bytes:
    """Encrypt a plain site file where it is (the first sign-in after the upgrade).

    1. a plain backup ``…-pre_encryption.sqlite`` in the backups folder;
    2. an encrypted copy beside the file, ``<file>.encrypt.part``, checked with
       integrity_check; only then it replaces the file (its WAL folded in first);
    3. the signing-in account's key slot; the other accounts get theirs when a manager
       resets their passwords (their passwords are not known here);
    4. every plain backup in the backups folder is encrypted the same way;
    5. the plain backup of step 1 is removed (the encrypted file has passed its check).
    Returns the new database key."""
    path = Path(path)
    key = keyring.new_database_key()
    plain_copy = backups.backup_file(path, now, "pre_encryption")
    part = path.with_name(path.name + ".encrypt.part")
    verdict = cipher.encrypt_file(path, part, key)
    if verdict != "ok":
        _unlink(part)
        raise StorageError("database_damaged", path=str(path), detail=verdict)
    for suffix in ("-wal", "-shm", "-journal"):
        _unlink(Path(str(path) + suffix))
    os.replace(part, path)
    keyring.KeySlots.load(path).set(accounts.normalize_username(username), key, password)
    for b in backups.list_backups(path):
        if b.path == plain_copy or not cipher.is_plain(b.path):
            continue
        tmp = b.path.with_name(b.path.name + ".part")
        if cipher.encrypt_file(b.path, tmp, key) == "ok":
            os.replace(tmp, b.path)
        else:
            _unlink(tmp)
    if plain_copy is not None:
        _unlink(plain_copy)
    return key


def encrypt_open_site(db: Database, username: str, password: str, now: datetime) -> bytes:
    """Encrypt the plain site that ``db`` has open (right after ``username`` signed in with
    ``password``, or created the first manager): closed, encrypted in place, reopened with the
    key, and ``db`` takes the new connection over. Returns the key (for the recovery sheet)."""
    path = Path(db.path)
    db.close()
    key = encrypt_in_place(path, username, password, now)
    db.adopt(open_database(path, create=False, check=None, key=key))
    return key


def recovery_code(key: bytes) -> str:
    """The key as the recovery sheet prints it (13 groups of 4 characters)."""
    return keyring.recovery_code(key)


@writes(Kind.AUDIT)
def write_recovery_sheet(db: Database, key: bytes, path: str | Path, actor: Actor, now: datetime,
                         lang: str = "zh_CN") -> int:
    """The recovery sheet PDF (the key as a code and a QR code), recorded as printed."""
    from ..reports.recovery_sheet import build_recovery_sheet
    from .papers import record_printed
    from .site import get_settings
    actor.require("users")
    pages = build_recovery_sheet(keyring.recovery_code(key), path, site_name=get_settings(db).site_name,
                                 db_file=str(db.path), printed_at=now, printed_by=actor.label(), lang=lang)
    record_printed(db, actor, "recovery_sheet", now, pages=pages)
    return pages


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
