"""SQL of the tests area: sampling lists, pools, results, health rounds, alerts, staff.

Like repositories.py: plain dicts back, no transactions (the calling service opens them).
Lists come in room order (building, floor, room), because nurses sample floor by floor.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .database import Database
from .repositories import ON_SITE_SQL, _iso

ROOM_ORDER = "b.sort_order, b.code, r.floor, r.number, p.name, t.id"

# A test with its stay, person, room and pool.
_TEST_FROM = """
FROM tests t
JOIN stays s ON s.id = t.stay_id
JOIN people p ON p.id = s.person_id
LEFT JOIN rooms r ON r.id = s.room_id
LEFT JOIN buildings b ON b.id = r.building_id
LEFT JOIN pools po ON po.id = t.pool_id
"""
TEST_SELECT = """
SELECT t.*, po.code AS pool_code, po.size AS pool_size, po.result AS pool_result,
       s.status AS stay_status, s.room_id, s.release_date, s.test_regime, s.category,
       p.name, p.id_number, p.id_type,
       b.code AS building, b.sort_order AS building_order, r.floor, r.number AS room_number,
       CASE WHEN r.id IS NULL THEN NULL ELSE b.code || '-' || r.number END AS room""" + _TEST_FROM


# The sampling list's columns: what the tests screen, its PDF and the CLI read (narrower than
# TEST_SELECT: every test due today goes through the sort, and its width is what costs).
_SAMPLING_COLUMNS = """
SELECT t.id, t.stay_id, t.kind, t.purpose, t.due_date, t.sampled_at, t.result, po.code AS pool_code,
       p.name, p.id_number, b.code AS building, b.sort_order AS building_order, r.floor,
       r.number AS room_number,
       CASE WHEN r.id IS NULL THEN NULL ELSE b.code || '-' || r.number END AS room"""
SAMPLING_SELECT = _SAMPLING_COLUMNS + _TEST_FROM
# One building's list, read from the building: its rooms in (floor, number) order
# (idx_rooms_order), their stays (idx_stays_room), their tests (idx_tests_stay). CROSS JOIN
# fixes that order: left to itself SQLite starts from every test due on the site.
SAMPLING_SELECT_BUILDING = _SAMPLING_COLUMNS + """
FROM buildings b
CROSS JOIN rooms r ON r.building_id = b.id
CROSS JOIN stays s ON s.room_id = r.id
CROSS JOIN tests t ON t.stay_id = s.id
JOIN people p ON p.id = s.person_id
LEFT JOIN pools po ON po.id = t.pool_id
"""


def _place(where: list[str], params: list[Any], building: str | None, floor: int | None) -> None:
    if building:
        where.append("b.code = ?")
        params.append(building)
    if floor is not None:
        where.append("r.floor = ?")
        params.append(floor)


def _tests_in_place(where: list[str], params: list[Any], statuses: str, building: str | None,
                    floor: int | None) -> None:
    """Keep the tests of stays in ``statuses`` (an SQL list such as ``ON_SITE_SQL``) in a building (and floor), found
    from the building's rooms: rooms (idx_rooms_order) -> their stays (idx_stays_room) -> their
    tests (idx_tests_stay), so that one building's list reads only that building's rows instead
    of joining the whole site's tests first. A floor without a building filters the joined rows."""
    if building:
        rooms = "SELECT id FROM rooms WHERE building_id = (SELECT id FROM buildings WHERE code = ?)"
        params.append(building)
        if floor is not None:
            rooms += " AND floor = ?"
            params.append(floor)
        where.append(f"t.stay_id IN (SELECT id FROM stays WHERE status IN {statuses} "
                     f"AND room_id IN ({rooms}))")
    elif floor is not None:
        where.append("r.floor = ?")
        params.append(floor)


def test_row(db: Database, test_id: int) -> dict[str, Any] | None:
    return db.query_one(TEST_SELECT + " WHERE t.id = ?", (test_id,))


