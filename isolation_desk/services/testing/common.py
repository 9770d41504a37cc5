"""What the parts of the testing service share: the result words, clock slack, the
release-relevant purposes, ``Outcome`` (what a results action changed), a test read by id,
and a test row as lists show it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from ...domain.dates import stored_date, stored_datetime
from ...domain.errors import DomainError
from ...domain.identity import mask_id
from ...domain.vocabulary import TestPurpose, TestResult
from ...storage import repositories as repo
from ...storage.database import Database

Row = dict[str, Any]  # a record as storage reads it, by column name

RESULTS: tuple[str, ...] = tuple(r.value for r in TestResult)
RESULT_ZH = {"negative": "阴性", "positive": "阳性", "invalid": "无效"}  # for the Chinese sentence of a code
CLOCK_SLACK = timedelta(minutes=5)
OVERDUE_AFTER = timedelta(hours=24)
# Samples whose result decides a release: never satisfied by a bulk negative alone
RELEASE_RELEVANT: tuple[str, ...] = (TestPurpose.RELEASE.value, TestPurpose.SECOND_LAB.value, TestPurpose.SURFACE.value)
masked = lru_cache(maxsize=100_000)(mask_id)  # lists repeat each person's ID on every row


@dataclass
class Outcome:
    """What a results action changed: counts, alerts raised, re-tests created, restarts."""
    recorded: int = 0
    alerts: list[int] = field(default_factory=list)
    retests: list[int] = field(default_factory=list)
    restarted: list[int] = field(default_factory=list)
    positives: list[int] = field(default_factory=list)  # test ids


def secs(value: datetime) -> datetime:
    return value.replace(microsecond=0)


def day_of(value: object) -> date:
    """A stored date that is never empty (a stay's start or release date, a due date)."""
    day = stored_date(value)
    assert day is not None, value
    return day


def moment_of(value: object) -> datetime:
    """A stored time that is never empty (a sampled test's ``sampled_at``)."""
    moment = stored_datetime(value)
    assert moment is not None, value
    return moment


def known_test(db: Database, test_id: int) -> Row:
    t = repo.get(db, "tests", test_id)
    if t is None:
        raise DomainError("test_unknown", test_id=test_id)
    return t


def check_time(value: datetime, now: datetime, field_name: str) -> None:
    if value > now + CLOCK_SLACK:
        raise DomainError("datetime_future", field=field_name, value=value.isoformat(" ", "minutes"))


def listed_test(t: Row, now: datetime | None = None) -> Row:
    """A test as lists show it: the ID masked, the room never None, overdue (a result
    pending over ``OVERDUE_AFTER``, when ``now`` is given)."""
    t = dict(t)
    t["id_masked"] = masked(t.get("id_number") or "")
    t["room"] = t.get("room") or ""
    if now is not None and t.get("sampled_at") and not t.get("result"):
        t["overdue"] = moment_of(t["sampled_at"]) < now - OVERDUE_AFTER
    else:
        t["overdue"] = False
    return t
