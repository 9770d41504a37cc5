"""Tests (samples, pools, results), test regimes, health checks, and a positive result as
an emergency. The writes that release gating (services.stays.release_check) reads.

A positive (occupant) result, wherever it is entered (one by one, "all negative except",
a pool re-test, the lab import):
  1. the occupant becomes ``awaiting_transfer`` and an alert is raised (the banner shows it
     until someone handles it: a transfer out, or an acknowledgement);
  2. each room-mate's isolation restarts from today (services.stays.restart_isolation, with
     the reason); a manager can undo a restart (``undo_restart``);
  3. the occupants of the same floor are listed for the manager (``alert_detail``);
  4. the transfer (services.stays.transfer_out) sends the room to terminal disinfection.

Pools (混采): a negative pool makes each member negative; a positive or invalid pool leaves
the members pending and creates a single-sample re-test for each, due today; the re-test's
result then resolves the member's pooled test (and any invalid one) of that stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..domain import policy as pol
from ..domain import schedule as sched
from ..domain.dates import stored_date, stored_datetime
from ..domain.errors import DomainError
from ..domain.identity import mask_id, parse_temperature
from ..domain.roles import Actor
from ..storage import repo_tests as rt
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .site import get_settings
from .stays import mark_awaiting_transfer, restart_isolation

RESULTS = ("negative", "positive", "invalid")
RESULT_ZH = {"negative": "阴性", "positive": "阳性", "invalid": "无效"}  # for the Chinese sentence of a code
SLOTS = ("morning", "evening")
SYMPTOMS = ("fever", "dry_cough", "sputum", "sore_throat", "fatigue", "runny_nose", "headache",
            "muscle_ache", "short_breath", "chest_tightness", "smell_taste_loss", "diarrhoea")
CLOCK_SLACK = timedelta(minutes=5)
OVERDUE_AFTER = timedelta(hours=24)
SCAN_PREFIX = "ISD:"
RESTART_REASON = "room_mate_positive"
_masked = lru_cache(maxsize=100_000)(mask_id)  # lists repeat each person's ID on every row






def _secs(value: datetime) -> datetime:
    return value.replace(microsecond=0)


def _test_or_fail(db: Database, test_id: int) -> dict:
    t = repo.get(db, "tests", test_id)
    if t is None:
        raise DomainError("test_unknown", test_id=test_id)
    return t


def _check_time(value: datetime, now: datetime, field_name: str) -> None:
    if value > now + CLOCK_SLACK:
        raise DomainError("datetime_future", field=field_name, value=value.isoformat(" ", "minutes"))


# -- sampling -------------------------------------------------------------------------
def _open_pool_or_fail(db: Database, pool_id: int, kind: str) -> dict:
    p = rt.pool(db, pool_id)
    if p is None:
        raise DomainError("pool_unknown", pool_id=pool_id)
    if p["result"]:
        raise DomainError("pool_closed", pool=p["code"])
    if p["members"] >= p["size"]:
        raise DomainError("pool_full", pool=p["code"], size=p["size"])
    if p["kind"] != kind:
        raise DomainError("pool_kind_mismatch", pool=p["code"])
    return p


def _sample(db: Database, t: dict, sampled_at: datetime, pool_id: int | None) -> None:
    changes = {"sampled_at": _secs(sampled_at)}
    if pool_id is not None:
        changes["pool_id"] = pool_id
        rt.set_pool_sampled(db, pool_id, _secs(sampled_at))
    repo.update(db, "tests", t["id"], changes)


@writes(Kind.TESTS)
def record_sample(db: Database, test_id: int, sampled_at: datetime, actor: Actor, now: datetime,
                  *, pool_id: int | None = None) -> None:
    """One sample taken (single, or into an open pool)."""
    actor.require("tests")
    _check_time(sampled_at, now, "sampled_at")
    t = _test_or_fail(db, test_id)
    if t["sampled_at"]:
        raise DomainError("test_already_sampled")
    if pool_id is not None:
        if t["purpose"] in ("retest", "second_lab", "surface"):
            raise DomainError("pool_not_for_retest")
        _open_pool_or_fail(db, pool_id, t["kind"])
    with db.transaction():
        _sample(db, t, sampled_at, pool_id)
        repo.audit(db, actor=actor.username, action="sample", entity="test", entity_id=test_id,
                   after={"sampled_at": sampled_at, "pool_id": pool_id}, at=now)


def stay_from_scan(text: str) -> int:
    """The stay id in a door card's QR payload ``ISD:<stay_id>`` (a USB scanner types it)."""
    cleaned = re.sub(r"\s+", "", text or "").upper().replace("：", ":")
    m = re.fullmatch(re.escape(SCAN_PREFIX) + r"(\d{1,12})", cleaned)
    if not m:
        raise DomainError("scan_code_invalid", field="scan", value=(text or "").strip()[:40])
    return int(m.group(1))