def sampling_list(db: Database, day: str, *, building: str | None = None, floor: int | None = None,
                  kind: str | None = None) -> list[sqlite3.Row]:
    """Tests due on ``day`` for people in isolation, with those already sampled, in room order
    (sqlite3.Row: by column name; the tests screen formats only the rows it shows)."""
    where = ["t.due_date = ?", "s.status = 'in_isolation'"]
    params: list[Any] = [day]
    _place(where, params, building, floor)
    if kind:
        where.append("t.kind = ?")
        params.append(kind)
    select = SAMPLING_SELECT_BUILDING if building else SAMPLING_SELECT
    return db.rows(select + " WHERE " + " AND ".join(where) + " ORDER BY " + ROOM_ORDER, params)


def unsampled_for_stay(db: Database, stay_id: int, day: str) -> list[dict[str, Any]]:
    return db.query(TEST_SELECT + " WHERE t.stay_id = ? AND t.due_date = ? AND t.sampled_at IS NULL "
                    "ORDER BY t.purpose IN ('second_lab', 'surface'), t.id", (stay_id, day))


def unsampled_check_in_before(db: Database, stay_id: int, day: str) -> list[dict[str, Any]]:
    """The stay's check-in test, still unsampled and due before ``day`` (issue 14)."""
    return db.query(TEST_SELECT + " WHERE t.stay_id = ? AND t.purpose = 'check_in' AND t.due_date < ? "
                    "AND t.sampled_at IS NULL", (stay_id, day))


def pending_results(db: Database, *, building: str | None = None, floor: int | None = None) -> list[dict[str, Any]]:
    """Sampled tests of present (or awaiting transfer) people without a result, in room order."""
    where = ["t.sampled_at IS NOT NULL", "t.result IS NULL",
             f"s.status IN {ON_SITE_SQL}"]
    params: list[Any] = []
    _tests_in_place(where, params, ON_SITE_SQL, building, floor)
    return db.query(TEST_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY " + ROOM_ORDER, params)


def pending_since(db: Database, before: str) -> list[dict[str, Any]]:
    """Results still missing for samples taken before ``before`` (overdue, > 24 h)."""
    return db.query(TEST_SELECT + " WHERE t.sampled_at IS NOT NULL AND t.result IS NULL "
                    f"AND t.sampled_at < ? AND s.status IN {ON_SITE_SQL} "
                    "ORDER BY t.sampled_at, " + ROOM_ORDER, (before,))


def missed_tests(db: Database, day: str) -> list[dict[str, Any]]:
    """Tests due before ``day`` that were never sampled, for people still in isolation."""
    return db.query(TEST_SELECT + " WHERE t.sampled_at IS NULL AND t.due_date < ? "
                    "AND s.status = 'in_isolation' ORDER BY t.due_date, " + ROOM_ORDER, (day,))


def test_dates_for_stay(db: Database, stay_id: int, since: str) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT DISTINCT due_date FROM tests WHERE stay_id = ? AND due_date >= ? AND purpose <> 'surface'",
        (stay_id, since))]


def delete_unsampled_regime_tests(db: Database, stay_id: int, since: str) -> int:
    return db.execute("DELETE FROM tests WHERE stay_id = ? AND purpose = 'regime' AND sampled_at IS NULL "
                      "AND due_date >= ?", (stay_id, since)).rowcount


def insert_test(db: Database, row: dict[str, Any]) -> int:
    from .repositories import insert
    return insert(db, "tests", row)


def stays_by_ids(db: Database, ids: list[int]) -> list[dict[str, Any]]:
    from .repositories import STAY_SELECT
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return db.query(STAY_SELECT + f" WHERE s.id IN ({marks})", list(ids))


def active_stays_at(db: Database, *, building: str | None = None, floor: int | None = None,
                    category: str | None = None) -> list[dict[str, Any]]:
    from .repositories import STAY_SELECT
    where = ["s.status = 'in_isolation'"]
    params: list[Any] = []
    _place(where, params, building, floor)
    if category:
        where.append("s.category = ?")
        params.append(category)
    return db.query(STAY_SELECT + " WHERE " + " AND ".join(where) +
                    " ORDER BY b.sort_order, b.code, r.floor, r.number, p.name", params)


