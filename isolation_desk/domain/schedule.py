"""Which tests a stay owes, and when.

A test "on day k" is due on start + k. Everybody is sampled on the day they check in; a
scheduled day that fell before check-in is not owed twice (the check-in test covers it).
With double sampling (双采双检) the release-day test is taken twice, for two labs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .policy import Policy


@dataclass(frozen=True)
class DueTest:
    due_date: date
    purpose: str  # 'check_in', 'scheduled', 'release', 'second_lab'
    kind: str = "pcr"


def policy_schedule(policy: Policy, start: date, check_in: date) -> list[DueTest]:
    """The tests a stay's policy asks for, from its check-in to its planned release."""
    due: list[DueTest] = []
    if policy.test_at_check_in:
        due.append(DueTest(check_in, "check_in"))
    last_day = policy.isolation_days
    for k in policy.test_days:
        day = start + timedelta(days=k)
        if day < check_in:
            continue  # covered by the check-in test
        if day == check_in and policy.test_at_check_in:
            continue  # the check-in sample is this day's test
        due.append(DueTest(day, "release" if k == last_day else "scheduled"))
    if policy.double_sampling:
        release_day = start + timedelta(days=last_day)
        if release_day >= check_in:
            due.append(DueTest(release_day, "second_lab"))
    due.sort(key=lambda t: (t.due_date, t.purpose))
    return due