@writes(Kind.TESTS)
def sample_stay(db: Database, stay_id: int, day: date, sampled_at: datetime, actor: Actor,
                now: datetime, *, pool_id: int | None = None) -> list[int]:
    """Everything one person owes on ``day`` sampled in one go (one keystroke or one scan).
    With a pool, the routine sample goes into it; a second-lab or re-test sample stays single.
    Returns the test ids sampled."""
    actor.require("tests")
    _check_time(sampled_at, now, "sampled_at")
    s = repo.stay(db, stay_id)
    if s is None:
        raise DomainError("stay_unknown", stay_id=stay_id)
    if s["status"] != "in_isolation":
        raise DomainError("stay_not_in_isolation", status=s["status"])
    due = rt.unsampled_for_stay(db, stay_id, day.isoformat())
    # the check-in test is the first sample taken after check-in (checked in at 23:59,
    # swabbed at 00:30 the next day: that swab is the check-in test); one missed for longer
    # stays a missed test
    due += [t for t in rt.unsampled_check_in_before(db, stay_id, day.isoformat())
            if t["id"] not in {d["id"] for d in due}
            and t["due_date"] == (day - timedelta(days=1)).isoformat()]
    if not due:
        raise DomainError("nothing_due", name=s["name"], room=s["room"] or "")
    pooled_one = False
    done: list[int] = []
    with db.transaction():
        for t in due:
            into = None
            if pool_id is not None and not pooled_one and t["purpose"] not in ("retest", "second_lab", "surface") \
                    and t["kind"] == "pcr":
                _open_pool_or_fail(db, pool_id, t["kind"])
                into, pooled_one = pool_id, True
            _sample(db, t, sampled_at, into)
            done.append(t["id"])
        repo.audit(db, actor=actor.username, action="sample", entity="stay", entity_id=stay_id,
                   after={"tests": done, "sampled_at": sampled_at, "pool_id": pool_id}, at=now)
    return done


@writes(Kind.TESTS)
def new_pool(db: Database, kind: str, size: int, actor: Actor, now: datetime,
             code: str | None = None) -> dict:
    """Open a pooled tube (混采管). The code is the tube's label, or P<date>-<n>."""
    actor.require("tests")
    sched.check_kind(kind)
    sched.check_pool_size(size)
    if kind != "pcr":
        raise DomainError("pool_pcr_only")
    code = (code or "").strip().upper()
    if code and rt.pool_by_code(db, code):
        raise DomainError("pool_code_taken", pool=code)
    with db.transaction():
        if not code:
            prefix = f"P{now:%Y%m%d}-"
            code = f"{prefix}{rt.next_pool_number(db, prefix):03d}"
        pool_id = repo.insert(db, "pools", {"code": code, "kind": kind, "size": size})
        repo.audit(db, actor=actor.username, action="new_pool", entity="pool", entity_id=pool_id,
                   after={"code": code, "size": size}, at=now)
    return rt.pool(db, pool_id)


# -- results and the emergency ----------------------------------------------------------
@dataclass
class Outcome:
    """What a results action changed: counts, alerts raised, re-tests created, restarts."""
    recorded: int = 0
    alerts: list[int] = field(default_factory=list)
    retests: list[int] = field(default_factory=list)
    restarted: list[int] = field(default_factory=list)
    positives: list[int] = field(default_factory=list)  # test ids


def _create_retest(db: Database, t: dict, today: date) -> int:
    return rt.insert_test(db, {"stay_id": t["stay_id"], "staff_id": t["staff_id"], "kind": t["kind"],
                               "purpose": "retest" if t["stay_id"] else "staff",
                               "due_date": today.isoformat()})


def _apply_regime(db: Database, stay: dict, first: date) -> int:
    """(Re)plan a stay's regime tests from ``first`` to its release date."""
    regime = stay.get("test_regime")
    rt.delete_unsampled_regime_tests(db, stay["id"], first.isoformat())
    if not regime:
        return 0
    kind, _, name = regime.partition(":") if ":" in regime else ("pcr", "", regime)
    last = stored_date(stay["release_date"])
    existing = [stored_date(x) for x in rt.test_dates_for_stay(db, stay["id"], first.isoformat())]
    plan = sched.regime_schedule(name, first, last, existing, kind=kind)
    repo.insert_tests(db, [(stay["id"], t.kind, t.purpose, t.due_date.isoformat()) for t in plan])
    return len(plan)


