"""Issue 14: a positive is never lost to a name that differs; one lab batch at a time for
"all negative except"; a last-day sample needs a lab's result, never a bulk negative alone."""
from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest
from cli.helpers import run_as

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.io.spreadsheet import write_xlsx
from isolation_desk.messages import describe
from isolation_desk.services import stays
from isolation_desk.services.results_import import import_results
from isolation_desk.services.testing import bulk, emergency, results, sampling
from isolation_desk.storage import repositories as repo

NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")
HEADER = ["姓名", "身份证号", "采样时间", "检测结果", "检测机构"]


def ident(seq):
    return make_resident_id("110101", date(2016, 3, 1) if seq == 11 else date(1990, 5, 17), seq, "M")


def reg(t0, name, seq, exposure_days_before=1):
    return validate_registration({"name": name, "id_number": ident(seq), "phone": "13800138000",
                                  "category": "密接",
                                  "last_exposure_date": (t0.date() - timedelta(days=exposure_days_before)).isoformat()},
                                 t0.date())


@pytest.fixture
def site(db, now):
    """Four people in A-0201..A-0204, checked in two days ago, sampled this morning at 07:10;
    李四 and 王五 share B-0201."""
    t0 = now - timedelta(days=2)
    people = {}
    for i, name in enumerate(("张三", "买买提·艾力", "Lu Xiaoming", "赵六")):
        people[name] = stays.check_in(db, reg(t0, name, i + 1), MANAGER, t0).stay_id
    b201 = repo.room_by_label(db, "B-0201")["id"]
    people["李四"] = stays.check_in(db, reg(t0, "李四", 10), MANAGER, t0, room_id=b201).stay_id
    people["王五"] = stays.check_in(db, reg(t0, "王五", 11), MANAGER, t0,
                                     household_of=people["李四"], household_role="child", host_role="parent").stay_id
    for sid in people.values():
        sampling.sample_stay(db, sid, now.date(), now.replace(hour=7, minute=10), NURSE, now)
    return people


def sheet(path, now, rows):
    when = now.strftime("%Y-%m-%d") + " 07:10"
    write_xlsx(path, ["检测结果"], [HEADER] + [[name, ident(seq), when, result, "市疾控"]
                                               for name, seq, result in rows])
    return path


def test_positive_with_a_differing_name_raises_the_emergency_anyway(db, now, site, tmp_path):
    # 李四 typed as 李斯 on the sheet, positive: on today's main the row was parked as a
    # conflict and nobody was told (no alert, status unchanged)
    path = sheet(tmp_path / "lab.xlsx", now, [("李斯", 10, "阳性"), ("张 三", 1, "阴性")])
    report = import_results(db, path, NURSE, now)
    assert repo.stay(db, site["李四"])["status"] == "awaiting_transfer"
    alerts = emergency.open_alerts(db)
    assert [(a["name"], a["note"]) for a in alerts] == [("李四", "name_differs:李斯")]
    assert report.restarted == [site["王五"]]
    c = report.conflicts
    assert [(x["reason"], x["result"], x["recorded"], x["name_difference"]) for x in c] == \
        [("import_name_mismatch_positive", "positive", True, "typo")]
    assert (c[0]["error"].code, c[0]["error"].params) == ("import_name_mismatch_positive",
                                                          {"value": "李斯", "name": "李四"})
    assert "confirm the identity" in describe(c[0]["error"], "en")
    assert report.positives[0]["name_differs"] is True
    assert report.positives_unmatched == [] and report.recorded == 2


def test_only_negatives_wait_for_a_name_to_be_confirmed(db, now, site, tmp_path):
    path = sheet(tmp_path / "lab.xlsx", now, [("Zhang San", 1, "阴性"), ("李斯", 10, "阴性")])
    report = import_results(db, path, NURSE, now)
    assert report.recorded == 0 and emergency.open_alerts(db) == []
    assert [(c["name"], c["reason"], c["result"], c["recorded"], c["name_difference"])
            for c in report.conflicts] == [
        ("Zhang San", "import_name_mismatch", "negative", False, "script"),
        ("李斯", "import_name_mismatch", "negative", False, "typo")]


def test_messy_names_of_the_same_person_match(db, now, site, tmp_path):
    path = sheet(tmp_path / "lab.xlsx", now, [("买买提.艾力", 2, "阴性"), ("Lǚ  XIǍOMÍNG", 3, "阴性"),
                                              ("“赵六”", 4, "阴性")])
    report = import_results(db, path, NURSE, now)
    assert report.conflicts == [] and report.recorded == 3
    t = [x for x in repo.tests_for_stay(db, site["赵六"]) if x["result"]][0]
    assert t["result_source"] == "import"


