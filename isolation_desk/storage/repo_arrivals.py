"""SQL of the arrivals import: the bulk path for thousands of expected arrivals, the
``imports`` ledger (file sha256, so that a file is imported once), and the remembered
column mapping. Functions do not open transactions: the service does."""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from .database import Database
from .repositories import CURRENT_STATUSES, _iso, inserted_id, set_setting

MAPPING_KEY = "arrivals_mapping"


# -- the imports ledger ----------------------------------------------------------
def import_of_file(db: Database, kind: str, sha256: str) -> dict[str, Any] | None:
    """The first import of a file with this content (any name), or None."""
    return db.query_one("SELECT * FROM imports WHERE kind = ? AND file_sha256 = ? ORDER BY id LIMIT 1",
                        (kind, sha256))


def record_import(db: Database, *, kind: str, file_name: str, sha256: str, at: datetime,
                  rows: int, imported: int, actor: str) -> int:
    return inserted_id(db.execute(
        "INSERT INTO imports (kind, file_name, file_sha256, at, rows, imported, actor) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kind, file_name, sha256, _iso(at), rows, imported, actor)))


# -- who is already here -----------------------------------------------------------
_ACTIVE_COLUMNS = ("SELECT p.id_type, p.id_number, p.name, s.status, "
                   "CASE WHEN r.id IS NULL THEN NULL ELSE b.code || '-' || r.number END AS room ")
_ACTIVE_PLACE = ("LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id "
                 f"WHERE s.status IN ({', '.join('?' * len(CURRENT_STATUSES))})")


def active_documents(db: Database, keys: Iterable[tuple[str, str] | None] | None = None,
                     ) -> dict[tuple[str, str], dict[str, Any]]:
    """(id_type, id_number) -> {name, status, room} of everybody with a current stay; with
    ``keys`` (an iterable of (id_type, id_number)), of those documents only.

    An import asks about its file's few thousand documents: on a large site each is one probe
    of the people index and one of the stays-by-person index, instead of reading every current
    stay (tens of thousands on the largest sites). A probe costs about three
    rows read, so a small site (fewer current stays than a third of the documents) is read
    whole, as before."""
    marks = ", ".join("?" * len(CURRENT_STATUSES))
    wanted = None if keys is None else {k for k in keys if k is not None}
    if wanted is None or 3 * db.scalar(f"SELECT count(*) FROM stays WHERE status IN ({marks})",
                                       CURRENT_STATUSES) <= len(wanted):
        rows = db.query(_ACTIVE_COLUMNS + "FROM stays s JOIN people p ON p.id = s.person_id "
                        + _ACTIVE_PLACE, CURRENT_STATUSES)
    else:
        rows = db.query(
            _ACTIVE_COLUMNS + "FROM (SELECT value ->> 0 AS id_type, value ->> 1 AS id_number "
            "FROM json_each(?)) k CROSS JOIN people p ON p.id_type = k.id_type AND p.id_number = k.id_number "
            "CROSS JOIN stays s ON s.person_id = p.id " + _ACTIVE_PLACE,
            (json.dumps(sorted(wanted), ensure_ascii=False), *CURRENT_STATUSES))
    found = {(r["id_type"], r["id_number"]): r for r in rows}
    return found if wanted is None else {k: v for k, v in found.items() if k in wanted}


# -- bulk writes -------------------------------------------------------------------
PERSON_COLUMNS = ("name", "sex", "birth_date", "id_type", "id_number", "phone",
                  "registered_address", "current_address", "origin", "notes", "special_needs",
                  "created_at")
_KEEP_IF_BLANK = ("sex", "birth_date", "phone", "registered_address", "current_address", "origin", "notes")


def upsert_people(db: Database, people: list[tuple[Any, ...]]) -> dict[tuple[str, str], int]:
    """Insert new people; update known ones (by document) with what the file gives.

    ``people``: tuples in ``PERSON_COLUMNS`` order, dates as ISO text. A blank optional
    field in the file keeps what the site already knew (an earlier stay's phone or
    address); special needs and diet of a known person are kept.
    Returns (id_type, id_number) -> person id.
    """
    if not people:
        return {}
    updates = ", ".join(["name = excluded.name"] + [
        f"{c} = coalesce(nullif(excluded.{c}, ''), people.{c})" for c in _KEEP_IF_BLANK])
    db.executemany(
        f"INSERT INTO people ({', '.join(PERSON_COLUMNS)}) VALUES ({', '.join('?' * len(PERSON_COLUMNS))}) "
        f"ON CONFLICT(id_type, id_number) DO UPDATE SET {updates}", people)
    type_at, number_at = PERSON_COLUMNS.index("id_type"), PERSON_COLUMNS.index("id_number")
    keys = json.dumps([[p[type_at], p[number_at]] for p in people], ensure_ascii=False)
    found = db.execute(
        "SELECT p.id, p.id_type, p.id_number FROM people p "
        "JOIN (SELECT value ->> 0 AS id_type, value ->> 1 AS id_number FROM json_each(?)) k "
        "ON k.id_type = p.id_type AND k.id_number = p.id_number", (keys,))
    return {(t, n): pid for pid, t, n in found}


STAY_COLUMNS = ("person_id", "category", "policy_id", "status", "last_exposure_date",
                "arrival_date", "start_date", "release_date", "destination_community",
                "community_contact", "community_phone", "household_id", "household_role",
                "source", "created_at")


def insert_expected_stays(db: Database, stays: list[tuple[Any, ...]]) -> list[int]:
    """Insert stays (tuples in ``STAY_COLUMNS`` order, dates as ISO text) and return their
    ids in the same order.

    Inside the caller's transaction nobody else writes, so the new rows are exactly those
    above the largest id before the insert, in insertion order.
    """
    if not stays:
        return []
    before = db.scalar("SELECT coalesce(max(id), 0) FROM stays")
    db.executemany(f"INSERT INTO stays ({', '.join(STAY_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(STAY_COLUMNS))})", stays)
    ids = [r[0] for r in db.execute("SELECT id FROM stays WHERE id > ? ORDER BY id", (before,))]
    if len(ids) != len(stays):  # never expected: refuse rather than link events to wrong stays
        raise RuntimeError("stay ids after bulk insert do not match")
    return ids


def insert_stay_events(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """rows: (stay_id, at as ISO text, kind, reason, actor)."""
    db.executemany("INSERT INTO stay_events (stay_id, at, kind, reason, actor) VALUES (?, ?, ?, ?, ?)", rows)


def insert_household(db: Database, label: str, at: datetime) -> int:
    return inserted_id(db.execute("INSERT INTO households (label, created_at) VALUES (?, ?)",
                                  (label, _iso(at))))


def set_household(db: Database, stay_id: int, household_id: int | None, role: str | None) -> None:
    db.execute("UPDATE stays SET household_id = ?, household_role = ? WHERE id = ?",
               (household_id, role, stay_id))


def household_label(db: Database, household_id: int) -> str | None:
    label: str | None = db.scalar("SELECT label FROM households WHERE id = ?", (household_id,))
    return label


# -- the remembered column mapping ---------------------------------------------------
def remembered_mapping(db: Database) -> dict[str, str | None]:
    text = db.scalar("SELECT value FROM settings WHERE key = ?", (MAPPING_KEY,))
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): (v if isinstance(v, (str, type(None))) else None) for k, v in value.items()}


def remember_mapping(db: Database, mapping: dict[str, str | None]) -> None:
    set_setting(db, MAPPING_KEY, json.dumps(mapping, ensure_ascii=False, sort_keys=True))
