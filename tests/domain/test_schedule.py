"""Test schedules: presets, 一天一检, 五天三检 windows, pooled re-tests, and the release
decision they feed."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.policy import PRESETS
from isolation_desk.domain.release import HealthRecord, TestRecord, release_decision
from isolation_desk.domain.schedule import (
    DueTest,
    check_pool_size,
    check_regime,
    policy_schedule,
    pool_retests,
    regime_days,
    regime_schedule,
    short_windows,
    staff_due,
    windows,
)

D = date


def _plan(preset, category, start, check_in):
    return [(t.due_date, t.purpose) for t in policy_schedule(PRESETS[preset][category], start, check_in)]


def test_ninth_edition_close_contact_checking_in_two_days_after_exposure():
    # exposure 10 Nov (day 0), check-in 12 Nov (day 2); tests on days 1, 2, 3, 5, 7.
    # Day 1 (11 Nov) fell before check-in and day 2 is the check-in sample itself.
    assert _plan("edition_9", "close_contact", D(2022, 11, 10), D(2022, 11, 12)) == [
        (D(2022, 11, 12), "check_in"),
        (D(2022, 11, 13), "scheduled"),
        (D(2022, 11, 15), "scheduled"),
        (D(2022, 11, 17), "release"),
    ]


def test_eighth_edition_double_sampling_on_release_day():
    assert _plan("edition_8", "close_contact", D(2022, 11, 1), D(2022, 11, 1)) == [
        (D(2022, 11, 1), "check_in"),
        (D(2022, 11, 2), "scheduled"),
        (D(2022, 11, 5), "scheduled"),
        (D(2022, 11, 8), "scheduled"),
        (D(2022, 11, 15), "release"),
        (D(2022, 11, 15), "second_lab"),
        (D(2022, 11, 15), "surface"),  # belongings and room surfaces, the same day
    ]


def test_twenty_measures_close_contact():
    assert _plan("twenty_measures", "close_contact", D(2022, 11, 10), D(2022, 11, 11)) == [
        (D(2022, 11, 11), "check_in"),
        (D(2022, 11, 12), "scheduled"),
        (D(2022, 11, 13), "scheduled"),
        (D(2022, 11, 15), "release"),
    ]


@pytest.mark.parametrize("preset", ["edition_8", "edition_9", "twenty_measures"])
@pytest.mark.parametrize("category", ["close_contact", "inbound_traveller", "risk_area_arrival", "other"])
def test_every_preset_tests_on_check_in_and_on_release_day(preset, category):
    policy = PRESETS[preset][category]
    start = D(2022, 11, 1)
    plan = policy_schedule(policy, start, start)
    release_day = start + timedelta(days=policy.isolation_days)
    assert plan[0] == DueTest(start, "check_in")
    assert any(t.due_date == release_day and t.purpose == "release" for t in plan)
    assert all(start <= t.due_date <= release_day for t in plan)


def test_daily_regime_adds_every_day_without_a_test():
    existing = [D(2022, 11, 21), D(2022, 11, 23)]
    days = regime_days("daily", D(2022, 11, 20), D(2022, 11, 24), existing)
    assert days == [D(2022, 11, 20), D(2022, 11, 22), D(2022, 11, 24)]
    assert regime_days(None, D(2022, 11, 20), D(2022, 11, 24)) == []
    plan = regime_schedule("daily", D(2022, 11, 20), D(2022, 11, 21), kind="antigen")
    assert [t.purpose for t in plan] == ["regime", "regime"] and plan[0].kind == "antigen"


def test_three_in_five_windows():
    first, last = D(2022, 11, 1), D(2022, 11, 10)
    assert windows(first, last)[0] == (D(2022, 11, 1), D(2022, 11, 5))
    assert len(windows(first, last)) == 6
    # Tests on the 1st, 3rd and 5th: the window 2nd-6th holds only two.
    held = [D(2022, 11, 1), D(2022, 11, 3), D(2022, 11, 5)]
    short = short_windows(held, D(2022, 11, 1), D(2022, 11, 6))
    assert short == [(D(2022, 11, 2), D(2022, 11, 6), 2)]
    # Adding the 6th fixes it.
    assert short_windows(held + [D(2022, 11, 6)], D(2022, 11, 1), D(2022, 11, 6)) == []


def test_three_in_five_builds_on_policy_days_and_adds_only_what_is_needed():
    first, last = D(2022, 11, 20), D(2022, 11, 27)  # 8 days
    policy_days = [D(2022, 11, 20), D(2022, 11, 21), D(2022, 11, 23), D(2022, 11, 25), D(2022, 11, 27)]
    added = regime_days("three_in_five", first, last, policy_days)
    assert short_windows(policy_days + added, first, last) == []
    # the 9th edition's days 1,2,3,5,7 miss 3-in-5 once at most; nothing is added twice
    assert not set(added) & set(policy_days)
    assert len(added) <= 2


def test_three_in_five_short_period_is_proportional():
    # a 3-day stay needs 2 tests, a 1-day stay 1
    assert len(regime_days("three_in_five", D(2022, 11, 1), D(2022, 11, 3))) == 2
    assert regime_days("three_in_five", D(2022, 11, 1), D(2022, 11, 1)) == [D(2022, 11, 1)]


@settings(max_examples=200, deadline=None)
@given(span=st.integers(0, 30), seed_days=st.sets(st.integers(0, 30), max_size=10))
def test_three_in_five_always_satisfied_and_never_above_daily(span, seed_days):
    first = D(2022, 11, 1)
    last = first + timedelta(days=span)
    existing = [first + timedelta(days=k) for k in seed_days]
    added = regime_days("three_in_five", first, last, existing)
    assert short_windows(existing + added, first, last) == []
    assert len(set(added)) == len(added)
    assert set(added) <= set(regime_days("daily", first, last, existing))


def test_staff_regimes():
    anchor = D(2022, 11, 1)
    assert all(staff_due("daily", anchor + timedelta(days=k), anchor) for k in range(10))
    days = [anchor + timedelta(days=k) for k in range(30) if staff_due("three_in_five", anchor + timedelta(days=k),
                                                                       anchor)]
    assert short_windows(days, anchor, anchor + timedelta(days=29)) == []
    assert len(days) == 18


def test_unknown_regime_kind_and_pool_size_are_refused():
    with pytest.raises(DomainError) as e:
        check_regime("twice_a_day")
    assert e.value.code == "regime_unknown"
    with pytest.raises(DomainError) as e:
        regime_schedule("daily", D(2022, 11, 1), D(2022, 11, 2), kind="blood")
    assert e.value.code == "test_kind_unknown"
    with pytest.raises(DomainError) as e:
        check_pool_size(11)
    assert e.value.code == "pool_size_invalid"
    assert check_regime("") is None


def test_positive_pool_retests_each_member_once_today():
    today = D(2022, 11, 20)
    retests = pool_retests([5, 7, 5, 9], today)
    assert [s for s, _ in retests] == [5, 7, 9]
    assert all(t == DueTest(today, "retest", "pcr") for _, t in retests)


# -- the release decision over real schedules --------------------------------------------
NOW = datetime(2022, 11, 17, 10, 0)


def _done(day, result="negative", purpose="scheduled"):
    return TestRecord(day, purpose, datetime.combine(day, datetime.min.time()).replace(hour=7), result)


def _stay_tests():
    plan = policy_schedule(PRESETS["edition_9"]["close_contact"], D(2022, 11, 10), D(2022, 11, 12))
    return [_done(t.due_date, purpose=t.purpose) for t in plan]


def test_release_allowed_when_all_tests_negative_and_no_fever():
    d = release_decision(status="in_isolation", release_date=D(2022, 11, 17), now=NOW,
                         tests=_stay_tests(), checks=[HealthRecord(NOW - timedelta(hours=3), 36.6)])
    assert d.allowed


@pytest.mark.parametrize("change, reason", [
    (lambda ts: ts[:-1] + [TestRecord(ts[-1].due_date, "release", None, None)], "test_missing"),
    (lambda ts: ts[:-1] + [_done(ts[-1].due_date, None, "release")], "result_pending"),
    (lambda ts: ts[:-1] + [_done(ts[-1].due_date, "positive", "release")], "test_positive"),
    # a pooled member whose pool was positive stays pending until its re-test resolves it
    (lambda ts: ts + [TestRecord(D(2022, 11, 17), "retest", None, None)], "test_missing"),
    (lambda ts: ts + [_done(D(2022, 11, 16), None, "regime")], "result_pending"),
])
def test_release_refused_for_missing_pending_positive_test(change, reason):
    d = release_decision(status="in_isolation", release_date=D(2022, 11, 17), now=NOW,
                         tests=change(_stay_tests()), checks=[])
    assert not d.allowed and reason in d.reasons


def test_release_refused_for_fever_in_last_24_hours_at_configured_threshold():
    checks = [HealthRecord(NOW - timedelta(hours=20), 37.2)]
    assert release_decision(status="in_isolation", release_date=D(2022, 11, 17), now=NOW,
                            tests=_stay_tests(), checks=checks).allowed
    d = release_decision(status="in_isolation", release_date=D(2022, 11, 17), now=NOW,
                         tests=_stay_tests(), checks=checks, fever_threshold=37.2)
    assert d.reasons == ("fever_24h",)
