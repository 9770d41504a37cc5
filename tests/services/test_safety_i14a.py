"""Issue 14 (part a): households move and extend together, a child is never left alone
unnoticed, release respects open risk. Real SQLite, real services, a fixed clock."""
from datetime import date, timedelta

import pytest

from isolation_desk.domain.errors import DomainError, Refused
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.messages import describe
from isolation_desk.services import health_checks, rooms, stays, stays_policy
from isolation_desk.services.testing import emergency, results, sampling
from isolation_desk.storage import repositories as repo

FRONT = Actor("desk1", "front_desk")
NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")
DOCTOR = Actor("doc", "medical")


def person(now, name, born, serial, exposure_days_ago=2, **kw):
    fields = {"name": name, "id_number": make_resident_id("110101", born, serial, "M"),
              "category": "密接",
              "last_exposure_date": (now.date() - timedelta(days=exposure_days_ago)).isoformat()}
    fields.update(kw)
    return validate_registration(fields, now.date())


def family(db, now, room="B-0201", when=None, exposure_days_ago=2):
    """A parent and a six-year-old child in one two-bed room."""
    when = when or now
    r = rooms.find_room(db, room)
    parent = stays.check_in(db, person(now, "张父", date(1985, 3, 1), 11, exposure_days_ago), FRONT,
                            when, room_id=r["id"])
    child = stays.check_in(db, person(now, "张小宝", date(2016, 6, 1), 13, exposure_days_ago), FRONT,
                           when, household_of=parent.stay_id, household_role="child")
    return parent, child


def room_of(db, stay_id):
    return repo.stay(db, stay_id)["room"]


# -- households move and extend together ----------------------------------------------
def test_moving_a_parent_moves_the_child_who_shares_the_room(db, now):
    parent, child = family(db, now)
    target = rooms.find_room(db, "B-0203")
    result = stays.move(db, parent.stay_id, target["id"], "空调坏了", FRONT, now)
    assert room_of(db, parent.stay_id) == room_of(db, child.stay_id) == "B-0203"
    assert set(result.moved) == {parent.stay_id, child.stay_id}
    assert repo.room(db, parent.room_id)["status"] == "awaiting_disinfection"
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'move'") == 1
    assert [e["kind"] for e in repo.stay_history(db, child.stay_id)][-1] == "move"


def test_a_household_does_not_move_into_a_room_too_small(db, now):
    parent, child = family(db, now)
    single = rooms.find_room(db, "A-0305")
    with pytest.raises(DomainError) as e:
        stays.move(db, parent.stay_id, single["id"], "维修", FRONT, now)
    assert e.value.code == "room_too_small_for_household"
    assert room_of(db, child.stay_id) == room_of(db, parent.stay_id) == "B-0201"


def test_moving_a_parent_alone_away_from_the_child_needs_a_manager_and_a_reason(db, now):
    parent, child = family(db, now)
    single = rooms.find_room(db, "A-0305")
    with pytest.raises(DomainError) as e:
        stays.move(db, parent.stay_id, single["id"], "发热观察", FRONT, now, with_household=False)
    assert e.value.code == "move_separates_household"
    assert "child" in describe(e.value, "en")
    with pytest.raises(DomainError) as e:  # the front desk may not override
        stays.move(db, parent.stay_id, single["id"], "发热观察", FRONT, now, with_household=False,
                   override_reason="医生要求")
    assert e.value.code == "permission_denied"
    assert room_of(db, parent.stay_id) == "B-0201"
    result = stays.move(db, parent.stay_id, single["id"], "发热观察", MANAGER, now,
                        with_household=False, override_reason="医生要求单独观察,护士陪护")
    assert room_of(db, parent.stay_id) == "A-0305" and room_of(db, child.stay_id) == "B-0201"
    audit = db.query_one("SELECT * FROM audit WHERE action = 'move'")
    assert audit["actor"] == "boss"
    assert '"overridden": "move_separates_household"' in audit["after"]
    assert "医生要求单独观察" in audit["after"]
    # the child is alone now: the alert says so
    assert len(result.alerts) == 1


