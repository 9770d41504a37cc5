"""Accounts: first manager, sign-in, lock-out, passwords, users, roles, privacy exports."""
from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.registration import Registration
from isolation_desk.domain.roles import PERMISSIONS, ROLES, Actor
from isolation_desk.messages import MESSAGES, describe
from isolation_desk.messages.accounts import MESSAGES as ACCOUNT_MESSAGES
from isolation_desk.services import accounts, privacy, stays

PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    """Cheap argon2 parameters keep the tests quick; the production ones are checked below."""
    from argon2 import PasswordHasher
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def boss(db, now):
    return accounts.create_first_manager(db, "Boss", "张经理", PASSWORD, now)


def _dump(db) -> str:
    rows = []
    for table in ("users", "audit"):
        rows += [repr(r) for r in db.query(f"SELECT * FROM {table}")]
    return "\n".join(rows)


def test_first_manager_is_created_once_and_can_sign_in(db, now):
    assert not accounts.has_users(db)
    actor = accounts.create_first_manager(db, " Boss ", "张经理", PASSWORD, now)
    assert actor == Actor("boss", "manager", "张经理")
    assert accounts.has_users(db)
    with pytest.raises(DomainError) as e:
        accounts.create_first_manager(db, "other", "王", PASSWORD, now)
    assert e.value.code == "users_exist"
    assert accounts.sign_in(db, "BOSS", PASSWORD, now) == actor


def test_password_is_never_stored_or_audited_in_clear(db, now, boss, caplog):
    caplog.set_level(logging.DEBUG)
    accounts.create_user(db, "nurse1", "李护士", "medical", "nurse-secret-1", boss, now)
    accounts.sign_in(db, "nurse1", "nurse-secret-1", now)
    with pytest.raises(DomainError):
        accounts.sign_in(db, "nurse1", "wrong-guess-9", now)
    dump = _dump(db)
    for secret in (PASSWORD, "nurse-secret-1", "wrong-guess-9"):
        assert secret not in dump
        assert secret not in caplog.text
    hashes = [r["password_hash"] for r in db.query("SELECT password_hash FROM users")]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert all("password_hash" not in u for u in accounts.list_users(db))


def test_wrong_password_is_refused_and_recorded(db, now, boss):
    with pytest.raises(DomainError) as e:
        accounts.sign_in(db, "boss", "not the password", now)
    assert e.value.code == "sign_in_failed"
    last = db.query_one("SELECT * FROM audit ORDER BY id DESC LIMIT 1")
    assert (last["actor"], last["action"]) == ("boss", "sign_in_failed")
    assert db.scalar("SELECT failed_attempts FROM users WHERE username = 'boss'") == 1
    # an unknown user gets the same answer: the refusal does not tell which names exist
    with pytest.raises(DomainError) as e:
        accounts.sign_in(db, "nobody", "whatever", now)
    assert e.value.code == "sign_in_failed"
    # a good sign-in resets the counter
    accounts.sign_in(db, "boss", PASSWORD, now)
    assert db.scalar("SELECT failed_attempts FROM users WHERE username = 'boss'") == 0


def test_lock_out_after_five_failures_for_fifteen_minutes(db, now, boss):
    for i in range(4):
        with pytest.raises(DomainError) as e:
            accounts.sign_in(db, "boss", f"wrong{i}", now + timedelta(seconds=i))
        assert e.value.code == "sign_in_failed"
    with pytest.raises(DomainError) as e:
        accounts.sign_in(db, "boss", "wrong5", now + timedelta(seconds=5))
    assert e.value.code == "account_locked"
    assert "09:45" in describe(e.value, "en")
    # locked: even the right password is refused until the time has passed
    with pytest.raises(DomainError) as e:
        accounts.sign_in(db, "boss", PASSWORD, now + timedelta(minutes=14))
    assert e.value.code == "account_locked"
    assert accounts.sign_in(db, "boss", PASSWORD, now + timedelta(minutes=16)).username == "boss"


