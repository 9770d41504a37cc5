from datetime import date, timedelta

import pytest

from isolation_desk.domain.errors import DomainError, Refused
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.services import rooms, stays, stays_policy
from isolation_desk.services.testing import results, sampling
from isolation_desk.storage import repositories as repo

FRONT = Actor("desk1", "front_desk")
NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")


def reg(now, name="张三", exposure_days_ago=2, category="密接", **kw):
    fields = {"name": name, "id_number": make_resident_id("110101", date(1990, 5, 17), 12, "M"),
              "phone": "13800138000", "category": category,
              "last_exposure_date": (now.date() - timedelta(days=exposure_days_ago)).isoformat()}
    fields.update(kw)
    return validate_registration(fields, now.date())


def counts(db):
    return {t: db.scalar(f"SELECT count(*) FROM {t}") for t in ("people", "stays", "tests", "audit", "room_events")}


def test_check_in_schedules_tests_and_occupies_the_room(db, now):
    r = stays.check_in(db, reg(now), FRONT, now)
    assert r.release_date == now.date() - timedelta(days=2) + timedelta(days=7)
    room = repo.room(db, r.room_id)
    assert room["status"] == "occupied"
    due = [t["due_date"] for t in repo.tests_for_stay(db, r.stay_id)]
    assert due[0] == now.date().isoformat()  # sampled on the check-in day
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'check_in'") == 1
    assert repo.verify_audit_chain(db) == []


def test_invalid_id_is_refused_before_anything_is_written(db, now):
    before = counts(db)
    with pytest.raises(DomainError) as e:
        validate_registration({"name": "李四", "id_number": "110101199005171235", "category": "密接",
                               "last_exposure_date": "2022-11-18"}, now.date())
    assert e.value.code == "id_checksum"
    assert counts(db) == before


def test_unknown_category_refused(db, now):
    with pytest.raises(DomainError) as e:
        reg(now, category="游客")
    assert e.value.code == "category_unknown"


def test_check_in_to_an_occupied_or_dirty_room_is_refused_and_nothing_written(db, now):
    first = stays.check_in(db, reg(now), FRONT, now)
    before = counts(db)
    other = reg(now, name="王五", id_number=make_resident_id("310104", date(1985, 1, 2), 7, "F"))
    with pytest.raises(DomainError) as e:
        stays.check_in(db, other, FRONT, now, room_id=first.room_id)
    assert e.value.code == "room_not_ready"
    assert counts(db) == before
    # A room awaiting terminal disinfection cannot take anybody either.
    stays.transfer_out(db, first.stay_id, "hospital", "市定点医院", NURSE, now)
    assert repo.room(db, first.room_id)["status"] == "awaiting_disinfection"
    before = counts(db)
    with pytest.raises(DomainError) as e:
        stays.check_in(db, other, FRONT, now, room_id=first.room_id)
    assert e.value.code == "room_not_ready"
    assert counts(db) == before


def test_the_same_person_cannot_check_in_twice(db, now):
    stays.check_in(db, reg(now), FRONT, now)
    with pytest.raises(DomainError) as e:
        stays.check_in(db, reg(now), FRONT, now)
    assert e.value.code == "already_at_site"


def test_release_with_a_pending_test_is_refused_then_a_manager_overrides(db, now):
    # checked in the day before the release date (on it, the isolation would be over)
    r = stays.check_in(db, reg(now, exposure_days_ago=7), FRONT, now - timedelta(days=1))
    for t in repo.tests_for_stay(db, r.stay_id):
        sampling.record_sample(db, t["id"], now, NURSE, now)
    with pytest.raises(Refused) as e:
        stays.release(db, r.stay_id, NURSE, now + timedelta(hours=1))
    assert e.value.reasons == ["result_pending"]
    assert repo.stay(db, r.stay_id)["status"] == "in_isolation"
    with pytest.raises(DomainError) as e:  # a nurse may not override
        stays.release(db, r.stay_id, NURSE, now + timedelta(hours=1), override_reason="HQ order")
    assert e.value.code == "permission_denied"
    stays.release(db, r.stay_id, MANAGER, now + timedelta(hours=1), override_reason="指挥部通知提前解除")
    s = repo.stay(db, r.stay_id)
    assert s["status"] == "released"
    assert repo.room(db, r.room_id)["status"] == "awaiting_disinfection"
    events = [e["kind"] for e in repo.stay_history(db, r.stay_id)]
    assert events[-1] == "override_release"
    rooms.mark_disinfected(db, r.room_id, FRONT, now + timedelta(hours=3))
    assert repo.room(db, r.room_id)["status"] == "ready"


def test_release_allowed_when_all_tests_negative(db, now):
    r = stays.check_in(db, reg(now, exposure_days_ago=7), FRONT, now - timedelta(days=1))
    for t in repo.tests_for_stay(db, r.stay_id):
        sampling.record_sample(db, t["id"], now, NURSE, now)
        results.record_result(db, t["id"], "negative", NURSE, now + timedelta(hours=5))
    stays.release(db, r.stay_id, NURSE, now + timedelta(hours=6))
    assert repo.stay(db, r.stay_id)["status"] == "released"


def test_positive_cannot_be_overridden_into_a_release(db, now):
    r = stays.check_in(db, reg(now, exposure_days_ago=7), FRONT, now - timedelta(days=1))
    t = repo.tests_for_stay(db, r.stay_id)[0]
    sampling.record_sample(db, t["id"], now, NURSE, now)
    results.record_result(db, t["id"], "positive", NURSE, now + timedelta(hours=5))
    assert repo.stay(db, r.stay_id)["status"] == "awaiting_transfer"
    with pytest.raises(DomainError):
        stays.release(db, r.stay_id, MANAGER, now + timedelta(hours=6), override_reason="x")