def _emergency(db: Database, t: dict, actor: Actor, now: datetime, out: Outcome) -> None:
    """A positive occupant or staff result: see the module's docstring."""
    out.positives.append(t["id"])
    if t["stay_id"] is None:
        out.alerts.append(repo.insert(db, "alerts", {"kind": "staff_positive", "test_id": t["id"],
                                                     "raised_at": _secs(now)}))
        return
    s = repo.stay(db, t["stay_id"])
    if s["status"] == "in_isolation":
        mark_awaiting_transfer(db, s["id"], "positive", actor, now)
    out.alerts.append(repo.insert(db, "alerts", {"kind": "positive", "stay_id": s["id"],
                                                 "test_id": t["id"], "raised_at": _secs(now)}))
    if s["status"] not in ("in_isolation", "awaiting_transfer"):
        return  # a late result after release: the room holds other people now
    for mate in rt.room_mates(db, s["id"]):
        restart_isolation(db, mate["id"], now.date(), RESTART_REASON, actor, now)
        # day 0 of the new isolation: sampled today, as at a check-in
        if not rt.unsampled_for_stay(db, mate["id"], now.date().isoformat()):
            repo.insert_tests(db, [(mate["id"], "pcr", "scheduled", now.date().isoformat())])
        _apply_regime(db, repo.stay(db, mate["id"]), now.date())
        out.restarted.append(mate["id"])


