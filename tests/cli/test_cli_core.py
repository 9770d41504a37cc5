import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from isolation_desk.cli import main
from isolation_desk.domain.policy import PRESETS
from isolation_desk.storage.migrations import SCHEMA_VERSION

from .helpers import DEMO_PASSWORD, DEMO_USER, run_as, site_connection

run = run_as  # every command below runs signed in as the demo account


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    r = CliRunner().invoke(main, ["demo", "--db", str(path), "--rooms", "120", "--seed", "3"])
    assert r.exit_code == 0, r.output
    assert f"sign in as '{DEMO_USER}' with the password '{DEMO_PASSWORD}'" in r.output
    return path


def test_demo_check_export_release_dates_agree_with_presets(demo_file):
    r = run("check", "--db", str(demo_file))
    assert r.exit_code == 0, r.output
    assert f"schema version: {SCHEMA_VERSION}" in r.output
    r = run("export", "occupants", "--db", str(demo_file), "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert len(rows) > 50
    statuses = {row["status"] for row in rows}
    assert {"in_isolation", "awaiting_transfer"} <= statuses
    for row in rows:
        preset, category = row["policy"].split(":")
        days = PRESETS[preset][category].isolation_days
        assert row["category"] == category
        start = date.fromisoformat(row["start_date"])
        assert date.fromisoformat(row["release_date"]) == start + timedelta(days=days), row
        assert len(row["id_number"]) == 18
    every = json.loads(run("export", "occupants", "--db", str(demo_file), "--all").output)
    assert {"released"} <= {row["status"] for row in every}


def test_demo_has_every_stage(demo_file):
    conn = site_connection(demo_file)
    today = date.today().isoformat()
    q = lambda sql: conn.execute(sql, ()).fetchone()[0]  # noqa: E731
    assert q(f"SELECT count(*) FROM stays WHERE substr(checked_in_at, 1, 10) = '{today}'") > 0
    assert q(f"SELECT count(*) FROM tests WHERE due_date = '{today}'") > 0
    assert q(f"SELECT count(*) FROM stays WHERE status = 'in_isolation' AND release_date = '{today}'") > 0
    assert q("SELECT count(*) FROM stays WHERE status = 'awaiting_transfer'") == 1
    assert q("SELECT count(*) FROM health_checks WHERE temperature >= 37.3") > 0
    assert q("SELECT count(*) FROM tests WHERE sampled_at IS NOT NULL AND result IS NULL "
             f"AND due_date < '{today}'") > 0
    for status in ("ready", "occupied", "awaiting_disinfection", "out_of_service"):
        assert q(f"SELECT count(*) FROM rooms WHERE status = '{status}'") > 0, status
    conn.close()


def test_export_rooms_csv_and_xlsx(demo_file, tmp_path):
    r = run("export", "rooms", "--db", str(demo_file), "--format", "csv")
    assert r.output.splitlines()[0].startswith("room,building,floor")
    out = tmp_path / "rooms.xlsx"
    assert run("export", "rooms", "--db", str(demo_file), "--format", "xlsx", "--out", str(out)).exit_code == 0
    import openpyxl
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]][:5] == ["room", "building", "floor", "number", "beds"]


def test_not_a_database_is_refused_untouched_without_traceback(tmp_path):
    path = tmp_path / "photo.sqlite"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    before = path.read_bytes()
    p = subprocess.run([sys.executable, "-m", "isolation_desk", "check", "--db", str(path)],
                       capture_output=True, text=True, env={"ISOLATION_DESK_LANG": "en", "PATH": ""})
    assert p.returncode != 0
    assert "not an Isolation Desk database" in p.stderr
    assert "Traceback" not in p.stderr
    assert path.read_bytes() == before


def test_newer_schema_refused_in_words(demo_file, tmp_path):
    import shutil
    path = tmp_path / "newer.sqlite"
    for suffix in ("", ".keys"):
        shutil.copy(str(demo_file) + suffix, str(path) + suffix)
    conn = site_connection(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    # (without an account the encrypted file's schema cannot be read: check says so)
    r = run("check", "--db", str(path), provision=False)  # signed in: refused before the sign-in
    assert r.exit_code != 0
    assert "newer version" in r.output


def test_missing_database_for_check(tmp_path):
    r = CliRunner().invoke(main, ["check", "--db", str(tmp_path / "nothing.sqlite")])
    assert r.exit_code != 0 and "no database" in r.output.lower()
    assert not (tmp_path / "nothing.sqlite").exists()


def test_demo_refuses_to_overwrite_without_force(demo_file):
    r = CliRunner().invoke(main, ["demo", "--db", str(demo_file)])
    assert r.exit_code != 0 and "--force" in r.output


def test_every_command_has_help():
    import click
    def walk(cmd, path):
        yield path, cmd
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                yield from walk(sub, path + [name])
    for path, cmd in walk(main, []):
        r = CliRunner().invoke(main, path + ["--help"])
        assert r.exit_code == 0, path
        assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"
