"""The room cycle: ready -> occupied -> awaiting terminal disinfection -> ready,
and ready <-> out of service."""
from __future__ import annotations

from .errors import DomainError

ROOM_STATUSES = ("ready", "occupied", "awaiting_disinfection", "out_of_service")

# (from, to) -> the action that makes the move.
TRANSITIONS = {
    ("ready", "occupied"): "check_in",
    ("occupied", "awaiting_disinfection"): "vacate",
    ("awaiting_disinfection", "ready"): "disinfected",
    ("ready", "out_of_service"): "out_of_service",
    ("out_of_service", "ready"): "back_in_service",
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
    if target == "occupied":
        raise DomainError("room_not_ready", status=current)
    if target == "ready" and current == "occupied":
        raise DomainError("room_occupied", status=current)
    raise DomainError("room_transition_illegal", from_status=current, to_status=target)


def room_label(building_code: str, number: str) -> str:
    return f"{building_code}-{number}"
