"""One lab batch at once: "all negative except". The lab's usual sheet answers for a batch
(a pooled tube, one floor's sampling run, every sample taken before a time): everything
negative except the few marked. ``bulk_plan`` shows what would be recorded;
``all_negative_except`` records it, under the bulk rule of ``results.bulk_exclusion``."""
from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ...domain.errors import DomainError
from ...domain.roles import Actor
from ...storage import repo_tests as rt
from ...storage import repositories as repo
from ...storage.database import Database
from ..changes import Kind, writes
from .common import CLOCK_SLACK, Outcome, Row, moment_of
from .results import (
    apply_pool_result,
    apply_result,
    bulk_exclusion,
    check_result,
    result_units,
    resultable,
    resultable_pool,
)

BULK_DEFAULT_AGE = timedelta(hours=6)  # "taken before": the default time the dialog offers
BULK_KINDS = ("pool", "run", "before")


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

    def describe(self) -> Row:
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


def _in_batch(batch: LabBatch, u: Row) -> bool:
    members = u["members"]
    if batch.kind == "pool":
        return bool(u["unit"] == "pool" and u["id"] == batch.pool_id)
    if batch.kind == "run":
        assert batch.day is not None  # _check_batch
        return all((m["sampled_at"] or "")[:10] == batch.day.isoformat()
                   and (not batch.building or m["building"] == batch.building)
                   and (batch.floor is None or m["floor"] == batch.floor) for m in members)
    assert batch.before is not None  # _check_batch
    return all(moment_of(m["sampled_at"]) < batch.before for m in members)


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


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def all_negative_except(db: Database, batch: LabBatch, positive: AbstractSet[tuple[str, int]], actor: Actor,
                        now: datetime, lab: str | None = None, invalid: AbstractSet[tuple[str, int]] = frozenset(),
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
        check_result(r)
    out = Outcome()
    with db.transaction():
        for unit, unit_id, result in marked + [(u, i, "negative") for u, i in negatives]:
            how = "row" if (unit, unit_id) in marked_keys else "bulk"
            if unit == "pool":
                p = resultable_pool(db, unit_id)
                apply_pool_result(db, p, result, actor, now, lab, out, source=how)
            else:
                t = resultable(db, unit_id)
                apply_result(db, t, result, actor, now, lab, out, how=how)
        repo.audit(db, actor=actor.username, action="results", entity="test",
                   after={"batch": batch.describe(), "negative": len(negatives),
                          "positive": [list(k) for k in sorted(positive)],
                          "invalid": [list(k) for k in sorted(set(invalid) - set(positive))],
                          "left_too_recent": len(plan.too_recent),
                          "left_release": len(plan.release_held), "lab": lab}, at=now)
    return out
