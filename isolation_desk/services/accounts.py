"""User accounts: the first manager, sign-in with lock-out, passwords, users; the audit trail.

Passwords are hashed with argon2id (argon2-cffi). A password is never stored, logged or
written to the audit trail in clear: audit entries name the user, never the secret.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..domain.cells import normalize_text
from ..domain.dates import stored_moment
from ..domain.errors import DomainError
from ..domain.roles import ROLES, SYSTEM, Actor
from ..storage import repo_accounts as urepo
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
PASSWORD_MIN = 8
_USERNAME = re.compile(r"[\w.\-]{2,32}")

# argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): unnoticed at a
# sign-in, far too slow for guessing at scale. Hashes made with
# other parameters are upgraded at the next good sign-in (check_needs_rehash).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verifying against this keeps an unknown user name as slow as a wrong password, so the
# time a refusal takes does not tell which user names exist.
_DUMMY_HASH = _hasher.hash("not a real password")


def normalize_username(raw: object) -> str:
    name = normalize_text(raw).strip().lower()
    if not _USERNAME.fullmatch(name):
        raise DomainError("username_invalid", field="username", value=normalize_text(raw))
    return name


def _check_password(password: str) -> None:
    if password is None or len(password) < PASSWORD_MIN:
        raise DomainError("password_too_short", field="password", minimum=PASSWORD_MIN)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise DomainError("role_unknown", field="role", value=role)


def _actor_of(row: dict[str, Any]) -> Actor:
    return Actor(row["username"], row["role"], row["display_name"])


def has_users(db: Database) -> bool:
    return urepo.user_count(db) > 0


def list_users(db: Database) -> list[dict[str, Any]]:
    """Users without their password hashes, active first."""
    return urepo.users(db)


def _new_user_row(username: str, display_name: str, role: str, password: str, now: datetime) -> dict[str, Any]:
    display = normalize_text(display_name)
    if not display:
        raise DomainError("display_name_empty", field="display_name")
    _check_role(role)
    _check_password(password)
    return {"username": username, "display_name": display, "role": role,
            "password_hash": _hasher.hash(password), "failed_attempts": 0,
            "locked_until": None, "active": 1, "created_at": stored_moment(now)}


@writes(Kind.USERS)
def create_first_manager(db: Database, username: str, display_name: str, password: str,
                         now: datetime) -> Actor:
    """The first start: the site's first account, a manager. Refused once any user exists."""
    name = normalize_username(username)
    row = _new_user_row(name, display_name, "manager", password, now)
    with db.transaction():
        if urepo.user_count(db):
            raise DomainError("users_exist")
        user_id = urepo.insert_user(db, row)
        repo.audit(db, actor=SYSTEM.username, action="create_first_manager", entity="user",
                   entity_id=user_id, after={"username": name, "role": "manager"}, at=now)
    _set_slot(db, name, password)
    return Actor(name, "manager", row["display_name"])


def _set_slot(db: Database, username: str, password: str) -> None:
    """An encrypted site: (re)wrap the database key for this account's password
    (storage.keyring); a plain site has no slots."""
    if db.key is not None:
        from ..storage.keyring import KeySlots
        KeySlots.load(db.path).set(username, db.key, password)


def _remove_slot(db: Database, username: str) -> None:
    if db.key is not None:
        from ..storage.keyring import KeySlots
        KeySlots.load(db.path).remove(username)


@writes(Kind.USERS)
def create_user(db: Database, username: str, display_name: str, role: str, password: str,
                actor: Actor, now: datetime) -> int:
    actor.require("users")
    name = normalize_username(username)
    row = _new_user_row(name, display_name, role, password, now)
    with db.transaction():
        if urepo.user_by_name(db, name):
            raise DomainError("username_taken", field="username", value=name)
        user_id = urepo.insert_user(db, row)
        repo.audit(db, actor=actor.username, action="create_user", entity="user", entity_id=user_id,
                   after={"username": name, "display_name": row["display_name"], "role": role},
                   at=now)
    _set_slot(db, name, password)
    return user_id


def _user_or_fail(db: Database, username: str) -> dict[str, Any]:
    row = urepo.user_by_name(db, normalize_text(username).strip().lower())
    if row is None:
        raise DomainError("user_unknown", field="username", value=username)
    return row


