"""Sampling: one sample, everything a person owes on a day (one keystroke or a door card's
scan), pooled tubes (混采管); and the day's sampling list with its counts per floor."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ...domain import schedule as sched
from ...domain.errors import DomainError
from ...domain.roles import Actor
from ...domain.vocabulary import StayStatus
from ...storage import repo_tests as rt
from ...storage import repositories as repo
from ...storage.database import Database
from ..changes import Kind, writes
from .common import Row, check_time, known_test, masked, secs

SCAN_PREFIX = "ISD:"


def _open_pool_or_fail(db: Database, pool_id: int, kind: str) -> Row:
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


def _sample(db: Database, t: Row, sampled_at: datetime, pool_id: int | None) -> None:
    changes: Row = {"sampled_at": secs(sampled_at)}
    if pool_id is not None:
        changes["pool_id"] = pool_id
        rt.set_pool_sampled(db, pool_id, secs(sampled_at))
    repo.update(db, "tests", t["id"], changes)


@writes(Kind.TESTS)
def record_sample(db: Database, test_id: int, sampled_at: datetime, actor: Actor, now: datetime,
                  *, pool_id: int | None = None) -> None:
    """One sample taken (single, or into an open pool)."""
    actor.require("tests")
    check_time(sampled_at, now, "sampled_at")
    t = known_test(db, test_id)
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
    check_time(sampled_at, now, "sampled_at")
    s = repo.stay(db, stay_id)
    if s is None:
        raise DomainError("stay_unknown", stay_id=stay_id)
    if s["status"] != StayStatus.IN_ISOLATION:
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
             code: str | None = None) -> Row:
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
    pool = rt.pool(db, pool_id)
    assert pool is not None
    return pool


@dataclass
class FloorCount:
    building: str
    floor: int
    due: int
    sampled: int


@dataclass
class SamplingList:
    day: date
    rows: list[Any]  # sqlite3.Row as read (sampling_sources), or formatted dicts (sampling_list)
    floors: list[FloorCount]

    @property
    def due(self) -> int:
        return len(self.rows)

    @property
    def sampled(self) -> int:
        return sum(1 for r in self.rows if r["sampled_at"])


def sampling_sources(db: Database, day: date, *, building: str | None = None, floor: int | None = None,
                     kind: str | None = None) -> SamplingList:
    """Today's sampling list as read (rows as the SQL gives them: ``sampling_view`` formats
    one), in room order, with counts per floor: what the tests screen reads; it formats the
    rows it shows."""
    rows = rt.sampling_list(db, day.isoformat(), building=building, floor=floor, kind=kind)
    counts: dict[tuple[Any, ...], FloorCount] = {}
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


def sampling_view(r: Any) -> Row:
    """One test of the sampling list (a row of ``sampling_sources``) as shown and printed
    (``common.listed_test`` without a clock)."""
    t = dict(r)
    t["id_masked"] = masked(t["id_number"] or "")
    t["room"] = t["room"] or ""
    t["overdue"] = False
    return t


def sampling_list(db: Database, day: date, *, building: str | None = None, floor: int | None = None,
                  kind: str | None = None) -> SamplingList:
    """Today's sampling list in room order, every row formatted, with counts per floor (the
    PDF and the command line)."""
    sl = sampling_sources(db, day, building=building, floor=floor, kind=kind)
    return SamplingList(day, [sampling_view(r) for r in sl.rows], sl.floors)


def pool_info(db: Database, pool_id: int) -> Row | None:
    """A pool with its member count (``members``) and size."""
    return rt.pool(db, pool_id)


def floors(db: Database) -> list[tuple[str, int]]:
    return [(r["building"], r["floor"]) for r in rt.floors(db)]