def _set_result(db: Database, t: dict, result: str, actor: Actor, now: datetime, lab: str | None,
                out: Outcome, source: str | None = None, how: str = "row") -> None:
    """One test's result and what follows from it (no audit: the caller writes one).
    ``how`` is how it was entered (tests.result_source): 'import', 'row' or 'bulk'."""
    changes = {"result": result, "result_at": _secs(now), "lab": lab, "recorded_by": actor.username,
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
                repo.update(db, "tests", old["id"], {"result": result, "result_at": _secs(now),
                                                     "lab": f"retest #{t['id']}",
                                                     "recorded_by": actor.username,
                                                     "result_source": how})
                if old["pool_id"] is not None:
                    _close_pool_alert_when_resolved(db, old["pool_id"], actor, now)
    if result == "positive" and t["purpose"] != "surface":
        _emergency(db, t, actor, now, out)


def _close_pool_alert_when_resolved(db: Database, pool_id: int, actor: Actor, now: datetime) -> None:
    """A positive pool's alert is handled once every member's re-test has its result (a
    positive re-test raises its own alert)."""
    if any(m["result"] is None for m in rt.pool_members(db, pool_id)):
        return
    p = rt.pool(db, pool_id)
    for a in rt.open_alerts(db, kinds=("pool_positive",)):
        if a["note"] == p["code"]:
            rt.handle_alert(db, a["id"], _secs(now), actor.username, a["note"])


def _check_result(result: str) -> str:
    if result not in RESULTS:
        raise DomainError("result_unknown", value=result)
    return result


def _resultable(db: Database, test_id: int) -> dict:
    t = _test_or_fail(db, test_id)
    if not t["sampled_at"]:
        raise DomainError("test_not_sampled")
    if t["pool_id"] is not None:
        raise DomainError("result_through_pool")
    return t


def _check_double_sample_lab(db: Database, t: dict, lab: str | None) -> None:
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
    _check_result(result)
    t = _resultable(db, test_id)
    if t["result"] and t["result"] != "invalid":
        raise DomainError("result_already_recorded", result=t["result"], result_zh=RESULT_ZH.get(t["result"]))
    _check_double_sample_lab(db, t, lab)
    out = Outcome()
    with db.transaction():
        _set_result(db, t, result, actor, now, lab, out)
        repo.audit(db, actor=actor.username, action="result", entity="test", entity_id=test_id,
                   before={"result": t["result"]}, after={"result": result, "lab": lab}, at=now)
    return out


def _pool_result(db: Database, p: dict, result: str, actor: Actor, now: datetime, lab: str | None,
                 out: Outcome, source: str = "row") -> None:
    members = rt.pool_members(db, p["id"])
    rt.set_pool_result(db, p["id"], result, _secs(now))
    if result == "negative":
        for m in members:
            repo.update(db, "tests", m["id"], {"result": "negative", "result_at": _secs(now), "lab": lab,
                                               "recorded_by": actor.username, "result_source": source})
            out.recorded += 1
        return
    # positive or invalid: each member re-tested on a single sample, today
    stays = [m["stay_id"] for m in members if m["stay_id"] is not None]
    by_stay = {m["stay_id"]: m for m in members}
    for stay_id, due in sched.pool_retests(stays, now.date(), p["kind"]):
        m = by_stay[stay_id]
        if m["stay_status"] in ("in_isolation", "awaiting_transfer"):
            out.retests.append(rt.insert_test(db, {"stay_id": stay_id, "kind": due.kind,
                                                   "purpose": due.purpose,
                                                   "due_date": due.due_date.isoformat()}))
    for m in members:
        if m["staff_id"] is not None:
            out.retests.append(_create_retest(db, m, now.date()))
    if result == "positive":
        out.alerts.append(repo.insert(db, "alerts", {"kind": "pool_positive", "raised_at": _secs(now),
                                                     "note": p["code"]}))


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def record_pool_result(db: Database, pool_id: int, result: str, actor: Actor, now: datetime,
                       lab: str | None = None) -> Outcome:
    actor.require("tests")
    _check_result(result)
    p = rt.pool(db, pool_id)
    if p is None:
        raise DomainError("pool_unknown", pool_id=pool_id)
    if p["result"]:
        raise DomainError("result_already_recorded", result=p["result"], result_zh=RESULT_ZH.get(p["result"]))
    if not p["members"]:
        raise DomainError("pool_empty", pool=p["code"])
    out = Outcome()
    with db.transaction():
        _pool_result(db, p, result, actor, now, lab, out)
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
        _check_result(r)
    bulk = len(results) > 1
    out = Outcome()
    with db.transaction():
        for unit, unit_id, result in results:
            how = "bulk" if bulk and result == "negative" else "row"
            if unit == "pool":
                p = rt.pool(db, unit_id)
                if p is None:
                    raise DomainError("pool_unknown", pool_id=unit_id)
                if p["result"]:
                    raise DomainError("result_already_recorded", result=p["result"], result_zh=RESULT_ZH.get(p["resul"
                                                                                                               "t"]))
                if how == "bulk":
                    _bulk_allowed(rt.pool_members(db, unit_id), now)
                _pool_result(db, p, result, actor, now, lab, out, source=how)
            else:
                t = _resultable(db, unit_id)
                if t["result"] and t["result"] != "invalid":
                    raise DomainError("result_already_recorded", result=t["result"], result_zh=RESULT_ZH.get(t["resul"
                                                                                                               "t"]))
                if how == "bulk":
                    _bulk_allowed([t], now)
                _check_double_sample_lab(db, t, lab)
                _set_result(db, t, result, actor, now, lab, out, how=how)
        repo.audit(db, actor=actor.username, action="results", entity="test",
                   after={"units": len(results), "positive": [u[:2] for u in results if u[2] == "positive"],
                          "lab": lab}, at=now)
    return out


# -- one lab batch at once: "all negative except" -------------------------------------------
BULK_MIN_AGE = timedelta(hours=1)      # a sample this fresh cannot have a lab result yet
BULK_DEFAULT_AGE = timedelta(hours=6)  # "taken before": the default time the dialog offers
BULK_KINDS = ("pool", "run", "before")
# Samples whose result decides a release: never satisfied by a bulk negative alone
RELEASE_RELEVANT = ("release", "second_lab", "surface")


@dataclass(frozen=True)
class LabBatch:
    """The samples one lab sheet answers for: a pooled tube (``pool_id``), a sampling run
    (one floor's samples of one ``day``: ``building``, ``floor``), or every sample taken
    ``before`` a time."""
    kind: str
    pool_id: int | None = None
    day: date | None = None
    building: str | None = None
    floor: int | None = None
    before: datetime | None = None

    @classmethod
    def pool(cls, pool_id: int) -> LabBatch:
        return cls("pool", pool_id=pool_id)

    @classmethod
    def run(cls, day: date, building: str | None = None, floor: int | None = None) -> LabBatch:
        return cls("run", day=day, building=building, floor=floor)

    @classmethod
    def taken_before(cls, before: datetime) -> LabBatch:
        return cls("before", before=before)

    def describe(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v)
                for k, v in self.__dict__.items() if v is not None}


@dataclass
class BulkPlan:
    """What "all negative except" would do with a batch: the units it records negative, and
    those of the batch it leaves for a lab's result entered row by row or imported."""
    batch: LabBatch
    units: list[tuple[str, int]] = field(default_factory=list)
    too_recent: list[tuple[str, int]] = field(default_factory=list)     # sampled in the last hour
    release_held: list[tuple[str, int]] = field(default_factory=list)   # release-relevant samples

    @property
    def count(self) -> int:
        return len(self.units)


def _check_batch(db: Database, batch: LabBatch, now: datetime) -> None:
    if batch.kind not in BULK_KINDS:
        raise DomainError("bulk_batch_unknown", value=batch.kind)
    if batch.kind == "pool":
        if batch.pool_id is None or rt.pool(db, batch.pool_id) is None:
            raise DomainError("pool_unknown", pool_id=batch.pool_id)
    elif batch.kind == "run":
        if batch.day is None:
            raise DomainError("bulk_run_day_required", field="day")
    elif batch.before is None:
        raise DomainError("bulk_before_required", field="before")
    elif batch.before > now + CLOCK_SLACK:
        raise DomainError("datetime_future", field="before", value=batch.before.isoformat(" ", "minutes"))