def test_extend_and_bring_forward_move_the_release_test(db, now):
    r = stays.check_in(db, reg(now), FRONT, now)
    new = r.release_date + timedelta(days=3)
    change = stays.adjust_release(db, r.stay_id, new, "同楼层阳性", NURSE, now)
    assert change.kind == "extend"
    assert repo.stay(db, r.stay_id)["release_date"] == new.isoformat()
    assert any(t["due_date"] == new.isoformat() and t["purpose"] == "release"
               for t in repo.tests_for_stay(db, r.stay_id))
    with pytest.raises(DomainError) as e:
        stays.adjust_release(db, r.stay_id, new + timedelta(days=1), "", NURSE, now)
    assert e.value.code == "reason_required"
    change = stays.adjust_release(db, r.stay_id, r.release_date - timedelta(days=1), "政策调整", NURSE, now)
    assert change.kind == "bring_forward"
    assert all(t["due_date"] <= change.new.isoformat() for t in repo.tests_for_stay(db, r.stay_id))


def test_move_vacates_the_old_room(db, now):
    r = stays.check_in(db, reg(now), FRONT, now)
    target = rooms.find_room(db, "A-0305")
    stays.move(db, r.stay_id, target["id"], "维修", FRONT, now)
    assert repo.room(db, r.room_id)["status"] == "awaiting_disinfection"
    assert repo.room(db, target["id"])["status"] == "occupied"


def test_room_suggestion_keeps_categories_apart_by_floor(db, now):
    first = stays.check_in(db, reg(now), FRONT, now)
    floor = repo.room(db, first.room_id)["floor"]
    inbound = validate_registration({"name": "赵六", "id_number": make_resident_id("440305", date(1980, 3, 3), 5, "M"),
                                     "category": "入境人员", "arrival_date": now.date().isoformat()}, now.date())
    r2 = stays.check_in(db, inbound, FRONT, now)
    assert repo.room(db, r2.room_id)["floor"] != floor \
        or repo.room(db, r2.room_id)["building"] != repo.room(db, first.room_id)["building"]
    cc2 = reg(now, name="钱七", id_number=make_resident_id("110101", date(1991, 1, 1), 9, "F"))
    r3 = stays.check_in(db, cc2, FRONT, now)
    room3 = repo.room(db, r3.room_id)
    assert (room3["building"], room3["floor"]) == (repo.room(db, first.room_id)["building"], floor)


def test_household_child_joins_parent_room(db, now):
    b_room = rooms.find_room(db, "B-0201")
    parent = stays.check_in(db, reg(now), FRONT, now, room_id=b_room["id"])
    child = validate_registration({"name": "张小宝", "id_number": make_resident_id("110101", date(2016, 6, 1), 3, "M"),
                                   "category": "密接", "last_exposure_date": "2022-11-18"}, now.date())
    stays.check_in(db, child, FRONT, now, household_of=parent.stay_id, household_role="child")
    assert len(repo.room_stays(db, b_room["id"])) == 2
    adult = reg(now, name="路人", id_number=make_resident_id("110101", date(1970, 1, 1), 4, "M"))
    with pytest.raises(DomainError):
        stays.check_in(db, adult, FRONT, now, household_of=parent.stay_id, household_role="child")


def test_room_actions_and_viewer_refused(db, now):
    room = rooms.find_room(db, "A-0201")
    with pytest.raises(DomainError) as e:
        rooms.take_out_of_service(db, room["id"], "", FRONT, now)
    assert e.value.code == "reason_required"
    rooms.take_out_of_service(db, room["id"], "漏水", FRONT, now)
    with pytest.raises(DomainError) as e:
        stays.check_in(db, reg(now), FRONT, now, room_id=room["id"])
    assert e.value.code == "room_not_ready"
    with pytest.raises(DomainError) as e:
        rooms.back_in_service(db, room["id"], Actor("v", "viewer"), now)
    assert e.value.code == "permission_denied"
    rooms.back_in_service(db, room["id"], FRONT, now)


def test_policy_change_applied_to_current_occupants(db, now, manager):
    from isolation_desk.domain.policy import PRESETS
    from isolation_desk.services import site
    r = stays.check_in(db, reg(now), FRONT, now)
    site.set_policy(db, PRESETS["twenty_measures"]["close_contact"], manager, now)
    preview = stays_policy.preview_policy_change(db, "close_contact")
    assert [(c.stay_id, c.new_release) for c in preview] == [(r.stay_id, r.start_date + timedelta(days=5))]
    assert repo.stay(db, r.stay_id)["release_date"] == r.release_date.isoformat()  # preview writes nothing
    stays_policy.apply_policy_to_current(db, "close_contact", "二十条", manager, now)
    assert repo.stay(db, r.stay_id)["release_date"] == (r.start_date + timedelta(days=5)).isoformat()


def test_bulk_room_creation(db, now, manager):
    from isolation_desk.services import site
    rr = site.parse_room_range("building C, floors 2 to 15, rooms 01 to 30")
    assert site.create_rooms(db, rr, manager, now) == 14 * 30
    assert site.create_rooms(db, rr, manager, now) == 0  # existing rooms are kept
    assert site.parse_room_range("D栋 3-5层 1-12号").last_room == 12
    with pytest.raises(DomainError):
        site.parse_room_range("everything")