@writes(Kind.USERS)
def sign_in(db: Database, username: str, password: str, now: datetime) -> Actor:
    """Check a user name and password; returns the Actor every later action runs as.

    Five wrong passwords in a row lock the account for 15 minutes. Every attempt, good or
    bad, is one transaction with one audit entry (the password itself is never recorded).
    """
    name = normalize_text(username).strip().lower()
    row = urepo.user_by_name(db, name) if name else None
    if row is None:
        try:
            _hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        with db.transaction():
            repo.audit(db, actor=name[:32] or "?", action="sign_in_failed", entity="user",
                       after={"reason": "unknown_user"}, at=now)
        raise DomainError("sign_in_failed", field="password")
    if not row["active"]:
        with db.transaction():
            repo.audit(db, actor=name, action="sign_in_failed", entity="user", entity_id=row["id"],
                       after={"reason": "inactive"}, at=now)
        raise DomainError("account_inactive", field="username")
    if row["locked_until"] and row["locked_until"] > stored_moment(now):
        with db.transaction():
            repo.audit(db, actor=name, action="sign_in_failed", entity="user", entity_id=row["id"],
                       after={"reason": "locked"}, at=now)
        raise DomainError("account_locked", field="username",
                          until=row["locked_until"].replace("T", " ")[:16])
    try:
        _hasher.verify(row["password_hash"], password or "")
        ok = True
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        failed = int(row["failed_attempts"] or 0) + 1
        changes: dict[str, Any] = {"failed_attempts": failed}
        locked = failed >= MAX_FAILED_ATTEMPTS
        if locked:
            changes = {"failed_attempts": 0, "locked_until": stored_moment(now + LOCKOUT)}
        with db.transaction():
            urepo.update_user(db, row["id"], changes)
            repo.audit(db, actor=name, action="sign_in_failed", entity="user", entity_id=row["id"],
                       after={"reason": "wrong_password", "attempt": failed, "locked": locked},
                       at=now)
        if locked:
            raise DomainError("account_locked", field="password",
                              until=changes["locked_until"].replace("T", " ")[:16])
        raise DomainError("sign_in_failed", field="password")
    changes = {"failed_attempts": 0, "locked_until": None}
    if _hasher.check_needs_rehash(row["password_hash"]):
        changes["password_hash"] = _hasher.hash(password)
    with db.transaction():
        urepo.update_user(db, row["id"], changes)
        repo.audit(db, actor=name, action="sign_in", entity="user", entity_id=row["id"], at=now)
    return _actor_of(row)