def _in_batch(batch: LabBatch, u: dict) -> bool:
    members = u["members"]
    if batch.kind == "pool":
        return u["unit"] == "pool" and u["id"] == batch.pool_id
    if batch.kind == "run":
        return all((m["sampled_at"] or "")[:10] == batch.day.isoformat()
                   and (not batch.building or m["building"] == batch.building)
                   and (batch.floor is None or m["floor"] == batch.floor) for m in members)
    return all(stored_datetime(m["sampled_at"]) < batch.before for m in members)


def bulk_plan(db: Database, batch: LabBatch, now: datetime) -> BulkPlan:
    """The units of ``batch`` that "all negative except" records negative; samples taken in
    the last hour and release-relevant samples (last day, second lab, surfaces) are listed
    apart: they need a lab's result, imported or entered row by row."""
    _check_batch(db, batch, now)
    plan = BulkPlan(batch)
    for u in result_units(db, now, building=batch.building if batch.kind == "run" else None,
                          floor=batch.floor if batch.kind == "run" else None):
        if not _in_batch(batch, u):
            continue
        key = (u["unit"], u["id"])
        left_out = bulk_exclusion(u, now)
        if left_out == "recent":
            plan.too_recent.append(key)
        elif left_out == "release":
            plan.release_held.append(key)
        else:
            plan.units.append(key)
    return plan


def _bulk_allowed(members: list[dict], now: datetime) -> None:
    """Refuse a bulk negative for these samples (a test, or a pool's members) when the rule
    of ``bulk_exclusion`` leaves them out."""
    left_out = bulk_exclusion({"members": members}, now)
    if left_out == "recent":
        raise DomainError("bulk_too_recent")
    if left_out == "release":
        raise DomainError("bulk_release_sample")


def bulk_exclusion(unit: dict, now: datetime) -> str | None:
    """Why a bulk negative never takes this unit (of ``result_units``): 'recent' (a sample
    of the last hour), 'release' (a release-relevant sample), or None."""
    fresh_after = now - BULK_MIN_AGE
    if any(stored_datetime(m["sampled_at"]) > fresh_after for m in unit["members"]):
        return "recent"
    if any(m["purpose"] in RELEASE_RELEVANT for m in unit["members"]):
        return "release"
    return None


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def all_negative_except(db: Database, batch: LabBatch, positive: set, actor: Actor, now: datetime,
                        lab: str | None = None, invalid: set = frozenset(),
                        expected: int | None = None) -> Outcome:
    """The usual sheet from the lab, for ONE lab batch: everything of the batch negative
    except the few marked positive (or invalid). A marked unit is recorded as marked, like a
    row entered by hand; the batch's negatives are recorded as 'bulk'. Samples of the last
    hour and release-relevant samples are never recorded negative here (``bulk_plan``).
    ``expected`` is the count the user was shown: if the batch changed since, nothing is
    recorded and the user is told."""
    actor.require("tests")
    plan = bulk_plan(db, batch, now)
    if expected is not None and expected != plan.count:
        raise DomainError("bulk_count_changed", expected=expected, count=plan.count)
    marked = [(u, i, "positive") for u, i in sorted(positive)] + \
             [(u, i, "invalid") for u, i in sorted(set(invalid) - set(positive))]
    marked_keys = {(u, i) for u, i, _ in marked}
    negatives = [k for k in plan.units if k not in marked_keys]
    if not negatives and not marked:
        raise DomainError("bulk_nothing_in_batch")
    for _, _, r in marked:
        _check_result(r)
    out = Outcome()
    with db.transaction():
        for unit, unit_id, result in marked + [(u, i, "negative") for u, i in negatives]:
            how = "row" if (unit, unit_id) in marked_keys else "bulk"
            if unit == "pool":
                p = rt.pool(db, unit_id)
                if p is None:
                    raise DomainError("pool_unknown", pool_id=unit_id)
                if p["result"]:
                    raise DomainError("result_already_recorded", result=p["result"],
                                      result_zh=RESULT_ZH.get(p["result"]))
                _pool_result(db, p, result, actor, now, lab, out, source=how)
            else:
                t = _resultable(db, unit_id)
                if t["result"] and t["result"] != "invalid":
                    raise DomainError("result_already_recorded", result=t["result"],
                                      result_zh=RESULT_ZH.get(t["result"]))
                _set_result(db, t, result, actor, now, lab, out, how=how)
        repo.audit(db, actor=actor.username, action="results", entity="test",
                   after={"batch": batch.describe(), "negative": len(negatives),
                          "positive": [list(k) for k in sorted(positive)],
                          "invalid": [list(k) for k in sorted(set(invalid) - set(positive))],
                          "left_too_recent": len(plan.too_recent),
                          "left_release": len(plan.release_held), "lab": lab}, at=now)
    return out


