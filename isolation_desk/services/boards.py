"""Read models of the main window: the room board with its badges, the occupants list,
the status bar. The room board's badges are computed here and nowhere else."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from ..domain.vocabulary import CURRENT
from ..storage import repo_ui
from ..storage import repositories as repo
from ..storage.database import Database
from . import queries
from .site import get_settings

BADGES = ("test_due", "release_due", "fever", "positive")


class RoomTile(NamedTuple):
    """One room of the board (a named tuple: a board of 50,000 rooms builds 50,000 of them,
    and a frozen dataclass is slower to build)."""
    room_id: int
    building: str
    building_name: str
    floor: int
    number: str
    label: str
    beds: int
    status: str
    status_reason: str
    names: str
    occupants: int
    test_due: bool
    release_due: bool
    fever: bool
    positive: bool


def room_tiles(db: Database, now: datetime, *, building: str | None = None,
               status: str | None = None, badge: str | None = None) -> list[RoomTile]:
    """Every room (of one building, of one status, with one badge) in board order."""
    settings = get_settings(db)
    since = (now - timedelta(hours=24)).replace(microsecond=0).isoformat()
    badges = {r[0]: r for r in repo_ui.room_badges(db, now.date().isoformat(), since,
                                                   settings.fever_threshold, building)}
    tiles = []
    make = tuple.__new__  # RoomTile(...) goes through a Python-level __new__, once per tile
    no_badges = ("", 0, False, False, False, False)
    for cell in repo_ui.room_cells(db, building):  # RoomTile's first nine fields
        if status and cell[7] != status:
            continue
        b = badges.get(cell[0])
        if b is None:
            tile = make(RoomTile, cell + no_badges)
        else:  # (room_id, names, occupants, release_due, test_due, positive, fever)
            tile = make(RoomTile, cell + (b[1] or "", b[2], b[4] == 1, b[3] == 1, b[6] == 1, b[5] == 1))
        if badge and not getattr(tile, badge):
            continue
        tiles.append(tile)
    return tiles


# A site of more rooms than this opens its lists on one building: a list of the whole site
# is slow to read and paint on the largest sites (BENCHMARKS.md), and the staff of a
# building work on that building. "All buildings" stays one choice away.
LARGE_SITE_ROOMS = 5000


def default_building(db: Database, remembered: str | None = None) -> str | None:
    """The building the rooms, occupants and tests lists open on: all of them (None) on a site
    of up to ``LARGE_SITE_ROOMS`` rooms; on a larger one the building last chosen on this
    workstation (``remembered``) if it still exists, else the first building."""
    if repo_ui.room_count(db) <= LARGE_SITE_ROOMS:
        return None
    codes = [b["code"] for b in repo.buildings(db)]
    if remembered in codes:
        return remembered
    return codes[0] if codes else None


def buildings(db: Database) -> list[dict[str, Any]]:
    return [{"code": b["code"], "name": b["name"]} for b in repo.buildings(db)]


def ready_rooms(db: Database, min_beds: int = 1) -> list[dict[str, Any]]:
    return repo_ui.ready_rooms(db, min_beds)


def household_hosts(db: Database) -> list[dict[str, Any]]:
    """People in a room with a free bed: whom a child or a carer could join."""
    return repo_ui.shared_rooms(db)


def occupant_sources(db: Database, *, category: str | None = None, building: str | None = None,
                     status: str | None = None, search: str | None = None) -> list[sqlite3.Row]:
    """The occupants list as read, in room order: one row per stay (sqlite3.Row, read by
    column name) with what ``occupant_view`` formats. The screen formats only the rows it
    shows (ui.models.LazyRowTableModel); ``occupant_rows`` formats them all."""
    statuses: tuple[str, ...] = CURRENT
    if status:
        statuses = (status,)
    return repo_ui.occupant_list(db, statuses=statuses, category=category, building=building,
                                 search=(search or "").strip() or None)


def occupant_view(s: sqlite3.Row, today: date) -> dict[str, Any]:
    """One row of the occupants list: ``queries.occupant_row`` of the stay (the same fields as
    every other list of occupants) plus its last sampled test."""
    # occupant_row reads any mapping by key; its annotation says dict (services/queries.py)
    row = queries.occupant_row(s, today)  # type: ignore[arg-type]
    t = s["last_test"]
    if t:
        at, _, result = t.partition("|")
        row["last_test_at"] = at[:10]
        row["last_test_result"] = result or "pending"
    else:
        row["last_test_at"] = row["last_test_result"] = None
    return row


def occupant_rows(db: Database, today: date, *, category: str | None = None,
                  building: str | None = None, status: str | None = None,
                  search: str | None = None,
                  memo: dict[int, tuple[tuple[Any, ...], dict[str, Any]]] | None = None,
                  ) -> list[dict[str, Any]]:
    """The occupants list, every row formatted (``occupant_view`` of each of
    ``occupant_sources``): exports, tests. ``memo`` (a dict the caller keeps) reuses the row of
    a stay whose data and day have not changed."""
    rows = []
    for s in occupant_sources(db, category=category, building=building, status=status, search=search):
        if memo is not None:
            signature = (today, *s)
            hit = memo.get(s["id"])
            if hit is not None and hit[0] == signature:
                rows.append(hit[1])
                continue
        row = occupant_view(s, today)
        if memo is not None:
            memo[s["id"]] = (signature, row)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Shift:
    kind: str  # 'day' or 'night'
    start: datetime
    end: datetime


def current_shift(db: Database, now: datetime) -> Shift:
    """The shift that ``now`` falls in, from the settings' day and night shift starts."""
    s = get_settings(db)
    day_start, night_start = s.day_shift_start, s.night_shift_start
    return shift_at(now, day_start, night_start)


def shift_at(now: datetime, day_start: time, night_start: time) -> Shift:
    today = now.date()
    d = datetime.combine(today, day_start)
    n = datetime.combine(today, night_start)
    if n <= d:  # night shift starts "before" the day shift on the clock face: unusual, keep sane
        n += timedelta(days=1)
    if d <= now < n:
        return Shift("day", d, n)
    if now >= n:
        return Shift("night", n, d + timedelta(days=1))
    return Shift("night", n - timedelta(days=1), d)


def status_summary(db: Database, now: datetime) -> dict[str, Any]:
    """What the status bar shows: beds occupied / total, the date, the current shift."""
    c = queries.census(db)
    return {"occupied": c["occupied"], "beds": c["beds"], "date": now.date(),
            "shift": current_shift(db, now), "site_name": get_settings(db).site_name}