def verify_read_only(db: Database, username: str, password: str, now: datetime) -> Actor:
    """Check a user name and password on a file that cannot be written (a read-only folder):
    the same checks as ``sign_in`` but nothing is recorded (nothing can be); the commands that
    then run only read, and any write is refused as read-only."""
    name = normalize_text(username).strip().lower()
    row = urepo.user_by_name(db, name) if name else None
    if row is None:
        raise DomainError("sign_in_failed", field="password")
    if not row["active"]:
        raise DomainError("account_inactive", field="username")
    if row["locked_until"] and row["locked_until"] > stored_moment(now):
        raise DomainError("account_locked", field="username",
                          until=row["locked_until"].replace("T", " ")[:16])
    try:
        _hasher.verify(row["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise DomainError("sign_in_failed", field="password") from None
    return _actor_of(row)


@writes(Kind.USERS)
def sign_out(db: Database, actor: Actor, now: datetime, reason: str = "sign_out") -> None:
    """Recorded so that the trail shows who held the workstation when (shift change, idle lock)."""
    with db.transaction():
        repo.audit(db, actor=actor.username, action="sign_out", entity="user",
                   after={"reason": reason}, at=now)


@writes(Kind.USERS)
def change_password(db: Database, actor: Actor, old_password: str, new_password: str,
                    now: datetime) -> None:
    """A user changes their own password (the old one is required)."""
    row = _user_or_fail(db, actor.username)
    try:
        _hasher.verify(row["password_hash"], old_password or "")
    except (VerificationError, InvalidHashError):
        with db.transaction():
            repo.audit(db, actor=actor.username, action="change_password_failed", entity="user",
                       entity_id=row["id"], at=now)
        raise DomainError("sign_in_failed", field="old_password") from None
    _check_password(new_password)
    if new_password == old_password:
        raise DomainError("password_same", field="new_password")
    with db.transaction():
        urepo.update_user(db, row["id"], {"password_hash": _hasher.hash(new_password),
                                          "failed_attempts": 0, "locked_until": None})
        repo.audit(db, actor=actor.username, action="change_password", entity="user",
                   entity_id=row["id"], at=now)
    _set_slot(db, row["username"], new_password)  # one slot rewrapped; the others untouched


@writes(Kind.USERS)
def reset_password(db: Database, username: str, new_password: str, actor: Actor,
                   now: datetime) -> None:
    """A manager sets a new password for a user (and lifts a lock-out)."""
    actor.require("users")
    row = _user_or_fail(db, username)
    _check_password(new_password)
    with db.transaction():
        urepo.update_user(db, row["id"], {"password_hash": _hasher.hash(new_password),
                                          "failed_attempts": 0, "locked_until": None})
        repo.audit(db, actor=actor.username, action="reset_password", entity="user",
                   entity_id=row["id"], after={"username": row["username"]}, at=now)
    if row["active"]:
        _set_slot(db, row["username"], new_password)


@writes(Kind.USERS)
def set_active(db: Database, username: str, active: bool, actor: Actor, now: datetime) -> None:
    """Deactivate (or reactivate) a user. Users are never deleted: the trail names them."""
    actor.require("users")
    row = _user_or_fail(db, username)
    if bool(row["active"]) == bool(active):
        return
    if not active:
        if row["username"] == actor.username:
            raise DomainError("cannot_deactivate_self")
        if row["role"] == "manager" and urepo.active_manager_count(db) <= 1:
            raise DomainError("last_manager")
    with db.transaction():
        urepo.update_user(db, row["id"], {"active": 1 if active else 0})
        repo.audit(db, actor=actor.username, action="activate_user" if active else "deactivate_user",
                   entity="user", entity_id=row["id"], before={"active": bool(row["active"])},
                   after={"active": bool(active)}, at=now)
    if not active:
        # its password opens nothing any more; a reactivated account gets a slot again
        # with its next password reset (the manager cannot wrap for a password unknown)
        _remove_slot(db, row["username"])


@writes(Kind.USERS)
def deactivate_user(db: Database, username: str, actor: Actor, now: datetime) -> None:
    set_active(db, username, False, actor, now)


@writes(Kind.USERS)
def set_role(db: Database, username: str, role: str, actor: Actor, now: datetime) -> None:
    actor.require("users")
    _check_role(role)
    row = _user_or_fail(db, username)
    if row["role"] == role:
        return
    if row["role"] == "manager" and row["active"] and urepo.active_manager_count(db) <= 1:
        raise DomainError("last_manager")
    with db.transaction():
        urepo.update_user(db, row["id"], {"role": role})
        repo.audit(db, actor=actor.username, action="set_role", entity="user", entity_id=row["id"],
                   before={"role": row["role"]}, after={"role": role}, at=now)


# -- the audit trail, as screens and the command line read it -----------------------------
@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    since: str | None = None   # ISO date or timestamp, inclusive
    until: str | None = None   # ISO date or timestamp, exclusive
    text: str | None = None
    limit: int = 2000
    # entries with these actions / record types match ``text`` too (the audit screen
    # passes the codes whose code or translated word contains the text)
    text_actions: tuple[str, ...] = ()
    text_entities: tuple[str, ...] = ()


def audit_trail(db: Database, actor: Actor, filt: AuditFilter = AuditFilter()) -> list[dict[str, Any]]:
    """Audit entries, newest first. The trail holds personal data: managers only."""
    actor.require("audit")
    return urepo.audit_search(db, actor=filt.actor or None, action=filt.action or None,
                              entity=filt.entity or None, entity_id=filt.entity_id or None,
                              since=filt.since or None, until=filt.until or None,
                              text=(filt.text or "").strip() or None, limit=filt.limit,
                              text_actions=tuple(filt.text_actions), text_entities=tuple(filt.text_entities))


def audit_choices(db: Database) -> dict[str, list[str]]:
    """The actors, actions and entities present in the trail (for filter lists)."""
    return {c: urepo.audit_distinct(db, c) for c in ("actor", "action", "entity")}


def audit_chain_problems(db: Database) -> list[int]:
    """Ids of audit entries whose hash chain does not hold (edited or deleted entries)."""
    return repo.verify_audit_chain(db)


def audit_backup_mismatches(db: Database, backup_path: str | Path) -> list[int]:
    """Ids of audit entries that a backup holds and the database no longer holds unchanged.

    The hash chain alone cannot see the newest entries cut off, or a chain recomputed from
    an edited entry onwards by someone who knows the algorithm; a backup taken earlier can:
    every entry it holds must still be in the database with the same hash."""
    anchored = urepo.file_audit_hashes(backup_path, db.key)
    if not anchored:
        return []
    current = urepo.audit_hashes(db, up_to=max(anchored))
    return sorted(i for i, h in anchored.items() if current.get(i) != h)