@writes(Kind.ALERTS)
def acknowledge_alert(db: Database, alert_id: int, note: str, actor: Actor, now: datetime) -> None:
    """Someone has taken charge of the emergency: the banner goes away."""
    actor.require("tests")
    if not (note or "").strip():
        raise DomainError("reason_required", field="note")
    a = rt.alert(db, alert_id)
    if a is None:
        raise DomainError("alert_unknown")
    if a["handled_at"]:
        raise DomainError("alert_already_handled", by=a["handled_by"])
    if a["kind"] == "child_alone":  # issue 14: ends only with a carer in the room or a move
        raise DomainError("child_alone_not_acknowledged", room=a["room"] or "")
    with db.transaction():
        rt.handle_alert(db, alert_id, _secs(now), actor.username, note.strip())
        repo.audit(db, actor=actor.username, action="acknowledge_alert", entity="alert",
                   entity_id=alert_id, after={"note": note.strip()}, at=now)


@writes(Kind.STAYS, Kind.TESTS, Kind.ALERTS)
def undo_restart(db: Database, stay_id: int, reason: str, actor: Actor, now: datetime) -> date:
    """A manager takes back a room-mate restart: the old start, release date and schedule."""
    actor.require("override")
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    s = repo.stay(db, stay_id)
    if s is None:
        raise DomainError("stay_unknown", stay_id=stay_id)
    if s["status"] != "in_isolation":
        raise DomainError("stay_not_in_isolation", status=s["status"])
    last = rt.last_restart(db, stay_id)
    if last is None:
        raise DomainError("no_restart_to_undo")
    old_start = stored_date(last["before"]["start_date"])
    old_release = stored_date(last["before"]["release_date"])
    policy = pol.Policy.from_row(repo.get(db, "policies", s["policy_id"]))
    check_in = stored_date(s["checked_in_at"]) or old_start
    with db.transaction():
        repo.update(db, "stays", stay_id, {"start_date": old_start, "release_date": old_release})
        rt.delete_unsampled_tests(db, stay_id)
        have = {(t["due_date"], t["purpose"]) for t in repo.tests_for_stay(db, stay_id)}
        plan = [t for t in sched.policy_schedule(policy, old_start, check_in)
                if (t.due_date.isoformat(), t.purpose) not in have]
        natural = pol.release_date(policy, old_start)
        if old_release != natural:  # the release had been moved: its tests follow it
            plan = [sched.DueTest(old_release, t.purpose, t.kind) if t.purpose in RELEASE_RELEVANT else t
                    for t in plan if t.due_date <= old_release]
            if not any(t.due_date == old_release for t in plan) and \
                    (old_release.isoformat(), "release") not in have:
                plan.append(sched.DueTest(old_release, "release"))
        repo.insert_tests(db, [(stay_id, t.kind, t.purpose, t.due_date.isoformat()) for t in plan])
        _apply_regime(db, repo.stay(db, stay_id), now.date())
        repo.stay_event(db, stay_id, now, "restart_undone", actor.username,
                        from_value=last["after"].get("start_date"), to_value=old_start, reason=reason)
        repo.audit(db, actor=actor.username, action="undo_restart", entity="stay", entity_id=stay_id,
                   before=last["after"], after={"start_date": old_start, "release_date": old_release,
                                                "reason": reason}, at=now)
    return old_release


# -- regimes ---------------------------------------------------------------------------
@writes(Kind.TESTS, Kind.STAYS)
def set_regime(db: Database, stay_ids: list[int], regime: str | None, kind: str, actor: Actor,
               now: datetime) -> int:
    """Switch a group onto 一天一检 / 五天三检 (or back to the policy only) from today.
    Returns the number of tests added."""
    actor.require("tests")
    regime = sched.check_regime(regime)
    sched.check_kind(kind)
    if not stay_ids:
        raise DomainError("nothing_selected")
    stays = rt.stays_by_ids(db, stay_ids)
    value = f"{kind}:{regime}" if regime else None
    added = 0
    with db.transaction():
        for s in stays:
            if s["status"] != "in_isolation":
                continue
            repo.update(db, "stays", s["id"], {"test_regime": value})
            s["test_regime"] = value
            added += _apply_regime(db, s, now.date())
            repo.stay_event(db, s["id"], now, "test_regime", actor.username, to_value=value or "policy")
        repo.audit(db, actor=actor.username, action="set_regime", entity="stay",
                   after={"stays": len(stays), "regime": regime, "kind": kind, "tests_added": added}, at=now)
    return added