def floors(db: Database) -> list[dict[str, Any]]:
    """Every (building, floor) that has rooms, in order."""
    return db.query("SELECT DISTINCT b.code AS building, b.sort_order, r.floor FROM rooms r "
                    "JOIN buildings b ON b.id = r.building_id ORDER BY b.sort_order, b.code, r.floor")


# -- pools ----------------------------------------------------------------------
def pool(db: Database, pool_id: int) -> dict[str, Any] | None:
    row = db.query_one("SELECT po.*, (SELECT count(*) FROM tests WHERE pool_id = po.id) AS members "
                       "FROM pools po WHERE po.id = ?", (pool_id,))
    return row


def pool_by_code(db: Database, code: str) -> dict[str, Any] | None:
    return db.query_one("SELECT po.*, (SELECT count(*) FROM tests WHERE pool_id = po.id) AS members "
                        "FROM pools po WHERE po.code = ?", (code,))


def pool_members(db: Database, pool_id: int) -> list[dict[str, Any]]:
    return db.query(TEST_SELECT + " WHERE t.pool_id = ? ORDER BY t.sampled_at, t.id", (pool_id,))


def next_pool_number(db: Database, prefix: str) -> int:
    n = db.scalar("SELECT count(*) FROM pools WHERE code LIKE ?", (prefix + "%",))
    return int(n or 0) + 1


def unresolved_pooled_tests(db: Database, stay_id: int) -> list[dict[str, Any]]:
    """This stay's tests left without a result by a positive (or invalid) pool."""
    return db.query("SELECT t.* FROM tests t JOIN pools po ON po.id = t.pool_id WHERE t.stay_id = ? "
                    "AND t.result IS NULL AND po.result IN ('positive', 'invalid')", (stay_id,))


def invalid_tests(db: Database, stay_id: int) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM tests WHERE stay_id = ? AND result = 'invalid'", (stay_id,))


# -- people and stays around a positive ----------------------------------------------
def room_mates(db: Database, stay_id: int) -> list[dict[str, Any]]:
    from .repositories import STAY_SELECT
    return db.query(STAY_SELECT + " WHERE s.room_id = (SELECT room_id FROM stays WHERE id = ?) "
                    "AND s.id <> ? AND s.status = 'in_isolation' ORDER BY p.name", (stay_id, stay_id))


def same_floor(db: Database, stay_id: int) -> list[dict[str, Any]]:
    """People in isolation on the same floor of the same building, other rooms."""
    from .repositories import STAY_SELECT
    return db.query(STAY_SELECT + f"""
        WHERE s.status IN {ON_SITE_SQL}
          AND r.building_id = (SELECT r2.building_id FROM stays s2 JOIN rooms r2 ON r2.id = s2.room_id WHERE s2.id = ?)
          AND r.floor = (SELECT r2.floor FROM stays s2 JOIN rooms r2 ON r2.id = s2.room_id WHERE s2.id = ?)
          AND s.room_id <> (SELECT room_id FROM stays WHERE id = ?)
        ORDER BY r.number, p.name""", (stay_id, stay_id, stay_id))


def last_restart(db: Database, stay_id: int) -> dict[str, Any] | None:
    """The latest isolation restart of a stay not yet undone: its audit entry's before/after."""
    rows = db.query("SELECT id, action, before, after FROM audit WHERE entity = 'stay' AND entity_id = ? "
                    "AND action IN ('restart_isolation', 'undo_restart') ORDER BY id DESC LIMIT 1",
                    (str(stay_id),))
    if not rows or rows[0]["action"] != "restart_isolation":
        return None
    row = rows[0]
    return {"audit_id": row["id"], "before": json.loads(row["before"] or "{}"),
            "after": json.loads(row["after"] or "{}")}


# -- alerts ---------------------------------------------------------------------
ALERT_SELECT = """
SELECT a.*, coalesce(p.name, st.name) AS name, coalesce(p.id_number, st.id_number) AS id_number,
       s.status AS stay_status, s.room_id, t.staff_id, st.role AS staff_role,
       CASE WHEN r.id IS NULL THEN NULL ELSE b.code || '-' || r.number END AS room,
       b.code AS building, r.floor, t.sampled_at, t.kind AS test_kind
FROM alerts a
LEFT JOIN stays s ON s.id = a.stay_id
LEFT JOIN people p ON p.id = s.person_id
LEFT JOIN rooms r ON r.id = s.room_id
LEFT JOIN buildings b ON b.id = r.building_id
LEFT JOIN tests t ON t.id = a.test_id
LEFT JOIN staff st ON st.id = t.staff_id
"""


