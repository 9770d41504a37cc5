"""Room actions: terminal disinfection done, out of service and back."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.rooms import check_transition
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes


def _room_or_fail(db: Database, room_id: int) -> dict[str, Any]:
    room = repo.room(db, room_id)
    if room is None:
        raise DomainError("room_unknown", room_id=room_id)
    return room


def find_room(db: Database, label: str) -> dict[str, Any]:
    room = repo.room_by_label(db, (label or "").strip().upper())
    if room is None:
        raise DomainError("room_unknown", room=label)
    return room


def _set_status(db: Database, room_id: int, target: str, reason: str | None, actor: Actor,
                now: datetime, action: str) -> dict[str, Any]:
    actor.require("rooms")
    room = _room_or_fail(db, room_id)
    check_transition(room["status"], target)
    with db.transaction():
        repo.set_room_status(db, room_id, target, reason, now)
        repo.room_event(db, room_id, now, room["status"], target, reason, actor.username)
        repo.audit(db, actor=actor.username, action=action, entity="room", entity_id=room["label"],
                   before={"status": room["status"]}, after={"status": target, "reason": reason}, at=now)
    return _room_or_fail(db, room_id)


@writes(Kind.ROOMS)
def mark_disinfected(db: Database, room_id: int, actor: Actor, now: datetime, note: str = "") -> dict[str, Any]:
    return _set_status(db, room_id, "ready", note.strip() or None, actor, now, "disinfected")


@writes(Kind.ROOMS)
def take_out_of_service(db: Database, room_id: int, reason: str, actor: Actor, now: datetime) -> dict[str, Any]:
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    return _set_status(db, room_id, "out_of_service", reason.strip(), actor, now, "out_of_service")


@writes(Kind.ROOMS)
def back_in_service(db: Database, room_id: int, actor: Actor, now: datetime) -> dict[str, Any]:
    return _set_status(db, room_id, "ready", None, actor, now, "back_in_service")
