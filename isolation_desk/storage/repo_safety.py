"""SQL of issue 14's safety rules: households that share a room, positives still open near a
person about to be released, children left alone in a room, the release hand-off.

Like repositories.py: plain dicts back, no transactions (the calling service opens them).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .database import Database
from .repositories import ON_SITE_SQL, STAY_SELECT, _iso


def household_room_mates(db: Database, stay_id: int) -> list[dict[str, Any]]:
    """The other active members of this stay's household in this stay's room."""
    return db.query(STAY_SELECT + f"""
        WHERE s.status IN {ON_SITE_SQL} AND s.id <> ?
          AND s.household_id = (SELECT household_id FROM stays WHERE id = ?)
          AND s.room_id = (SELECT room_id FROM stays WHERE id = ?)
        ORDER BY s.id""", (stay_id, stay_id, stay_id))


def open_positives_near(db: Database, stay_id: int) -> list[dict[str, Any]]:
    """Unacknowledged positive alerts of other people in this stay's room or on its floor
    (same building, same floor): (room, raised_at) rows."""
    return db.query("""
        SELECT a.id, a.raised_at, b.code || '-' || r.number AS room
        FROM alerts a
        JOIN stays s ON s.id = a.stay_id
        JOIN rooms r ON r.id = s.room_id
        JOIN buildings b ON b.id = r.building_id
        JOIN stays me ON me.id = ?
        JOIN rooms mr ON mr.id = me.room_id
        WHERE a.kind = 'positive' AND a.handled_at IS NULL AND a.stay_id <> me.id
          AND r.building_id = mr.building_id AND r.floor = mr.floor
        ORDER BY a.raised_at, a.id""", (stay_id,))


def open_alerts_of_stay(db: Database, stay_id: int, kind: str) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM alerts WHERE stay_id = ? AND kind = ? AND handled_at IS NULL",
                    (stay_id, kind))


def close_alerts_of_stay(db: Database, stay_id: int, kind: str, at: datetime, actor: str, note: str) -> int:
    cur = db.execute("UPDATE alerts SET handled_at = ?, handled_by = ?, note = coalesce(note, ?) "
                     "WHERE stay_id = ? AND kind = ? AND handled_at IS NULL",
                     (_iso(at), actor, note, stay_id, kind))
    return cur.rowcount


def releases_not_notified(db: Database, since: str | None = None) -> list[dict[str, Any]]:
    """Released stays whose destination community has not been told yet."""
    sql = STAY_SELECT + " WHERE s.status = 'released' AND s.community_notified = 0"
    params: list[Any] = []
    if since:
        sql += " AND s.ended_at >= ?"
        params.append(since)
    return db.query(sql + " ORDER BY s.ended_at, s.id", params)


def children_alone_at(db: Database, at: str) -> list[dict[str, Any]]:
    """child_alone alerts raised by ``at`` and not handled by then, with the child's room."""
    return db.query("""
        SELECT a.id AS alert_id, a.raised_at, s.id AS stay_id, p.name, p.id_number,
               b.code || '-' || r.number AS room
        FROM alerts a
        JOIN stays s ON s.id = a.stay_id
        JOIN people p ON p.id = s.person_id
        LEFT JOIN rooms r ON r.id = s.room_id
        LEFT JOIN buildings b ON b.id = r.building_id
        WHERE a.kind = 'child_alone' AND a.raised_at <= ?
          AND (a.handled_at IS NULL OR a.handled_at > ?)
        ORDER BY a.raised_at, a.id""", (at, at))


def releases_not_notified_by(db: Database, until: str) -> list[dict[str, Any]]:
    """Released before ``until`` and not notified, or notified only at or after ``until``."""
    return db.query("SELECT id FROM stays WHERE status = 'released' AND ended_at < ? "
                    "AND (community_notified = 0 OR community_notified_at >= ?)", (until, until))