def test_manager_reset_lifts_a_lock_out(db, now, boss):
    accounts.create_user(db, "desk", "前台", "front_desk", "desk-pass-1", boss, now)
    for _ in range(5):
        with pytest.raises(DomainError):
            accounts.sign_in(db, "desk", "bad", now)
    accounts.reset_password(db, "desk", "desk-pass-2", boss, now)
    assert accounts.sign_in(db, "desk", "desk-pass-2", now).role == "front_desk"


def test_change_own_password(db, now, boss):
    with pytest.raises(DomainError) as e:
        accounts.change_password(db, boss, "wrong old", "new-password-1", now)
    assert e.value.code == "sign_in_failed"
    with pytest.raises(DomainError) as e:
        accounts.change_password(db, boss, PASSWORD, "short", now)
    assert e.value.code == "password_too_short"
    with pytest.raises(DomainError) as e:
        accounts.change_password(db, boss, PASSWORD, PASSWORD, now)
    assert e.value.code == "password_same"
    accounts.change_password(db, boss, PASSWORD, "new-password-1", now)
    with pytest.raises(DomainError):
        accounts.sign_in(db, "boss", PASSWORD, now)
    assert accounts.sign_in(db, "boss", "new-password-1", now).username == "boss"


def test_only_a_manager_manages_users(db, now, boss):
    accounts.create_user(db, "nurse1", "李护士", "medical", "nurse-pass-1", boss, now)
    nurse = accounts.sign_in(db, "nurse1", "nurse-pass-1", now)
    with pytest.raises(DomainError) as e:
        accounts.create_user(db, "nurse2", "王护士", "medical", "nurse-pass-2", nurse, now)
    assert e.value.code == "permission_denied"
    with pytest.raises(DomainError) as e:
        accounts.deactivate_user(db, "boss", nurse, now)
    assert e.value.code == "permission_denied"
    with pytest.raises(DomainError) as e:
        accounts.create_user(db, "nurse1", "重复", "medical", "nurse-pass-1", boss, now)
    assert e.value.code == "username_taken"
    with pytest.raises(DomainError) as e:
        accounts.create_user(db, "has space", "x", "medical", "nurse-pass-1", boss, now)
    assert e.value.code == "username_invalid"
    with pytest.raises(DomainError) as e:
        accounts.create_user(db, "cook", "x", "chef", "nurse-pass-1", boss, now)
    assert e.value.code == "role_unknown"


def test_deactivated_user_cannot_sign_in_and_last_manager_is_kept(db, now, boss):
    accounts.create_user(db, "nurse1", "李护士", "medical", "nurse-pass-1", boss, now)
    accounts.deactivate_user(db, "nurse1", boss, now)
    with pytest.raises(DomainError) as e:
        accounts.sign_in(db, "nurse1", "nurse-pass-1", now)
    assert e.value.code == "account_inactive"
    with pytest.raises(DomainError) as e:
        accounts.deactivate_user(db, "boss", boss, now)
    assert e.value.code == "cannot_deactivate_self"
    accounts.create_user(db, "boss2", "副经理", "manager", "boss2-pass-1", boss, now)
    boss2 = accounts.sign_in(db, "boss2", "boss2-pass-1", now)
    accounts.deactivate_user(db, "boss", boss2, now)
    with pytest.raises(DomainError) as e:
        accounts.set_role(db, "boss2", "viewer", boss2, now)
    assert e.value.code == "last_manager"
    accounts.set_active(db, "nurse1", True, boss2, now)
    assert accounts.sign_in(db, "nurse1", "nurse-pass-1", now).role == "medical"


def _registration(n: int) -> Registration:
    return Registration(name="测试人员", id_type="passport", id_number=f"E{n:08d}", sex="M",
                        birth_date=date(1990, 1, 1), phone="13800138000", category="close_contact",
                        last_exposure_date=date(2022, 11, 19), arrival_date=date(2022, 11, 20))


