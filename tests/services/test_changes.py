"""Actions say what they change (issue 19): every write service is marked with the kinds of
records it touches (services.changes.writes), the marks are true, and the window names no kind
itself: it asks the service."""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

import isolation_desk
import isolation_desk.services as services_pkg
from isolation_desk.domain.changes import Changes, Kind
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.services import (
    accounts,
    arrivals_import,
    health_checks,
    rooms,
    shift,
    site,
    site_figures,
    staff,
    stays,
    stays_expected,
    stays_policy,
    supplies,
)
from isolation_desk.services.changes import changes_of, is_marked, writes
from isolation_desk.services.testing import emergency, regimes, results, sampling

MANAGER = Actor("boss", "manager", "Boss")

# Functions that take an actor but write nothing a screen shows, or are parts of another
# marked action, and why.
NOT_ACTIONS = {
    "privacy.shows_personal": "a question, writes nothing",
    "encryption.may_encrypt": "a question, writes nothing",
    "encryption.open_signed_in": "opens the file for a signed-in person; the window is not open yet",
    "accounts.audit_trail": "reads the trail (a manager's question), writes nothing",
    "shift.seed_demo": "a part of demo.build_demo, which is marked",
}

# Which kind each table's rows are (what the marks are checked against).
TABLE_KINDS = {
    "stays": Kind.STAYS, "people": Kind.STAYS, "households": Kind.STAYS, "stay_events": Kind.STAYS,
    "rooms": Kind.ROOMS, "buildings": Kind.ROOMS, "room_events": Kind.ROOMS,
    "tests": Kind.TESTS, "pools": Kind.TESTS,
    "health_checks": Kind.HEALTH, "alerts": Kind.ALERTS,
    "supply_items": Kind.STOCK, "supply_lots": Kind.STOCK, "supply_movements": Kind.STOCK,
    "supply_balances": Kind.STOCK, "supply_issued_daily": Kind.STOCK,
    "settings": Kind.SETTINGS, "policies": Kind.SETTINGS, "users": Kind.USERS,
    "shift_log": Kind.SHIFT_LOG, "staff": Kind.STAFF, "audit": Kind.AUDIT,
}


def _services():
    for info in pkgutil.walk_packages(services_pkg.__path__, "isolation_desk.services."):
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("isolation_desk.services.")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            yield f"{short}.{name}", fn


def test_every_service_that_takes_an_actor_says_what_it_changes():
    unmarked = [name for name, fn in _services()
                if "actor" in inspect.signature(fn).parameters and not is_marked(fn)
                and name not in NOT_ACTIONS]
    assert not unmarked, f"mark these with @writes(Kind...) or name them in NOT_ACTIONS: {unmarked}"
    stale = set(NOT_ACTIONS) - {name for name, _ in _services()}
    assert not stale, f"NOT_ACTIONS names functions that no longer exist: {stale}"


def test_changes_of_an_unmarked_function_is_refused():
    with pytest.raises(TypeError, match="does not say what it changes"):
        changes_of(lambda: None)
    with pytest.raises(TypeError):
        writes()


def test_every_mark_includes_the_audit_trail():
    assert changes_of(stays.move) == Changes.of(Kind.STAYS, Kind.ROOMS, Kind.ALERTS, Kind.AUDIT)
    assert Kind.AUDIT in changes_of(supplies.receive)
    assert Changes.of(Kind.STOCK).touches({Kind.STOCK, Kind.ROOMS})
    assert not Changes.of(Kind.STOCK).touches({Kind.ROOMS, Kind.STAYS})
    assert Changes.everything().touches({Kind.USERS})


UI = Path(isolation_desk.__file__).parent / "ui"
GUESS = re.compile(r'(ctx\.run\([^,()]+,\s*"|\.call\(\s*"|changed\.emit\(\s*")')


def test_the_window_never_guesses_what_changed():
    """No ``ctx.run(parent, "stays", fn…)``, ``self.call("rooms", fn…)`` or
    ``changed.emit("tests")`` left: the window asks the service (``changes_of``)."""
    guesses = [f"{p.relative_to(UI)}:{n}" for p in sorted(UI.rglob("*.py"))
               for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
               if GUESS.search(line)]
    assert guesses == []


# -- the marks are true: what each action really wrote, measured by triggers -------------------

