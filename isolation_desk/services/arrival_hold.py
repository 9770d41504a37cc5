"""A positive for a person who has not arrived yet (status ``expected``: the lab's sheet came
before the bus) is held against the arrival: the person never walks into an ordinary room.
Check-in is refused unless the room is the site's holding room (setting ``holding_room``, a
room label such as A-0210); checked in there, the person is at once awaiting transfer. The
other way is the transfer itself (cancel the expected arrival with the hospital as reason).

``stays.check_in`` calls ``check_room`` (one line) so that the front desk, the arrivals
list's bulk check-in and the command line obey the same rule.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain.errors import DomainError
from ..storage import repo_tests as rt
from ..storage import repositories as repo
from ..storage.database import Database
from .site import get_settings

HOLDING_SETTING = "holding_room"


def holding_room(db: Database) -> dict[str, Any] | None:
    """The site's holding room (临时留观房间), or None when the site has not set one."""
    label = (get_settings(db).values.get(HOLDING_SETTING) or "").strip().upper()
    return repo.room_by_label(db, label) if label else None


def held_positive(db: Database, person_id: int) -> dict[str, Any] | None:
    """The positive test held against this person's expected arrival, if any."""
    return rt.positive_before_arrival(db, person_id)


def held_stays(db: Database, stay_ids: Iterable[int]) -> set[int]:
    """Of these expected stays, those with a positive held against the arrival."""
    return rt.expected_stays_with_positive(db, list(stay_ids))


def check_room(db: Database, person_id: int, room: dict[str, Any], name: str) -> bool:
    """Refuse an ordinary room to a person with a positive held; True when the person is
    held and goes into the holding room (the caller marks them awaiting transfer)."""
    if held_positive(db, person_id) is None:
        return False
    holding = holding_room(db)
    if holding is None:
        raise DomainError("holding_room_not_set", field="room", name=name)
    if room["id"] != holding["id"]:
        raise DomainError("positive_awaiting_arrival", field="room", name=name, holding=holding["label"])
    return True