def test_moving_a_parent_alone_is_allowed_while_another_adult_of_the_household_stays(db, now):
    parent, child = family(db, now)
    db.execute("UPDATE rooms SET beds = 3 WHERE id = ?", (parent.room_id,))
    mother = stays.check_in(db, person(now, "李母", date(1987, 1, 1), 15), FRONT, now,
                            household_of=parent.stay_id, household_role="parent")
    single = rooms.find_room(db, "A-0305")
    stays.move(db, parent.stay_id, single["id"], "发热观察", FRONT, now, with_household=False)
    assert room_of(db, parent.stay_id) == "A-0305"
    assert room_of(db, mother.stay_id) == room_of(db, child.stay_id) == "B-0201"
    assert not [a for a in emergency.open_alerts(db) if a["kind"] == "child_alone"]


def test_extending_a_parent_extends_the_child_in_the_room(db, now):
    parent, child = family(db, now)
    new = parent.release_date + timedelta(days=3)
    stays.adjust_release(db, parent.stay_id, new, "同楼层阳性", NURSE, now)
    assert repo.stay(db, child.stay_id)["release_date"] == new.isoformat()
    assert any(t["purpose"] == "release" and t["due_date"] == new.isoformat()
               for t in repo.tests_for_stay(db, child.stay_id))
    # asked not to: only the parent
    later = new + timedelta(days=1)
    stays.adjust_release(db, parent.stay_id, later, "漏检", NURSE, now, with_household=False)
    assert repo.stay(db, child.stay_id)["release_date"] == new.isoformat()


def test_a_positive_restarts_the_household_room_mates(db, now):
    parent, child = family(db, now)
    t = repo.tests_for_stay(db, parent.stay_id)[0]
    sampling.record_sample(db, t["id"], now, NURSE, now)
    results.record_result(db, t["id"], "positive", NURSE, now + timedelta(hours=3))
    assert repo.stay(db, child.stay_id)["start_date"] == now.date().isoformat()


# -- a child alone -------------------------------------------------------------------------
def test_transfer_of_the_last_adult_raises_a_child_alone_alert_until_a_carer_comes(db, now):
    parent, child = family(db, now)
    stays.transfer_out(db, parent.stay_id, "hospital", "定点医院", MANAGER, now)
    alerts = [a for a in emergency.open_alerts(db) if a["kind"] == "child_alone"]
    assert [(a["stay_id"], a["room"]) for a in alerts] == [(child.stay_id, "B-0201")]
    carer = person(now, "王阿姨", date(1975, 1, 1), 17)
    stays.check_in(db, carer, FRONT, now + timedelta(hours=2), household_of=child.stay_id,
                   household_role="carer")
    assert not [a for a in emergency.open_alerts(db) if a["kind"] == "child_alone"]
    handled = db.query_one("SELECT * FROM alerts WHERE kind = 'child_alone'")
    assert handled["note"] == "carer_in_room" and handled["handled_at"]


def test_a_child_alone_alert_ends_when_the_child_is_moved(db, now):
    parent, child = family(db, now)
    stays.end_stay_other(db, parent.stay_id, "指挥部通知", MANAGER, now)
    assert [a["stay_id"] for a in emergency.open_alerts(db) if a["kind"] == "child_alone"] == [child.stay_id]
    stays.move(db, child.stay_id, rooms.find_room(db, "B-0204")["id"], "换房", MANAGER, now)
    # the alert of the old room is closed; alone in the new room, the child raises a new one
    first = db.query_one("SELECT * FROM alerts WHERE kind = 'child_alone' ORDER BY id LIMIT 1")
    assert first["note"] == "moved" and first["handled_at"]
    assert [a["room"] for a in emergency.open_alerts(db) if a["kind"] == "child_alone"] == ["B-0204"]


# -- releasing respects open risk ------------------------------------------------------
def due_person(db, now, name="赵六", serial=21, room="A-0201"):
    """Checked in yesterday, release date today, every test sampled and negative."""
    r = stays.check_in(db, person(now, name, date(1990, 1, 1), serial, 7), FRONT,
                       now - timedelta(days=1), room_id=rooms.find_room(db, room)["id"])
    for t in repo.tests_for_stay(db, r.stay_id):
        sampling.record_sample(db, t["id"], now - timedelta(hours=3), NURSE, now)
        results.record_result(db, t["id"], "negative", NURSE, now - timedelta(hours=1))
    return r


def positive_on(db, now, room, name="钱七", serial=23):
    r = stays.check_in(db, person(now, name, date(1992, 2, 2), serial), FRONT, now - timedelta(days=1),
                       room_id=rooms.find_room(db, room)["id"])
    t = repo.tests_for_stay(db, r.stay_id)[0]
    sampling.record_sample(db, t["id"], now - timedelta(hours=2), NURSE, now)
    results.record_result(db, t["id"], "positive", NURSE, now - timedelta(hours=1))
    return r


