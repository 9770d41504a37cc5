"""SQL of the shift handover area: the shift summary, the shift log, the daily figures.

Times are ISO strings ``YYYY-MM-DDTHH:MM:SS`` (as the services store them), so that
comparisons of text are comparisons of time. "Present at T" means checked in at or before T
and not yet gone at T; it makes every figure reproducible for a shift that is over.
Functions do not open transactions: the service that calls them does.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from .database import Database
from .repositories import ON_SITE_SQL, STAY_SELECT, insert

# A stay counts as on site at moment ? (bound twice).
# Through the status index (people here now) and the ended_at index (people gone since),
# never a scan of every stay in the site's history. Binds ``at`` three times.
# The unary + keeps SQLite from range-scanning idx_stays_checked_in (every stay ever
# recorded) instead of the status and ended_at indexes (only the people present).
_PRESENT_AT = (f"s.id IN (SELECT id FROM stays WHERE status IN {ON_SITE_SQL} "
               "AND +checked_in_at <= ? UNION ALL SELECT id FROM stays WHERE ended_at > ? "
               "AND +checked_in_at <= ?)")

_PERSON_COLUMNS = """
SELECT s.id AS stay_id, p.name, p.id_type, p.id_number, p.sex, p.birth_date, p.special_needs, p.diet,
       s.category, s.status, s.start_date, s.release_date, s.checked_in_at, s.ended_at, s.end_reason,
       s.transfer_destination,
       b.code AS building, r.floor, r.number AS room_number,
       CASE WHEN r.id IS NULL THEN '' ELSE b.code || '-' || r.number END AS room
FROM stays s
JOIN people p ON p.id = s.person_id
LEFT JOIN rooms r ON r.id = s.room_id
LEFT JOIN buildings b ON b.id = r.building_id
"""
_ROOM_ORDER = " ORDER BY b.sort_order, b.code, r.floor, r.number, p.name"


# -- census ----------------------------------------------------------------------
def census_by_category(db: Database, at: str) -> dict[str, int]:
    return {r["category"]: r["n"] for r in db.query(
        f"SELECT s.category, count(*) AS n FROM stays s WHERE {_PRESENT_AT} GROUP BY s.category",
        (at, at, at))}


def present_people(db: Database, at: str) -> list[sqlite3.Row]:
    """Everybody on site at ``at`` with the person columns, in room order: the one pass over
    the people present that the shift summary's census, kitchen and special-needs counts,
    named needs and missing health checks share (reading the rows of everybody present is
    what costs at 50,000 beds; the summary used to do it four or five times).

    Rows are ``sqlite3.Row`` (read by column name; ``dict(row)`` for a dict), not dicts:
    most of them are only counted, and a dict per person present costs more than the count."""
    return db.rows(_PERSON_COLUMNS + f" WHERE {_PRESENT_AT}" + _ROOM_ORDER, (at, at, at))


def buildings(db: Database) -> list[dict[str, Any]]:
    return db.query("SELECT id, code, name FROM buildings ORDER BY sort_order, code")


_ROOM_STATUS_NOW = """
SELECT r.id, b.code AS building, b.sort_order, r.floor, r.number, b.code || '-' || r.number AS label, r.beds,
       r.status, r.status_reason AS reason, r.status_changed_at AS since
FROM rooms r JOIN buildings b ON b.id = r.building_id"""

_ROOM_STATUS_AT = """
SELECT r.id, b.code AS building, b.sort_order, r.floor, r.number, b.code || '-' || r.number AS label, r.beds,
  coalesce(
    (SELECT e.to_status FROM room_events e WHERE e.room_id = r.id AND e.at <= :at
      ORDER BY e.at DESC, e.id DESC LIMIT 1),
    (SELECT e.from_status FROM room_events e WHERE e.room_id = r.id AND e.at > :at
      ORDER BY e.at, e.id LIMIT 1),
    r.status) AS status,
  (SELECT e.reason FROM room_events e WHERE e.room_id = r.id AND e.at <= :at
      ORDER BY e.at DESC, e.id DESC LIMIT 1) AS reason,
  (SELECT e.at FROM room_events e WHERE e.room_id = r.id AND e.at <= :at
      ORDER BY e.at DESC, e.id DESC LIMIT 1) AS since
