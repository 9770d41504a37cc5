"""Named people on the command line: every command refuses to run without an account
(exit 2, one sentence) and writes nothing; with one, it runs as that person."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from isolation_desk.cli import main

from .helpers import DEMO_PASSWORD, DEMO_USER, ensure_account, run, run_as, site_connection

# Commands that run without an account: check (what needs no key), demo (a new file) and
# recover (the recovery code instead: every password is lost).
WITHOUT_ACCOUNT = {("check",), ("demo",), ("recover",)}
# Arguments that a command needs before it gets as far as asking who you are.
ARGS = {
    ("restore",): ["BACKUP"],
    ("import", "arrivals"): ["LIST"],
    ("import", "results"): ["LIST"],
    ("users", "add"): ["nurse9", "--name", "某护士"],
    ("users", "passwd"): ["demo"],
    ("users", "deactivate"): ["demo"],
    ("users", "activate"): ["demo"],
    ("handover",): ["--out", "OUT.pdf"],
    ("report", "daily"): ["--out", "OUT.pdf"],
    ("print", "roster"): ["--out", "OUT.pdf"],
    ("print", "door-cards"): ["--out", "OUT.pdf"],
    ("print", "release-notice"): ["--due-today", "--out", "OUT.pdf"],
    ("print", "restock"): ["--out", "OUT.pdf"],
    ("community", "notified"): ["--stay", "1"],
    ("site", "setup"): ["--name", "X", "--rooms", "A, 2-3, 01-02", "--manager", "m", "--manager-name", "M"],
}


def _leaves(cmd=main, path=()):
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            yield from _leaves(sub, path + (name,))
    elif path:
        yield path


COMMANDS = [p for p in _leaves() if p not in WITHOUT_ACCOUNT]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signin")
    path = folder / "site.sqlite"
    assert run("demo", "--db", path, "--rooms", "20").exit_code == 0
    (folder / "LIST").write_text("name,id_number\n")
    shutil.copy(path, folder / "BACKUP")
    return path


def _snapshot(path):
    conn = site_connection(path)
    try:
        return (conn.execute("SELECT count(*) FROM audit").fetchone()[0],
                conn.execute("SELECT count(*) FROM users").fetchone()[0])
    finally:
        conn.close()


def test_the_list_covers_every_command():
    assert len(COMMANDS) >= 20
    assert ("export", "occupants") in COMMANDS and ("users", "passwd") in COMMANDS


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_refuses_to_run_without_an_account(command, site, monkeypatch):
    monkeypatch.chdir(site.parent)
    monkeypatch.delenv("ISOLATION_DESK_USER", raising=False)
    before = _snapshot(site)
    r = CliRunner().invoke(main, [*command, *ARGS.get(command, []), "--db", str(site)], input="")
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: this command needs an account")
    assert lines[0].count(". ") == 0  # one sentence
    assert _snapshot(site) == before
    assert not (site.parent / "OUT.pdf").exists()


def test_only_help_version_and_selftest_need_no_account():
    assert CliRunner().invoke(main, ["--help"]).exit_code == 0
    assert CliRunner().invoke(main, ["--version"]).exit_code == 0
    assert CliRunner().invoke(main, ["export", "occupants", "--help"]).exit_code == 0


def test_a_wrong_password_is_refused_and_opens_nothing(site):
    before = _snapshot(site)
    r = run("export", "occupants", "--db", site, "--user", DEMO_USER, "--password-stdin", input="guess\n")
    assert r.exit_code == 2 and "Wrong user name or password" in r.output
    # the password opened no key slot: the encrypted file could not even be read
    assert _snapshot(site) == before


def test_a_wrong_password_on_a_plain_file_is_recorded(tmp_path, db):
    path = db.path
    db.close()
    ensure_account(path, encrypt=False)  # a plain file from before encryption, with an account
    r = run("export", "occupants", "--db", path, "--user", DEMO_USER, "--password-stdin", input="guess\n")
    assert r.exit_code == 2
    conn = sqlite3.connect(path)
    last = conn.execute("SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert last == (DEMO_USER, "sign_in_failed")


def test_the_user_can_come_from_the_environment_and_the_password_from_a_prompt(site):
    r = run("export", "rooms", "--db", site, "--format", "csv", input=DEMO_PASSWORD + "\n",
            env={"ISOLATION_DESK_USER": DEMO_USER})
    assert r.exit_code == 0, r.output
    assert f"Password for {DEMO_USER}" in r.output  # asked (on standard error)
    assert DEMO_PASSWORD not in r.output


def test_a_viewer_signed_in_may_not_export_personal_data(site):
    ensure_account(site, "watcher", "watch-pass-1", role="viewer", display_name="值班观察")
    r = run_as("export", "occupants", "--db", site, user="watcher", password="watch-pass-1")
    assert r.exit_code == 2 and "may not do this" in r.output


def test_check_without_an_account_says_what_it_did_not_check(site):
    r = run("check", "--db", site)
    assert r.exit_code == 0, r.output
    assert "header: encrypted (" in r.output
    assert "need an account" in r.output
    r = run_as("check", "--db", site)
    assert r.exit_code == 0 and "audit trail: intact" in r.output


def test_demo_creates_the_account_the_readme_names(tmp_path):
    path = tmp_path / "demo.sqlite"
    r = run("demo", "--db", path, "--rooms", "12")
    assert r.exit_code == 0
    r = run_as("users", "list", "--db", path, provision=False)
    assert r.exit_code == 0, r.output
    assert DEMO_USER in r.output and "manager" in r.output
    # replacing it needs its manager
    assert run("demo", "--db", path, "--force").exit_code == 2
    assert run_as("demo", "--db", path, "--force", "--rooms", "12", provision=False).exit_code == 0


def test_a_managers_first_sign_in_encrypts_a_plain_site_and_says_what_follows(tmp_path, db):
    path = db.path
    db.close()
    ensure_account(path, encrypt=False)
    ensure_account(path, "nurse1", "nurse-pass-1", role="medical", display_name="李护士", encrypt=False)
    r = run_as("export", "rooms", "--db", path, "--format", "json", user="nurse1",
               password="nurse-pass-1", provision=False)
    assert r.exit_code == 0 and "recovery code" not in r.output  # a nurse's sign-in: still plain
    r = run_as("export", "rooms", "--db", path, "--format", "json", provision=False)
    assert r.exit_code == 0, r.output
    assert "recovery code: " in r.output and "nurse1" in r.output
    assert Path(path).read_bytes()[:16] != b"SQLite format 3\x00"


def test_recover_opens_the_site_with_its_code_and_gives_the_manager_a_new_password(tmp_path):
    from isolation_desk.storage import keyring
    path = tmp_path / "demo.sqlite"
    assert run("demo", "--db", path, "--rooms", "12").exit_code == 0
    key = keyring.KeySlots.load(path).open(DEMO_USER, DEMO_PASSWORD)
    keyring.slots_path(path).write_text('{"version": 1, "slots": {}}')  # every password lost
    r = run("recover", "--db", path, DEMO_USER, "--password-stdin",
            input="WRONG-CODE\nnew-pass-1\n")
    assert r.exit_code == 2 and "not a recovery code" in r.output
    r = run("recover", "--db", path, DEMO_USER, "--password-stdin",
            input=keyring.recovery_code(key) + "\nnew-pass-1\n")
    assert r.exit_code == 0, r.output
    r = run_as("users", "list", "--db", path, password="new-pass-1", provision=False)
    assert r.exit_code == 0 and DEMO_USER in r.output


def test_a_new_site_made_on_the_command_line_is_encrypted_and_gets_its_recovery_sheet(tmp_path):
    from pypdf import PdfReader

    from isolation_desk.storage import keyring
    path, sheet = tmp_path / "new.sqlite", tmp_path / "recovery.pdf"
    r = run("users", "add", "--db", path, "boss", "--name", "张经理", "--password-stdin",
            "--recovery-sheet", sheet, input="boss-pass-1\n")
    assert r.exit_code == 0, r.output
    code = r.output.split("recovery code: ")[1].split()[0]
    assert Path(path).read_bytes()[:16] != b"SQLite format 3\x00"
    assert keyring.parse_recovery_code(code) == keyring.KeySlots.load(path).open("boss", "boss-pass-1")
    assert code.split("-")[0] in PdfReader(sheet).pages[0].extract_text()