def group_stays(db: Database, *, building: str | None = None, floor: int | None = None,
                category: str | None = None) -> list[int]:
    """The people in isolation in a group (a building, a floor, a category)."""
    return [s["id"] for s in rt.active_stays_at(db, building=building, floor=floor, category=category)]


def regime_of(value: str | None) -> tuple[str | None, str]:
    """stays.test_regime 'antigen:daily' -> ('daily', 'antigen')."""
    if not value:
        return None, "pcr"
    kind, _, name = value.partition(":") if ":" in value else ("pcr", "", value)
    return name, kind


# -- read models -------------------------------------------------------------------------
@dataclass
class FloorCount:
    building: str
    floor: int
    due: int
    sampled: int


@dataclass
class SamplingList:
    day: date
    rows: list[dict]
    floors: list[FloorCount]

    @property
    def due(self) -> int:
        return len(self.rows)

    @property
    def sampled(self) -> int:
        return sum(1 for r in self.rows if r["sampled_at"])


def _test_view(t: dict, now: datetime | None = None) -> dict:
    t = dict(t)
    t["id_masked"] = _masked(t.get("id_number") or "")
    t["room"] = t.get("room") or ""
    if now is not None and t.get("sampled_at") and not t.get("result"):
        t["overdue"] = stored_datetime(t["sampled_at"]) < now - OVERDUE_AFTER
    else:
        t["overdue"] = False
    return t


def sampling_sources(db: Database, day: date, *, building: str | None = None, floor: int | None = None,
                     kind: str | None = None) -> SamplingList:
    """Today's sampling list as read (rows as the SQL gives them: ``sampling_view`` formats
    one), in room order, with counts per floor: what the tests screen reads; it formats the
    rows it shows."""
    rows = rt.sampling_list(db, day.isoformat(), building=building, floor=floor, kind=kind)
    counts: dict[tuple, FloorCount] = {}
    for r in rows:
        key = (r["building_order"], r["building"], r["floor"])
        fc = counts.get(key)
        if fc is None:
            fc = counts[key] = FloorCount(r["building"] or "", r["floor"], 0, 0)
        fc.due += 1
        if r["sampled_at"]:
            fc.sampled += 1
    order = sorted(counts, key=lambda k: (k[0] or 0, k[1] or "", k[2] or 0))
    return SamplingList(day, rows, [counts[k] for k in order])


def sampling_view(r) -> dict:
    """One test of the sampling list as shown and printed (``_test_view`` without a clock)."""
    t = dict(r)
    t["id_masked"] = _masked(t["id_number"] or "")
    t["room"] = t["room"] or ""
    t["overdue"] = False
    return t


def sampling_list(db: Database, day: date, *, building: str | None = None, floor: int | None = None,
                  kind: str | None = None) -> SamplingList:
    """Today's sampling list in room order, every row formatted, with counts per floor (the
    PDF and the command line)."""
    sl = sampling_sources(db, day, building=building, floor=floor, kind=kind)
    return SamplingList(day, [sampling_view(r) for r in sl.rows], sl.floors)


def result_units(db: Database, now: datetime, *, building: str | None = None,
                 floor: int | None = None) -> list[dict]:
    """Results to enter: single samples and pools (a pool is one unit), room order."""
    units: list[dict] = []
    pools: dict[int, dict] = {}
    for t in rt.pending_results(db, building=building, floor=floor):
        v = _test_view(t, now)
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


def flags(db: Database, now: datetime) -> dict:
    """Missed tests (due before today, never sampled) and results pending over 24 hours."""
    before = _secs(now - OVERDUE_AFTER).isoformat()
    return {"missed": [_test_view(t, now) for t in rt.missed_tests(db, now.date().isoformat())],
            "overdue": [_test_view(t, now) for t in rt.pending_since(db, before)]}


def pool_info(db: Database, pool_id: int) -> dict | None:
    """A pool with its member count (``members``) and size."""
    return rt.pool(db, pool_id)


def open_alerts(db: Database, *, newest_first: bool = False) -> list[dict]:
    """Open emergencies, oldest first (the order they were raised); the banner asks for the
    newest first: the one that just came in is the one nobody has seen yet."""
    alerts = rt.open_alerts(db)
    return alerts[::-1] if newest_first else alerts


def name_differs_on_sheet(alert: dict) -> str | None:
    """The name the lab's sheet gave, when a positive was raised on a name that differs."""
    note = alert.get("note") or ""
    if alert.get("handled_at") is None and note.startswith("name_differs:"):
        return note.partition(":")[2]
    return None


