"""The demo site is the same every time it is built with one seed and one date: screenshots,
the behaviour snapshot (scripts/behaviour_snapshot) and bug reports compare like with like.
Before, the demo's bulk sampling and temperatures used SQLite's unseeded random()."""
from __future__ import annotations

from isolation_desk.services.demo import build_demo
from isolation_desk.storage.database import open_database

TABLES = {
    "tests": "SELECT stay_id, kind, purpose, due_date, sampled_at, result, lab FROM tests ORDER BY id",
    "health_checks": "SELECT stay_id, taken_at, slot, temperature, symptoms FROM health_checks ORDER BY id",
    "supply_movements": "SELECT item_id, kind, quantity, at FROM supply_movements ORDER BY id",
    "stays": "SELECT person_id, room_id, status, release_date FROM stays ORDER BY id",
}


def _contents(path, now):
    db = open_database(path)
    try:
        build_demo(db, rooms=40, seed=3, now=now, history_days=6)
        return {name: [tuple(r) for r in db.rows(sql)] for name, sql in TABLES.items()}
    finally:
        db.close()


def test_one_seed_and_one_date_build_the_same_demo(tmp_path, now):
    first = _contents(tmp_path / "a.sqlite", now)
    second = _contents(tmp_path / "b.sqlite", now)
    assert all(first[name] for name in TABLES)
    for name in TABLES:
        assert first[name] == second[name], name
    # some of today's due tests are left unsampled, as a real morning round leaves them
    today = now.date().isoformat()
    todays = [t for t in first["tests"] if t[3] == today]
    assert any(t[4] is None for t in todays) and any(t[4] is not None for t in todays)
