"""The release decision: allowed, or refused with reason codes."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .vocabulary import ResultSource, StayStatus, TestKind, TestPurpose, TestResult

FEVER_THRESHOLD = 37.3

# Reason codes, in the order a nurse would want to read them.
REASONS = (
    "not_yet_due",
    "test_positive",
    "surface_positive",
    "test_missing",
    "result_pending",
    "result_unconfirmed",
    "fever_24h",
    "positive_nearby",
    "not_in_isolation",
)


@dataclass(frozen=True)
class TestRecord:
    __test__ = False  # not a pytest test class
    due_date: date
    purpose: str
    sampled_at: datetime | None
    result: str | None  # None while pending; 'negative', 'positive', 'invalid'
    kind: str = TestKind.PCR
    lab: str | None = None
    result_source: str | None = None  # 'import', 'row' or 'bulk' (None: before issue 14)


# Tests whose result decides the release: a bulk negative alone never satisfies them.
RELEASE_RELEVANT: tuple[str, ...] = (TestPurpose.RELEASE, TestPurpose.SECOND_LAB, TestPurpose.SURFACE)
DOUBLE_SAMPLE_SECOND_LAB = "double_sample_second_lab"


def _lab_key(lab: str | None) -> str:
    return "".join((lab or "").split()).casefold()


def missing_tests(tests: list[TestRecord], today: date) -> list[tuple[str, date]]:
    """What the release still needs, as (kind, date) items in date order: each test due by
    ``today`` and not sampled (kind: its purpose, e.g. 'release', 'second_lab', 'surface'),
    and the 8th edition's double sample (双采双检) when its two samples do not carry results
    of two different labs ('double_sample_second_lab', on the release day)."""
    items = [(t.purpose, t.due_date) for t in tests if t.sampled_at is None and t.due_date <= today]
    for second in (t for t in tests if t.purpose == TestPurpose.SECOND_LAB and t.due_date <= today):
        if second.sampled_at is None or second.result is None:
            continue  # listed above, or pending: said by its own reason
        first = [t for t in tests if t.purpose == TestPurpose.RELEASE and t.due_date == second.due_date
                 and t.sampled_at is not None and t.result is not None]
        labs = {_lab_key(t.lab) for t in first}
        if not first or not _lab_key(second.lab) or not all(labs) or _lab_key(second.lab) in labs:
            items.append((DOUBLE_SAMPLE_SECOND_LAB, second.due_date))
    return sorted(dict.fromkeys(items), key=lambda x: (x[1], x[0]))


@dataclass(frozen=True)
class HealthRecord:
    taken_at: datetime
    temperature: float | None


@dataclass(frozen=True)
class ReleaseDecision:
    allowed: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)
    details: dict[str, Any] = field(default_factory=dict)


def release_decision(
    *,
    status: str,
    release_date: date,
    now: datetime,
    tests: list[TestRecord],
    checks: list[HealthRecord],
    fever_threshold: float = FEVER_THRESHOLD,
    open_positives: Sequence[tuple[str, str]] = (),
) -> ReleaseDecision:
    """Release needs: the release date reached, every test due so far sampled and negative
    (``missing_tests``: with a double sample, two labs), no positive surface sample, a lab's
    result (imported or entered row by row, not a bulk negative) for each last-day sample,
    no fever in the last 24 hours, and no unacknowledged positive alert in the person's room
    or on their floor (``open_positives``: (room, raised_at) of each such alert).

    ``details["missing"]`` lists each missing test as (purpose, ISO date), in date order;
    the words say the purpose so that two tests due on one day read as two different things."""
    reasons: list[str] = []
    details: dict[str, Any] = {}
    today = now.date()
    if status != StayStatus.IN_ISOLATION:
        reasons.append("not_in_isolation")
    if today < release_date:
        reasons.append("not_yet_due")
        details["days_left"] = (release_date - today).days
    positives = [t for t in tests if t.result == TestResult.POSITIVE and t.purpose != TestPurpose.SURFACE]
    if positives:
        reasons.append("test_positive")
    if any(t.result == TestResult.POSITIVE and t.purpose == TestPurpose.SURFACE for t in tests):
        reasons.append("surface_positive")
    missing = [t for t in tests if t.sampled_at is None and t.due_date <= today]
    needed = missing_tests(tests, today)
    if needed:
        reasons.append("test_missing")
        details["missing"] = sorted(
            [(t.purpose, t.due_date.isoformat()) for t in missing]
            + [(kind, day.isoformat()) for kind, day in needed if kind == DOUBLE_SAMPLE_SECOND_LAB],
            key=lambda item: (item[1], item[0]))
        details["missing_tests"] = [(kind, day.isoformat()) for kind, day in needed]
    unconfirmed = [t for t in tests if t.purpose in RELEASE_RELEVANT and t.result == TestResult.NEGATIVE
                   and t.result_source == ResultSource.BULK]
    if unconfirmed:
        reasons.append("result_unconfirmed")
        details["unconfirmed"] = [(t.purpose, t.due_date.isoformat()) for t in unconfirmed]
    pending = [t for t in tests if t.sampled_at is not None and t.result in (None, TestResult.INVALID)]
    if pending:
        reasons.append("result_pending")
        details["pending"] = len(pending)
    since = now - timedelta(hours=24)
    fevers = [c for c in checks if c.temperature is not None and c.taken_at >= since
              and c.temperature >= fever_threshold]
    if fevers:
        reasons.append("fever_24h")
        details["max_temperature"] = max(c.temperature for c in fevers if c.temperature is not None)
    if open_positives:
        reasons.append("positive_nearby")
        details["positive_rooms"] = sorted({room for room, _ in open_positives if room})
    ordered = tuple(r for r in REASONS if r in reasons)
    return ReleaseDecision(not ordered, ordered, details)