def test_release_blocked_by_an_unacknowledged_positive_on_the_floor_until_confirmed(db, now):
    r = due_person(db, now)
    assert stays.release_check(db, r.stay_id, now).allowed
    positive_on(db, now, "A-0207")
    d = stays.release_check(db, r.stay_id, now)
    assert d.reasons == ("positive_nearby",) and d.details["positive_rooms"] == ["A-0207"]
    with pytest.raises(Refused) as e:
        stays.release(db, r.stay_id, NURSE, now)
    assert e.value.reasons == ["positive_nearby"]
    assert "positive" in describe(e.value, "en") and "阳性" in describe(e.value, "zh_CN")
    stays.release(db, r.stay_id, MANAGER, now, override_reason="已流调,非密接")
    assert repo.stay(db, r.stay_id)["status"] == "released"
    audit = db.query_one("SELECT * FROM audit WHERE action = 'release'")
    assert audit["actor"] == "boss" and "已流调" in audit["after"] and "positive_nearby" in audit["after"]


def test_an_acknowledged_positive_or_one_on_another_floor_does_not_block(db, now):
    r = due_person(db, now)
    other_floor = positive_on(db, now, "A-0301")
    assert stays.release_check(db, r.stay_id, now).allowed
    same_floor = positive_on(db, now, "A-0205", name="孙八", serial=25)
    alert = [a for a in emergency.open_alerts(db) if a["stay_id"] == same_floor.stay_id][0]
    emergency.acknowledge_alert(db, alert["id"], "已联系120", MANAGER, now)
    assert stays.release_check(db, r.stay_id, now).allowed
    assert other_floor


def test_fever_needs_the_manager_and_a_second_medical_or_manager_account(db, now):
    r = due_person(db, now)
    health_checks.record_health_check(db, r.stay_id, now - timedelta(hours=5), "morning", 37.4, [], NURSE, now)
    with pytest.raises(Refused) as e:
        stays.release(db, r.stay_id, MANAGER, now, override_reason="体温复测正常")
    assert e.value.code == "release_fever_second_signature"
    with pytest.raises(Refused):
        stays.release(db, r.stay_id, MANAGER, now, override_reason="体温复测正常",
                      second_actor=FRONT, second_reason="同意")
    with pytest.raises(DomainError) as e:
        stays.release(db, r.stay_id, MANAGER, now, override_reason="体温复测正常",
                      second_actor=MANAGER, second_reason="同意")
    assert e.value.code == "second_signature_same_person"
    with pytest.raises(DomainError) as e:
        stays.release(db, r.stay_id, MANAGER, now, override_reason="体温复测正常",
                      second_actor=DOCTOR, second_reason=" ")
    assert e.value.code == "reason_required"
    assert repo.stay(db, r.stay_id)["status"] == "in_isolation"
    stays.release(db, r.stay_id, MANAGER, now, override_reason="体温复测正常",
                  second_actor=DOCTOR, second_reason="复测36.6,医生确认")
    audit = db.query_one("SELECT * FROM audit WHERE action = 'release'")
    assert '"second_actor": "doc"' in audit["after"] and "复测36.6" in audit["after"]


def test_a_positive_is_never_released_even_with_two_signatures(db, now):
    r = positive_on(db, now, "A-0209")
    db.execute("UPDATE stays SET status = 'in_isolation' WHERE id = ?", (r.stay_id,))
    with pytest.raises(Refused) as e:
        stays.release(db, r.stay_id, MANAGER, now + timedelta(days=8), override_reason="x",
                      second_actor=DOCTOR, second_reason="y")
    assert e.value.code == "release_refused_positive"


def test_the_refusal_names_each_missing_test_by_kind_and_date(db, now):
    r = stays.check_in(db, person(now, "周九", date(1990, 1, 1), 27, 7), FRONT,
                       now - timedelta(days=1), room_id=rooms.find_room(db, "A-0401")["id"])
    day = now.date().isoformat()
    repo.insert_tests(db, [(r.stay_id, "pcr", "second_lab", day)])
    for t in repo.tests_for_stay(db, r.stay_id):
        if t["due_date"] < day:
            sampling.record_sample(db, t["id"], now - timedelta(days=1), NURSE, now)
            results.record_result(db, t["id"], "negative", NURSE, now)
    d = stays.release_check(db, r.stay_id, now)
    assert d.details["missing"] == [("release", day), ("second_lab", day)]
    with pytest.raises(Refused) as e:
        stays.release(db, r.stay_id, NURSE, now)
    text = describe(e.value, "zh_CN")
    assert "解除前采样 11-20, 第二份采样 11-20" in text
    assert "pre-release sample 11-20, second sample 11-20" in describe(e.value, "en")