def test_a_viewer_who_tries_to_write_is_refused(db, now, boss):
    accounts.create_user(db, "guest", "来宾", "viewer", "viewer-pass", boss, now)
    viewer = accounts.sign_in(db, "guest", "viewer-pass", now)
    stays_before = db.scalar("SELECT count(*) FROM stays")
    with pytest.raises(DomainError) as e:
        stays.check_in(db, _registration(1), viewer, now)
    assert e.value.code == "permission_denied"
    assert db.scalar("SELECT count(*) FROM stays") == stays_before
    assert "viewer" in describe(e.value, "en")
    # the same action as front desk goes through, under the front desk user's name
    accounts.create_user(db, "desk", "前台", "front_desk", "desk-pass-1", boss, now)
    desk = accounts.sign_in(db, "desk", "desk-pass-1", now)
    result = stays.check_in(db, _registration(1), desk, now)
    entry = db.query_one("SELECT * FROM audit WHERE action = 'check_in' AND entity_id = ?",
                         (str(result.stay_id),))
    assert entry["actor"] == "desk"


def test_production_hashing_parameters_and_rehash(db, now, monkeypatch):
    from argon2 import PasswordHasher
    monkeypatch.undo()
    params = accounts._hasher
    assert params.memory_cost >= 19456 and params.time_cost >= 2
    # a hash made with weaker parameters is upgraded at the next good sign-in
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    accounts.create_first_manager(db, "boss", "张经理", PASSWORD, now)
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=128, parallelism=1))
    accounts.sign_in(db, "boss", PASSWORD, now)
    assert "m=128" in db.scalar("SELECT password_hash FROM users")


def test_role_matrix():
    assert PERMISSIONS["viewer"] == frozenset()
    for role in ROLES:
        assert role in PERMISSIONS
    assert Actor("x", "logistics").can("supplies") and not Actor("x", "logistics").can("tests")
    assert Actor("x", "manager").can("audit") and not Actor("x", "medical").can("audit")


def test_audit_trail_is_for_managers_and_filters(db, now, boss):
    accounts.create_user(db, "nurse1", "李护士", "medical", "nurse-pass-1", boss, now)
    nurse = accounts.sign_in(db, "nurse1", "nurse-pass-1", now)
    with pytest.raises(DomainError) as e:
        accounts.audit_trail(db, nurse)
    assert e.value.code == "permission_denied"
    rows = accounts.audit_trail(db, boss, accounts.AuditFilter(actor="nurse1"))
    assert [r["action"] for r in rows] == ["sign_in"]
    rows = accounts.audit_trail(db, boss, accounts.AuditFilter(text="李护士"))
    assert [r["action"] for r in rows] == ["create_user"]
    rows = accounts.audit_trail(db, boss, accounts.AuditFilter(text="100%_"))
    assert rows == []
    choices = accounts.audit_choices(db)
    assert "nurse1" in choices["actor"] and "create_user" in choices["action"]


def test_personal_export_needs_the_manager_and_is_audited(db, now, boss):
    accounts.create_user(db, "desk", "前台", "front_desk", "desk-pass-1", boss, now)
    desk = accounts.sign_in(db, "desk", "desk-pass-1", now)
    assert privacy.shows_personal(desk) and not privacy.shows_personal(Actor("v", "viewer"))
    with pytest.raises(DomainError) as e:
        privacy.authorize_personal_export(db, desk, "occupants", now)
    assert e.value.code == "permission_denied"
    privacy.authorize_personal_export(db, boss, "occupants", now, rows=12, target="/tmp/x.xlsx")
    last = db.query_one("SELECT * FROM audit ORDER BY id DESC LIMIT 1")
    assert (last["actor"], last["action"], last["entity_id"]) == ("boss", "export_personal", "occupants")
    assert '"rows": 12' in last["after"]


def test_every_accounts_code_has_both_sentences():
    for code, (en, zh) in ACCOUNT_MESSAGES.items():
        assert en and zh and MESSAGES[code] == (en, zh)
