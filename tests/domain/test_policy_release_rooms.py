from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isolation_desk.domain import policy as pol
from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.households import Member, check_household
from isolation_desk.domain.release import HealthRecord, TestRecord, release_decision
from isolation_desk.domain.rooms import ROOM_STATUSES, TRANSITIONS, check_transition
from isolation_desk.domain.schedule import policy_schedule

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(start=dates)
def test_release_date_is_start_plus_days_for_every_preset_and_category(start):
    for _preset, policies in pol.PRESETS.items():
        for _category, p in policies.items():
            assert pol.release_date(p, start) == start + timedelta(days=p.isolation_days)


def test_presets_match_the_protocols():
    e8, e9, t20 = (pol.PRESETS[k] for k in pol.PRESET_NAMES)
    assert e8["close_contact"].isolation_days == 14 and e8["close_contact"].test_days == (1, 4, 7, 14)
    assert e8["close_contact"].double_sampling and e8["close_contact"].home_monitoring_days == 7
    assert e8["secondary_contact"].isolation_days == 7
    assert e9["close_contact"].isolation_days == 7 and e9["close_contact"].test_days == (1, 2, 3, 5, 7)
    assert e9["close_contact"].home_monitoring_days == 3
    assert not e9["secondary_contact"].admitted
    assert e9["risk_area_arrival"].isolation_days == 7
    assert t20["close_contact"].isolation_days == 5 and t20["close_contact"].test_days == (1, 2, 3, 5)
    assert e9["inbound_traveller"].counted_from == "arrival"
    assert e9["close_contact"].counted_from == "last_exposure"


@pytest.mark.parametrize("raw,code", [("密接", "close_contact"), ("次密接", "secondary_contact"),
                                      ("入境人员", "inbound_traveller"), ("Close Contact", "close_contact"),
                                      ("中高风险地区来(返)人员", "risk_area_arrival"), (" 其他 ", "other")])
def test_parse_category(raw, code):
    assert pol.parse_category(raw) == code


def test_unknown_category_refused():
    with pytest.raises(DomainError) as e:
        pol.parse_category("游客")
    assert e.value.code == "category_unknown"


def test_start_date_follows_the_policy():
    p = pol.PRESETS["edition_9"]["close_contact"]
    assert pol.start_date(p, date(2022, 7, 1), date(2022, 7, 3)) == date(2022, 7, 1)
    with pytest.raises(DomainError):
        pol.start_date(p, None, date(2022, 7, 3))
    p2 = pol.PRESETS["edition_9"]["inbound_traveller"]
    assert pol.start_date(p2, None, date(2022, 7, 3)) == date(2022, 7, 3)


def test_invalid_policy_values_refused():
    with pytest.raises(DomainError) as e:
        pol.Policy("close_contact", 7, "last_exposure", (1, 9))
    assert e.value.code == "test_day_out_of_range"
    with pytest.raises(DomainError):
        pol.Policy("close_contact", 0, "last_exposure", ())
    assert pol.parse_test_days("1、4，7 14") == (1, 4, 7, 14)


def test_adjust_release_needs_a_reason_and_says_which_way():
    start, cur = date(2022, 7, 1), date(2022, 7, 8)
    with pytest.raises(DomainError) as e:
        pol.adjust_release(start, cur, date(2022, 7, 10), "  ")
    assert e.value.code == "reason_required"
    assert pol.adjust_release(start, cur, date(2022, 7, 10), "room-mate positive").kind == "extend"
    assert pol.adjust_release(start, cur, date(2022, 7, 6), "policy").kind == "bring_forward"
    with pytest.raises(DomainError):
        pol.adjust_release(start, cur, start, "x")


@given(st.sampled_from(ROOM_STATUSES), st.sampled_from(ROOM_STATUSES))
def test_room_transitions(current, target):
    if (current, target) in TRANSITIONS:
        assert check_transition(current, target) == TRANSITIONS[(current, target)]
    else:
        with pytest.raises(DomainError) as e:
            check_transition(current, target)
        assert e.value.code in ("room_not_ready", "room_occupied", "room_transition_illegal")


