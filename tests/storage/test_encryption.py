"""The site file encrypted at rest with SQLCipher: the file, its backups and .part copies do not
start with "SQLite format 3" and cannot be read by plain sqlite3 or with a wrong key; key slots
per account (deactivation deletes one, a password change rewraps one), the recovery code, and
the upgrade of a plain file in place."""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import accounts, backup, encryption, site
from isolation_desk.storage import cipher, keyring
from isolation_desk.storage import repositories as repo
from isolation_desk.storage.database import StorageError, open_database

HEADER = b"SQLite format 3\x00"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    monkeypatch.setattr(keyring, "KDF", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})


@pytest.fixture
def encrypted(tmp_path, now):
    """An encrypted site with two accounts: boss (manager) and nurse (medical)."""
    path = tmp_path / "site.sqlite"
    db, key = encryption.create_site_file(path)
    site.setup_site(db, name="加密隔离点", address="测试路1号", preset="edition_9", actor=SYSTEM,
                    now=now, room_ranges=[site.RoomRange("A", "A栋", 2, 2, 1, 5, 1)])
    boss = accounts.create_first_manager(db, "boss", "张经理", "boss-pass-1", now)
    accounts.create_user(db, "nurse", "李护士", "medical", "nurse-pass-1", boss, now)
    db.close()
    return path, key


def _plain_sqlite_cannot_read(path):
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_the_file_is_not_readable_without_the_key(encrypted):
    path, key = encrypted
    assert path.read_bytes()[:16] != HEADER
    _plain_sqlite_cannot_read(path)
    with pytest.raises(StorageError) as err:
        cipher.connect(path, os.urandom(32))
    assert err.value.code == "database_key_wrong"
    with pytest.raises(StorageError) as err:
        open_database(path, create=False)  # no key: refused in words, never "damaged"
    assert err.value.code == "database_encrypted"
    slots = keyring.slots_path(path)
    assert stat.S_IMODE(slots.stat().st_mode) == 0o600
    assert key.hex() not in slots.read_text()


def test_signing_in_unwraps_the_slot_and_opens_the_file(encrypted, now):
    path, _ = encrypted
    db, actor = encryption.open_signed_in(path, "nurse", "nurse-pass-1", now)
    try:
        assert actor.role == "medical"
        assert db.scalar("SELECT count(*) FROM rooms") == 5
        assert repo.verify_audit_chain(db) == []  # the audit key comes from the database key
        assert db.scalar("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").startswith("k:")
    finally:
        db.close()
    with pytest.raises(DomainError) as err:
        encryption.open_signed_in(path, "nurse", "wrong-password", now)
    assert err.value.code == "sign_in_failed"


def test_a_backup_and_its_part_are_encrypted_with_the_same_key(encrypted, now, monkeypatch):
    path, key = encrypted
    db, actor = encryption.open_signed_in(path, "boss", "boss-pass-1", now)
    seen = {}
    real_integrity = backup.urepo.file_integrity

    def look_at_the_part(p, full=True, key=None):
        seen["part"] = Path(p).read_bytes()[:16]
        return real_integrity(p, full, key=key)
    monkeypatch.setattr(backup.urepo, "file_integrity", look_at_the_part)
    try:
        taken = backup.backup_now(db, actor, now)
    finally:
        db.close()
    assert seen["part"] != HEADER  # the .part copy, before it was renamed
    assert taken.read_bytes()[:16] != HEADER
    _plain_sqlite_cannot_read(taken)
    with pytest.raises(StorageError):
        cipher.connect(taken, os.urandom(32))
    assert real_integrity(taken, key=key) == "ok"


def test_a_deactivated_account_cannot_open_the_file(encrypted, now):
    path, _ = encrypted
    db, boss = encryption.open_signed_in(path, "boss", "boss-pass-1", now)
    try:
        accounts.set_active(db, "nurse", False, boss, now)
    finally:
        db.close()
    assert "nurse" not in keyring.KeySlots.load(path).slots
    with pytest.raises(DomainError) as err:
        encryption.open_signed_in(path, "nurse", "nurse-pass-1", now)
    assert err.value.code == "sign_in_failed"


