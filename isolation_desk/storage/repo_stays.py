"""SQL of the stays area that the stays service needs beyond repositories.py: household
children's local numbers, the release-day tests that follow a changed release date, the
alerts a transfer closes, and the site's first check-in. Functions do not open
transactions: the service that calls them does."""
from __future__ import annotations

from .database import Database

# The tests that are taken on the release day and so follow the release date.
RELEASE_DAY_PURPOSES = ("release", "second_lab", "surface")


def local_numbers_taken(db: Database, prefix: str) -> int:
    """How many people hold a local number (document type 'other') ``<prefix>-…``."""
    n = db.scalar("SELECT count(*) FROM people WHERE id_type = 'other' AND id_number LIKE ?",
                  (f"{prefix}-%",))
    return int(n or 0)


def move_release_day_tests(db: Database, stay_id: int, due_date: str) -> None:
    """The stay's unsampled release-day tests fall due on ``due_date``."""
    marks = ", ".join("?" * len(RELEASE_DAY_PURPOSES))
    db.execute("UPDATE tests SET due_date = ? WHERE stay_id = ? AND sampled_at IS NULL "
               f"AND purpose IN ({marks})", (due_date, stay_id, *RELEASE_DAY_PURPOSES))


def tests_due_on(db: Database, stay_id: int, due_date: str) -> int:
    return int(db.scalar("SELECT count(*) FROM tests WHERE stay_id = ? AND due_date = ?",
                         (stay_id, due_date)))


def close_open_alerts(db: Database, stay_id: int, at: str, actor: str, note: str) -> None:
    """Every open alert of the stay handled at ``at`` by ``actor`` (its own note kept)."""
    db.execute("UPDATE alerts SET handled_at = ?, handled_by = ?, note = coalesce(note, ?) "
               "WHERE stay_id = ? AND handled_at IS NULL", (at, actor, note, stay_id))


def first_check_in(db: Database) -> str | None:
    """When the first stay checked in (stored ISO text), None before anyone did."""
    first: str | None = db.scalar("SELECT min(checked_in_at) FROM stays")
    return first
