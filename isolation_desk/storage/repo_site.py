"""SQL of the site's set-up beyond repositories.py: where a new building goes in the
site's order, and a room's number of beds. Functions do not open transactions."""
from __future__ import annotations

from .database import Database


def next_building_order(db: Database) -> int:
    """The sort order of a building added after every existing one (1 for the first)."""
    last: int | None = db.scalar("SELECT max(sort_order) FROM buildings")
    return (last or 0) + 1


def set_room_beds(db: Database, room_id: int, beds: int) -> None:
    db.execute("UPDATE rooms SET beds = ? WHERE id = ?", (beds, room_id))
