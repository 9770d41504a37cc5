"""The database key and the accounts' key slots.

The site file is encrypted with SQLCipher under one random 256-bit **database key**. Each
account holds a **key slot**: the database key wrapped by a key derived from that account's
password with argon2id (the parameters the accounts' password hashes use). Signing in unwraps
the slot; a password change rewraps that one slot; deactivating an account deletes its slot;
the **recovery code** (the key itself, printed on the recovery sheet at site setup) opens the
file when every password is lost.

Where the slots live: a sidecar file ``<database>.keys`` (JSON, 0600, written atomically).
They must be readable before the database is decrypted, and they change whenever a password
changes. SQLCipher's plaintext-header option keeps only the first 32 bytes of the file
unencrypted (its salt): no room for slots. A sidecar also lets a slot be rewrapped without
touching the database file. It holds nothing that opens the file without a password or the
recovery code (each wrap uses a fresh salt; a wrong password fails the slot's HMAC tag).

Wrapping: argon2id(password, salt) gives 64 bytes: the first 32 are XORed with the database
key (a one-time pad: every wrap has its own salt, so its own pad), the last 32 key an
HMAC-SHA256 tag over salt and wrapped key that tells a wrong password from a right one.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from ..domain.errors import DomainError
from ..io.atomic import atomic_write

KEY_BYTES = 32
SALT_BYTES = 16
# The accounts' argon2id parameters (services.accounts._hasher).
KDF = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
SUFFIX = ".keys"


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def slots_path(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + SUFFIX)


def _derive(password: str, salt: bytes, kdf: Mapping[str, Any]) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=int(kdf["time_cost"]),
                           memory_cost=int(kdf["memory_cost"]), parallelism=int(kdf["parallelism"]),
                           hash_len=64, type=Type.ID)


def wrap(db_key: bytes, password: str, kdf: Mapping[str, Any] | None = None) -> dict[str, Any]:
    kdf = dict(kdf or KDF)
    salt = secrets.token_bytes(SALT_BYTES)
    derived = _derive(password, salt, kdf)
    wrapped = bytes(a ^ b for a, b in zip(db_key, derived[:KEY_BYTES], strict=True))
    tag = hmac.new(derived[KEY_BYTES:], salt + wrapped, hashlib.sha256).digest()
    return {"kdf": "argon2id", **kdf, "salt": salt.hex(), "wrapped": wrapped.hex(), "tag": tag.hex()}


def unwrap(slot: Mapping[str, Any], password: str) -> bytes | None:
    """The database key, or None when the password does not open this slot."""
    salt, wrapped = bytes.fromhex(slot["salt"]), bytes.fromhex(slot["wrapped"])
    derived = _derive(password, salt, slot)
    tag = hmac.new(derived[KEY_BYTES:], salt + wrapped, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, bytes.fromhex(slot["tag"])):
        return None
    return bytes(a ^ b for a, b in zip(wrapped, derived[:KEY_BYTES], strict=True))


@dataclass
class KeySlots:
    """The slots file of one database: ``{"version": 1, "slots": {username: slot}}``."""
    path: Path
    slots: dict[str, dict[str, Any]]  # username -> its slot (``wrap``)

    @classmethod
    def load(cls, db_path: str | Path) -> KeySlots:
        path = slots_path(db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, {})
        except (OSError, ValueError) as exc:
            raise DomainError("key_slots_damaged", path=str(path), detail=str(exc)) from exc
        return cls(path, dict(data.get("slots") or {}))

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def save(self) -> None:
        text = json.dumps({"version": 1, "slots": self.slots}, indent=1, sort_keys=True)
        atomic_write(self.path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"),
                     error=DomainError)

    def open(self, username: str, password: str) -> bytes:
        """The database key for this account and password; refuses (sign_in_failed) a wrong
        password and an account without a slot (deactivated, or never given one)."""
        slot = self.slots.get(username)
        key = unwrap(slot, password) if slot else None
        if key is None:
            raise DomainError("sign_in_failed", field="password")
        return key

    def set(self, username: str, db_key: bytes, password: str) -> None:
        """Give ``username`` a slot (a new account, a changed or reset password) and save."""
        self.slots[username] = wrap(db_key, password)
        self.save()

    def remove(self, username: str) -> None:
        """A deactivated account's slot is deleted: its password opens nothing any more."""
        if self.slots.pop(username, None) is not None:
            self.save()


# -- the recovery code ---------------------------------------------------------------
GROUP = 4


def recovery_code(db_key: bytes) -> str:
    """The key as 13 groups of 4 characters (base32, no padding; 52 characters, easy to read
    aloud and to type: letters A-Z and digits 2-7)."""
    text = base64.b32encode(db_key).decode("ascii").rstrip("=")
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def parse_recovery_code(code: str) -> bytes:
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    text = text.replace("0", "O").replace("1", "I").replace("8", "B")  # misread characters
    try:
        key = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise DomainError("recovery_code_invalid", field="recovery_code")
    return key
