"""What an action changed: the kinds of records a write touches, so that the window re-reads
exactly the screens that show them (Anki's ``OpChanges``, as a set).

Every service that writes is marked with the kinds it may touch
(``services.changes.writes``); the window asks the service, never guesses at the call site.
A screen names the kinds it shows; a change that shares none of them leaves it alone.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """A kind of record, as a screen shows it."""

    STAYS = "stays"          # people, their stays, households, release dates
    ROOMS = "rooms"          # rooms, buildings, the room cycle
    TESTS = "tests"          # tests, samples, pools, results, staff tests
    HEALTH = "health"        # temperature and symptom checks
    ALERTS = "alerts"        # positive alerts and their handling
    STOCK = "stock"          # supply items, lots, the ledger
    SETTINGS = "settings"    # site settings, policies
    USERS = "users"          # accounts and their key slots
    SHIFT_LOG = "shift_log"  # the shift's log entries
    STAFF = "staff"          # staff on site (their own tests)
    AUDIT = "audit"          # the audit trail (every action adds to it)


@dataclass(frozen=True)
class Changes:
    """The kinds of records an action touched. Empty: nothing changed."""

    kinds: frozenset[Kind] = frozenset()

    @classmethod
    def of(cls, *kinds: Kind | str) -> Changes:
        return cls(frozenset(Kind(k) for k in kinds))

    @classmethod
    def everything(cls) -> Changes:
        """After a restore, a new site or another user: every screen reads again."""
        return cls(frozenset(Kind))

    def touches(self, kinds: Iterable[Kind]) -> bool:
        """True when this change touched any of ``kinds`` (what a screen shows)."""
        return not self.kinds.isdisjoint(kinds)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)
