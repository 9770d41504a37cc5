"""Tests (samples and results) and health checks: the writes that release gating reads.

The tests-and-health-checks issue extends this module (regimes, pools, imports, screens).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..storage import repositories as repo
from ..storage.database import Database
from .stays import mark_awaiting_transfer

RESULTS = ("negative", "positive", "invalid")
CLOCK_SLACK = timedelta(minutes=5)


def _test_or_fail(db: Database, test_id: int) -> dict:
    t = repo.get(db, "tests", test_id)
    if t is None:
        raise DomainError("test_unknown", test_id=test_id)
    return t


def record_sample(db: Database, test_id: int, sampled_at: datetime, actor: Actor, now: datetime) -> None:
    actor.require("tests")
    if sampled_at > now + CLOCK_SLACK:
        raise DomainError("datetime_future", field="sampled_at", value=sampled_at.isoformat(" ", "minutes"))
    t = _test_or_fail(db, test_id)
    if t["sampled_at"]:
        raise DomainError("test_already_sampled")
    with db.transaction():
        repo.update(db, "tests", test_id, {"sampled_at": sampled_at.replace(microsecond=0)})
        repo.audit(db, actor=actor.username, action="sample", entity="test", entity_id=test_id,
                   after={"sampled_at": sampled_at}, at=now)


def record_result(db: Database, test_id: int, result: str, actor: Actor, now: datetime,
                  lab: str | None = None) -> list[int]:
    """Record a result. A positive makes the occupant await transfer and raises an alert.
    Returns the ids of alerts raised."""
    actor.require("tests")
    if result not in RESULTS:
        raise DomainError("result_unknown", value=result)
    t = _test_or_fail(db, test_id)
    if not t["sampled_at"]:
        raise DomainError("test_not_sampled")
    alerts: list[int] = []
    with db.transaction():
        repo.update(db, "tests", test_id, {"result": result, "result_at": now.replace(microsecond=0),
                                           "lab": lab, "recorded_by": actor.username})
        repo.audit(db, actor=actor.username, action="result", entity="test", entity_id=test_id,
                   before={"result": t["result"]}, after={"result": result}, at=now)
        if result == "positive" and t["stay_id"] is not None and t["purpose"] != "surface":
            s = repo.stay(db, t["stay_id"])
            if s["status"] == "in_isolation":
                mark_awaiting_transfer(db, s["id"], "positive", actor, now)
            alerts.append(repo.insert(db, "alerts", {"kind": "positive", "stay_id": s["id"],
                                                     "test_id": test_id, "raised_at": now}))
    return alerts


def record_health_check(db: Database, stay_id: int, taken_at: datetime, slot: str,
                        temperature: float | None, symptoms: list[str], actor: Actor,
                        now: datetime) -> int:
    actor.require("health")
    if slot not in ("morning", "evening"):
        raise DomainError("slot_unknown", value=slot)
    if temperature is not None and not 34.0 <= temperature <= 43.0:
        raise DomainError("temperature_out_of_range", field="temperature", value=temperature)
    if taken_at > now + CLOCK_SLACK:
        raise DomainError("datetime_future", field="taken_at", value=taken_at.isoformat(" ", "minutes"))
    s = repo.stay(db, stay_id)
    if s is None or s["status"] not in ("in_isolation", "awaiting_transfer"):
        raise DomainError("stay_not_active", status=s["status"] if s else "unknown")
    with db.transaction():
        db.execute("DELETE FROM health_checks WHERE stay_id = ? AND slot = ? AND substr(taken_at, 1, 10) = ?",
                   (stay_id, slot, taken_at.date().isoformat()))
        check_id = repo.insert(db, "health_checks", {
            "stay_id": stay_id, "taken_at": taken_at.replace(microsecond=0), "slot": slot,
            "temperature": temperature, "symptoms": ",".join(sorted(set(symptoms))),
            "recorded_by": actor.username})
        repo.audit(db, actor=actor.username, action="health_check", entity="stay", entity_id=stay_id,
                   after={"slot": slot, "temperature": temperature, "symptoms": symptoms}, at=now)
    return check_id
