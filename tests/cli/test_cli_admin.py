"""isolation-desk users add|list|passwd, backup, restore, audit."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from isolation_desk.cli import main
from isolation_desk.services import accounts, backup
from isolation_desk.storage.database import open_database

from .helpers import ensure_account, run_as, site_key


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    from argon2 import PasswordHasher
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def boss(*args, input=""):
    """Signed in as the first manager of the test below."""
    return run_as(*args, user="boss", password="boss-pass-1", input=input, provision=False)


def test_first_manager_headless_then_users(tmp_path, now):
    path = str(tmp_path / "site.sqlite")
    r = run("users", "add", "--db", path, "nurse1", "--name", "李护士", "--role", "medical",
            "--password-stdin", input="nurse-pass-1\n")
    assert r.exit_code != 0 and "first manager" in r.output
    r = run("users", "add", "--db", path, "Boss", "--name", "张经理", "--password-stdin",
            input="boss-pass-1\n")
    assert r.exit_code == 0, r.output
    assert "first manager account 'boss' created" in r.output
    # once there is a manager, adding a user needs a signed-in manager
    r = run("users", "add", "--db", path, "nurse1", "--name", "李护士", "--role", "medical",
            "--password-stdin", input="nurse-pass-1\n")
    assert r.exit_code == 2 and "needs an account" in r.output
    r = boss("users", "add", "--db", path, "nurse1", "--name", "李护士", "--role", "medical",
             input="nurse-pass-1\n")
    assert r.exit_code == 0, r.output
    r = boss("users", "add", "--db", path, "nurse2", "--name", "王护士", "--role", "medical",
             input="short\n")
    assert r.exit_code != 0 and "at least 8 characters" in r.output
    # a medical account may not add users
    r = run_as("users", "add", "--db", path, "nurse3", "--name", "赵护士", "--role", "medical",
               user="nurse1", password="nurse-pass-1", input="nurse-pass-3\n", provision=False)
    assert r.exit_code == 2 and "may not do this" in r.output
    # interactive: your own password, then the new one typed twice, never echoed
    r = run("users", "add", "--db", path, "desk", "--name", "前台", "--role", "front_desk",
            "--user", "boss", input="boss-pass-1\ndesk-pass-1\ndesk-pass-1\n")
    assert r.exit_code == 0, r.output
    assert "desk-pass-1" not in r.output and "boss-pass-1" not in r.output
    r = boss("users", "list", "--db", path, "--json")
    rows = json.loads(r.output)
    assert [(u["username"], u["role"]) for u in rows] == [("boss", "manager"), ("desk", "front_desk"),
                                                         ("nurse1", "medical")]
    assert all("password_hash" not in u for u in rows)
    r = boss("users", "passwd", "--db", path, "nurse1", input="nurse-pass-2\n")
    assert r.exit_code == 0, r.output
    r = boss("users", "deactivate", "--db", path, "desk")
    assert r.exit_code == 0
    r = boss("users", "list", "--db", path)
    assert "inactive" in r.output
    db = open_database(path, key=site_key(path, "boss", "boss-pass-1"))
    try:
        assert accounts.sign_in(db, "nurse1", "nurse-pass-2", now).role == "medical"
        text = "\n".join(str(v) for row in db.query("SELECT * FROM users") + db.query("SELECT * FROM audit")
                         for v in row.values())
    finally:
        db.close()
    for secret in ("boss-pass-1", "nurse-pass-1", "nurse-pass-2", "desk-pass-1"):
        assert secret not in text
    r = boss("users", "passwd", "--db", path, "ghost", input="whatever-1\n")
    assert r.exit_code != 0 and "no user 'ghost'" in r.output
    # the trail names the person who did each thing
    db = open_database(path, key=site_key(path, "boss", "boss-pass-1"))
    try:
        actors = {r["action"]: r["actor"] for r in db.query("SELECT action, actor FROM audit")}
    finally:
        db.close()
    assert actors["create_user"] == actors["reset_password"] == actors["deactivate_user"] == "boss"


def test_backup_and_restore_commands(db, tmp_path):
    path = db.path
    db.close()
    ensure_account(path)
    run = run_as
    r = run("backup", "--db", path)
    assert r.exit_code == 0, r.output
    taken = backup.list_backups(path)
    assert len(taken) == 1 and r.output.strip().endswith(str(taken[0].path))
    out = tmp_path / "copy.sqlite"
    r = run("backup", "--db", path, "--out", str(out))
    assert r.exit_code == 0 and backup.check_file(out, site_key(path)) == "ok"
    assert out.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted like the site file
    r = run("backup", "--db", path, "--list")
    assert "manual" in r.output
    r = run("restore", "--db", path, str(out), "--yes")
    assert r.exit_code == 0, r.output
    assert "kept as" in r.output
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    r = run("restore", "--db", path, str(bad), "--yes")
    assert r.exit_code != 0 and "damaged" in r.output
    r = run("backup", "--db", str(tmp_path / "nothing.sqlite"), provision=False)
    assert r.exit_code != 0 and "no database" in r.output.lower()
    r = run("audit", "--db", path, "--action", "restore")
    assert r.exit_code == 0 and '"action": "restore"' in r.output


def test_exporting_personal_data_from_the_command_line_is_audited(db, tmp_path):
    path = db.path
    db.close()
    out = tmp_path / "occupants.csv"
    r = run_as("export", "occupants", "--db", path, "--format", "csv", "--out", str(out))
    assert r.exit_code == 0, r.output
    d = open_database(path, key=site_key(path))
    try:
        last = d.query_one("SELECT * FROM audit ORDER BY id DESC LIMIT 1")
    finally:
        d.close()
    assert (last["actor"], last["action"], last["entity_id"]) == ("demo", "export_personal", "occupants")
    assert str(out) in last["after"]