# -- dates at the edges ------------------------------------------------------------------
def test_check_in_refused_when_the_isolation_is_already_over(db, now):
    with pytest.raises(DomainError) as e:
        stays.check_in(db, person(now, "吴十", date(1990, 1, 1), 29, exposure_days_ago=7), FRONT, now)
    assert e.value.code == "arrival_isolation_over"
    assert "2022-11-20" in describe(e.value, "en")
    assert db.scalar("SELECT count(*) FROM stays") == 0


def test_the_handover_sheet_names_a_child_alone(db, now, tmp_path):
    import pypdf

    from isolation_desk.reports.handover import build_handover
    from isolation_desk.services import shift_summary
    parent, child = family(db, now)
    stays.transfer_out(db, parent.stay_id, "hospital", "定点医院", MANAGER, now)
    summary = shift_summary.current_summary(db, now + timedelta(minutes=5))
    assert [(c["room"], c["name"]) for c in summary.children_alone] == [("B-0201", "张小宝")]
    out = tmp_path / "handover.pdf"
    build_handover(summary, out, lang="zh_CN")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "儿童独自在房间 B-0201" in text.replace("\n", "")
    build_handover(summary, out, lang="en")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "child alone in room B-0201" in text.replace("\n", " ")


# -- the release notice ---------------------------------------------------------------------
def test_no_release_notice_for_a_person_not_releasable_and_the_notice_says_both_dates(db, now, tmp_path):
    import pypdf

    from isolation_desk.services import papers, site
    r = due_person(db, now)
    health_checks.record_health_check(db, r.stay_id, now - timedelta(hours=2), "morning", 37.8, [], NURSE, now)
    with pytest.raises(DomainError) as e:
        papers.write_release_notice(db, r.stay_id, tmp_path / "n.pdf", now, actor=MANAGER)
    assert e.value.code == "release_notice_not_releasable"
    assert "fever" in describe(e.value, "en")
    assert not (tmp_path / "n.pdf").exists()
    later = now + timedelta(hours=23)  # the fever is more than 24 hours old
    site.update_settings(db, {"command_office": "滨江区疫情防控指挥部办公室"}, MANAGER, now)
    papers.write_release_notice(db, r.stay_id, tmp_path / "n.pdf", later, actor=MANAGER)
    text = pypdf.PdfReader(tmp_path / "n.pdf").pages[0].extract_text().replace("\n", "")
    checked_in = (now - timedelta(days=1)).date().isoformat()
    exposure = (now - timedelta(days=7)).date().isoformat()
    assert f"您于 {checked_in} 入住本隔离点" in text
    assert f"末次暴露日期 {exposure}" in text
    assert "滨江区疫情防控指挥部办公室" in text


# -- the release hand-off to the community --------------------------------------------------
def test_release_records_whether_the_community_was_told_and_the_daily_report_counts_the_rest(db, now, tmp_path):

    from isolation_desk.services import site_figures
    told = due_person(db, now)
    untold = due_person(db, now, name="郑十一", serial=31, room="A-0203")
    stays.release(db, told.stay_id, NURSE, now, community_notified=True)
    stays.release(db, untold.stay_id, NURSE, now)
    s = repo.stay(db, told.stay_id)
    assert (s["community_notified"], s["community_notified_by"], s["community_notified_at"]) == \
        (1, "nurse1", now.isoformat())
    later = now + timedelta(hours=1)
    assert site_figures.daily_figures(db, now.date(), later)["releases_not_notified"] == 1
    assert [r["id"] for r in stays.releases_not_notified(db)] == [untold.stay_id]
    # the command runs as a named person (issue 16): a nurse, whose sign-in leaves the file plain
    from cli.helpers import ensure_account, run_as
    ensure_account(db.path, encrypt=False)
    ensure_account(db.path, "nurse2", "nurse-pass-2", role="medical", display_name="护士", encrypt=False)
    r = run_as("community", "notified", "--db", str(db.path), "--stay", str(untold.stay_id),
               "--note", "电话告知社区", user="nurse2", password="nurse-pass-2", provision=False)
    assert r.exit_code == 0, r.output
    assert repo.stay(db, untold.stay_id)["community_notified_by"] == "nurse2"
    assert stays.releases_not_notified(db) == []
    r = run_as("community", "notified", "--db", str(db.path), "--stay", str(untold.stay_id),
               user="nurse2", password="nurse-pass-2", provision=False)
    assert r.exit_code == 2 and "already told" in r.output
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'community_notified'") == 1


