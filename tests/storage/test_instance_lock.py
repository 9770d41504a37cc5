"""A second instance on the same database file is refused with a clear message."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from isolation_desk.messages import describe
from isolation_desk.storage.database import StorageError
from isolation_desk.storage.instance_lock import InstanceLock, lock_path

HOLDER = textwrap.dedent("""
    import sys
    from isolation_desk.storage.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the parent says so
    lock.release()
    print("released", flush=True)
""")

TRY = textwrap.dedent("""
    import sys
    from isolation_desk.messages import describe
    from isolation_desk.storage.instance_lock import InstanceLock
    from isolation_desk.storage.database import StorageError
    try:
        InstanceLock(sys.argv[1]).acquire()
    except StorageError as exc:
        print(exc.code, exc.params["pid"])
        print(describe(exc, "en"))
        sys.exit(3)
    print("acquired")
""")


def _start_holder(path):
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    return child


def test_a_second_instance_is_refused_while_a_child_holds_the_file(tmp_path):
    db_path = tmp_path / "site.sqlite"
    child = _start_holder(db_path)
    try:
        with pytest.raises(StorageError) as e:
            InstanceLock(db_path).acquire()
        assert e.value.code == "database_in_use"
        assert e.value.params["pid"] == child.pid
        text = describe(e.value, "en")
        assert str(db_path) in text and str(child.pid) in text and "close it" in text
        assert "另一个" in describe(e.value, "zh_CN")
        # a third process is refused too
        third = subprocess.run([sys.executable, "-c", TRY, str(db_path)], capture_output=True, text=True)
        assert third.returncode == 3
        assert third.stdout.startswith(f"database_in_use {child.pid}")
    finally:
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "released"
        child.wait(timeout=10)
        child.stdin.close()
        child.stdout.close()
    # once the first instance has gone, the file can be opened again
    with InstanceLock(db_path) as lock:
        assert lock.held


def test_a_killed_instance_leaves_no_stale_lock(tmp_path):
    db_path = tmp_path / "site.sqlite"
    child = _start_holder(db_path)
    child.kill()
    child.wait(timeout=10)
    child.stdin.close()
    child.stdout.close()
    assert lock_path(db_path).exists()
    with InstanceLock(db_path) as lock:
        assert lock.held


def test_a_child_is_refused_while_this_process_holds_the_lock(tmp_path):
    db_path = tmp_path / "site.sqlite"
    with InstanceLock(db_path):
        other = subprocess.run([sys.executable, "-c", TRY, str(db_path)], capture_output=True, text=True)
    assert other.returncode == 3 and "already open" in other.stdout
    again = subprocess.run([sys.executable, "-c", TRY, str(db_path)], capture_output=True, text=True)
    assert again.returncode == 0 and again.stdout.strip() == "acquired"


def test_restore_from_the_command_line_is_refused_while_the_window_is_open(db, now, tmp_path):
    from cli.helpers import ensure_account, run_as

    from isolation_desk.domain.roles import SYSTEM
    from isolation_desk.services import backup
    taken = backup.backup_now(db, SYSTEM, now)
    db.close()
    ensure_account(db.path)
    with InstanceLock(db.path):
        result = run_as("restore", "--db", db.path, str(taken), "--yes")
    assert result.exit_code != 0
    assert "window has it open" in result.output
    result = run_as("restore", "--db", db.path, str(taken), "--yes")
    assert result.exit_code == 0, result.output