def open_alerts(db: Database, kinds: Sequence[str] = ("positive", "pool_positive", "staff_positive", "child_alone"),
                ) -> list[dict[str, Any]]:
    marks = ", ".join("?" * len(kinds))
    return db.query(ALERT_SELECT + f" WHERE a.handled_at IS NULL AND a.kind IN ({marks}) "
                    "ORDER BY a.raised_at, a.id", list(kinds))


def alert(db: Database, alert_id: int) -> dict[str, Any] | None:
    return db.query_one(ALERT_SELECT + " WHERE a.id = ?", (alert_id,))


def positive_before_arrival(db: Database, person_id: int) -> dict[str, Any] | None:
    """A positive result on one of this person's stays that is still expected."""
    return db.query_one("SELECT t.* FROM tests t JOIN stays s ON s.id = t.stay_id "
                        "WHERE s.person_id = ? AND s.status = 'expected' AND t.result = 'positive' "
                        "ORDER BY t.id DESC LIMIT 1", (person_id,))


def expected_stays_with_positive(db: Database, stay_ids: list[int]) -> set[int]:
    if not stay_ids:
        return set()
    marks = ", ".join("?" * len(stay_ids))
    return {r[0] for r in db.execute(
        f"SELECT DISTINCT s.id FROM stays s JOIN tests t ON t.stay_id = s.id WHERE s.id IN ({marks}) "
        "AND s.status = 'expected' AND t.result = 'positive'", stay_ids)}


def set_alert_note(db: Database, alert_id: int, note: str | None) -> None:
    db.execute("UPDATE alerts SET note = ? WHERE id = ?", (note, alert_id))


def handle_alert(db: Database, alert_id: int, at: datetime, actor: str, note: str | None) -> None:
    db.execute("UPDATE alerts SET handled_at = ?, handled_by = ?, note = ? WHERE id = ?",
               (_iso(at), actor, note, alert_id))


# -- health checks ----------------------------------------------------------------
def health_round(db: Database, day: str, slot: str, *, building: str | None = None,
                 floor: int | None = None) -> list[dict[str, Any]]:
    """People present on ``day`` with their check of ``slot`` (NULL when missing), room order."""
    where = [f"s.status IN {ON_SITE_SQL}", "substr(s.checked_in_at, 1, 10) <= ?"]
    params: list[Any] = [day, slot, day]  # the join's two placeholders come first
    _place(where, params, building, floor)
    return db.query("""
SELECT s.id AS stay_id, s.status, p.name, p.id_number, b.code AS building, r.floor,
       r.number AS room_number, b.code || '-' || r.number AS room, s.checked_in_at,
       h.id AS check_id, h.taken_at, h.temperature, h.symptoms, h.recorded_by
FROM stays s
JOIN people p ON p.id = s.person_id
JOIN rooms r ON r.id = s.room_id
JOIN buildings b ON b.id = r.building_id
LEFT JOIN health_checks h ON h.stay_id = s.id AND substr(h.taken_at, 1, 10) = ? AND h.slot = ?
WHERE """ + " AND ".join(where) + " ORDER BY b.sort_order, b.code, r.floor, r.number, p.name", params)


def fevers_since(db: Database, since: str, threshold: float) -> list[dict[str, Any]]:
    return db.query(f"""
SELECT h.*, p.name, b.code || '-' || r.number AS room, b.code AS building, r.floor
FROM health_checks h
JOIN stays s ON s.id = h.stay_id
JOIN people p ON p.id = s.person_id
LEFT JOIN rooms r ON r.id = s.room_id
LEFT JOIN buildings b ON b.id = r.building_id
WHERE h.taken_at >= ? AND h.temperature >= ? AND s.status IN {ON_SITE_SQL}
ORDER BY h.taken_at DESC""", (since, threshold))


