"""The group-level --db, `site setup`, and commands registered in one place."""
from __future__ import annotations

import ast
from pathlib import Path

from click.testing import CliRunner

import isolation_desk.cli as cli
from isolation_desk.cli import main
from isolation_desk.services import accounts, site
from isolation_desk.storage.database import open_database  # noqa: F401

from .helpers import site_database


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def test_group_db_is_used(demo_db, tmp_path):
    path = demo_db.path
    demo_db.close()
    elsewhere = tmp_path / "not-this.sqlite"
    r = run("--db", str(path), "check", env={"ISOLATION_DESK_DB": str(elsewhere)})
    assert r.exit_code == 0, r.output
    assert f"database: {path}" in r.output
    assert not elsewhere.exists()
    # the command's own --db still wins
    r = run("--db", str(elsewhere), "check", "--db", str(path))
    assert f"database: {path}" in r.output and not elsewhere.exists()


def test_site_setup_headless(tmp_path):
    path = tmp_path / "new.sqlite"
    r = run("--db", str(path), "site", "setup", "--name", "滨江路隔离点", "--address", "滨江路1号",
            "--rooms", "A, 2-4, 01-10", "--rooms", "B栋 2-2层 01-05号", "--beds", "2", "--preset", "edition_9",
            "--day-shift", "07:30", "--night-shift", "19:30", "--manager", "Boss", "--manager-name", "王经理",
            "--password-stdin", input="long-enough-pass\n")
    assert r.exit_code == 0, r.output
    assert "35 rooms" in r.output and "recovery code: " in r.output  # a new site is encrypted
    with site_database(path, "boss", "long-enough-pass") as db:
        assert site.is_set_up(db)
        s = site.get_settings(db)
        assert s.site_name == "滨江路隔离点" and s["day_shift_start"] == "07:30"
        assert db.scalar("SELECT count(*) FROM rooms WHERE beds = 2") == 35
        assert {p["preset"] for p in db.query("SELECT preset FROM policies WHERE retired_at IS NULL")} == {"edition_9"}
        assert accounts.sign_in(db, "boss", "long-enough-pass", s_now()).role == "manager"
    # a second setup on the same file needs an account, and is then refused in words
    r = run("--db", str(path), "site", "setup", "--name", "X", "--rooms", "C, 1-1, 01-02", "--manager", "x",
            "--manager-name", "X", "--password-stdin", input="long-enough-pass\n")
    assert r.exit_code == 2 and "needs an account" in r.output
    r = run("--db", str(path), "site", "setup", "--name", "X", "--rooms", "C, 1-1, 01-02", "--manager", "x",
            "--manager-name", "X", "--user", "boss", "--password-stdin",
            input="long-enough-pass\nlong-enough-pass\n")
    assert r.exit_code == 2 and "already holds the site '滨江路隔离点'" in r.output


def s_now():
    from datetime import datetime
    return datetime.now()


def test_a_refused_password_leaves_no_half_set_up_site(tmp_path):
    path = tmp_path / "new.sqlite"
    r = run("--db", str(path), "site", "setup", "--name", "X", "--rooms", "A, 2-3, 01-05", "--manager", "boss",
            "--manager-name", "王经理", "--password-stdin", input="short\n")
    assert r.exit_code == 2, r.output
    # nothing left behind: no file that no password opens
    assert not path.exists() and not path.with_name(path.name + ".keys").exists()
    r = run("--db", str(path), "site", "setup", "--name", "X", "--rooms", "nonsense", "--manager", "boss",
            "--manager-name", "王经理", "--password-stdin", input="long-enough-pass\n")
    assert r.exit_code == 2 and "nonsense" in r.output


def test_commands_are_registered_in_one_place():
    """No module of cli/ adds itself to the command line by being imported: only
    cli/__init__.py calls add_command, and no decorator names `main` or another module's group."""
    root = Path(cli.__file__).parent
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "add_command":
                assert path.name == "__init__.py", f"{path.name}:{node.lineno} registers a command"
            if isinstance(node, (ast.FunctionDef,)):
                for dec in node.decorator_list:
                    target = dec.func if isinstance(dec, ast.Call) else dec
                    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                        assert target.value.id != "main", f"{path.name}:{node.lineno} @main.…"
    names = set(main.commands)
    assert {"site", "check", "print", "import", "export", "users", "audit"} <= names
    assert {"restock", "roster", "door-cards", "release-notice"} == set(main.commands["print"].commands)
    assert {"arrivals", "results"} == set(main.commands["import"].commands)
