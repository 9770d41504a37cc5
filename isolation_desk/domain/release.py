"""The release decision: allowed, or refused with reason codes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

FEVER_THRESHOLD = 37.3

# Reason codes, in the order a nurse would want to read them.
REASONS = (
    "not_yet_due",
    "test_positive",
    "surface_positive",
    "test_missing",
    "result_pending",
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
    kind: str = "pcr"


@dataclass(frozen=True)
class HealthRecord:
    taken_at: datetime
    temperature: float | None


@dataclass(frozen=True)
class ReleaseDecision:
    allowed: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)
    details: dict = field(default_factory=dict)


def release_decision(
    *,
    status: str,
    release_date: date,
    now: datetime,
    tests: list[TestRecord],
    checks: list[HealthRecord],
    fever_threshold: float = FEVER_THRESHOLD,
    open_positives: list[tuple[str, str]] = (),
) -> ReleaseDecision:
    """Release needs: the release date reached, every test due so far sampled and negative,
    no positive surface sample, no fever in the last 24 hours, and no unacknowledged
    positive alert in the person's room or on their floor (``open_positives``: (room,
    raised_at) of each such alert).

    ``details["missing"]`` lists each missing test as (purpose, ISO date), in date order;
    the words say the purpose so that two tests due on one day read as two different things."""
    reasons: list[str] = []
    details: dict = {}
    today = now.date()
    if status != "in_isolation":
        reasons.append("not_in_isolation")
    if today < release_date:
        reasons.append("not_yet_due")
        details["days_left"] = (release_date - today).days
    positives = [t for t in tests if t.result == "positive" and t.purpose != "surface"]
    if positives:
        reasons.append("test_positive")
    if any(t.result == "positive" and t.purpose == "surface" for t in tests):
        reasons.append("surface_positive")
    missing = [t for t in tests if t.sampled_at is None and t.due_date <= today]
    if missing:
        reasons.append("test_missing")
        details["missing"] = [(t.purpose, t.due_date.isoformat())
                              for t in sorted(missing, key=lambda t: (t.due_date, t.purpose))]
    pending = [t for t in tests if t.sampled_at is not None and t.result in (None, "invalid")]
    if pending:
        reasons.append("result_pending")
        details["pending"] = len(pending)
    since = now - timedelta(hours=24)
    fevers = [c for c in checks if c.temperature is not None and c.taken_at >= since
              and c.temperature >= fever_threshold]
    if fevers:
        reasons.append("fever_24h")
        details["max_temperature"] = max(c.temperature for c in fevers)
    if open_positives:
        reasons.append("positive_nearby")
        details["positive_rooms"] = sorted({room for room, _ in open_positives if room})
    ordered = tuple(r for r in REASONS if r in reasons)
    return ReleaseDecision(not ordered, ordered, details)
