"""All SQL of the application lives here (and in migrations.py).

Functions take a ``Database`` and return plain dicts / lists of dicts. They do not open
transactions: the service that calls them does.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast, overload

from ..domain.vocabulary import CURRENT, ON_SITE
from .database import Database


def sql_list(words: Iterable[str]) -> str:
    """A fixed set of words (of domain/vocabulary.py, never input) as an SQL IN list."""
    return "(" + ", ".join(f"'{w}'" for w in words) + ")"


ON_SITE_SQL = sql_list(ON_SITE)  # ('in_isolation', 'awaiting_transfer'): on site now
CURRENT_SQL = sql_list(CURRENT)  # ('expected', 'in_isolation', 'awaiting_transfer')

GENESIS_HASH = "0" * 64


@overload
def _iso(value: None) -> None: ...
@overload
def _iso(value: datetime | date | str) -> str: ...
def _iso(value: datetime | date | str | None) -> str | None:
    """A date or time as stored: ISO text, a time to the second (text passes as it is)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    cols = list(row)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    return inserted_id(db.execute(sql, [_iso(row[c]) if isinstance(row[c], (date, datetime)) else row[c]
                                        for c in cols]))


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row the INSERT on ``cur`` made (an int after any INSERT)."""
    return cast(int, cur.lastrowid)


def update(db: Database, table: str, row_id: int, changes: dict[str, Any]) -> None:
    if not changes:
        return
    cols = list(changes)
    sql = f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?"
    values = [_iso(changes[c]) if isinstance(changes[c], (date, datetime)) else changes[c]
              for c in cols]
    db.execute(sql, values + [row_id])


def get(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    return db.query_one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))


# -- settings ----------------------------------------------------------------
def settings(db: Database) -> dict[str, str]:
    return {r["key"]: r["value"] for r in db.query("SELECT key, value FROM settings")}


def set_setting(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))


# -- audit trail ---------------------------------------------------------------
# A keyed entry's hash is "k:" + HMAC-SHA256(site key, payload); entries written before the
# site had a key are plain SHA-256 hex. Once one keyed entry is in the chain, every later one
# must be keyed (see verify_audit_chain).
KEYED_PREFIX = "k:"


def _payload(prev_hash: str, row: dict[str, Any]) -> bytes:
    return json.dumps([prev_hash, row["at"], row["actor"], row["action"], row["entity"],
                       row["entity_id"], row["before"], row["after"]],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _audit_hash(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    payload = _payload(prev_hash, row)
    if key:
        return KEYED_PREFIX + hmac.new(key, payload, hashlib.sha256).hexdigest()
    return hashlib.sha256(payload).hexdigest()


def audit(db: Database, *, actor: str, action: str, entity: str, entity_id: object = None,
          before: dict[str, Any] | None = None, after: dict[str, Any] | None = None, at: datetime) -> None:
    """Append one entry to the hash-chained audit trail (inside the caller's transaction),
    sealed with the site's key when the database has one (``db.audit_key``)."""
    last = db.query_one("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
    prev = last["hash"] if last else GENESIS_HASH
    row = {
        "at": _iso(at), "actor": actor, "action": action, "entity": entity,
        "entity_id": None if entity_id is None else str(entity_id),
        "before": None if before is None else json.dumps(before, ensure_ascii=False, sort_keys=True, default=str),
        "after": None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True, default=str),
    }
    row["prev_hash"] = prev
    row["hash"] = _audit_hash(prev, row, getattr(db, "audit_key", None))
    insert(db, "audit", row)


def verify_audit_chain(db: Database) -> list[int]:
    """Ids of audit entries whose hash or link does not match (an edit or a deletion), or
    that are not sealed with the site's key where they must be (after the first keyed entry;
    a keyed entry cannot be verified without the key and is reported)."""
    broken: list[int] = []
    prev = GENESIS_HASH
    key = getattr(db, "audit_key", None)
    keyed_seen = False
    plain: list[int] = []  # unkeyed entries before the first keyed one
    cur = db.execute("SELECT id, at, actor, action, entity, entity_id, before, after, "
                     "prev_hash, hash FROM audit ORDER BY id")
    names = [d[0] for d in cur.description]
    for values in cur:
        row = dict(zip(names, values, strict=True))
        stored = row["hash"] or ""
        if stored.startswith(KEYED_PREFIX):
            if not keyed_seen and plain and row["action"] != "audit_keyed":
                # plain entries are the history from before the key only when the first
                # keyed entry is the one written when the key was made (storage.database)
                broken.extend(plain)
            keyed_seen = True
            ok = key is not None and hmac.compare_digest(_audit_hash(row["prev_hash"], row, key), stored)
        else:
            ok = not keyed_seen and _audit_hash(row["prev_hash"], row) == stored
            if not keyed_seen:
                plain.append(row["id"])
        if row["prev_hash"] != prev or not ok:
            broken.append(row["id"])
        prev = stored
    return sorted(set(broken))


def audit_is_keyed(db: Database) -> bool:
    """Whether the newest entry is sealed with the key (a site with a key must end keyed: a
    chain rewritten without the key as plain hashes does not)."""
    last = db.scalar("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
    return last is None or str(last).startswith(KEYED_PREFIX)


def audit_head(db: Database) -> tuple[int, int, str]:
    """(entries, id of the newest, its hash): what a handover sheet prints as the anchor."""
    row = db.query_one("SELECT count(*) AS n, max(id) AS last FROM audit")
    if not row or not row["n"]:
        return 0, 0, GENESIS_HASH
    head = db.scalar("SELECT hash FROM audit WHERE id = ?", (row["last"],))
    return int(row["n"]), int(row["last"]), str(head)


def audit_hash_at(db: Database, entry_id: int) -> str | None:
    found: str | None = db.scalar("SELECT hash FROM audit WHERE id = ?", (entry_id,))
    return found


# -- policies ----------------------------------------------------------------
def active_policies(db: Database) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM policies WHERE retired_at IS NULL ORDER BY category")


def active_policy(db: Database, category: str) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM policies WHERE category = ? AND retired_at IS NULL "
                        "ORDER BY id DESC LIMIT 1", (category,))


def retire_policies(db: Database, category: str, at: datetime) -> None:
    db.execute("UPDATE policies SET retired_at = ? WHERE category = ? AND retired_at IS NULL",
               (_iso(at), category))


# -- buildings and rooms -------------------------------------------------------
def building_by_code(db: Database, code: str) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM buildings WHERE code = ?", (code,))


def buildings(db: Database) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM buildings ORDER BY sort_order, code")


def existing_room_numbers(db: Database, building_id: int) -> set[str]:
    return {r[0] for r in db.execute("SELECT number FROM rooms WHERE building_id = ?", (building_id,))}


def insert_rooms(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """rows: (building_id, floor, number, beds, status, status_changed_at)."""
    db.executemany("INSERT INTO rooms (building_id, floor, number, beds, status, status_changed_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", rows)


ROOM_SELECT = """
SELECT r.id, r.building_id, b.code AS building, b.name AS building_name, r.floor, r.number,
       b.code || '-' || r.number AS label, r.beds, r.status, r.status_reason, r.status_changed_at
FROM rooms r JOIN buildings b ON b.id = r.building_id
"""


def room(db: Database, room_id: int) -> dict[str, Any] | None:
    return db.query_one(ROOM_SELECT + " WHERE r.id = ?", (room_id,))


def room_by_label(db: Database, label: str) -> dict[str, Any] | None:
    """'A-0201' (building code, dash, number) or a bare number when it is unique."""
    if "-" in label:
        code, number = label.split("-", 1)
        return db.query_one(ROOM_SELECT + " WHERE b.code = ? AND r.number = ?", (code, number))
    rows = db.query(ROOM_SELECT + " WHERE r.number = ?", (label,))
    return rows[0] if len(rows) == 1 else None


def rooms(db: Database, *, building: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
    where, params = [], []
    if building:
        where.append("b.code = ?")
        params.append(building)
    if status:
        where.append("r.status = ?")
        params.append(status)
    sql = ROOM_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    return db.query(sql + " ORDER BY b.sort_order, b.code, r.floor, r.number", params)


def set_room_status(db: Database, room_id: int, status: str, reason: str | None, at: datetime) -> None:
    db.execute("UPDATE rooms SET status = ?, status_reason = ?, status_changed_at = ? WHERE id = ?",
               (status, reason, _iso(at), room_id))


def room_event(db: Database, room_id: int, at: datetime, from_status: str | None, to_status: str,
               reason: str | None, actor: str, stay_id: int | None = None) -> None:
    insert(db, "room_events", {"room_id": room_id, "at": at, "from_status": from_status,
                               "to_status": to_status, "reason": reason, "actor": actor,
                               "stay_id": stay_id})


def room_history(db: Database, room_id: int, limit: int = 200) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM room_events WHERE room_id = ? ORDER BY at DESC, id DESC LIMIT ?",
                    (room_id, limit))


def room_stays(db: Database, room_id: int, active_only: bool = True) -> list[dict[str, Any]]:
    sql = STAY_SELECT + " WHERE s.room_id = ?"
    if active_only:
        sql += f" AND s.status IN {ON_SITE_SQL}"
    return db.query(sql + " ORDER BY s.checked_in_at DESC", (room_id,))


def suggest_rooms(db: Database, *, beds_needed: int, avoid_category_floors: str | None,
                  limit: int = 20) -> list[dict[str, Any]]:
    """Ready rooms with enough beds: first on floors holding only the same category, then on
    empty floors, then anywhere; smallest fitting room first, then in room order."""
    category = avoid_category_floors or ""
    return db.query(f"""
        WITH floor_mix AS (
          SELECT r2.building_id, r2.floor, sum(s.category = ?) AS same, sum(s.category <> ?) AS other
          FROM stays s JOIN rooms r2 ON r2.id = s.room_id
          WHERE s.status IN {ON_SITE_SQL}
          GROUP BY r2.building_id, r2.floor)
        """ + ROOM_SELECT + """
        LEFT JOIN floor_mix f ON f.building_id = r.building_id AND f.floor = r.floor
        WHERE r.status = 'ready' AND r.beds >= ?
        ORDER BY coalesce(f.other, 0) > 0, coalesce(f.same, 0) = 0, r.beds - ?,
                 b.sort_order, b.code, r.floor, r.number
        LIMIT ?""", (category, category, beds_needed, beds_needed, limit))


# -- people and stays ----------------------------------------------------------
def person_by_document(db: Database, id_type: str, id_number: str) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM people WHERE id_type = ? AND id_number = ?", (id_type, id_number))


def person_by_id_number(db: Database, id_number: str) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM people WHERE id_number = ?", (id_number,))


STAY_SELECT = """
SELECT s.*, p.name, p.sex, p.birth_date, p.id_type, p.id_number, p.phone, p.special_needs,
       p.diet, p.registered_address, p.current_address, p.origin,
       b.code AS building, r.floor, r.number AS room_number,
       CASE WHEN r.id IS NULL THEN NULL ELSE b.code || '-' || r.number END AS room,
       pol.label AS policy_label, pol.preset AS policy_preset, pol.isolation_days,
       pol.home_monitoring_days, pol.counted_from
FROM stays s
JOIN people p ON p.id = s.person_id
JOIN policies pol ON pol.id = s.policy_id
LEFT JOIN rooms r ON r.id = s.room_id
LEFT JOIN buildings b ON b.id = r.building_id
"""

CURRENT_STATUSES = CURRENT


def stay(db: Database, stay_id: int) -> dict[str, Any] | None:
    return db.query_one(STAY_SELECT + " WHERE s.id = ?", (stay_id,))


def active_stay_for_person(db: Database, person_id: int) -> dict[str, Any] | None:
    return db.query_one(STAY_SELECT + " WHERE s.person_id = ? AND s.status IN "
                        + CURRENT_SQL, (person_id,))


def stay_filters(*, statuses: Sequence[str], category: str | None = None, building: str | None = None,
                 search: str | None = None, household_id: int | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) of every list of stays: by status, category,
    building, household, and a search of name, ID number, phone or room."""
    where = [f"s.status IN ({', '.join('?' * len(statuses))})"]
    params: list[Any] = list(statuses)
    if category:
        where.append("s.category = ?")
        params.append(category)
    if building:
        # by room id, so that one building of a large site reads its rooms' stays through
        # idx_stays_room, not every present stay of the site
        where.append("s.room_id IN (SELECT br.id FROM rooms br JOIN buildings bb ON bb.id = br.building_id "
                     "WHERE bb.code = ?)")
        params.append(building)
    if household_id is not None:
        where.append("s.household_id = ?")
        params.append(household_id)
    if search:
        like = f"%{search}%"
        where.append("(p.name LIKE ? OR p.id_number LIKE ? OR p.phone LIKE ? "
                     "OR (b.code || '-' || r.number) LIKE ?)")
        params += [like, like, like, like]
    return " WHERE " + " AND ".join(where), params


STAY_ORDER = " ORDER BY b.sort_order, b.code, r.floor, r.number, p.name"


def stays(db: Database, *, statuses: Sequence[str] = CURRENT_STATUSES, category: str | None = None,
          building: str | None = None, search: str | None = None,
          household_id: int | None = None) -> list[dict[str, Any]]:
    where, params = stay_filters(statuses=statuses, category=category, building=building,
                                 search=search, household_id=household_id)
    return db.query(STAY_SELECT + where + STAY_ORDER, params)


def stay_event(db: Database, stay_id: int, at: datetime, kind: str, actor: str,
               from_value: datetime | date | str | None = None, to_value: datetime | date | str | None = None,
               reason: str | None = None) -> None:
    insert(db, "stay_events", {"stay_id": stay_id, "at": at, "kind": kind,
                               "from_value": _iso(from_value), "to_value": _iso(to_value),
                               "reason": reason, "actor": actor})


def stay_history(db: Database, stay_id: int) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM stay_events WHERE stay_id = ? ORDER BY at, id", (stay_id,))


def active_count_in_room(db: Database, room_id: int) -> int:
    return int(db.scalar("SELECT count(*) FROM stays WHERE room_id = ? AND status IN "
                     + ON_SITE_SQL, (room_id,)))


# -- tests and health checks (release gating) -----------------------------------
def tests_for_stay(db: Database, stay_id: int) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM tests WHERE stay_id = ? ORDER BY due_date, id", (stay_id,))


def checks_for_stay(db: Database, stay_id: int, since: str | None = None) -> list[dict[str, Any]]:
    if since:
        return db.query("SELECT * FROM health_checks WHERE stay_id = ? AND taken_at >= ? "
                        "ORDER BY taken_at", (stay_id, since))
    return db.query("SELECT * FROM health_checks WHERE stay_id = ? ORDER BY taken_at", (stay_id,))


def insert_tests(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """rows: (stay_id, kind, purpose, due_date)."""
    db.executemany("INSERT INTO tests (stay_id, kind, purpose, due_date) VALUES (?, ?, ?, ?)", rows)


def delete_unsampled_tests_after(db: Database, stay_id: int, after: str) -> None:
    db.execute("DELETE FROM tests WHERE stay_id = ? AND sampled_at IS NULL AND due_date > ?",
               (stay_id, after))


# -- counts for `check` --------------------------------------------------------
def table_counts(db: Database) -> dict[str, int]:
    names = [r["name"] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name")]
    return {n: db.scalar(f"SELECT count(*) FROM {n}") for n in names}


# -- bulk history for the demo site ---------------------------------------------
DEMO_LAB, DEMO_SECOND_LAB = "区疾控中心实验室", "第三方医学检验实验室"

# A number from 0 to 999 per row and salt (the day): the demo's "some of them", the same
# rows each time a demo is built with one seed and one date (SQLite's random() is not seeded).
_DEMO_SCRAMBLE = "((id * 2654435761 + ? * 40503) % 1000)"


def _demo_salt(day: str) -> int:
    return date.fromisoformat(day[:10]).toordinal() % 100_000


def bulk_sample_due(db: Database, due_date: str, sampled_at: str, result: str | None,
                    result_at: str | None, recorded_by: str, fraction_permille: int = 1000) -> int:
    """Mark the unsampled tests due on ``due_date`` of people present as sampled (and
    resulted, as a lab's sheet would: the double sample's second by another lab).
    ``fraction_permille`` keeps a share of them unsampled (a missed test): the same share of
    the same people every time the demo is built (``_DEMO_SCRAMBLE``, not ``random()``)."""
    cur = db.execute(
        "UPDATE tests SET sampled_at = ?, result = ?, result_at = ?, recorded_by = ?, "
        "lab = CASE WHEN ? IS NULL THEN NULL WHEN purpose = 'second_lab' THEN ? ELSE ? END, "
        "result_source = CASE WHEN ? IS NULL THEN NULL ELSE 'import' END "
        "WHERE due_date = ? AND sampled_at IS NULL AND stay_id IN "
        f"(SELECT id FROM stays WHERE status IN {ON_SITE_SQL}) "
        f"AND {_DEMO_SCRAMBLE} < ?",
        (sampled_at, result, result_at, recorded_by if result else None, result, DEMO_SECOND_LAB,
         DEMO_LAB, result, due_date, _demo_salt(due_date), fraction_permille))
    return cur.rowcount


def bulk_health_checks(db: Database, day: str, slot: str, taken_at: str, recorded_by: str,
                       skip_permille: int = 0) -> int:
    """Normal temperatures (36.0 to 36.8) for everybody present on ``day``, the same ones
    each time the demo is built."""
    salt = _demo_salt(day) * 2 + (slot == "evening")
    cur = db.execute(
        "INSERT OR IGNORE INTO health_checks (stay_id, taken_at, slot, temperature, symptoms, recorded_by) "
        f"SELECT id, ?, ?, 36.0 + ({_DEMO_SCRAMBLE} % 9) / 10.0, '', ? FROM stays "
        f"WHERE status IN {ON_SITE_SQL} AND substr(checked_in_at, 1, 10) <= ? "
        f"AND {_DEMO_SCRAMBLE} >= ?",
        (taken_at, slot, salt, recorded_by, day, salt, skip_permille))
    return cur.rowcount


def bulk_sample_check_in_tests(db: Database, day: str, result: str | None, result_at: str | None,
                               recorded_by: str) -> int:
    """The check-in samples of ``day``, taken when each person checked in."""
    cur = db.execute(
        "UPDATE tests SET sampled_at = (SELECT checked_in_at FROM stays WHERE stays.id = tests.stay_id), "
        "result = ?, result_at = ?, recorded_by = ? "
        "WHERE purpose = 'check_in' AND due_date = ? AND sampled_at IS NULL",
        (result, result_at, recorded_by if result else None, day))
    return cur.rowcount