def test_the_check_in_test_is_the_first_sample_after_check_in(db, now):
    late = now.replace(hour=23, minute=59)
    r = stays.check_in(db, person(now, "夜到", date(1990, 1, 1), 33), FRONT, late)
    next_day = late + timedelta(minutes=31)  # 00:30 the next day
    done = sampling.sample_stay(db, r.stay_id, next_day.date(), next_day, NURSE, next_day)
    check_in_test = next(t for t in repo.tests_for_stay(db, r.stay_id) if t["purpose"] == "check_in")
    assert check_in_test["id"] in done and check_in_test["sampled_at"] == next_day.isoformat()


def test_a_policy_change_keeps_the_tests_due_on_the_day_of_the_change(db, now, manager):
    from isolation_desk.domain.policy import PRESETS
    from isolation_desk.services import site
    today = now.date().isoformat()
    # day 5 today (a 9th-edition test day): the new policy keeps it, nothing doubles
    kept = stays.check_in(db, person(now, "改政策", date(1990, 1, 1), 35, 5), FRONT, now - timedelta(days=4))
    # day 4 today: no test under the 9th edition, one under the new policy
    added = stays.check_in(db, person(now, "新测试", date(1990, 1, 1), 37, 4), FRONT, now - timedelta(days=3))
    assert [t for t in repo.tests_for_stay(db, added.stay_id) if t["due_date"] == today] == []
    site.set_policy(db, PRESETS["edition_9"]["close_contact"].with_changes(test_days=(1, 2, 3, 4, 5, 7)),
                    manager, now)
    stays_policy.apply_policy_to_current(db, "close_contact", "本地方案:第4天加测", manager, now)
    assert [t["purpose"] for t in repo.tests_for_stay(db, kept.stay_id) if t["due_date"] == today] == ["scheduled"]
    assert [t["purpose"] for t in repo.tests_for_stay(db, added.stay_id) if t["due_date"] == today] == ["scheduled"]


def test_a_child_without_a_document_is_registered_with_the_parent(db, now):
    parent, _ = family(db, now)
    with pytest.raises(DomainError) as e:
        stays.check_in_child_without_document(db, {"name": "王小妹"}, parent.stay_id, FRONT, now)
    assert e.value.code == "birth_date_needed"
    assert "Birth date needed" in describe(e.value, "en")
    db.execute("UPDATE rooms SET beds = 3 WHERE id = ?", (parent.room_id,))
    r = stays.check_in_child_without_document(db, {"name": "王小妹", "birth_date": "2021-03-04", "sex": "F"},
                                              parent.stay_id, FRONT, now)
    s = repo.stay(db, r.stay_id)
    assert s["id_type"] == "other" and s["id_number"].startswith("LOCAL-")
    assert s["room_id"] == parent.room_id and s["household_role"] == "child"


def test_a_household_child_without_birth_date_says_birth_date_needed():
    from isolation_desk.domain.households import Member, check_household
    with pytest.raises(DomainError) as e:
        check_household([Member("parent", 38), Member("child", None)])
    assert e.value.code == "birth_date_needed"


def test_a_child_alone_alert_cannot_be_acknowledged_away(db, now):
    parent, child = family(db, now)
    stays.transfer_out(db, parent.stay_id, "hospital", "定点医院", MANAGER, now)
    alert = next(a for a in emergency.open_alerts(db) if a["kind"] == "child_alone")
    with pytest.raises(DomainError) as e:
        emergency.acknowledge_alert(db, alert["id"], "看过了", MANAGER, now)
    assert e.value.code == "child_alone_not_acknowledged" and "B-0201" in describe(e.value, "en")
    assert [a["id"] for a in emergency.open_alerts(db) if a["kind"] == "child_alone"] == [alert["id"]]
