"""The site's fixed words, once: every status, category, role, slot and kind the database
stores as text. Each is a ``StrEnum``, so a member *is* its stored string
(``StayStatus.IN_ISOLATION == "in_isolation"``): rows read back compare equal to members,
and members bind to SQL parameters as the text they stand for.

The tuples other modules keep (``roles.ROLES``, ``rooms.ROOM_STATUSES``,
``policy.CATEGORIES``, ``stock.CATEGORIES``...) are derived from these enums as plain
strings. ``tests/domain/test_vocabulary.py`` checks the enums against the schema's CHECK
constraints.
"""
from __future__ import annotations

from enum import StrEnum


class StayStatus(StrEnum):
    """A stay's life: expected -> in isolation (-> awaiting transfer) -> ended."""
    EXPECTED = "expected"
    IN_ISOLATION = "in_isolation"
    AWAITING_TRANSFER = "awaiting_transfer"
    RELEASED = "released"
    TRANSFERRED = "transferred"
    LEFT = "left"


ON_SITE: tuple[str, ...] = (StayStatus.IN_ISOLATION.value, StayStatus.AWAITING_TRANSFER.value)
"""The stays of people on site now (checked in, not yet gone): the active stays."""

CURRENT: tuple[str, ...] = (StayStatus.EXPECTED.value, *ON_SITE)
"""The stays not ended: on site now, or expected to arrive."""

ENDED: tuple[str, ...] = (StayStatus.RELEASED.value, StayStatus.TRANSFERRED.value, StayStatus.LEFT.value)
"""The stays of people who have left the site."""


class RoomStatus(StrEnum):
    READY = "ready"
    OCCUPIED = "occupied"
    AWAITING_DISINFECTION = "awaiting_disinfection"
    OUT_OF_SERVICE = "out_of_service"


class Category(StrEnum):
    """Why a person is isolated (an isolation policy exists per category)."""
    CLOSE_CONTACT = "close_contact"
    SECONDARY_CONTACT = "secondary_contact"
    INBOUND_TRAVELLER = "inbound_traveller"
    RISK_AREA_ARRIVAL = "risk_area_arrival"
    OTHER = "other"


class CountedFrom(StrEnum):
    """Where a policy's day 0 is."""
    LAST_EXPOSURE = "last_exposure"
    ARRIVAL = "arrival"


class Role(StrEnum):
    """A user account's role (what it may do: ``roles.PERMISSIONS``)."""
    MANAGER = "manager"
    MEDICAL = "medical"
    FRONT_DESK = "front_desk"
    LOGISTICS = "logistics"
    VIEWER = "viewer"


class CheckSlot(StrEnum):
    """The two temperature checks of a day."""
    MORNING = "morning"
    EVENING = "evening"


class TestKind(StrEnum):
    __test__ = False  # not a pytest test class
    PCR = "pcr"
    ANTIGEN = "antigen"


class TestResult(StrEnum):
    __test__ = False  # not a pytest test class
    NEGATIVE = "negative"
    POSITIVE = "positive"
    INVALID = "invalid"


class TestPurpose(StrEnum):
    """Why a sample is taken."""
    __test__ = False  # not a pytest test class
    SCHEDULED = "scheduled"
    CHECK_IN = "check_in"
    RELEASE = "release"
    SECOND_LAB = "second_lab"
    RETEST = "retest"
    REGIME = "regime"
    SURFACE = "surface"
    STAFF = "staff"


class ResultSource(StrEnum):
    """How a result was entered: the lab's import, one row at a time, or a bulk negative."""
    IMPORT = "import"
    ROW = "row"
    BULK = "bulk"


class SupplyCategory(StrEnum):
    PROTECTIVE_EQUIPMENT = "protective_equipment"
    DISINFECTANT = "disinfectant"
    TESTING = "testing"
    FOOD_AND_WATER = "food_and_water"
    MEDICINE = "medicine"
    DAILY_NECESSITIES = "daily_necessities"
    MEDICAL_WASTE = "medical_waste"


class Consumption(StrEnum):
    """What a supply item's use follows (its forecast rate is per one of these)."""
    PER_OCCUPANT_DAY = "per_occupant_day"
    PER_STAFF_SHIFT = "per_staff_shift"
    PER_SAMPLE = "per_sample"
    UNPLANNED = "unplanned"


class MovementKind(StrEnum):
    """A stock movement."""
    RECEIPT = "receipt"
    ISSUE = "issue"
    ADJUSTMENT = "adjustment"
    COUNT = "count"
    TRANSFER_OUT = "transfer_out"


class LogKind(StrEnum):
    """A shift log entry."""
    INCIDENT = "incident"
    INSTRUCTION = "instruction"
    NOTE = "note"
