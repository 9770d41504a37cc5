"""The audit trail anchored outside the file: entries sealed with the site's key (HMAC), the
anchor printed on every handover sheet, and `check` comparing the trail with the newest
backup and with --anchor. Each attack is made as an attacker with the SQLite shell would,
after dropping the append-only triggers; some hold the key file too."""
from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from cli.helpers import DEMO_PASSWORD, DEMO_USER, run_as  # tests/ is on sys.path (tests/conftest.py)
from pypdf import PdfReader

from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import anchors, backup, papers, site
from isolation_desk.storage import audit_key
from isolation_desk.storage import repositories as repo
from isolation_desk.storage.database import open_database


@pytest.fixture
def anchored(db, now):
    """A site with a few entries, a backup and the anchor a handover sheet printed."""
    from isolation_desk.services import accounts
    accounts.create_first_manager(db, DEMO_USER, "演示负责人", DEMO_PASSWORD, now)
    for person in ("王", "李", "张"):
        site.update_settings(db, {"contact_person": person}, SYSTEM, now)
    backup.backup_database(db, now + timedelta(minutes=1), "interval")
    code = anchors.current_anchor(db).code
    path = db.path
    db.close()
    return path, code


def _attacker(path):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def _rechain(conn, key, from_id: int = 1):
    """Recompute every hash from ``from_id`` on (with the key when the attacker holds it)."""
    rows = conn.execute("SELECT id, at, actor, action, entity, entity_id, before, after FROM audit "
                        "ORDER BY id").fetchall()
    prev = repo.GENESIS_HASH
    for r in rows:
        row = dict(zip(("id", "at", "actor", "action", "entity", "entity_id", "before", "after"), r, strict=True))
        if row["id"] >= from_id:
            h = repo._audit_hash(prev, row, key)
            conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, row["id"]))
        prev = conn.execute("SELECT hash FROM audit WHERE id = ?", (row["id"],)).fetchone()[0]


def _check(path, *anchor_codes):
    args = ["check", "--db", str(path), "--json"]
    for code in anchor_codes:
        args += ["--anchor", code]
    r = run_as(*args)
    return r.exit_code, json.loads(r.output[r.output.index("{"):])


def test_entries_are_sealed_with_the_site_key_which_is_owner_only(db, now):
    site.update_settings(db, {"contact_person": "王"}, SYSTEM, now)
    last = db.scalar("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
    assert last.startswith("k:") and repo.verify_audit_chain(db) == []
    assert audit_key.key_path(db.path).stat().st_mode & 0o077 == 0


def test_an_intact_trail_holds_its_anchor_and_matches_its_backup(anchored):
    path, code = anchored
    status, report = _check(path, code)
    assert status == 0, report["problems"]
    assert report["anchors"] == {code: "ok"}
    assert report["audit_backup"]["missing_at_end"] == report["audit_backup"]["rewritten"] == []


def test_a_deleted_last_row_is_reported(anchored):
    path, code = anchored
    conn = _attacker(path)
    last = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE id = ?", (last,))
    conn.commit()
    conn.close()
    status, report = _check(path, code)
    assert status == 1
    assert report["audit_broken"] == []  # the chain itself still holds
    assert report["audit_backup"]["missing_at_end"] == [last]
    assert any("missing at the end" in p for p in report["problems"])


def test_a_trail_truncated_then_rebuilt_without_the_key_is_reported(anchored):
    path, code = anchored
    conn = _attacker(path)
    conn.execute("DELETE FROM audit WHERE action = 'update_settings' AND after LIKE '%李%'")
    _rechain(conn, key=None)  # rebuilt from the start with plain hashes
    conn.commit()
    conn.close()
    status, report = _check(path, code)
    assert status == 1
    assert report["audit_broken"]  # plain entries where sealed ones must be
    assert any("audit trail broken" in p for p in report["problems"])
    assert report["anchors"][code] != "ok"
    assert report["audit_backup"]["rewritten"] or report["audit_backup"]["missing_at_end"]


def test_a_chain_rewritten_with_the_key_is_caught_by_the_backup_and_the_anchor(anchored):
    """Someone who holds the key file recomputes a valid chain after editing an entry: the
    chain verifies, but the newest backup and the paper anchor do not agree."""
    path, code = anchored
    key = audit_key.load(path)
    conn = _attacker(path)
    target = conn.execute("SELECT min(id) FROM audit WHERE action = 'update_settings'").fetchone()[0]
    conn.execute("UPDATE audit SET actor = 'nobody' WHERE id = ?", (target,))
    _rechain(conn, key, from_id=target)
    conn.commit()
    conn.close()
    d = open_database(path)
    try:
        assert repo.verify_audit_chain(d) == []  # a perfect forgery of the chain itself
    finally:
        d.close()
    status, report = _check(path, code)
    assert status == 1
    assert target in report["audit_backup"]["rewritten"]
    assert report["anchors"][code] == "anchor_rewritten"
    assert any("history rewritten" in p for p in report["problems"])


def test_an_anchor_past_the_end_is_reported_as_cut_off(anchored):
    path, code = anchored
    position = int(code.split("-")[0])
    conn = _attacker(path)
    conn.execute("DELETE FROM audit WHERE id >= ?", (position - 1,))
    conn.commit()
    conn.close()
    d = open_database(path)
    try:
        assert anchors.check_anchor(d, code) == "anchor_missing"
    finally:
        d.close()


def test_a_mistyped_anchor_is_refused_in_words(anchored):
    path, _ = anchored
    r = run_as("check", "--db", path, "--anchor", "12x-zz")
    assert r.exit_code == 2 and "is not an audit anchor" in r.output


def test_the_handover_sheet_prints_the_anchor_under_the_signatures(demo_db, tmp_path, now):
    out = tmp_path / "h.pdf"
    papers.write_handover(demo_db, out, now, actor=SYSTEM, lang="en")
    anchor = anchors.current_anchor(demo_db)  # the print itself added one entry after it
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    position = anchor.position - 1
    code = f"{position}-"
    assert "Audit trail:" in text and f"anchor {code}" in text
    printed = text.split("anchor ")[1].split()[0]
    assert anchors.check_anchor(demo_db, printed) is None


def test_a_trail_from_before_the_key_is_sealed_on_the_first_open_after_the_upgrade(db, now):
    site.update_settings(db, {"contact_person": "王"}, SYSTEM, now)
    path = db.path
    db.close()
    # what an older version left: plain hashes, no key file
    audit_key.key_path(path).unlink()
    conn = _attacker(path)
    _rechain(conn, key=None)
    conn.commit()
    conn.close()
    d = open_database(path)
    try:
        last = d.query_one("SELECT action, hash FROM audit ORDER BY id DESC LIMIT 1")
        assert last["action"] == "audit_keyed" and last["hash"].startswith("k:")
        assert repo.verify_audit_chain(d) == [] and repo.audit_is_keyed(d)
    finally:
        d.close()


def test_a_copy_without_its_key_file_says_so(db, now, tmp_path):
    site.update_settings(db, {"contact_person": "王"}, SYSTEM, now)
    path = db.path
    db.close()
    audit_key.key_path(path).unlink()
    d = open_database(path)
    try:
        assert d.audit_key is None and d.audit_key_missing
        assert not audit_key.key_path(path).exists()  # never replaced by a new one
        assert repo.verify_audit_chain(d)  # sealed entries cannot be verified
    finally:
        d.close()