def test_a_positive_nobody_has_fails_the_command(db, now, site, tmp_path):
    path = sheet(tmp_path / "lab.xlsx", now, [("陌生人", 77, "阳性"), ("张三", 1, "阴性")])
    report = import_results(db, path, NURSE, now)
    assert [(u["name"], u["result"]) for u in report.unmatched] == [("陌生人", "positive")]
    assert len(report.positives_unmatched) == 1
    # the command line: the JSON carries the result, and the exit code is 1
    dbfile = tmp_path / "cli.sqlite"
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db.path, dbfile)
    r = run_as("import", "results", str(path), "--db", str(dbfile), "--json")
    assert r.exit_code == 1, r.output
    js = json.loads(r.output)
    assert js["positives_unmatched"] == 1 and js["unmatched"][0]["result"] == "positive"
    r = run_as("import", "results", str(path), "--db", str(dbfile))
    assert r.exit_code == 1 and "POSITIVE row(s) not matched" in r.output


# -- one lab batch ----------------------------------------------------------------------
def test_bulk_negative_takes_one_batch_and_never_the_last_hour(db, now, site):
    # a second round: 张三 and 赵六 re-sampled just now (a re-test), 李四 an hour and a half ago
    for name, ago in (("张三", timedelta(minutes=20)), ("李四", timedelta(minutes=90))):
        t = repo.insert(db, "tests", {"stay_id": site[name], "kind": "pcr", "purpose": "retest",
                                      "due_date": now.date().isoformat()})
        sampling.record_sample(db, t, now - ago, NURSE, now)
    # before 07:30 (the default would be 6 hours ago): only the morning round's samples
    plan = bulk.bulk_plan(db, bulk.LabBatch.taken_before(now.replace(hour=7, minute=30)), now)
    assert plan.count == 6 and plan.too_recent == [] and plan.release_held == []
    # everything up to now: the sample of 20 minutes ago is left out, the 90-minute one is in
    plan = bulk.bulk_plan(db, bulk.LabBatch.taken_before(now), now)
    assert plan.count == 7 and len(plan.too_recent) == 1
    out = bulk.all_negative_except(db, bulk.LabBatch.taken_before(now), set(), NURSE, now,
                                      expected=7)
    assert out.recorded == 7
    fresh = [t for t in repo.tests_for_stay(db, site["张三"]) if t["purpose"] == "retest"][0]
    assert fresh["result"] is None
    assert {t["result_source"] for t in repo.tests_for_stay(db, site["赵六"]) if t["result"]} == {"bulk"}


def test_bulk_refuses_when_the_batch_changed_since_the_count_was_shown(db, now, site):
    before = db.scalar("SELECT count(*) FROM audit")
    with pytest.raises(DomainError) as e:
        bulk.all_negative_except(db, bulk.LabBatch.taken_before(now), set(), NURSE, now, expected=5)
    assert e.value.code == "bulk_count_changed" and e.value.params == {"expected": 5, "count": 6}
    assert db.scalar("SELECT count(*) FROM tests WHERE result IS NOT NULL") == 0
    assert db.scalar("SELECT count(*) FROM audit") == before


def test_bulk_sampling_run_is_one_floor_of_one_day(db, now, site):
    plan = bulk.bulk_plan(db, bulk.LabBatch.run(now.date(), "A", 2), now)
    assert plan.count == 4
    marked = {plan.units[0]}
    out = bulk.all_negative_except(db, bulk.LabBatch.run(now.date(), "A", 2), marked, NURSE, now)
    assert out.recorded == 4 and len(out.alerts) == 1
    pos = repo.get(db, "tests", plan.units[0][1])
    assert (pos["result"], pos["result_source"]) == ("positive", "row")
    # B-0201 untouched
    assert all(t["result"] is None for t in repo.tests_for_stay(db, site["李四"]) if t["sampled_at"])
    with pytest.raises(DomainError) as e:
        bulk.all_negative_except(db, bulk.LabBatch.run(now.date(), "A", 2), set(), NURSE, now)
    assert e.value.code == "bulk_nothing_in_batch"


def test_bulk_pool_batch(db, now, site):
    pool = sampling.new_pool(db, "pcr", 5, NURSE, now)
    t0 = now - timedelta(hours=3)
    for name in ("张三", "赵六"):
        t = repo.insert(db, "tests", {"stay_id": site[name], "kind": "pcr", "purpose": "regime",
                                      "due_date": now.date().isoformat()})
        sampling.record_sample(db, t, t0, NURSE, now, pool_id=pool["id"])
    plan = bulk.bulk_plan(db, bulk.LabBatch.pool(pool["id"]), now)
    assert plan.units == [("pool", pool["id"])]
    bulk.all_negative_except(db, bulk.LabBatch.pool(pool["id"]), set(), NURSE, now, expected=1)
    members = [t for t in repo.tests_for_stay(db, site["赵六"]) if t["pool_id"] == pool["id"]]
    assert (members[0]["result"], members[0]["result_source"]) == ("negative", "bulk")