FROM rooms r JOIN buildings b ON b.id = r.building_id"""


def _room_status_source(db: Database, at: str) -> str:
    """Every room with its status at ``at``: rebuilt from the room events (a room without
    events before ``at`` had the status its first later event started from, or has the
    status it has now); when no room has changed since ``at`` (a shift under way), the
    rooms' own status, read without touching the events."""
    last_change = db.scalar("SELECT max(status_changed_at) FROM rooms")
    return _ROOM_STATUS_NOW if last_change is None or last_change <= at else _ROOM_STATUS_AT


def room_statuses_at(db: Database, at: str) -> list[dict[str, Any]]:
    return db.query(f"SELECT * FROM ({_room_status_source(db, at)}) "
                    "ORDER BY sort_order, building, floor, number", {"at": at})


def room_status_counts(db: Database, at: str) -> list[dict[str, Any]]:
    """Rooms and beds by building and status at ``at``."""
    return db.query(f"SELECT building, status, count(*) AS n, sum(beds) AS beds "
                    f"FROM ({_room_status_source(db, at)}) GROUP BY building, status", {"at": at})


def rooms_in_status_at(db: Database, at: str, statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    marks = ", ".join(f":s{i}" for i in range(len(statuses)))
    params = {"at": at, **{f"s{i}": v for i, v in enumerate(statuses)}}
    return db.query(f"SELECT * FROM ({_room_status_source(db, at)}) WHERE status IN ({marks}) "
                    "ORDER BY sort_order, building, floor, number", params)


# -- people ------------------------------------------------------------------------
def arrivals_between(db: Database, start: str, end: str) -> list[dict[str, Any]]:
    return db.query(_PERSON_COLUMNS + " WHERE s.checked_in_at >= ? AND s.checked_in_at < ? "
                    "ORDER BY s.checked_in_at, s.id", (start, end))


def departures_between(db: Database, start: str, end: str) -> list[dict[str, Any]]:
    """Stays that ended (released, transferred, left) in [start, end); expected stays that
    never arrived are not departures."""
    return db.query(_PERSON_COLUMNS + " WHERE s.ended_at >= ? AND s.ended_at < ? "
                    "AND s.checked_in_at IS NOT NULL ORDER BY s.ended_at, s.id", (start, end))


def releases_due(db: Database, at: str, until_date: str) -> list[sqlite3.Row]:
    """People on site at ``at`` whose planned release date is on or before ``until_date``.

    "On site at ``at``" is written out here rather than through ``_PRESENT_AT``, so that
    the release date narrows the status arm: SQLite ORs a range of idx_stays_status
    (in isolation, release date up to ``until_date``: the people due) with one of
    idx_stays_ended (people gone since ``at``: none for a shift under way), instead of
    visiting everybody present to keep those due. Rows are ``sqlite3.Row`` (by column name,
    ``dict(row)`` for a dict): the summary copies each into its own dict."""
    return db.rows(_PERSON_COLUMNS + " WHERE ((s.status = 'in_isolation' AND s.release_date <= ?) "
                   "OR s.ended_at > ?) AND +s.checked_in_at <= ? AND s.status <> 'awaiting_transfer' "
                   "AND s.release_date <= ? ORDER BY s.release_date, b.sort_order, b.code, "
                   "r.floor, r.number, p.name", (until_date, at, at, until_date))


def present_stays(db: Database, at: str) -> list[dict[str, Any]]:
    """Everybody on site at ``at`` in room order, with the columns of a roster."""
    return db.query(STAY_SELECT + f" WHERE {_PRESENT_AT}" + _ROOM_ORDER, (at, at, at))


# -- tests -------------------------------------------------------------------------
def tests_due_counts(db: Database, first_day: str, last_day: str, start: str, end: str, until: str,
                     present_at: str, owed_until_day: str) -> list[dict[str, Any]]:
    """Per building, the occupants' tests due on first_day..last_day not sampled before
    ``start`` (of people on site some time in [start, end)): how many, how many sampled
    before ``until``, and how many still owed at ``present_at`` (not sampled, person still
    here, due on or before ``owed_until_day``)."""
    return db.query(
        "SELECT coalesce(b.code, '') AS building, count(*) AS due, "
        "sum(t.sampled_at IS NOT NULL AND t.sampled_at < :until) AS done, "
        "sum((t.sampled_at IS NULL OR t.sampled_at >= :until) AND (s.ended_at IS NULL OR s.ended_at > :present) "
        "    AND t.due_date <= :owed_day) AS owed "
        "FROM tests t JOIN stays s ON s.id = t.stay_id "
        "LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id "
        "WHERE t.due_date >= :first AND t.due_date <= :last AND t.purpose <> 'surface' "
        "AND (t.sampled_at IS NULL OR t.sampled_at >= :start) "
        "AND s.checked_in_at IS NOT NULL AND s.checked_in_at < :end AND s.status <> 'expected' "
        "AND (s.ended_at IS NULL OR s.ended_at > :start) GROUP BY b.code",
        {"first": first_day, "last": last_day, "start": start, "end": end, "until": until,
         "present": present_at, "owed_day": owed_until_day})


def results_pending(db: Database, at: str, include_later_results: bool = True) -> list[dict[str, Any]]:
    """Samples taken before ``at`` whose result had not arrived at ``at``. Results that came
    after ``at`` are looked for only when ``include_later_results`` (a shift in the past):
    that arm has no index, while the one of missing results has (tests(result, sampled_at))."""
    later = ("UNION ALL SELECT id FROM tests WHERE result IS NOT NULL AND result_at >= ? AND sampled_at < ? "
             if include_later_results else "")
    params = (at, at, at) if include_later_results else (at,)
    return db.query(
        "SELECT t.id, t.kind, t.purpose, t.due_date, t.sampled_at, s.id AS stay_id, p.name, "
        "CASE WHEN r.id IS NULL THEN '' ELSE b.code || '-' || r.number END AS room "
        "FROM tests t JOIN stays s ON s.id = t.stay_id JOIN people p ON p.id = s.person_id "
        "LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id "
        "WHERE t.id IN (SELECT id FROM tests WHERE result IS NULL AND sampled_at < ? " + later + ") "
        "ORDER BY t.sampled_at, b.sort_order, b.code, r.floor, r.number", params)


def positives(db: Database, start: str, at: str) -> list[dict[str, Any]]:
    """Positive results that came in during [start, at), and earlier positives of people
    still on site at ``at`` (awaiting transfer)."""
    return db.query(
        "SELECT t.id AS test_id, t.kind, t.purpose, t.sampled_at, t.result_at, t.lab, "
        "s.id AS stay_id, s.status, s.ended_at, s.end_reason, s.transfer_destination, s.category, "
        "p.name, p.id_type, p.id_number, "
        "CASE WHEN r.id IS NULL THEN '' ELSE b.code || '-' || r.number END AS room "
        "FROM tests t JOIN stays s ON s.id = t.stay_id JOIN people p ON p.id = s.person_id "
        "LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id "
        "WHERE t.result = 'positive' AND t.result_at < ? "
        "AND (t.result_at >= ? OR s.ended_at IS NULL OR s.ended_at >= ?) "
        "ORDER BY t.result_at, t.id", (at, start, at))


def sampled_between(db: Database, start: str, end: str) -> int:
    return int(db.scalar("SELECT count(*) FROM tests WHERE stay_id IS NOT NULL AND sampled_at >= ? "
                     "AND sampled_at < ?", (start, end)))


# -- health checks -------------------------------------------------------------------
def fevers(db: Database, start: str, end: str, threshold: float) -> list[dict[str, Any]]:
    return db.query(
        "SELECT h.id, h.taken_at, h.slot, h.temperature, h.symptoms, s.id AS stay_id, p.name, "
        "CASE WHEN r.id IS NULL THEN '' ELSE b.code || '-' || r.number END AS room "
        "FROM health_checks h JOIN stays s ON s.id = h.stay_id JOIN people p ON p.id = s.person_id "
        "LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id "
        "WHERE h.taken_at >= ? AND h.taken_at < ? AND h.temperature >= ? "
        "ORDER BY h.taken_at, h.id", (start, end, threshold))


def checked_stays(db: Database, slot: str, day: str, next_day: str) -> set[int]:
    """Stays with a health check of ``slot`` taken on ``day`` (``day`` <= taken_at < ``next_day``)."""
    # the set removes repeats: no DISTINCT (an in-memory temporary b-tree on an encrypted file)
    return {r[0] for r in db.execute("SELECT stay_id FROM health_checks WHERE slot = ? "
                                     "AND taken_at >= ? AND taken_at < ?", (slot, day, next_day))}


# -- shift log -----------------------------------------------------------------------
def insert_log_entry(db: Database, at: str, kind: str, text: str, actor: str) -> int:
    return insert(db, "shift_log", {"at": at, "kind": kind, "text": text, "actor": actor})


def log_entry(db: Database, entry_id: int) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM shift_log WHERE id = ?", (entry_id,))


def resolve_log_entry(db: Database, entry_id: int, at: str) -> None:
    db.execute("UPDATE shift_log SET resolved_at = ? WHERE id = ?", (at, entry_id))


def log_entries(db: Database, start: str, end: str) -> list[dict[str, Any]]:
    """Entries written in [start, end), and incidents from before that were still open at
    ``start`` (a handover waits while an incident is being handled)."""
    return db.query(
        "SELECT * FROM shift_log WHERE (at >= ? AND at < ?) "
        "OR (kind = 'incident' AND at < ? AND (resolved_at IS NULL OR resolved_at >= ?)) "
        "ORDER BY at, id", (start, end, start, start))


def insert_log_entries(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """rows: (at, kind, text, actor, resolved_at)."""
    db.executemany("INSERT INTO shift_log (at, kind, text, actor, resolved_at) VALUES (?, ?, ?, ?, ?)",
                   rows)


# -- daily figures ---------------------------------------------------------------------
def arrivals_per_day(db: Database, since: str) -> dict[str, int]:
    return {r["d"]: r["n"] for r in db.query(
        "SELECT substr(checked_in_at, 1, 10) AS d, count(*) AS n FROM stays "
        "WHERE checked_in_at >= ? GROUP BY d", (since,))}


def endings_per_day(db: Database, since: str) -> list[dict[str, Any]]:
    return db.query(
        "SELECT substr(ended_at, 1, 10) AS d, status, count(*) AS n FROM stays "
        "WHERE ended_at >= ? AND checked_in_at IS NOT NULL GROUP BY d, status", (since,))


def present_now(db: Database) -> int:
    return int(db.scalar(f"SELECT count(*) FROM stays WHERE status IN {ON_SITE_SQL}"))


def planned_releases(db: Database, first_day: str, last_day: str) -> dict[str, int]:
    return {r["d"]: r["n"] for r in db.query(
        "SELECT release_date AS d, count(*) AS n FROM stays WHERE status = 'in_isolation' "
        "AND release_date >= ? AND release_date <= ? GROUP BY release_date",
        (first_day, last_day))}


def overdue_releases(db: Database, before_day: str) -> int:
    return int(db.scalar("SELECT count(*) FROM stays WHERE status = 'in_isolation' AND release_date < ?",
                     (before_day,)))


def released_before(db: Database, end: str) -> int:
    return int(db.scalar("SELECT count(*) FROM stays WHERE status = 'released' AND ended_at < ?", (end,)))


def stay_for_paper(db: Database, stay_id: int) -> dict[str, Any] | None:
    return db.query_one(STAY_SELECT + " WHERE s.id = ?", (stay_id,))


def awaiting_transfer(db: Database) -> list[dict[str, Any]]:
    return db.query(_PERSON_COLUMNS + " WHERE s.status = 'awaiting_transfer'" + _ROOM_ORDER)


def release_due_stays(db: Database, day: str) -> list[dict[str, Any]]:
    """Stays in isolation whose planned release date is ``day`` or earlier, in room order
    (STAY_SELECT rows, for the release notices of a day)."""
    return db.query(STAY_SELECT + " WHERE s.status = 'in_isolation' AND s.release_date <= ?"
                    + _ROOM_ORDER, (day,))