def test_a_password_change_rewraps_one_slot_and_keeps_the_others(encrypted, now):
    path, _ = encrypted
    before = keyring.KeySlots.load(path).slots
    db, nurse = encryption.open_signed_in(path, "nurse", "nurse-pass-1", now)
    try:
        accounts.change_password(db, nurse, "nurse-pass-1", "nurse-pass-2", now)
    finally:
        db.close()
    after = keyring.KeySlots.load(path).slots
    assert after["boss"] == before["boss"] and after["nurse"] != before["nurse"]
    with pytest.raises(DomainError):
        encryption.open_signed_in(path, "nurse", "nurse-pass-1", now)
    for user, password in (("nurse", "nurse-pass-2"), ("boss", "boss-pass-1")):
        db, _ = encryption.open_signed_in(path, user, password, now)
        db.close()


def test_the_recovery_code_opens_the_file_when_every_password_is_lost(encrypted, now, tmp_path):
    path, key = encrypted
    code = keyring.recovery_code(key)
    assert len(code.split("-")) == 13 and all(len(g) == 4 for g in code.split("-"))
    keyring.slots_path(path).unlink()  # every slot gone, every password forgotten
    db = encryption.open_with_recovery_code(path, code.lower().replace("-", " "))
    try:
        assert db.scalar("SELECT count(*) FROM users") == 2
        boss = accounts._actor_of(db.query_one("SELECT * FROM users WHERE username = 'boss'"))
        accounts.reset_password(db, "boss", "boss-pass-9", boss, now)  # a new slot
    finally:
        db.close()
    db, _ = encryption.open_signed_in(path, "boss", "boss-pass-9", now)
    db.close()
    with pytest.raises(DomainError) as err:
        keyring.parse_recovery_code("ABCD-EFGH")
    assert err.value.code == "recovery_code_invalid"


def test_the_recovery_sheet_prints_the_code_and_a_qr_code(encrypted, now, tmp_path):
    from isolation_desk.reports.recovery_sheet import build_recovery_sheet
    path, key = encrypted
    code = keyring.recovery_code(key)
    out = tmp_path / "recovery.pdf"
    build_recovery_sheet(code, out, site_name="加密隔离点", db_file=str(path), printed_at=now, lang="en")
    text = PdfReader(out).pages[0].extract_text()
    assert "Database recovery sheet" in text
    for group in code.split("-"):
        assert group in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_plain_file_is_encrypted_in_place_on_the_first_sign_in(db, now):
    boss = accounts.create_first_manager(db, "boss", "张经理", "boss-pass-1", now)
    accounts.create_user(db, "nurse", "李护士", "medical", "nurse-pass-1", boss, now)
    rooms = db.scalar("SELECT count(*) FROM rooms")
    old = backup.backup_database(db, now, "interval")
    path = Path(db.path)
    db.close()
    assert path.read_bytes()[:16] == HEADER
    # a nurse's sign-in leaves it plain: only a manager can give the others their slots
    db, actor = encryption.open_signed_in(path, "nurse", "nurse-pass-1", now)
    assert db.key is None
    db.close()
    assert path.read_bytes()[:16] == HEADER
    db, actor = encryption.open_signed_in(path, "boss", "boss-pass-1", now)
    try:
        assert actor.username == "boss"
        assert db.scalar("SELECT count(*) FROM rooms") == rooms
        assert repo.verify_audit_chain(db) == []  # the trail keeps its key file
        assert db.scalar("PRAGMA integrity_check") == "ok"
        assert encryption.accounts_without_slot(db) == ["nurse"]
    finally:
        db.close()
    assert path.read_bytes()[:16] != HEADER
    _plain_sqlite_cannot_read(path)
    # the backups are encrypted too; the plain copy taken first is gone
    files = backup.list_backups(path)
    assert files and all(f.path.read_bytes()[:16] != HEADER for f in files)
    assert old.exists() and not any(f.kind == "pre_encryption" for f in files)
    # the other accounts need a new password from a manager to get their slot
    with pytest.raises(DomainError):
        encryption.open_signed_in(path, "nurse", "nurse-pass-1", now)