def test_a_last_day_sample_needs_a_lab_result_not_a_bulk_negative(db, now):
    # release today (9th edition: 7 days from the last exposure); sampled this morning
    t0 = now - timedelta(days=2)
    sid = stays.check_in(db, reg(t0, "钱七", 20, exposure_days_before=5), MANAGER, t0).stay_id
    assert repo.stay(db, sid)["release_date"] == now.date().isoformat()
    sampling.sample_stay(db, sid, t0.date(), t0, NURSE, t0)
    for t in repo.tests_for_stay(db, sid):
        if t["sampled_at"]:
            results.record_result(db, t["id"], "negative", NURSE, t0)
    sampling.sample_stay(db, sid, now.date(), now.replace(hour=7), NURSE, now)
    release_test = [t for t in repo.tests_for_stay(db, sid) if t["purpose"] == "release"][0]
    plan = bulk.bulk_plan(db, bulk.LabBatch.taken_before(now), now)
    assert plan.units == [] and plan.release_held == [("test", release_test["id"])]
    with pytest.raises(DomainError) as e:
        bulk.all_negative_except(db, bulk.LabBatch.taken_before(now), set(), NURSE, now)
    assert e.value.code == "bulk_nothing_in_batch"
    assert "result_pending" in stays.release_check(db, sid, now).reasons
    # entered row by row: the gate is satisfied
    results.record_result(db, release_test["id"], "negative", NURSE, now, lab="市疾控")
    assert repo.get(db, "tests", release_test["id"])["result_source"] == "row"
    assert stays.release_check(db, sid, now).allowed
    # a bulk negative on it (an older file's data, or any path that slips) never counts alone
    db.execute("UPDATE tests SET result_source = 'bulk' WHERE id = ?", (release_test["id"],))
    d = stays.release_check(db, sid, now)
    assert not d.allowed and "result_unconfirmed" in d.reasons
    assert ("release", now.date().isoformat()) in [tuple(x) for x in d.details["unconfirmed"]]


def test_a_lab_positive_against_a_recorded_negative_is_not_quiet(db, now, site, tmp_path):
    t = [x for x in repo.tests_for_stay(db, site["赵六"]) if x["sampled_at"]][0]
    results.record_result(db, t["id"], "negative", NURSE, now)
    path = sheet(tmp_path / "lab.xlsx", now, [("赵六", 4, "阳性")])
    report = import_results(db, path, NURSE, now)
    assert [(c["reason"], c["result"], c["recorded"]) for c in report.conflicts] == \
        [("import_result_conflict", "positive", False)]
    assert len(report.positives_unmatched) == 1  # the command exits 1


def test_a_double_sample_result_needs_its_lab(db, now):
    from isolation_desk.domain import policy as pol
    from isolation_desk.domain.roles import SYSTEM
    from isolation_desk.services import site as site_service
    site_service.set_policy(db, pol.PRESETS["edition_8"]["close_contact"], SYSTEM, now - timedelta(days=3))
    t0 = now - timedelta(days=2)
    sid = stays.check_in(db, reg(t0, "钱七", 20, exposure_days_before=12), MANAGER, t0).stay_id
    sampling.sample_stay(db, sid, now.date(), now.replace(hour=7), NURSE, now)
    second = [t for t in repo.tests_for_stay(db, sid) if t["purpose"] == "second_lab"][0]
    with pytest.raises(DomainError) as e:
        results.record_result(db, second["id"], "negative", NURSE, now)
    assert (e.value.code, e.value.field) == ("double_sample_lab_required", "lab")
    with pytest.raises(DomainError):
        results.record_results(db, [("test", second["id"], "negative")], NURSE, now, lab="  ")
    results.record_result(db, second["id"], "negative", NURSE, now, lab="第三方检验所")


def test_several_results_at_once_are_a_bulk_action_too(db, now, site):
    # record_results with several units: the same rule as the batch button
    units = [(u["unit"], u["id"]) for u in results.result_units(db, now)]
    t = repo.insert(db, "tests", {"stay_id": site["张三"], "kind": "pcr", "purpose": "retest",
                                  "due_date": now.date().isoformat()})
    sampling.record_sample(db, t, now - timedelta(minutes=10), NURSE, now)
    with pytest.raises(DomainError) as e:
        results.record_results(db, [(u, i, "negative") for u, i in units] + [("test", t, "negative")], NURSE, now)
    assert e.value.code == "bulk_too_recent"
    assert db.scalar("SELECT count(*) FROM tests WHERE result IS NOT NULL") == 0
    # a positive of the last hour is fine (a positive is never held back), and one row alone too
    results.record_results(db, [(u, i, "negative") for u, i in units[:2]] + [("test", t, "positive")], NURSE, now)
    assert {r["result_source"] for r in db.query("SELECT result_source FROM tests WHERE result = 'negative'")} == {"bul"
                                                                                                                   "k"}
    assert repo.get(db, "tests", t)["result_source"] == "row"
