"""The audit trail is append-only and hash-chained: an edit or a deletion made directly in
SQLite (after dropping the triggers, as an attacker would) is detected by `isolation-desk check`."""
from __future__ import annotations

import sqlite3

import pytest

from isolation_desk.storage import repositories as repo


def _attacker(path):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def _check(path):
    from cli.helpers import run_as  # tests/ is on sys.path (tests/conftest.py)
    return run_as("check", "--db", str(path))


def _audit_cmd(path):
    from cli.helpers import run_as
    return run_as("audit", "--db", str(path), "--limit", "1")


def test_the_triggers_refuse_updates_and_deletes(db):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit SET actor = 'someone' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit WHERE id = 1")


def test_an_intact_trail_passes_check(db):
    path = db.path
    db.close()
    result = _check(path)
    assert result.exit_code == 0, result.output
    assert "audit trail: intact" in result.output


@pytest.mark.parametrize("attack", ["edit_after", "edit_actor", "delete_middle", "delete_last_two_relinked"])
def test_an_edited_or_deleted_audit_row_is_reported_and_check_fails(db, attack):
    path = db.path
    n = db.scalar("SELECT count(*) FROM audit")
    assert n >= 4
    assert repo.verify_audit_chain(db) == []
    db.close()
    conn = _attacker(path)
    target = 2
    if attack == "edit_after":
        conn.execute("UPDATE audit SET after = '{\"site_name\": \"别的隔离点\"}' WHERE id = ?", (target,))
    elif attack == "edit_actor":
        conn.execute("UPDATE audit SET actor = 'nobody' WHERE id = ?", (target,))
    elif attack == "delete_middle":
        conn.execute("DELETE FROM audit WHERE id = ?", (target,))
    else:
        # remove an entry and re-link the next one to hide the gap: its hash no longer matches
        prev = conn.execute("SELECT hash FROM audit WHERE id = ?", (target - 1,)).fetchone()[0]
        conn.execute("DELETE FROM audit WHERE id = ?", (target,))
        conn.execute("UPDATE audit SET prev_hash = ? WHERE id = ?", (prev, target + 1))
    conn.commit()
    conn.close()

    result = _check(path)
    assert result.exit_code == 1
    assert "audit trail: BROKEN" in result.output
    expected = target if attack.startswith("edit") else target + 1
    assert f"audit trail broken at entries {expected}" in result.output


def test_a_truncated_or_recomputed_trail_is_caught_by_the_newest_backup(db, now):
    """The chain cannot see its newest entries cut off, nor a chain recomputed by someone who
    knows the algorithm; the entries an earlier backup holds must still be there, unchanged."""
    from isolation_desk.domain.roles import SYSTEM
    from isolation_desk.services import accounts, backup, site
    site.update_settings(db, {"contact_person": "王"}, SYSTEM, now)
    site.update_settings(db, {"contact_person": "李"}, SYSTEM, now)
    backup.backup_database(db, now, "interval")
    anchor = backup.audit_anchor(db)
    assert anchor is not None and accounts.audit_backup_mismatches(db, anchor.path) == []
    last = db.scalar("SELECT max(id) FROM audit")
    path = db.path
    db.close()
    conn = _attacker(path)
    conn.execute("DELETE FROM audit WHERE id >= ?", (last - 1,))  # the newest two entries
    conn.commit()
    conn.close()
    from isolation_desk.storage.database import open_database
    d = open_database(path)
    try:
        assert repo.verify_audit_chain(d) == []  # the chain itself still holds
        assert accounts.audit_backup_mismatches(d, anchor.path) == [last - 1, last]
    finally:
        d.close()
    result = _audit_cmd(path)
    assert result.exit_code != 0 and "tampered" in result.output


def test_backups_from_before_a_restore_are_not_compared(db, now, tmp_path):
    from isolation_desk.domain.roles import SYSTEM
    from isolation_desk.services import backup, site
    older = backup.backup_database(db, now, "manual", out=tmp_path / "older.sqlite")
    site.update_settings(db, {"contact_person": "王"}, SYSTEM, now)
    backup.backup_database(db, now.replace(hour=12), "interval")
    path = db.path
    db.close()
    backup.restore(path, older, SYSTEM, now.replace(hour=13))
    from isolation_desk.storage.database import open_database
    d = open_database(path)
    try:
        assert backup.audit_anchor(d) is None
    finally:
        d.close()
    result = _audit_cmd(path)
    assert result.exit_code == 0, result.output