def recent_alerts(db: Database, now: datetime, days: int = 14) -> list[dict]:
    """Positives of the last ``days`` days (open or handled), for a manager who needs to look
    back, e.g. to undo a room-mate's restart after the transfer."""
    return rt.recent_alerts(db, _secs(now - timedelta(days=days)).isoformat())


def alert_detail(db: Database, alert_id: int) -> dict:
    """An alert with what the manager needs: room-mates (restarted or not), the same floor."""
    a = rt.alert(db, alert_id)
    if a is None:
        raise DomainError("alert_unknown")
    a = dict(a)
    a["room_mates"] = []
    a["same_floor"] = []
    if a["stay_id"] is not None:
        for s in rt.stays_by_ids(db, [r["id"] for r in _mates_any(db, a)]):
            s = dict(s)
            s["restart"] = rt.last_restart(db, s["id"])
            a["room_mates"].append(s)
        a["same_floor"] = [dict(s, id_masked=mask_id(s["id_number"])) for s in rt.same_floor(db, a["stay_id"])]
    return a


def _mates_any(db: Database, a: dict) -> list[dict]:
    """Room-mates at the time of the alert (the positive may have been moved out since)."""
    if a["room_id"] is None:
        return []
    return rt.others_in_room(db, a["room_id"], a["stay_id"])


# -- health checks -------------------------------------------------------------------------
@writes(Kind.HEALTH, Kind.ALERTS)
def record_health_check(db: Database, stay_id: int, taken_at: datetime, slot: str,
                        temperature: float | None, symptoms: list[str], actor: Actor,
                        now: datetime) -> int:
    actor.require("health")
    if slot not in SLOTS:
        raise DomainError("slot_unknown", value=slot)
    if temperature is not None and not 34.0 <= temperature <= 43.0:
        raise DomainError("temperature_out_of_range", field="temperature", value=temperature)
    _check_time(taken_at, now, "taken_at")
    unknown = [x for x in symptoms if x not in SYMPTOMS]
    if unknown:
        raise DomainError("symptom_unknown", field="symptoms", value=unknown[0])
    s = repo.stay(db, stay_id)
    if s is None or s["status"] not in ("in_isolation", "awaiting_transfer"):
        raise DomainError("stay_not_active", status=s["status"] if s else "unknown")
    with db.transaction():
        check_id = rt.replace_health_check(db, {
            "stay_id": stay_id, "taken_at": _secs(taken_at), "slot": slot,
            "temperature": temperature, "symptoms": ",".join(sorted(set(symptoms))),
            "recorded_by": actor.username})
        repo.audit(db, actor=actor.username, action="health_check", entity="stay", entity_id=stay_id,
                   after={"slot": slot, "temperature": temperature, "symptoms": symptoms}, at=now)
    return check_id


@writes(Kind.HEALTH, Kind.ALERTS)
def record_temperature(db: Database, stay_id: int, slot: str, raw: object, symptoms: list[str],
                       actor: Actor, now: datetime, taken_at: datetime | None = None) -> float:
    """A temperature as typed (36.5, 36,5, 36.5℃); 3.7 or 373 is refused, never guessed."""
    actor.require("health")
    value = parse_temperature(raw)
    record_health_check(db, stay_id, taken_at or now, slot, value, symptoms, actor, now)
    return value


def health_round(db: Database, day: date, slot: str, now: datetime, *, building: str | None = None,
                 floor: int | None = None) -> list[dict]:
    """One floor's (or the site's) morning or evening round: each person with the reading,
    fever (at the site's threshold) and missing flags."""
    if slot not in SLOTS:
        raise DomainError("slot_unknown", value=slot)
    threshold = get_settings(db).fever_threshold
    rows = []
    for r in rt.health_round(db, day.isoformat(), slot, building=building, floor=floor):
        r = dict(r)
        r["id_masked"] = mask_id(r["id_number"])
        r["fever"] = r["temperature"] is not None and r["temperature"] >= threshold
        # nobody owes a morning reading for a morning they arrived after
        late = slot == "morning" and (r["checked_in_at"] or "")[:16] >= f"{day.isoformat()}T12:00"
        r["missing"] = r["check_id"] is None and not late
        rows.append(r)
    return rows


def slot_for(now: datetime) -> str:
    return "morning" if now.hour < 14 else "evening"


def fevers(db: Database, now: datetime) -> list[dict]:
    """Readings at or above the site's fever threshold in the last 24 hours."""
    threshold = get_settings(db).fever_threshold
    return rt.fevers_since(db, _secs(now - timedelta(hours=24)).isoformat(), threshold)


def floors(db: Database) -> list[tuple[str, int]]:
    return [(r["building"], r["floor"]) for r in rt.floors(db)]
