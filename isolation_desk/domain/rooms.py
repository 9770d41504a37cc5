"""The room cycle: ready -> occupied -> awaiting terminal disinfection -> ready,
and ready <-> out of service."""
from __future__ import annotations

from .errors import DomainError
from .vocabulary import RoomStatus

ROOM_STATUSES: tuple[str, ...] = tuple(s.value for s in RoomStatus)

# (from, to) -> the action that makes the move.
_READY, _OCCUPIED = RoomStatus.READY, RoomStatus.OCCUPIED
_DIRTY, _OUT = RoomStatus.AWAITING_DISINFECTION, RoomStatus.OUT_OF_SERVICE
TRANSITIONS: dict[tuple[str, str], str] = {
    (_READY, _OCCUPIED): "check_in",
    (_OCCUPIED, _DIRTY): "vacate",
    (_DIRTY, _READY): "disinfected",
    (_READY, _OUT): "out_of_service",
    (_OUT, _READY): "back_in_service",
}


def check_transition(current: str, target: str) -> str:
    """Return the action for a legal move; refuse an illegal one with a reason code."""
    if current not in ROOM_STATUSES:
        raise DomainError("room_status_unknown", value=current)
    if target not in ROOM_STATUSES:
        raise DomainError("room_status_unknown", value=target)
    action = TRANSITIONS.get((current, target))
    if action is not None:
        return action
    if target == RoomStatus.OCCUPIED:
        raise DomainError("room_not_ready", status=current)
    if target == RoomStatus.READY and current == RoomStatus.OCCUPIED:
        raise DomainError("room_occupied", status=current)
    raise DomainError("room_transition_illegal", from_status=current, to_status=target)


def room_label(building_code: str, number: str) -> str:
    return f"{building_code}-{number}"
