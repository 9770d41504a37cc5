"""Which tests a stay (or a staff member) owes, and when.

A test "on day k" is due on start + k. Everybody is sampled on the day they check in; a
scheduled day that fell before check-in is not owed twice (the check-in test covers it).
With double sampling (双采双检) the release-day test is taken twice, for two labs; with
surface sampling the person's belongings and room surfaces are sampled on the release day too.

On top of the policy, a manager can switch on a regime for a group of people:

- ``daily`` (一天一检): one test every calendar day;
- ``three_in_five`` (五天三检): every five consecutive days hold at least three tests.

A regime only ever *adds* tests: the policy's days (and any test already on a day) count
towards it. Pooled samples (混采, 10-in-1): a positive pool means each member is re-tested
on a single sample.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import DomainError
from .policy import Policy
from .vocabulary import TestKind, TestPurpose

REGIMES = ("daily", "three_in_five")
TEST_KINDS: tuple[str, ...] = tuple(k.value for k in TestKind)
POOL_SIZES = (1, 5, 10, 20)  # 单采, 5合1, 10合1, 20合1
DEFAULT_POOL_SIZE = 10
THREE_IN_FIVE = (3, 5)  # (tests, days)


@dataclass(frozen=True)
class DueTest:
    due_date: date
    purpose: str  # 'check_in', 'scheduled', 'release', 'second_lab', 'surface', 'regime', 'retest', 'staff'
    kind: str = TestKind.PCR


def policy_schedule(policy: Policy, start: date, check_in: date) -> list[DueTest]:
    """The tests a stay's policy asks for, from its check-in to its planned release."""
    due: list[DueTest] = []
    if policy.test_at_check_in:
        due.append(DueTest(check_in, TestPurpose.CHECK_IN))
    last_day = policy.isolation_days
    for k in policy.test_days:
        day = start + timedelta(days=k)
        if day < check_in:
            continue  # covered by the check-in test
        if day == check_in and policy.test_at_check_in:
            continue  # the check-in sample is this day's test
        due.append(DueTest(day, TestPurpose.RELEASE if k == last_day else TestPurpose.SCHEDULED))
    release_day = start + timedelta(days=last_day)
    if policy.double_sampling and release_day >= check_in:
        due.append(DueTest(release_day, TestPurpose.SECOND_LAB))
    if policy.surface_sampling and release_day >= check_in:
        due.append(DueTest(release_day, TestPurpose.SURFACE))  # belongings and room surfaces
    due.sort(key=lambda t: (t.due_date, t.purpose))
    return due


def check_regime(regime: str | None) -> str | None:
    """'' or None means "policy only"; anything else must be a known regime."""
    if not regime:
        return None
    if regime not in REGIMES:
        raise DomainError("regime_unknown", field="regime", value=regime)
    return regime


def check_kind(kind: str) -> str:
    if kind not in TEST_KINDS:
        raise DomainError("test_kind_unknown", field="kind", value=kind)
    return kind


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def windows(first: date, last: date, length: int = THREE_IN_FIVE[1]) -> list[tuple[date, date]]:
    """The windows of ``length`` consecutive days inside [first, last]; a period shorter
    than one window is one (short) window."""
    if last < first:
        return []
    span = (last - first).days + 1
    if span <= length:
        return [(first, last)]
    return [(first + timedelta(days=i), first + timedelta(days=i + length - 1))
            for i in range(span - length + 1)]


def _needed(window: tuple[date, date], tests: int, length: int) -> int:
    """Tests a window needs: 3 in 5 days, and proportionally fewer in a short period
    (2 in 3 days, 1 in 1 day) so that a short stay is not over-tested."""
    span = (window[1] - window[0]).days + 1
    if span >= length:
        return tests
    return min(span, -(-tests * span // length))


def short_windows(test_dates: Iterable[date], first: date, last: date,
                  rule: tuple[int, int] = THREE_IN_FIVE) -> list[tuple[date, date, int]]:
    """The 五天三检 windows in [first, last] that hold fewer tests than the rule asks:
    ``(window start, window end, tests held)``. Several tests on one day count once."""
    tests, length = rule
    held = {d for d in test_dates if first <= d <= last}
    out = []
    for w in windows(first, last, length):
        n = sum(1 for d in held if w[0] <= d <= w[1])
        if n < _needed(w, tests, length):
            out.append((w[0], w[1], n))
    return out


def regime_days(regime: str | None, first: date, last: date, existing: Iterable[date] = ()) -> list[date]:
    """The days a regime adds in [first, last], given days that already hold a test.

    ``daily``: every day without a test. ``three_in_five``: left to right, a window that
    is short gets tests on its latest free days (the greedy choice also serves the windows
    that follow, so no test is added that the rule does not need).
    """
    regime = check_regime(regime)
    if regime is None or last < first:
        return []
    have = {d for d in existing if first <= d <= last}
    if regime == "daily":
        return [d for d in _days(first, last) if d not in have]
    tests, length = THREE_IN_FIVE
    added: list[date] = []
    for w in windows(first, last, length):
        held = sorted(d for d in have if w[0] <= d <= w[1])
        missing = _needed(w, tests, length) - len(held)
        day = w[1]
        while missing > 0 and day >= w[0]:
            if day not in have:
                have.add(day)
                added.append(day)
                missing -= 1
            day -= timedelta(days=1)
    return sorted(added)


def regime_schedule(regime: str | None, first: date, last: date, existing: Iterable[date] = (),
                    kind: str = TestKind.PCR, purpose: str = TestPurpose.REGIME) -> list[DueTest]:
    check_kind(kind)
    return [DueTest(d, purpose, kind) for d in regime_days(regime, first, last, existing)]


def staff_due(regime: str | None, day: date, anchor: date) -> bool:
    """Does a staff member on ``regime`` owe a test on ``day``? Daily: always. 3-in-5: on
    days 0, 2 and 4 of every five counted from ``anchor`` (e.g. the day they joined), a
    fixed pattern that puts three tests in any five consecutive days and that the team can
    plan shifts around."""
    regime = check_regime(regime) or "daily"
    if regime == "daily":
        return True
    return day >= anchor and (day - anchor).days % 5 in (0, 2, 4)


def check_pool_size(size: int) -> int:
    if size not in POOL_SIZES:
        raise DomainError("pool_size_invalid", field="size", value=size)
    return size


def pool_retests(member_stays: Iterable[int], today: date, kind: str = TestKind.PCR) -> list[tuple[int, DueTest]]:
    """A positive pool: one single-sample re-test, due today, for every member
    (``member_stays`` are their stay ids, in the order sampled; each once)."""
    seen: list[int] = []
    for s in member_stays:
        if s not in seen:
            seen.append(s)
    return [(s, DueTest(today, TestPurpose.RETEST, kind)) for s in seen]