def test_illegal_room_transition_refused_with_reason():
    with pytest.raises(DomainError) as e:
        check_transition("awaiting_disinfection", "occupied")
    assert e.value.code == "room_not_ready"
    with pytest.raises(DomainError) as e:
        check_transition("out_of_service", "awaiting_disinfection")
    assert e.value.code == "room_transition_illegal"


def test_schedule_9th_edition_close_contact_checked_in_two_days_after_exposure():
    p = pol.PRESETS["edition_9"]["close_contact"]
    exposure = date(2022, 7, 1)
    due = policy_schedule(p, exposure, date(2022, 7, 3))
    assert [(t.due_date.day, t.purpose) for t in due] == [
        (3, "check_in"), (4, "scheduled"), (6, "scheduled"), (8, "release")]


def test_schedule_8th_edition_double_sampling():
    p = pol.PRESETS["edition_8"]["close_contact"]
    due = policy_schedule(p, date(2022, 1, 1), date(2022, 1, 1))
    assert [t.purpose for t in due if t.due_date == date(2022, 1, 15)] == ["release", "second_lab", "surface"]


NOW = datetime(2022, 7, 8, 10, 0)


def _tests(**overrides):
    base = [TestRecord(date(2022, 7, 2), "check_in", datetime(2022, 7, 2, 8), "negative"),
            TestRecord(date(2022, 7, 8), "release", datetime(2022, 7, 8, 7), "negative")]
    return base + overrides.get("extra", [])


def test_release_allowed_when_everything_is_negative():
    d = release_decision(status="in_isolation", release_date=date(2022, 7, 8), now=NOW, tests=_tests(), checks=[])
    assert d.allowed and d.reasons == ()


@pytest.mark.parametrize("extra,reason", [
    ([TestRecord(date(2022, 7, 5), "scheduled", None, None)], "test_missing"),
    ([TestRecord(date(2022, 7, 5), "scheduled", datetime(2022, 7, 5, 7), None)], "result_pending"),
    ([TestRecord(date(2022, 7, 5), "scheduled", datetime(2022, 7, 5, 7), "positive")], "test_positive"),
    ([TestRecord(date(2022, 7, 8), "surface", datetime(2022, 7, 8, 7), "positive")], "surface_positive"),
])
def test_release_refused_with_reason(extra, reason):
    d = release_decision(status="in_isolation", release_date=date(2022, 7, 8), now=NOW,
                         tests=_tests(extra=extra), checks=[])
    assert not d.allowed and reason in d.reasons


def test_release_refused_for_fever_in_last_24h_only():
    fever = [HealthRecord(datetime(2022, 7, 7, 19), 37.6)]
    old = [HealthRecord(datetime(2022, 7, 6, 19), 38.0)]
    assert "fever_24h" in release_decision(status="in_isolation", release_date=date(2022, 7, 8), now=NOW,
                                           tests=_tests(), checks=fever).reasons
    assert release_decision(status="in_isolation", release_date=date(2022, 7, 8), now=NOW,
                            tests=_tests(), checks=old).allowed


def test_release_refused_before_the_date():
    d = release_decision(status="in_isolation", release_date=date(2022, 7, 9), now=NOW, tests=_tests(), checks=[])
    assert d.reasons == ("not_yet_due",)


def test_households():
    check_household([Member("parent", 38), Member("child", 6), Member("child", 14)])
    check_household([Member("carer", 40), Member("dependant", 30, frozenset({"pregnancy"}))])
    for members, code in [
        ([Member("parent", 38), Member("child", 15)], "household_child_too_old"),
        ([Member("carer", 70), Member("child", 5)], "household_carer_unfit"),
        ([Member("carer", 40, frozenset({"chronic_illness"})), Member("child", 5)], "household_carer_unfit"),
        ([Member("dependant", 40), Member("carer", 30)], "household_dependant_not_eligible"),
        ([Member("child", 5), Member("child", 7)], "household_no_parent"),
    ]:
        with pytest.raises(DomainError) as e:
            check_household(members)
        assert e.value.code == code
