"""SQL behind the main window's read models (room board badges, occupants' last test)."""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from . import repositories as repo
from .database import Database
from .repositories import ON_SITE_SQL


def room_badges(db: Database, today: str, fever_since: str, fever_threshold: float,
                building: str | None = None) -> list[tuple[Any, ...]]:
    """One row per occupied room, as a tuple (room_id, names, occupants, release_due,
    test_due, positive, fever): tuples, because at 50,000 beds building dicts costs more
    than the query.

    The badge sets come from the narrow indexes (tests by due date, tests by result,
    health checks by time) as IN lists, and only present stays are read (by status), so
    the cost follows the number of present occupants, not the size of the history.
    The same as LEFT JOINs on CTEs was many times slower (SQLite walked every stay by room
    and scanned the CTE for each), and without
    INDEXED BY the fever set scanned every health check (the covering index is migration
    0007_ui_fever_index). The present stays, their people's names and the tests due today
    are read from covering indexes (0011_room_board_covering_indexes), not from the tables'
    rows scattered over the file: a first read decrypts a few dozen pages, not ~1,900.

    ``building``: only that building's rooms, found through ``idx_stays_room`` room by room
    (1,000 rooms of a 50,000-bed site: the present stays of those rooms, not of the site).
    """
    params = {"today": today, "since": fever_since, "threshold": fever_threshold, "building": building}
    if building:
        # One building: its rooms' present stays, each badge an index seek per stay (EXISTS):
        # the site-wide IN lists below would read every test due today on the site.
        return db.execute(f"""
SELECT s.room_id,
       group_concat(p.name, '、') AS names,
       count(*) AS occupants,
       max(s.release_date <= :today) AS release_due,
       max(EXISTS (SELECT 1 FROM tests t WHERE t.stay_id = s.id AND t.due_date = :today
                   AND t.sampled_at IS NULL)) AS test_due,
       max(s.status = 'awaiting_transfer'
           OR EXISTS (SELECT 1 FROM tests t WHERE t.stay_id = s.id AND t.result = 'positive')) AS positive,
       max(EXISTS (SELECT 1 FROM health_checks h INDEXED BY idx_health_checks_stay
                   WHERE h.stay_id = s.id AND h.taken_at >= :since AND h.temperature >= :threshold)) AS fever
FROM stays s INDEXED BY idx_stays_room JOIN people p ON p.id = s.person_id
WHERE s.room_id IN (SELECT r.id FROM rooms r JOIN buildings b ON b.id = r.building_id WHERE b.code = :building)
  AND s.status IN {ON_SITE_SQL}
GROUP BY s.room_id""", params).fetchall()
    return db.execute(f"""
SELECT s.room_id,
       group_concat(p.name, '、') AS names,
       count(*) AS occupants,
       max(s.release_date <= :today) AS release_due,
       max(s.id IN (SELECT stay_id FROM tests
                    WHERE due_date = :today AND sampled_at IS NULL AND stay_id IS NOT NULL)) AS test_due,
       max(s.status = 'awaiting_transfer'
           OR s.id IN (SELECT stay_id FROM tests WHERE result = 'positive' AND stay_id IS NOT NULL)) AS positive,
       max(s.id IN (SELECT stay_id FROM health_checks INDEXED BY idx_health_checks_fever
                    WHERE taken_at >= :since AND temperature >= :threshold)) AS fever
FROM stays s INDEXED BY idx_stays_present JOIN people p INDEXED BY idx_people_id_name ON p.id = s.person_id
WHERE s.status IN {ON_SITE_SQL} AND s.room_id IS NOT NULL
GROUP BY s.room_id""", params).fetchall()


def room_cells(db: Database, building: str | None = None) -> list[tuple[Any, ...]]:
    """The rooms of the board in building, floor, number order, as tuples (id, building,
    building_name, floor, number, label, beds, status, status_reason): the first fields of
    ``boards.RoomTile``, in its order."""
    sql = ("SELECT r.id, b.code AS building, b.name AS building_name, r.floor, r.number, "
           "b.code || '-' || r.number AS label, r.beds, r.status, coalesce(r.status_reason, '') "
           "FROM rooms r JOIN buildings b ON b.id = r.building_id")
    params: list[Any] = []
    if building:
        sql += " WHERE b.code = ?"
        params.append(building)
    return db.execute(sql + " ORDER BY b.sort_order, b.code, r.floor, r.number", params).fetchall()


def room_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM rooms"))


def ready_rooms(db: Database, min_beds: int = 1, limit: int = 5000) -> list[dict[str, Any]]:
    return db.query("SELECT r.id, b.code || '-' || r.number AS label, r.beds FROM rooms r "
                    "JOIN buildings b ON b.id = r.building_id WHERE r.status = 'ready' AND r.beds >= ? "
                    "ORDER BY b.sort_order, b.code, r.floor, r.number LIMIT ?", (min_beds, limit))


def shared_rooms(db: Database) -> list[dict[str, Any]]:
    """Active stays whose room has a free bed (possible household hosts)."""
    return db.query(f"""
SELECT s.id AS stay_id, p.name, b.code || '-' || r.number AS room, r.beds,
       (SELECT count(*) FROM stays s2 WHERE s2.room_id = r.id
          AND s2.status IN {ON_SITE_SQL}) AS present
FROM stays s JOIN people p ON p.id = s.person_id JOIN rooms r ON r.id = s.room_id
JOIN buildings b ON b.id = r.building_id
WHERE s.status = 'in_isolation' AND r.beds > 1
  AND (SELECT count(*) FROM stays s2 WHERE s2.room_id = r.id
          AND s2.status IN {ON_SITE_SQL}) < r.beds
ORDER BY b.sort_order, b.code, r.floor, r.number""")


OCCUPANT_LIST_SELECT = """
SELECT s.id, s.category, s.status, s.start_date, s.release_date,
       p.name, p.sex, p.birth_date, p.id_type, p.id_number, p.phone,
       b.code AS building,
       CASE WHEN r.id IS NULL THEN NULL ELSE b.code || '-' || r.number END AS room,
       pol.label AS policy_label,
       (SELECT t.sampled_at || '|' || coalesce(t.result, '') FROM tests t
         WHERE t.stay_id = s.id AND t.sampled_at IS NOT NULL
         ORDER BY t.sampled_at DESC, t.id DESC LIMIT 1) AS last_test
FROM stays s
JOIN people p ON p.id = s.person_id
JOIN policies pol ON pol.id = s.policy_id
LEFT JOIN rooms r ON r.id = s.room_id
LEFT JOIN buildings b ON b.id = r.building_id
"""


def occupant_list(db: Database, *, statuses: Sequence[str], category: str | None = None, building: str | None = None,
                  search: str | None = None) -> list[sqlite3.Row]:
    """The occupants screen's rows: the columns ``queries.occupant_row`` reads, and the last
    sampled test, with the same filters as ``repositories.stays`` (narrower, so faster)."""
    where, params = repo.stay_filters(statuses=statuses, category=category, building=building,
                                      search=search)
    return db.rows(OCCUPANT_LIST_SELECT + where + repo.STAY_ORDER, params)