def test_the_page_cache_grows_with_the_encrypted_file(tmp_path):
    """Decrypted pages live in SQLite's own cache: half of the file, 64 MiB to 1 GiB."""
    from isolation_desk.storage import cipher
    small, big = tmp_path / "small.sqlite", tmp_path / "big.sqlite"
    small.write_bytes(b"\0" * 4096)
    with open(big, "wb") as fh:  # sparse: 1 GiB of size, no disk
        fh.truncate(1024 ** 3)
    assert cipher.cache_kib(small) == cipher.CACHE_KIB == 64 * 1024
    assert cipher.cache_kib(big) == 512 * 1024
    assert cipher.cache_kib(tmp_path / "missing.sqlite") == cipher.CACHE_KIB
    with open(big, "r+b") as fh:
        fh.truncate(8 * 1024 ** 3)
    assert cipher.cache_kib(big) == cipher.CACHE_MAX_KIB == 1024 * 1024


def test_recover_manager_gives_a_manager_a_new_password_with_the_code_alone(encrypted, now):
    """The one function the window's "every password forgotten" dialog and `isolation-desk
    recover` share: the code opens the file, only an active manager gets a new password."""
    path, key = encrypted
    keyring.slots_path(path).unlink()  # every slot gone, every password forgotten
    code = keyring.recovery_code(key)
    for who, wanted in (("nurse", "recovery_not_a_manager"), ("nobody", "recovery_not_a_manager")):
        with pytest.raises(DomainError) as err:
            encryption.recover_manager(path, code, who, "nurse-pass-9", now)
        assert err.value.code == wanted
    with pytest.raises(DomainError) as err:
        encryption.recover_manager(path, "ABCD-EFGH", "boss", "boss-pass-9", now)
    assert err.value.code == "recovery_code_invalid"
    with pytest.raises(DomainError) as err:
        encryption.recover_manager(path, code, "boss", "short", now)
    assert err.value.code.startswith("password")
    boss = encryption.recover_manager(path, code.lower(), " Boss ", "boss-pass-9", now)
    assert boss.username == "boss" and boss.role == "manager"
    db, actor = encryption.open_signed_in(path, "boss", "boss-pass-9", now)
    try:
        assert actor == boss
        entry = db.query_one("SELECT actor, action, entity_id FROM audit ORDER BY id DESC LIMIT 1")
        assert entry["actor"] == "boss"
    finally:
        db.close()


def test_failed_sign_ins_wait_beside_the_file_and_are_audited_at_the_next_sign_in(encrypted, now):
    """A wrong password cannot open the file, so its audit trail cannot be written: the attempt
    is kept beside it (owner-only, no password) and audited by the next successful sign-in."""
    import json
    from datetime import timedelta

    from isolation_desk.storage import failed_sign_ins
    path, _ = encrypted
    for name, password, minutes in (("boss", "guess-one", 1), ("Mallory", "guess-two", 2)):
        with pytest.raises(DomainError) as err:
            encryption.open_signed_in(path, name, password, now + timedelta(minutes=minutes))
        assert err.value.code == "sign_in_failed"
    kept = failed_sign_ins.path_of(path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    text = kept.read_text(encoding="utf-8")
    assert "guess" not in text
    assert [(e["username"], e["reason"]) for e in map(json.loads, text.splitlines())] == \
        [("boss", "wrong_password"), ("mallory", "unknown_user")]
    db, _ = encryption.open_signed_in(path, "nurse", "nurse-pass-1", now + timedelta(minutes=5))
    try:
        rows = db.query("SELECT actor, after FROM audit WHERE action = 'sign_in_failed' ORDER BY id")
    finally:
        db.close()
    assert [(r["actor"], json.loads(r["after"])) for r in rows] == [
        ("boss", {"reason": "wrong_password", "tried_at": (now + timedelta(minutes=1)).isoformat()}),
        ("mallory", {"reason": "unknown_user", "tried_at": (now + timedelta(minutes=2)).isoformat()})]
    assert not kept.exists()
