"""SQL of the read models in services/queries.py: the room board's names, the census and the
health report of `isolation-desk check`. Reads only."""
from __future__ import annotations

from .database import Database

# Stays that hold a bed: the person is on site.
PRESENT_STATUSES = ("in_isolation", "awaiting_transfer")


def _present_marks() -> str:
    return ", ".join("?" * len(PRESENT_STATUSES))


def occupant_names(db: Database) -> list[tuple[int | None, str]]:
    """(room id, name) of everybody on site, by name."""
    rows = db.query("SELECT s.room_id, p.name FROM stays s JOIN people p ON p.id = s.person_id "
                    f"WHERE s.status IN ({_present_marks()}) ORDER BY p.name", PRESENT_STATUSES)
    return [(r["room_id"], r["name"]) for r in rows]


def occupied_count(db: Database) -> int:
    """How many people are on site."""
    return int(db.scalar(f"SELECT count(*) FROM stays WHERE status IN ({_present_marks()})",
                         PRESENT_STATUSES))


def beds_in_service(db: Database) -> int:
    return int(db.scalar("SELECT coalesce(sum(beds), 0) FROM rooms WHERE status <> 'out_of_service'"))


def rooms_by_status(db: Database) -> dict[str, int]:
    return {r["status"]: r["n"]
            for r in db.query("SELECT status, count(*) AS n FROM rooms GROUP BY status")}


def integrity_check(db: Database) -> str:
    """PRAGMA integrity_check's first line: 'ok' for a sound file."""
    return str(db.scalar("PRAGMA integrity_check"))


def foreign_key_errors(db: Database) -> int:
    """How many rows point at a row that is not there."""
    return len(db.query("PRAGMA foreign_key_check"))
