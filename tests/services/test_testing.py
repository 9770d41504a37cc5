"""Sampling, pools, results, the positive emergency, regimes and health checks."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.services import health_checks, stays
from isolation_desk.services.testing import bulk, emergency, regimes, results, sampling
from isolation_desk.storage import repo_tests as rt
from isolation_desk.storage import repositories as repo

NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")
VIEWER = Actor("guest", "viewer")


def reg(now, name, seq, exposure_days_ago=1, birth=date(1990, 5, 17), sex="M", category="密接"):
    return validate_registration({
        "name": name, "id_number": make_resident_id("110101", birth, seq, sex), "phone": "13800138000",
        "category": category,
        "last_exposure_date": (now.date() - timedelta(days=exposure_days_ago)).isoformat()}, now.date())


def counts(db):
    return {t: db.scalar(f"SELECT count(*) FROM {t}")
            for t in ("tests", "pools", "alerts", "health_checks", "audit", "stay_events")}


@pytest.fixture
def site(db, now):
    """Check-in two mornings ago: A-0201..A-0203 single people; B-0201 parent and child."""
    t0 = now - timedelta(days=2)
    people = {}
    for i, name in enumerate(("张一", "张二", "张三")):
        people[name] = stays.check_in(db, reg(t0, name, i + 1), MANAGER, t0).stay_id
    b201 = repo.room_by_label(db, "B-0201")["id"]
    people["王父"] = stays.check_in(db, reg(t0, "王父", 10), MANAGER, t0, room_id=b201).stay_id
    people["王子"] = stays.check_in(db, reg(t0, "王子", 11, birth=date(2016, 3, 1)), MANAGER, t0,
                                     household_of=people["王父"], household_role="child",
                                     host_role="parent").stay_id
    return people


def due_today(db, stay_id, day):
    return [t for t in repo.tests_for_stay(db, stay_id) if t["due_date"] == day.isoformat()]


def test_sampling_list_in_room_order_with_floor_counts(db, now, site):
    sl = sampling.sampling_list(db, now.date())
    rooms = [r["room"] for r in sl.rows]
    assert rooms == sorted(rooms, key=lambda x: (x[0], x))  # A before B, then by number
    assert [(f.building, f.floor, f.due, f.sampled) for f in sl.floors] == [("A", 2, 3, 0), ("B", 2, 2, 0)]
    assert all("*" in r["id_masked"] for r in sl.rows)
    sampling.sample_stay(db, site["张一"], now.date(), now, NURSE, now)
    sl = sampling.sampling_list(db, now.date())
    assert (sl.floors[0].sampled, sl.sampled, sl.due) == (1, 1, 5)


def test_one_building_or_floor_lists_the_same_rows_as_the_whole_site(demo_db, now):
    # The building filter goes down to the rooms -> stays -> tests indexes; the rows must be
    # exactly those of the whole list in that place, in the same order.
    day = now.date()
    whole = sampling.sampling_list(demo_db, day)
    units = results.result_units(demo_db, now)
    places = {(r["building"], r["floor"]) for r in whole.rows}
    assert len(places) > 1 and units
    for building, floor in sorted(places)[:3] + [(sorted(places)[-1][0], None), ("NO-SUCH", None)]:
        def here(r, building=building, floor=floor):
            return r["building"] == building and (floor is None or r["floor"] == floor)
        part = sampling.sampling_list(demo_db, day, building=building, floor=floor)
        assert part.rows == [r for r in whole.rows if here(r)]
        assert [(f.building, f.floor, f.due, f.sampled) for f in part.floors] == \
            [(f.building, f.floor, f.due, f.sampled) for f in whole.floors
             if f.building == building and (floor is None or f.floor == floor)]
        got = results.result_units(demo_db, now, building=building, floor=floor)
        assert [(u["unit"], u["id"]) for u in got] == \
            [(u["unit"], u["id"]) for u in units if any(here(m) for m in u["members"])]
    floor_only = sampling.sampling_list(demo_db, day, floor=sorted(places)[0][1])
    assert floor_only.rows == [r for r in whole.rows if r["floor"] == sorted(places)[0][1]]


def test_scan_code_and_refusals(db, now, site):
    assert sampling.stay_from_scan(f" isd:{site['张二']}\n") == site["张二"]
    with pytest.raises(DomainError) as e:
        sampling.stay_from_scan("https://example.com")
    assert e.value.code == "scan_code_invalid"
    sampling.sample_stay(db, site["张二"], now.date(), now, NURSE, now)
    with pytest.raises(DomainError) as e:  # scanned twice
        sampling.sample_stay(db, site["张二"], now.date(), now, NURSE, now)
    assert e.value.code == "nothing_due"
    with pytest.raises(DomainError) as e:
        sampling.sample_stay(db, 9999, now.date(), now, NURSE, now)
    assert e.value.code == "stay_unknown"


def test_sampling_time_in_the_future_is_refused_and_nothing_saved(db, now, site):
    before = counts(db)
    t = due_today(db, site["张一"], now.date())[0]
    with pytest.raises(DomainError) as e:
        sampling.record_sample(db, t["id"], now + timedelta(hours=2), NURSE, now)
    assert e.value.code == "datetime_future"
    with pytest.raises(DomainError):
        sampling.sample_stay(db, site["张一"], now.date(), now + timedelta(hours=2), NURSE, now)
    assert counts(db) == before
    with pytest.raises(DomainError) as e:
        sampling.record_sample(db, t["id"], now, VIEWER, now)
    assert e.value.code == "permission_denied"


def test_result_for_unknown_test_or_unsampled_refused(db, now, site):
    with pytest.raises(DomainError) as e:
        results.record_result(db, 99999, "negative", NURSE, now)
    assert e.value.code == "test_unknown"
    t = due_today(db, site["张一"], now.date())[0]
    with pytest.raises(DomainError) as e:
        results.record_result(db, t["id"], "negative", NURSE, now)
    assert e.value.code == "test_not_sampled"
    with pytest.raises(DomainError) as e:
        results.record_result(db, t["id"], "maybe", NURSE, now)
    assert e.value.code == "result_unknown"


def test_positive_is_an_emergency(db, now, site):
    for sid in site.values():
        sampling.sample_stay(db, sid, now.date(), now - timedelta(hours=1), NURSE, now)
    child_before = repo.stay(db, site["王子"])
    units = results.result_units(db, now)
    parent_test = next(u for u in units if u["members"][0]["stay_id"] == site["王父"])
    out = bulk.all_negative_except(db, bulk.LabBatch.taken_before(now),
                                      {("test", parent_test["id"])}, NURSE, now, lab="市疾控")
    assert out.recorded == 5 and len(out.alerts) == 1 and out.restarted == [site["王子"]]
    assert repo.stay(db, site["王父"])["status"] == "awaiting_transfer"
    child = repo.stay(db, site["王子"])
    assert child["start_date"] == now.date().isoformat()
    assert child["release_date"] > child_before["release_date"]
    assert [t["purpose"] for t in due_today(db, site["王子"], now.date()) if not t["sampled_at"]] == ["scheduled"]
    # the banner's alert, with the room-mate and nobody else on B floor 2
    alerts = emergency.open_alerts(db)
    assert [a["name"] for a in alerts] == ["王父"]
    detail = emergency.alert_detail(db, alerts[0]["id"])
    assert [m["name"] for m in detail["room_mates"]] == ["王子"]
    assert detail["room_mates"][0]["restart"]["before"]["start_date"] == child_before["start_date"]
    assert detail["same_floor"] == []
    # release gating sees it
    assert "test_positive" in stays.release_check(db, site["王父"], now).reasons
    # a manager undoes the restart: old dates and schedule back
    with pytest.raises(DomainError) as e:
        emergency.undo_restart(db, site["王子"], "checked", NURSE, now)
    assert e.value.code == "permission_denied"
    emergency.undo_restart(db, site["王子"], "separate bathroom, no contact", MANAGER, now)
    child = repo.stay(db, site["王子"])
    assert (child["start_date"], child["release_date"]) == (child_before["start_date"], child_before["release_date"])
    assert any(t["purpose"] == "release" and t["due_date"] == child["release_date"]
               for t in repo.tests_for_stay(db, site["王子"]))
    with pytest.raises(DomainError) as e:
        emergency.undo_restart(db, site["王子"], "again", MANAGER, now)
    assert e.value.code == "no_restart_to_undo"
    # the transfer handles the alert; the room waits for the child... then disinfection
    stays.transfer_out(db, site["王父"], "hospital", "市定点医院", MANAGER, now)
    # issue 14: the child is alone in the room now; that alert stays until a carer comes
    assert [(a["kind"], a["stay_id"]) for a in emergency.open_alerts(db)] == [("child_alone", site["王子"])]
    assert repo.room(db, child["room_id"])["status"] == "occupied"


def test_transfer_of_a_single_positive_sends_room_to_disinfection(db, now, site):
    t = due_today(db, site["张一"], now.date())[0]
    sampling.record_sample(db, t["id"], now, NURSE, now)
    alerts = results.record_result(db, t["id"], "positive", NURSE, now)
    assert len(alerts) == 1
    detail = emergency.alert_detail(db, alerts[0])
    assert [s["name"] for s in detail["same_floor"]] == ["张二", "张三"]
    room_id = repo.stay(db, site["张一"])["room_id"]
    stays.transfer_out(db, site["张一"], "hospital", "定点医院", MANAGER, now)
    assert repo.room(db, room_id)["status"] == "awaiting_disinfection"


def test_acknowledge_alert(db, now, site):
    t = due_today(db, site["张一"], now.date())[0]
    sampling.record_sample(db, t["id"], now, NURSE, now)
    [alert] = results.record_result(db, t["id"], "positive", NURSE, now)
    with pytest.raises(DomainError) as e:
        emergency.acknowledge_alert(db, alert, "  ", NURSE, now)
    assert e.value.code == "reason_required"
    emergency.acknowledge_alert(db, alert, "120 called, transfer at 11:00", NURSE, now)
    assert emergency.open_alerts(db) == []
    with pytest.raises(DomainError) as e:
        emergency.acknowledge_alert(db, alert, "again", NURSE, now)
    assert e.value.code == "alert_already_handled"


def test_pool_of_ten_negative_and_positive_with_retests(db, now, site):
    pool = sampling.new_pool(db, "pcr", 10, NURSE, now)
    assert pool["code"].startswith("P20221120-")
    for sid in (site["张一"], site["张二"], site["张三"]):
        sampling.sample_stay(db, sid, now.date(), now, NURSE, now, pool_id=pool["id"])
    units = results.result_units(db, now)
    [pu] = [u for u in units if u["unit"] == "pool"]
    assert len(pu["members"]) == 3
    # a member's result goes through the pool
    with pytest.raises(DomainError) as e:
        results.record_result(db, pu["members"][0]["id"], "negative", NURSE, now)
    assert e.value.code == "result_through_pool"
    out = results.record_pool_result(db, pool["id"], "positive", NURSE, now)
    assert len(out.retests) == 3 and len(out.alerts) == 1 and out.positives == []
    # nobody is positive yet; each has a re-test due today and is held
    assert repo.stay(db, site["张一"])["status"] == "in_isolation"
    assert "result_pending" in stays.release_check(db, site["张一"], now).reasons
    sl = sampling.sampling_list(db, now.date())
    assert sum(1 for r in sl.rows if r["purpose"] == "retest") == 3
    # re-tests: one positive, others negative
    for sid in (site["张一"], site["张二"], site["张三"]):
        sampling.sample_stay(db, sid, now.date(), now, NURSE, now)
    retests = {u["members"][0]["stay_id"]: u for u in results.result_units(db, now)}
    assert len(retests) == 3
    # sampled just now: entered row by row (a bulk negative never takes a sample of the last hour)
    for sid, u in retests.items():
        results.record_result(db, u["id"], "positive" if sid == site["张二"] else "negative", NURSE, now)
    assert repo.stay(db, site["张二"])["status"] == "awaiting_transfer"
    # the pooled samples are resolved by their re-tests
    for name, expect in (("张一", "negative"), ("张二", "positive"), ("张三", "negative")):
        pooled = [t for t in repo.tests_for_stay(db, site[name]) if t["pool_id"] == pool["id"]]
        assert pooled[0]["result"] == expect
    assert "result_pending" not in stays.release_check(db, site["张一"], now).reasons
    # every member's re-test is in: the pool's alert is handled; 张二's own alert stays
    assert [a["kind"] for a in emergency.open_alerts(db)] == ["positive"]


def test_pool_refusals(db, now, site):
    with pytest.raises(DomainError) as e:
        sampling.new_pool(db, "pcr", 11, NURSE, now)
    assert e.value.code == "pool_size_invalid"
    with pytest.raises(DomainError) as e:
        sampling.new_pool(db, "antigen", 10, NURSE, now)
    assert e.value.code == "pool_pcr_only"
    pool = sampling.new_pool(db, "pcr", 5, NURSE, now, code="t-1")
    with pytest.raises(DomainError) as e:
        sampling.new_pool(db, "pcr", 5, NURSE, now, code="T-1")
    assert e.value.code == "pool_code_taken"
    with pytest.raises(DomainError) as e:
        results.record_pool_result(db, pool["id"], "negative", NURSE, now)
    assert e.value.code == "pool_empty"


def test_a_second_result_is_refused_on_every_way_in(db, now, site):
    """A test or a pool with a result takes no other, one by one, as several, or marked on a
    lab batch; nothing is written."""
    t = due_today(db, site["张一"], now.date())[0]
    sampling.record_sample(db, t["id"], now, NURSE, now)
    results.record_result(db, t["id"], "negative", NURSE, now)
    pool = sampling.new_pool(db, "pcr", 5, NURSE, now)
    for sid in (site["张二"], site["张三"]):
        sampling.sample_stay(db, sid, now.date(), now, NURSE, now, pool_id=pool["id"])
    results.record_pool_result(db, pool["id"], "negative", NURSE, now)
    before = counts(db)
    later = now + timedelta(hours=2)
    attempts = [
        lambda: results.record_result(db, t["id"], "positive", NURSE, later),
        lambda: results.record_results(db, [("test", t["id"], "positive")], NURSE, later),
        lambda: bulk.all_negative_except(db, bulk.LabBatch.taken_before(later), {("test", t["id"])}, NURSE, later),
        lambda: results.record_pool_result(db, pool["id"], "positive", NURSE, later),
        lambda: results.record_results(db, [("pool", pool["id"], "positive")], NURSE, later),
        lambda: bulk.all_negative_except(db, bulk.LabBatch.pool(pool["id"]), {("pool", pool["id"])}, NURSE, later),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as e:
            attempt()
        assert (e.value.code, e.value.params) == ("result_already_recorded",
                                                  {"result": "negative", "result_zh": "阴性"})
    with pytest.raises(DomainError) as e:
        results.record_results(db, [("pool", 99999, "negative")], NURSE, later)
    assert (e.value.code, e.value.params) == ("pool_unknown", {"pool_id": 99999})
    assert counts(db) == before


def test_invalid_result_creates_a_retest(db, now, site):
    t = due_today(db, site["张一"], now.date())[0]
    sampling.record_sample(db, t["id"], now, NURSE, now)
    out = results.record_result_outcome(db, t["id"], "invalid", NURSE, now)
    assert len(out.retests) == 1
    sampling.sample_stay(db, site["张一"], now.date(), now, NURSE, now)
    results.record_result(db, out.retests[0], "negative", NURSE, now)
    assert repo.get(db, "tests", t["id"])["result"] == "negative"


def test_daily_regime_for_a_floor_and_back(db, now, site):
    group = [s["id"] for s in rt.active_stays_at(db, building="A", floor=2)]
    assert len(group) == 3
    added = regimes.set_regime(db, group, "daily", "antigen", NURSE, now)
    release = repo.stay(db, site["张一"])["release_date"]
    dates = {t["due_date"] for t in repo.tests_for_stay(db, site["张一"]) if t["due_date"] >= now.date().isoformat()}
    d, days = now.date(), set()
    while d.isoformat() <= release:
        days.add(d.isoformat())
        d += timedelta(days=1)
    assert dates == days and added > 0
    assert any(t["kind"] == "antigen" for t in repo.tests_for_stay(db, site["张一"]))
    regimes.set_regime(db, group, None, "pcr", NURSE, now)
    assert not any(t["purpose"] == "regime" for t in repo.tests_for_stay(db, site["张一"]))
    with pytest.raises(DomainError) as e:
        regimes.set_regime(db, group, "hourly", "pcr", NURSE, now)
    assert e.value.code == "regime_unknown"


def test_missed_and_overdue_flags(db, now, site):
    yesterday = now - timedelta(days=1)
    t = [t for t in repo.tests_for_stay(db, site["张一"]) if t["due_date"] == yesterday.date().isoformat()]
    assert t, "a test was due yesterday"
    f = results.flags(db, now)
    assert {r["stay_id"] for r in f["missed"]} >= {site["张一"]}
    sampling.record_sample(db, t[0]["id"], yesterday - timedelta(hours=2), NURSE, now)
    f = results.flags(db, now)
    assert site["张一"] in {r["stay_id"] for r in f["overdue"]}
    assert all(r["overdue"] for r in f["overdue"])


def test_temperatures_refused_and_fever_flagged(db, now, site):
    before = counts(db)
    for raw in ("3.7", "373", 373, "abc", ""):
        with pytest.raises(DomainError) as e:
            health_checks.record_temperature(db, site["张一"], "morning", raw, [], NURSE, now)
        assert e.value.code in ("temperature_out_of_range", "temperature_invalid", "temperature_empty")
    with pytest.raises(DomainError) as e:
        health_checks.record_temperature(db, site["张一"], "morning", "36.5", ["hiccups"], NURSE, now)
    assert e.value.code == "symptom_unknown"
    with pytest.raises(DomainError) as e:
        health_checks.record_temperature(db, site["张一"], "morning", "36.5", [], NURSE, now,
                                   taken_at=now + timedelta(hours=1))
    assert e.value.code == "datetime_future"
    assert counts(db) == before
    assert health_checks.record_temperature(db, site["张一"], "morning", "37,4℃", ["fever"], NURSE, now) == 37.4
    health_checks.record_temperature(db, site["张二"], "morning", "36.6", [], NURSE, now)
    health_checks.record_temperature(db, site["张二"], "morning", "36.7", [], NURSE, now)  # corrected
    rows = {r["name"]: r for r in health_checks.health_round(db, now.date(), "morning", now, building="A", floor=2)}
    assert rows["张一"]["fever"] and not rows["张一"]["missing"]
    assert rows["张二"]["temperature"] == 36.7 and not rows["张二"]["fever"]
    assert rows["张三"]["missing"]
    assert [f["name"] for f in health_checks.fevers(db, now)] == ["张一"]
    assert "fever_24h" in stays.release_check(db, site["张一"], now).reasons


def test_staff_roster_tests_and_a_staff_positive(db, now, tmp_path):
    from isolation_desk.io.spreadsheet import write_xlsx
    from isolation_desk.services import staff
    from isolation_desk.services.results_import import import_results
    a = staff.add_staff(db, name="王芳", role="nurse", team="A组", phone="139 0000 1234",
                        id_number=make_resident_id("330106", date(1988, 1, 2), 5, "F"), actor=MANAGER, now=now)
    b = staff.add_staff(db, name="刘强", role="security", regime="three_in_five", actor=MANAGER, now=now)
    with pytest.raises(DomainError) as e:
        staff.add_staff(db, name="x", role="pilot", actor=MANAGER, now=now)
    assert e.value.code == "staff_role_unknown"
    with pytest.raises(DomainError) as e:
        staff.add_staff(db, name="王芳", role="nurse", id_number=make_resident_id("330106", date(1988, 1, 2), 5, "F"),
                        actor=MANAGER, now=now)
    assert e.value.code == "staff_exists"
    with pytest.raises(DomainError) as e:
        staff.add_staff(db, name="y", role="nurse", actor=NURSE, now=now)
    assert e.value.code == "permission_denied"
    assert staff.plan_staff_tests(db, now.date(), NURSE, now) == 2
    assert staff.plan_staff_tests(db, now.date(), NURSE, now) == 0  # idempotent
    tomorrow = now.date() + timedelta(days=1)
    assert staff.plan_staff_tests(db, tomorrow, NURSE, now) == 1  # security: 3-in-5 pattern
    rows = {r["name"]: r for r in staff.staff_day(db, now.date())}
    assert rows["王芳"]["phone_masked"] == "139****1234" and rows["王芳"]["test"]["purpose"] == "staff"
    sampling.record_sample(db, rows["王芳"]["test"]["id"], now, NURSE, now)
    # the lab's sheet finds staff by ID number too
    path = tmp_path / "lab.xlsx"
    write_xlsx(path, ["姓名", "身份证号", "检测结果"],
               [["王芳", make_resident_id("330106", date(1988, 1, 2), 5, "F"), "阳性"]])
    report = import_results(db, path, NURSE, now)
    assert report.recorded == 1 and report.positives[0]["staff_id"] == a
    [alert] = emergency.open_alerts(db)
    assert alert["kind"] == "staff_positive" and alert["name"] == "王芳"
    staff.deactivate_staff(db, b, MANAGER, now)
    assert [r["name"] for r in staff.staff_day(db, now.date())] == ["王芳"]


def test_late_positive_after_release_restarts_nobody(db, now, site):
    """A result that arrives after the person left: an alert, but the room's new occupants
    are not room-mates of the positive."""
    t = due_today(db, site["王父"], now.date())[0]
    sampling.record_sample(db, t["id"], now - timedelta(hours=3), NURSE, now)
    db.execute("UPDATE stays SET status = 'released', ended_at = ? WHERE id = ?", (now.isoformat(), site["王父"]))
    before = repo.stay(db, site["王子"])
    out = results.record_result_outcome(db, t["id"], "positive", NURSE, now)
    assert len(out.alerts) == 1 and out.restarted == []
    assert repo.stay(db, site["王子"])["start_date"] == before["start_date"]
    assert repo.stay(db, site["王父"])["status"] == "released"