@contextmanager
def tables_written(db):
    """Record the tables written while the block runs (temporary triggers on every table)."""
    tables = [r["name"] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS written (name TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.written")
    made = []
    for table in tables:
        for op in ("INSERT", "UPDATE", "DELETE"):
            trigger = f"written_{table}_{op.lower()}"
            db.execute(f"CREATE TEMP TRIGGER {trigger} AFTER {op} ON main.{table} BEGIN "
                       f"INSERT OR IGNORE INTO written VALUES ('{table}'); END")
            made.append(trigger)
    found: set[str] = set()
    try:
        yield found
    finally:
        found.update(r["name"] for r in db.query("SELECT name FROM temp.written"))
        for trigger in made:
            db.execute(f"DROP TRIGGER temp.{trigger}")


def _kinds(tables: set[str]) -> set[Kind]:
    unknown = tables - set(TABLE_KINDS) - {"imports"}
    assert not unknown, f"tables without a kind in TABLE_KINDS: {unknown}"
    return {TABLE_KINDS[t] for t in tables if t in TABLE_KINDS}


def _registration(now, n: int):
    return validate_registration({
        "name": f"张{'一二三四五'[n]}", "id_number": make_resident_id("110101", date(1990, 5, 17), 10 + n, "M"),
        "phone": "13800138000", "category": "密接",
        "last_exposure_date": (now.date() - timedelta(days=2)).isoformat()}, now.date())


def test_what_each_action_writes_is_within_its_mark(db, now):
    def check(fn, *args, **kwargs):
        with tables_written(db) as written:
            result = fn(*args, **kwargs)
        assert written, f"{fn.__name__} wrote nothing"
        assert _kinds(written) <= changes_of(fn).kinds, (
            f"{fn.__name__} wrote {sorted(written)} but is marked {sorted(changes_of(fn).kinds)}")
        return result

    first = check(stays.check_in, db, _registration(now, 0), MANAGER, now)
    ready = [r for r in db.query("SELECT id FROM rooms WHERE status = 'ready' ORDER BY id")]
    check(stays.move, db, first.stay_id, ready[0]["id"], "换房", MANAGER, now)
    release_date = db.scalar("SELECT release_date FROM stays WHERE id = ?", (first.stay_id,))
    check(stays.adjust_release, db, first.stay_id, date.fromisoformat(release_date) + timedelta(days=2),
          "延长观察", MANAGER, now)
    due = db.query("SELECT id FROM tests WHERE stay_id = ? AND sampled_at IS NULL", (first.stay_id,))
    check(sampling.record_sample, db, due[0]["id"], now, MANAGER, now)
    check(results.record_result, db, due[0]["id"], "negative", MANAGER, now, lab="金域")
    check(health_checks.record_temperature, db, first.stay_id, "morning", "36.6", [], MANAGER, now)
    item = check(supplies.create_item, db, name="口罩", category="protective_equipment", unit="只",
                 actor=MANAGER, now=now)
    check(supplies.receive, db, item, 100, party="仓库", actor=MANAGER, now=now)
    check(site.update_settings, db, {"site_name": "新名字"}, MANAGER, now)
    check(shift.add_log_entry, db, "note", "交班备注", MANAGER, now)
    old_room = db.query("SELECT id FROM rooms WHERE status = 'disinfection' LIMIT 1")
    if old_room:
        check(rooms.mark_disinfected, db, old_room[0]["id"], MANAGER, now)
    second = check(stays.check_in, db, _registration(now, 1), MANAGER, now + timedelta(minutes=5))
    check(stays.transfer_out, db, second.stay_id, "hospital", "定点医院", MANAGER, now + timedelta(minutes=9))


def _reg(now, n, birth=date(1990, 5, 17), **kw):
    fields = {"name": "张" + "一二三四五六七八九十"[n - 1] + "明",
              "id_number": make_resident_id("110101", birth, 10 + n, "M"), "phone": "13800138000",
              "category": "密接", "last_exposure_date": (now.date() - timedelta(days=2)).isoformat()}
    fields.update(kw)
    return validate_registration(fields, now.date())


def test_households_results_and_settings_write_within_their_marks(db, now):
    """The paths the single-person scenario does not take: a child left alone and its alert,
    a household released by override, expected arrivals, a positive and its alert, staff,
    policies, rooms, accounts."""
    def check(fn, *args, **kwargs):
        with tables_written(db) as written:
            result = fn(*args, **kwargs)
        assert _kinds(written) <= changes_of(fn).kinds, (
            f"{fn.__name__} wrote {sorted(written)} but is marked {sorted(changes_of(fn).kinds)}")
        return result

    def reg(n, birth=date(1990, 5, 17), **kw):
        return _reg(now, n, birth, **kw)

    b2 = db.query("SELECT r.id FROM rooms r JOIN buildings b ON b.id = r.building_id "
                  "WHERE b.code = 'B' ORDER BY r.id")
    parent = check(stays.check_in, db, reg(1), MANAGER, now, room_id=b2[0]["id"])
    child = check(stays.check_in, db, reg(2, birth=date(2016, 6, 1)), MANAGER, now,
                  household_of=parent.stay_id, household_role="child")
    # move parent alone with override -> child alone alert
    ready = [r["id"] for r in db.query("SELECT id FROM rooms WHERE status='ready' ORDER BY id")]
    check(stays.move, db, parent.stay_id, ready[0], "换房", MANAGER, now, with_household=False, override_reason="医嘱")
    # move back to the child's room? room occupied; check_in another adult of the household into child's room
    check(stays.adjust_release, db, child.stay_id, child.release_date + timedelta(days=2), "延长", MANAGER, now)
    third = check(stays.check_in, db, reg(3), MANAGER, now)
    check(stays.end_stay_other, db, third.stay_id, "回家", MANAGER, now)
    # household 2: parent + child, then release parent by override
    p2 = check(stays.check_in, db, reg(4), MANAGER, now, room_id=b2[1]["id"])
    c2 = check(stays.check_in, db, reg(5, birth=date(2015, 1, 1)), MANAGER, now,
               household_of=p2.stay_id, household_role="child")
    check(stays.release, db, p2.stay_id, MANAGER, now, override_reason="提前")
    # transfer
    p3 = check(stays.check_in, db, reg(6), MANAGER, now)
    check(stays.restart_isolation, db, p3.stay_id, now.date(), "重新", MANAGER, now)
    # expected
    e = check(stays_expected.register_expected, db, reg(7), MANAGER, now, source="list")
    check(stays_expected.check_in_expected, db, e, MANAGER, now)
    e2 = check(stays_expected.register_expected, db, reg(8), MANAGER, now, source="list")
    check(stays_expected.cancel_expected, db, e2, "没来", MANAGER, now)
    check(stays_expected.register_expected, db, reg(9), MANAGER, now, source="list")
    check(stays_expected.bulk_check_in, db, stays_expected.plan_check_in(db), MANAGER, now)
    # tests
    check(sampling.sample_stay, db, c2.stay_id, now.date(), now, MANAGER, now)
    p4 = check(stays.check_in, db, reg(10), MANAGER, now)
    check(sampling.sample_stay, db, p4.stay_id, now.date(), now, MANAGER, now)
    check(sampling.new_pool, db, "pcr", 10, MANAGER, now)
    check(regimes.set_regime, db, [p3.stay_id], "daily", "pcr", MANAGER, now)
    t = db.query("SELECT id FROM tests WHERE stay_id=? AND sampled_at IS NOT NULL AND result IS NULL", (p4.stay_id,))
    p3 = p4
    check(results.record_result, db, t[0]["id"], "positive", MANAGER, now, lab="L")
    alerts = db.query("SELECT id FROM alerts WHERE handled_at IS NULL")
    check(emergency.acknowledge_alert, db, alerts[-1]["id"], "已处理", MANAGER, now)
    check(stays.transfer_out, db, p3.stay_id, "hospital", "医院", MANAGER, now)
    check(health_checks.record_temperature, db, c2.stay_id, "morning", "38.2", [], MANAGER, now)
    check(staff.add_staff, db, name="护士", role="nurse", actor=MANAGER, now=now)
    check(staff.plan_staff_tests, db, now.date(), MANAGER, now)
    # policy
    pols = site.current_policies(db)
    pid, p = pols["close_contact"]
    check(site.set_policy, db, dataclasses.replace(p, isolation_days=p.isolation_days+1), MANAGER, now)
    check(stays_policy.apply_policy_to_current, db, "close_contact", "新政策", MANAGER, now)
    check(site.apply_preset, db, "edition_8", MANAGER, now)
    check(site_figures.set_daily_template, db, site_figures.DEFAULT_DAILY_TEMPLATE, MANAGER, now)
    check(arrivals_import.forget_mapping, db, MANAGER, now)
    check(rooms.take_out_of_service, db, ready[-1], "坏了", MANAGER, now)
    check(rooms.back_in_service, db, ready[-1], MANAGER, now)
    check(accounts.create_user, db, "u1", "U", "medical", "Passw0rd!23456", MANAGER, now)
    check(accounts.reset_password, db, "u1", "Passw0rd!654321", MANAGER, now)

    # household 3: child alone after parent ends; then another adult joins -> alert closed
    p5 = check(stays.check_in, db, reg(1, birth=date(1980, 1, 1), name="李大明"), MANAGER, now,
               room_id=b2[2]["id"])
    c5 = check(stays.check_in, db, reg(2, birth=date(2017, 1, 1), name="李小明"), MANAGER, now,
               household_of=p5.stay_id, household_role="child")
    check(stays.end_stay_other, db, p5.stay_id, "回家", MANAGER, now)
    check(stays.check_in, db, reg(3, birth=date(1982, 1, 1), name="王大明"), MANAGER, now,
          household_of=c5.stay_id, household_role="parent")
