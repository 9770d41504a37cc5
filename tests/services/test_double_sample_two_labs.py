"""Issue 14: the 8th edition's double sample (双采双检) on the last day needs two samples
tested by two different labs; the release gate lists what is missing as (kind, date)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from isolation_desk.domain import release as rel
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.services import stays
from isolation_desk.services.testing import results, sampling
from isolation_desk.storage import repositories as repo

NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")



def due_today(db, now, seq):
    """A close contact whose 14 days end today, checked in two days ago; everything sampled."""
    t0 = now - timedelta(days=2)
    r = validate_registration({"name": "张一二三"[seq - 1] + "测",
                               "id_number": make_resident_id("110101", date(1990, 5, 17), seq, "M"),
                               "phone": "13800138000", "category": "密接",
                               "last_exposure_date": (t0.date() - timedelta(days=12)).isoformat()}, t0.date())
    sid = stays.check_in(db, r, MANAGER, t0).stay_id
    assert repo.stay(db, sid)["release_date"] == now.date().isoformat()
    for t in repo.tests_for_stay(db, sid):
        sampling.record_sample(db, t["id"], t0 if t["purpose"] == "check_in" else now.replace(hour=7), NURSE, now)
    return sid


def result(db, sid, purpose, lab, now):
    t = [x for x in repo.tests_for_stay(db, sid) if x["purpose"] == purpose][0]
    results.record_result(db, t["id"], "negative", NURSE, now, lab=lab)


def test_two_samples_from_one_lab_do_not_release(db8, now):
    sid = due_today(db8, now, 1)
    assert sorted(t["purpose"] for t in repo.tests_for_stay(db8, sid)) == \
        ["check_in", "release", "second_lab", "surface"]
    result(db8, sid, "check_in", "区疾控", now)
    result(db8, sid, "surface", "区疾控", now)
    result(db8, sid, "release", "市疾控中心", now)
    result(db8, sid, "second_lab", " 市疾控中心", now)  # the same lab, typed with a space
    d = stays.release_check(db8, sid, now)
    # on today's main this released: both samples negative was enough
    assert not d.allowed and d.reasons == ("test_missing",)
    assert d.details["missing_tests"] == [("double_sample_second_lab", now.date().isoformat())]


def test_two_labs_release(db8, now):
    sid = due_today(db8, now, 2)
    result(db8, sid, "check_in", "区疾控", now)
    result(db8, sid, "surface", "区疾控", now)
    result(db8, sid, "release", "市疾控中心", now)
    result(db8, sid, "second_lab", "第三方医学检验所", now)
    assert stays.release_check(db8, sid, now).allowed


def test_missing_tests_are_kind_and_date_items():
    day = date(2022, 11, 20)
    at = datetime(2022, 11, 20, 7)
    T = rel.TestRecord
    tests = [T(day - timedelta(days=3), "scheduled", None, None),
             T(day, "release", at, "negative", lab="A"),
             T(day, "second_lab", at, "negative", lab=None),  # lab unknown: not shown to be another
             T(day, "surface", None, None)]
    assert rel.missing_tests(tests, day) == [("scheduled", date(2022, 11, 17)),
                                             ("double_sample_second_lab", day), ("surface", day)]
    # pending second sample: said by result_pending, not listed twice
    tests[2] = T(day, "second_lab", at, None, lab="B")
    assert rel.missing_tests(tests, day) == [("scheduled", date(2022, 11, 17)), ("surface", day)]
