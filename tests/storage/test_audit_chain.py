"""The audit trail is append-only and hash-chained: an edit or a deletion made directly in
SQLite (after dropping the triggers, as an attacker would) is detected by `isolation-desk check`."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from isolation_desk.cli import main
from isolation_desk.storage import repositories as repo


def _attacker(path):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def _check(path):
    return CliRunner().invoke(main, ["check", "--db", str(path)])


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