def replace_health_check(db: Database, row: dict[str, Any]) -> int:
    from .repositories import insert
    db.execute("DELETE FROM health_checks WHERE stay_id = ? AND slot = ? AND substr(taken_at, 1, 10) = ?",
               (row["stay_id"], row["slot"], _iso(row["taken_at"])[:10]))
    return insert(db, "health_checks", row)


# -- staff ----------------------------------------------------------------------
def staff_list(db: Database, include_inactive: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT * FROM staff"
    if not include_inactive:
        sql += " WHERE active = 1"
    return db.query(sql + " ORDER BY team, role, name")


def staff_by_id_number(db: Database, id_number: str) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM staff WHERE id_number = ? AND active = 1", (id_number,))


def staff_tests(db: Database, day: str) -> list[dict[str, Any]]:
    return db.query("SELECT t.*, st.name, st.role, st.team, st.id_number, po.code AS pool_code "
                    "FROM tests t JOIN staff st ON st.id = t.staff_id LEFT JOIN pools po ON po.id = t.pool_id "
                    "WHERE t.due_date = ? ORDER BY st.team, st.name", (day,))


def staff_test_dates(db: Database, staff_id: int, since: str) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT due_date FROM tests WHERE staff_id = ? AND due_date >= ?",
                                     (staff_id, since))]


def staff_tests_for(db: Database, staff_id: int, day: str) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM tests WHERE staff_id = ? AND due_date = ? ORDER BY id", (staff_id, day))


# -- imports ------------------------------------------------------------------------
def latest_stay_for_person(db: Database, person_id: int) -> dict[str, Any] | None:
    from .repositories import STAY_SELECT
    return db.query_one(STAY_SELECT + " WHERE s.person_id = ? ORDER BY "
                        f"s.status IN {ON_SITE_SQL} DESC, s.id DESC LIMIT 1",
                        (person_id,))


def tests_on(db: Database, *, stay_id: int | None = None, staff_id: int | None = None,
             day: str | None = None) -> list[dict[str, Any]]:
    col, value = ("stay_id", stay_id) if stay_id is not None else ("staff_id", staff_id)
    if day is None:
        return db.query(f"SELECT * FROM tests WHERE {col} = ? ORDER BY due_date, id", (value,))
    return db.query(f"SELECT * FROM tests WHERE {col} = ? AND (due_date = ? OR substr(sampled_at, 1, 10) = ?) "
                    "ORDER BY sampled_at IS NULL, id", (value, day, day))


# -- small writes the services need ----------------------------------------------------
def set_pool_sampled(db: Database, pool_id: int, at: datetime) -> None:
    """The pool's sampling time is its first sample's."""
    db.execute("UPDATE pools SET sampled_at = coalesce(sampled_at, ?) WHERE id = ?", (_iso(at), pool_id))


def set_pool_result(db: Database, pool_id: int, result: str, at: datetime) -> None:
    db.execute("UPDATE pools SET result = ?, result_at = ? WHERE id = ?", (result, _iso(at), pool_id))


def delete_unsampled_tests(db: Database, stay_id: int) -> None:
    db.execute("DELETE FROM tests WHERE stay_id = ? AND sampled_at IS NULL", (stay_id,))


def delete_future_staff_tests(db: Database, staff_id: int, after: str) -> None:
    db.execute("DELETE FROM tests WHERE staff_id = ? AND sampled_at IS NULL AND due_date > ?", (staff_id, after))


def others_in_room(db: Database, room_id: int, stay_id: int) -> list[dict[str, Any]]:
    return db.query("SELECT id FROM stays WHERE room_id = ? AND id <> ? AND status = 'in_isolation'",
                    (room_id, stay_id))


def recent_alerts(db: Database, since: str) -> list[dict[str, Any]]:
    """Alerts raised since ``since`` or still open, newest first."""
    # positives only: a child alone (issue 14) is on the banner and the handover sheet
    return db.query(ALERT_SELECT + " WHERE (a.raised_at >= ? OR a.handled_at IS NULL) AND a.kind <> 'child_alone' "
                    "ORDER BY a.raised_at DESC, a.id DESC", (since,))
