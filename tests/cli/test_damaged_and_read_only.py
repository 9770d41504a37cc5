"""Every command on a damaged file and in a read-only folder (issue 15): words, never a
traceback. `check` reports damage (exit 1) and names the newest good backup; every other
command says "damaged" and refuses (exit 2). A read-only folder is said to be one (never
"damaged … restore a backup", which would invite overwriting a healthy file), and commands
that only read open the file read-only and work."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from isolation_desk.cli import DEMO_PASSWORD, DEMO_USER, main

from .helpers import site_connection

PAGE = 4096


def run(*args):
    """Signed in as the demo manager (every command runs as a named person, issue 16)."""
    return CliRunner().invoke(main, [*args, "--user", DEMO_USER, "--password-stdin"],
                              input=DEMO_PASSWORD + "\n")


@pytest.fixture(scope="module")
def demo_with_backup(tmp_path_factory):
    path = tmp_path_factory.mktemp("damaged") / "site.sqlite"
    assert CliRunner().invoke(main, ["demo", "--db", str(path), "--rooms", "60", "--seed", "5"]).exit_code == 0
    r = run("backup", "--db", str(path))
    assert r.exit_code == 0, r.output
    return path


@pytest.fixture
def damaged(demo_with_backup, tmp_path):
    """A copy with the rooms table's root page overwritten (one bad page)."""
    path = tmp_path / "site.sqlite"
    shutil.copy(demo_with_backup, path)
    shutil.copytree(str(demo_with_backup) + ".backups", str(path) + ".backups")
    for suffix in (".keys", ".auditkey"):  # the key slots and the audit key go with the file
        if os.path.exists(str(demo_with_backup) + suffix):
            shutil.copy(str(demo_with_backup) + suffix, str(path) + suffix)
    conn = site_connection(path)  # the demo site is encrypted: read it with its key
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'rooms'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * PAGE)
        fh.write(b"\xde\xad\xbe\xef" * (PAGE // 4))
    return path


def test_check_reports_damage_in_words_and_names_the_newest_good_backup(damaged):
    r = run("check", "--db", str(damaged))
    assert r.exit_code == 1, r.output
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit)
    assert "damaged" in r.output and "newest good backup" in r.output
    backups = sorted(p.name for p in (damaged.parent / "site.sqlite.backups").iterdir())
    assert backups[-1] in r.output and "isolation-desk restore" in r.output


@pytest.mark.parametrize("args", [
    ["export", "occupants"], ["export", "rooms"],
    ["handover", "--out", "{tmp}/h.pdf"], ["print", "roster", "--out", "{tmp}/r.pdf"],
    ["users", "list"], ["audit"], ["backup"],
    ["sampling-list"], ["report", "daily", "--out", "{tmp}/d.pdf"],
])
def test_every_other_command_says_damaged_and_exits_2(damaged, tmp_path, args):
    # (papers and exports skip the integrity check, which costs seconds on a large site: one
    # that reads no damaged page, such as `export stock` here, answers correctly; one that
    # meets the damage says so)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    before = _damaged_page(damaged)
    r = run(*args, "--db", str(damaged))
    assert r.exit_code == 2, (args, r.output, r.exception)
    assert isinstance(r.exception, SystemExit), r.exception
    assert "damaged" in r.output
    assert len(r.output.strip().splitlines()) == 1
    # the sign-in records itself (issue 16: every command runs as a person), so the file
    # may grow by that entry; the damaged page is never written over
    assert _damaged_page(damaged) == before == b"\xde\xad\xbe\xef" * (PAGE // 4)
    assert not (tmp_path / "h.pdf").exists() and not (tmp_path / "r.pdf").exists()


def _damaged_page(path):
    with open(path, "rb") as fh:
        data = fh.read()
    at = data.find(b"\xde\xad\xbe\xef" * 16)
    return data[at:at + PAGE] if at >= 0 else None


def _without_root_powers():
    """Run as this user without the powers that let root write a read-only folder."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root's override of file permissions")
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if subprocess.run(prefix + ["true"]).returncode != 0:
        pytest.skip("cannot drop root's override of file permissions here")
    return prefix


@pytest.fixture
def read_only_folder(demo_with_backup, tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "site.sqlite"
    shutil.copy(demo_with_backup, path)
    for suffix in (".keys", ".auditkey"):
        if os.path.exists(str(demo_with_backup) + suffix):
            shutil.copy(str(demo_with_backup) + suffix, str(path) + suffix)
    os.chmod(path, 0o666)
    os.chmod(folder, 0o555)
    yield path
    os.chmod(folder, 0o755)


def _cli(prefix, *args):
    env = {"ISOLATION_DESK_LANG": "en", "PATH": os.environ.get("PATH", "/usr/bin")}
    return subprocess.run(prefix + [sys.executable, "-m", "isolation_desk", *args,
                                    "--user", DEMO_USER, "--password-stdin"],
                          input=DEMO_PASSWORD + "\n", capture_output=True, text=True, env=env)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_is_said_to_be_one_and_reading_commands_work(read_only_folder, tmp_path):
    prefix = _without_root_powers()
    db = str(read_only_folder)
    before = read_only_folder.read_bytes()
    for args in (["check"], ["export", "rooms", "--format", "csv"], ["users", "list"]):
        p = _cli(prefix, *args, "--db", db)
        assert p.returncode == 0, (args, p.stderr)
        assert "Traceback" not in p.stderr
    for args in (["handover", "--out", str(tmp_path / "h.pdf")], ["export", "occupants"],
                 ["backup"]):
        p = _cli(prefix, *args, "--db", db)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        assert "read-only" in p.stderr and "is damaged" not in p.stderr, p.stderr
        assert "Traceback" not in p.stderr
    assert read_only_folder.read_bytes() == before
