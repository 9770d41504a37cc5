"""Read models for screens, printouts and exports. One computation, one place."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..domain.dates import stored_date
from ..domain.households import age_on
from ..domain.identity import mask_id, mask_phone
from ..domain.vocabulary import CURRENT, ENDED
from ..storage import repo_queries as rq
from ..storage import repositories as repo
from ..storage.database import Database
from .testing.common import Row


@lru_cache(maxsize=65536)
def _age(birth_date: object, today: date) -> int | None:
    """Age on ``today`` of a stored birth date, once per (birth date, day)."""
    return age_on(stored_date(birth_date), today)


def occupants(db: Database, *, include_ended: bool = False, category: str | None = None,
              building: str | None = None, status: str | None = None,
              search: str | None = None) -> list[Row]:
    statuses = CURRENT
    if include_ended:
        statuses += ENDED
    if status:
        statuses = (status,)
    return repo.stays(db, statuses=statuses, category=category, building=building,
                      search=(search or "").strip() or None)


@lru_cache(maxsize=65536)
def _stay_days(start_text: str | None, release_text: str | None,
               today: date) -> tuple[date | None, date | None, int | None, int | None]:
    """(start, release, day of the stay, days of the stay) of stored date texts, once per
    combination and day: a list shows thousands of stays that began on a few dozen days."""
    start = stored_date(start_text) if start_text else None  # text or None as stored: "" is no date
    release = stored_date(release_text) if release_text else None
    return (start, release, (today - start).days if start else None,
            (release - start).days if start and release else None)


def occupant_row(s: Row, today: date) -> Row:
    """The fields every list of occupants shows (screen, export, printout)."""
    start, release, day, days = _stay_days(s["start_date"], s["release_date"], today)
    phone = s["phone"]
    return {
        "stay_id": s["id"],
        "room": s["room"] or "",
        "building": s["building"] or "",
        "name": s["name"],
        "sex": s["sex"] or "",
        "age": _age(s["birth_date"], today),
        "category": s["category"],
        "start_date": start,
        "release_date": release,
        "day": day,
        "days": days,
        "status": s["status"],
        "id_type": s["id_type"],
        "id_number": s["id_number"],
        "id_masked": mask_id(s["id_number"]),
        "phone": phone or "",
        "phone_masked": mask_phone(phone) if phone else "",
        "policy": s["policy_label"],
    }


def room_board(db: Database, *, building: str | None = None, status: str | None = None) -> list[Row]:
    """Every room with its occupants' names, in building, floor, room order."""
    rooms = repo.rooms(db, building=building, status=status)
    names: dict[int | None, list[str]] = {}
    for room_id, name in rq.occupant_names(db):
        names.setdefault(room_id, []).append(name)
    for room in rooms:
        room["occupants"] = names.get(room["id"], [])
    return rooms


def census(db: Database) -> Row:
    beds = rq.beds_in_service(db)
    occupied = rq.occupied_count(db)
    by_status = rq.rooms_by_status(db)
    return {"beds": beds, "occupied": occupied, "rooms": by_status}


def stay_detail(db: Database, stay_id: int) -> Row | None:
    s = repo.stay(db, stay_id)
    if s is None:
        return None
    s["history"] = repo.stay_history(db, stay_id)
    s["tests"] = repo.tests_for_stay(db, stay_id)
    return s


def room_detail(db: Database, room_id: int) -> Row | None:
    room = repo.room(db, room_id)
    if room is None:
        return None
    room["stays"] = repo.room_stays(db, room_id)
    room["history"] = repo.room_history(db, room_id)
    return room


OCCUPANT_EXPORT_FIELDS = ("id_type", "id_number", "name", "sex", "birth_date", "phone", "category",
                          "room", "building", "start_date", "release_date", "status", "policy",
                          "checked_in_at", "ended_at", "end_reason")


def occupants_export(db: Database, include_ended: bool = False) -> list[Row]:
    rows = []
    for s in occupants(db, include_ended=include_ended):
        rows.append({
            "id_type": s["id_type"], "id_number": s["id_number"], "name": s["name"],
            "sex": s["sex"], "birth_date": s["birth_date"], "phone": s["phone"],
            "category": s["category"], "room": s["room"], "building": s["building"],
            "start_date": s["start_date"], "release_date": s["release_date"],
            "status": s["status"], "policy": s["policy_label"],
            "checked_in_at": s["checked_in_at"], "ended_at": s["ended_at"],
            "end_reason": s["end_reason"],
        })
    return rows


ROOM_EXPORT_FIELDS = ("room", "building", "floor", "number", "beds", "status", "status_reason", "occupants")


def rooms_export(db: Database) -> list[Row]:
    return [{"room": r["label"], "building": r["building"], "floor": r["floor"], "number": r["number"],
             "beds": r["beds"], "status": r["status"], "status_reason": r["status_reason"],
             "occupants": len(r["occupants"])} for r in room_board(db)]


def health_report(db: Database) -> Row:
    """What `isolation-desk check` prints: schema version, counts, audit chain."""
    from ..storage.migrations import SCHEMA_VERSION
    return {
        "schema_version": db.schema_version(),
        "supported_schema_version": SCHEMA_VERSION,
        "integrity": rq.integrity_check(db),
        "foreign_key_errors": rq.foreign_key_errors(db),
        "audit_broken": repo.verify_audit_chain(db),
        "counts": repo.table_counts(db),
    }
