"""The room board's badges read covering indexes (migration 0011, issue 16): what it shows is
unchanged — each room's occupants' names in their order — and the rows of the present stays,
their people and the tests due today are not read from the tables (on an encrypted file each
such page is decrypted on a first read)."""
from datetime import timedelta

from conftest import NOW

from isolation_desk.storage import repo_ui


def _site_wide_sql(db) -> str:
    """The statement the site-wide board runs, as SQLite was given it (its parameters bound)."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        repo_ui.room_badges(db, NOW.date().isoformat(), _params(NOW)["since"], 37.3)
    finally:
        db.conn.set_trace_callback(None)
    return next(sql for sql in seen if "GROUP BY s.room_id" in sql)


def _params(now):
    return {"today": now.date().isoformat(), "since": (now - timedelta(hours=24)).isoformat(),
            "threshold": 37.3, "building": None}


def test_each_rooms_names_in_the_order_of_status_release_date_and_stay(demo_db):
    shared = 0
    for days in (0, 3, 7):
        now = NOW + timedelta(days=days)
        rows = repo_ui.room_badges(demo_db, now.date().isoformat(), _params(now)["since"], 37.3)
        expected = {}
        for r in demo_db.query("SELECT s.room_id, p.name FROM stays s JOIN people p ON p.id = s.person_id "
                               "WHERE s.status IN ('in_isolation', 'awaiting_transfer') AND s.room_id IS NOT NULL "
                               "ORDER BY s.status, s.release_date, s.id"):
            expected.setdefault(r["room_id"], []).append(r["name"])
        assert {r[0]: r[1] for r in rows} == {room: "、".join(names) for room, names in expected.items()}
        assert {r[0]: r[2] for r in rows} == {room: len(names) for room, names in expected.items()}
        shared += sum(1 for names in expected.values() if len(names) > 1)
    assert shared  # the demo has rooms of more than one occupant


def test_the_board_reads_stays_names_and_due_tests_from_covering_indexes(demo_db):
    plan = [r["detail"] for r in demo_db.query("EXPLAIN QUERY PLAN " + _site_wide_sql(demo_db))]
    assert any(d.startswith("SEARCH s USING COVERING INDEX idx_stays_present") for d in plan), plan
    assert any(d.startswith("SEARCH p USING COVERING INDEX idx_people_id_name") for d in plan), plan
    assert any(d.startswith("SEARCH tests USING COVERING INDEX idx_tests_due_stay") for d in plan), plan
