"""The staff roster and the staff's own tests (工作人员一天一检).

Staff are not occupants: they have no stay, no room and no release. Each has a regime
(daily by default, or 3 in 5 days on a fixed pattern counted from the day they joined);
``plan_staff_tests`` creates the day's tests (purpose 'staff'), and it can be run any
number of times: a test already planned is not planned twice.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from ..domain import schedule as sched
from ..domain.cells import normalize_text
from ..domain.dates import stored_date
from ..domain.errors import DomainError
from ..domain.identity import make_resident_id, mask_id, mask_phone, normalize_phone, validate_document
from ..domain.roles import Actor
from ..storage import repo_tests as rt
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes

STAFF_ROLES = ("doctor", "nurse", "security", "cleaner", "logistics", "manager", "other")




@writes(Kind.STAFF)
def add_staff(db: Database, *, name: str, role: str, team: str = "", phone: str = "",
              id_number: str = "", regime: str = "daily", actor: Actor, now: datetime) -> int:
    actor.require("settings")
    name = normalize_text(name)
    if not name:
        raise DomainError("name_empty", field="name")
    if role not in STAFF_ROLES:
        raise DomainError("staff_role_unknown", field="role", value=role)
    regime = sched.check_regime(regime) or "daily"
    stored_phone = normalize_phone(phone) if normalize_text(phone) else None
    stored_id = validate_document("resident_id", id_number, now.date()) if normalize_text(id_number) else None
    if stored_id and rt.staff_by_id_number(db, stored_id):
        raise DomainError("staff_exists", field="id_number", name=name)
    with db.transaction():
        staff_id = repo.insert(db, "staff", {"name": name, "role": role, "team": normalize_text(team) or None,
                                             "phone": stored_phone, "id_number": stored_id, "test_regime": regime,
                                             "active": 1, "created_at": now.replace(microsecond=0)})
        repo.audit(db, actor=actor.username, action="add_staff", entity="staff", entity_id=staff_id,
                   after={"name": name, "role": role, "team": team, "regime": regime}, at=now)
    return staff_id


@writes(Kind.STAFF)
def deactivate_staff(db: Database, staff_id: int, actor: Actor, now: datetime) -> None:
    actor.require("settings")
    s = repo.get(db, "staff", staff_id)
    if s is None:
        raise DomainError("staff_unknown")
    with db.transaction():
        repo.update(db, "staff", staff_id, {"active": 0})
        rt.delete_future_staff_tests(db, staff_id, now.date().isoformat())
        repo.audit(db, actor=actor.username, action="deactivate_staff", entity="staff", entity_id=staff_id,
                   before={"active": 1}, after={"active": 0}, at=now)


@writes(Kind.STAFF, Kind.TESTS)
def plan_staff_tests(db: Database, day: date, actor: Actor, now: datetime) -> int:
    """Create the day's tests for every active staff member who owes one. Returns how many."""
    actor.require("tests")
    added = 0
    with db.transaction():
        for s in rt.staff_list(db):
            if rt.staff_tests_for(db, s["id"], day.isoformat()):
                continue
            joined = cast(date, stored_date(s["created_at"]))  # created_at is NOT NULL
            if not sched.staff_due(s["test_regime"], day, joined):
                continue
            rt.insert_test(db, {"staff_id": s["id"], "kind": "pcr", "purpose": "staff",
                                "due_date": day.isoformat()})
            added += 1
        repo.audit(db, actor=actor.username, action="plan_staff_tests", entity="staff",
                   after={"day": day, "tests": added}, at=now)
    return added


def staff_day(db: Database, day: date) -> list[dict[str, Any]]:
    """The roster with each member's test of ``day`` (None when none is planned)."""
    tests: dict[int, dict[str, Any]] = {}
    for t in rt.staff_tests(db, day.isoformat()):
        tests.setdefault(t["staff_id"], t)
    rows = []
    for s in rt.staff_list(db):
        s = dict(s)
        s["id_masked"] = mask_id(s["id_number"] or "")
        s["phone_masked"] = mask_phone(s["phone"]) if s["phone"] else ""
        s["test"] = tests.get(s["id"])
        rows.append(s)
    return rows


# -- the demo ------------------------------------------------------------------------
_DEMO_STAFF = (("周建华", "manager", "A"), ("李敏", "doctor", "A"), ("王芳", "nurse", "A"),
               ("陈静", "nurse", "A"), ("刘强", "security", "A"), ("赵磊", "cleaner", "A"),
               ("孙丽", "doctor", "B"), ("吴娟", "nurse", "B"), ("郑洋", "nurse", "B"),
               ("冯勇", "security", "B"), ("何平", "cleaner", "B"), ("高涛", "logistics", "B"))


@writes(Kind.STAFF, Kind.TESTS)
def seed_demo(db: Database, rng: random.Random, now: datetime, actor: Actor) -> None:
    """Two teams of staff, tested daily for the last week; today's round half done."""
    start = now - timedelta(days=8)
    for i, (name, role, team) in enumerate(_DEMO_STAFF):
        birth = date(1975 + rng.randint(0, 25), rng.randint(1, 12), rng.randint(1, 28))
        add_staff(db, name=name, role=role, team=f"{team}组", actor=actor, now=start,
                  phone="139" + "".join(str(rng.randint(0, 9)) for _ in range(8)),
                  id_number=make_resident_id("330106", birth, 500 - i - 1 if i < 499 else 1, rng.choice("MF")),
                  regime="three_in_five" if role == "security" else "daily")
    for k in range(7, -1, -1):
        day = now.date() - timedelta(days=k)
        plan_staff_tests(db, day, actor, min(now, datetime.combine(day, time(7, 0))))
        for t in rt.staff_tests(db, day.isoformat()):
            if k == 0 and rng.random() < 0.5:
                continue
            sampled = min(now, datetime.combine(day, time(7, rng.randint(0, 50))))
            changes = {"sampled_at": sampled.replace(microsecond=0).isoformat()}
            if k > 0:
                changes.update(result="negative", result_at=datetime.combine(day, time(18, 0)).isoformat(),
                               recorded_by=actor.username)
            repo.update(db, "tests", t["id"], changes)
