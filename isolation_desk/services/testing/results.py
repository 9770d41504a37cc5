"""Results: one sample's, a pool's, several as one action; what follows from each (a
re-test for an invalid one, the emergency for a positive: ``emergency``); the rule that
keeps a bulk negative off fresh and release-relevant samples; the results still to enter.

Pools (混采): a negative pool makes each member negative; a positive or invalid pool leaves
the members pending and creates a single-sample re-test for each, due today; the re-test's
result then resolves the member's pooled test (and any invalid one) of that stay.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ...domain import schedule as sched
from ...domain.errors import DomainError
from ...domain.roles import Actor
from ...domain.vocabulary import ON_SITE
from ...storage import repo_tests as rt
from ...storage import repositories as repo
from ...storage.database import Database
from ..changes import Kind, writes
from .common import (
    OVERDUE_AFTER,
    RELEASE_RELEVANT,
    RESULT_ZH,
    RESULTS,
    Outcome,
    Row,
    known_test,
    listed_test,
    moment_of,
    secs,
)
from .emergency import handle_positive


def _create_retest(db: Database, t: Row, today: date) -> int:
    return rt.insert_test(db, {"stay_id": t["stay_id"], "staff_id": t["staff_id"], "kind": t["kind"],
                               "purpose": "retest" if t["stay_id"] else "staff",
                               "due_date": today.isoformat()})


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def apply_result(db: Database, t: Row, result: str, actor: Actor, now: datetime, lab: str | None,
                out: Outcome, source: str | None = None, how: str = "row") -> None:
    """One test's result and what follows from it (no audit: the caller writes one).
    ``how`` is how it was entered (tests.result_source): 'import', 'row' or 'bulk'."""
    actor.require("tests")  # a part of an action, and still no way around the role
    changes = {"result": result, "result_at": secs(now), "lab": lab, "recorded_by": actor.username,
               "result_source": how}
    if source:
        changes["source"] = source
    repo.update(db, "tests", t["id"], changes)
    out.recorded += 1
    if result == "invalid":
        out.retests.append(_create_retest(db, t, now.date()))
        return
    if t["purpose"] in ("retest", "staff") and t["stay_id"] is not None:
        # the single re-test decides the member's pooled (or invalid) sample
        for old in rt.unresolved_pooled_tests(db, t["stay_id"]) + rt.invalid_tests(db, t["stay_id"]):
            if old["id"] != t["id"]:
                repo.update(db, "tests", old["id"], {"result": result, "result_at": secs(now),
                                                     "lab": f"retest #{t['id']}",
                                                     "recorded_by": actor.username,
                                                     "result_source": how})
                if old["pool_id"] is not None:
                    _close_pool_alert_when_resolved(db, old["pool_id"], actor, now)
    if result == "positive" and t["purpose"] != "surface":
        handle_positive(db, t, actor, now, out)


def _close_pool_alert_when_resolved(db: Database, pool_id: int, actor: Actor, now: datetime) -> None:
    """A positive pool's alert is handled once every member's re-test has its result (a
    positive re-test raises its own alert)."""
    if any(m["result"] is None for m in rt.pool_members(db, pool_id)):
        return
    p = rt.pool(db, pool_id)
    assert p is not None
    for a in rt.open_alerts(db, kinds=("pool_positive",)):
        if a["note"] == p["code"]:
            rt.handle_alert(db, a["id"], secs(now), actor.username, a["note"])


def check_result(result: str) -> str:
    if result not in RESULTS:
        raise DomainError("result_unknown", value=result)
    return result


def resultable(db: Database, test_id: int) -> Row:
    """A single sample that can take a result: sampled, not in a pool, no result yet (or
    an invalid one)."""
    t = known_test(db, test_id)
    if not t["sampled_at"]:
        raise DomainError("test_not_sampled")
    if t["pool_id"] is not None:
        raise DomainError("result_through_pool")
    if t["result"] and t["result"] != "invalid":
        raise DomainError("result_already_recorded", result=t["result"], result_zh=RESULT_ZH.get(t["result"]))
    return t


def resultable_pool(db: Database, pool_id: int) -> Row:
    """A pool that can take a result: it exists and has none yet."""
    p = rt.pool(db, pool_id)
    if p is None:
        raise DomainError("pool_unknown", pool_id=pool_id)
    if p["result"]:
        raise DomainError("result_already_recorded", result=p["result"], result_zh=RESULT_ZH.get(p["result"]))
    return p


def _check_double_sample_lab(db: Database, t: Row, lab: str | None) -> None:
    """The double sample (双采双检) is two labs: a result of either of its samples says which
    lab, or the release gate could never tell that they differ."""
    if (lab or "").strip() or t["stay_id"] is None or t["purpose"] not in ("release", "second_lab"):
        return
    if any(x["purpose"] == "second_lab" and x["due_date"] == t["due_date"]
           for x in repo.tests_for_stay(db, t["stay_id"])):
        raise DomainError("double_sample_lab_required", field="lab")


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def record_result(db: Database, test_id: int, result: str, actor: Actor, now: datetime,
                  lab: str | None = None) -> list[int]:
    """Record a single sample's result. A positive is handled as an emergency.
    Returns the ids of alerts raised."""
    return record_result_outcome(db, test_id, result, actor, now, lab).alerts


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def record_result_outcome(db: Database, test_id: int, result: str, actor: Actor, now: datetime,
                          lab: str | None = None) -> Outcome:
    actor.require("tests")
    check_result(result)
    t = resultable(db, test_id)
    _check_double_sample_lab(db, t, lab)
    out = Outcome()
    with db.transaction():
        apply_result(db, t, result, actor, now, lab, out)
        repo.audit(db, actor=actor.username, action="result", entity="test", entity_id=test_id,
                   before={"result": t["result"]}, after={"result": result, "lab": lab}, at=now)
    return out


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def apply_pool_result(db: Database, p: Row, result: str, actor: Actor, now: datetime, lab: str | None,
                 out: Outcome, source: str = "row") -> None:
    actor.require("tests")  # a part of an action, and still no way around the role
    members = rt.pool_members(db, p["id"])
    rt.set_pool_result(db, p["id"], result, secs(now))
    if result == "negative":
        for m in members:
            repo.update(db, "tests", m["id"], {"result": "negative", "result_at": secs(now), "lab": lab,
                                               "recorded_by": actor.username, "result_source": source})
            out.recorded += 1
        return
    # positive or invalid: each member re-tested on a single sample, today
    stays = [m["stay_id"] for m in members if m["stay_id"] is not None]
    by_stay = {m["stay_id"]: m for m in members}
    for stay_id, due in sched.pool_retests(stays, now.date(), p["kind"]):
        m = by_stay[stay_id]
        if m["stay_status"] in ON_SITE:
            out.retests.append(rt.insert_test(db, {"stay_id": stay_id, "kind": due.kind,
                                                   "purpose": due.purpose,
                                                   "due_date": due.due_date.isoformat()}))
    for m in members:
        if m["staff_id"] is not None:
            out.retests.append(_create_retest(db, m, now.date()))
    if result == "positive":
        out.alerts.append(repo.insert(db, "alerts", {"kind": "pool_positive", "raised_at": secs(now),
                                                     "note": p["code"]}))


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def record_pool_result(db: Database, pool_id: int, result: str, actor: Actor, now: datetime,
                       lab: str | None = None) -> Outcome:
    actor.require("tests")
    check_result(result)
    p = resultable_pool(db, pool_id)
    if not p["members"]:
        raise DomainError("pool_empty", pool=p["code"])
    out = Outcome()
    with db.transaction():
        apply_pool_result(db, p, result, actor, now, lab, out)
        repo.audit(db, actor=actor.username, action="pool_result", entity="pool", entity_id=pool_id,
                   after={"code": p["code"], "result": result, "retests": len(out.retests)}, at=now)
    return out


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def record_results(db: Database, results: list[tuple[str, int, str]], actor: Actor, now: datetime,
                   lab: str | None = None) -> Outcome:
    """Several results as one action: ``[('test'|'pool', id, result), ...]``. All or
    nothing. One unit is a result entered row by row; several are a bulk entry, in which a
    negative is never taken for a sample of the last hour or a release-relevant sample (the
    same rule as ``all_negative_except``: those need the lab's result, one by one)."""
    actor.require("tests")
    if not results:
        raise DomainError("nothing_selected")
    for _, _, r in results:
        check_result(r)
    bulk = len(results) > 1
    out = Outcome()
    with db.transaction():
        for unit, unit_id, result in results:
            how = "bulk" if bulk and result == "negative" else "row"
            if unit == "pool":
                p = resultable_pool(db, unit_id)
                if how == "bulk":
                    _bulk_allowed(rt.pool_members(db, unit_id), now)
                apply_pool_result(db, p, result, actor, now, lab, out, source=how)
            else:
                t = resultable(db, unit_id)
                if how == "bulk":
                    _bulk_allowed([t], now)
                _check_double_sample_lab(db, t, lab)
                apply_result(db, t, result, actor, now, lab, out, how=how)
        repo.audit(db, actor=actor.username, action="results", entity="test",
                   after={"units": len(results), "positive": [u[:2] for u in results if u[2] == "positive"],
                          "lab": lab}, at=now)
    return out


# -- the bulk rule ------------------------------------------------------------------------
BULK_MIN_AGE = timedelta(hours=1)      # a sample this fresh cannot have a lab result yet


def _bulk_allowed(members: list[Row], now: datetime) -> None:
    """Refuse a bulk negative for these samples (a test, or a pool's members) when the rule
    of ``bulk_exclusion`` leaves them out."""
    left_out = bulk_exclusion({"members": members}, now)
    if left_out == "recent":
        raise DomainError("bulk_too_recent")
    if left_out == "release":
        raise DomainError("bulk_release_sample")


def bulk_exclusion(unit: Row, now: datetime) -> str | None:
    """Why a bulk negative never takes this unit (of ``result_units``): 'recent' (a sample
    of the last hour), 'release' (a release-relevant sample), or None."""
    fresh_after = now - BULK_MIN_AGE
    if any(moment_of(m["sampled_at"]) > fresh_after for m in unit["members"]):
        return "recent"
    if any(m["purpose"] in RELEASE_RELEVANT for m in unit["members"]):
        return "release"
    return None


# -- read models ----------------------------------------------------------------------------
def result_units(db: Database, now: datetime, *, building: str | None = None,
                 floor: int | None = None) -> list[Row]:
    """Results to enter: single samples and pools (a pool is one unit), room order."""
    units: list[Row] = []
    pools: dict[int, Row] = {}
    for t in rt.pending_results(db, building=building, floor=floor):
        v = listed_test(t, now)
        if t["pool_id"] is not None:
            if t["pool_result"]:
                continue  # a resolved pool's members wait for their re-tests
            u = pools.get(t["pool_id"])
            if u is None:
                u = pools[t["pool_id"]] = {"unit": "pool", "id": t["pool_id"], "code": t["pool_code"],
                                           "members": [], "sampled_at": t["sampled_at"],
                                           "overdue": False, "kind": t["kind"],
                                           "room": v["room"]}
                units.append(u)
            u["members"].append(v)
            u["overdue"] = u["overdue"] or v["overdue"]
        else:
            units.append({"unit": "test", "id": t["id"], "members": [v], "sampled_at": t["sampled_at"],
                          "overdue": v["overdue"], "kind": t["kind"], "code": None, "room": v["room"]})
    return units


def flags(db: Database, now: datetime) -> Row:
    """Missed tests (due before today, never sampled) and results pending over 24 hours."""
    before = secs(now - OVERDUE_AFTER).isoformat()
    return {"missed": [listed_test(t, now) for t in rt.missed_tests(db, now.date().isoformat())],
            "overdue": [listed_test(t, now) for t in rt.pending_since(db, before)]}
