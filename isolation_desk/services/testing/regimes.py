"""Test regimes: a group switched onto 一天一检 / 五天三检 (daily, three in five days) on top
of its policy's schedule, or back to the policy only; a stay's regime tests re-planned."""
from __future__ import annotations

from datetime import date, datetime

from ...domain import schedule as sched
from ...domain.errors import DomainError
from ...domain.roles import Actor
from ...domain.vocabulary import StayStatus
from ...storage import repo_tests as rt
from ...storage import repositories as repo
from ...storage.database import Database
from ..changes import Kind, writes
from .common import Row, day_of


def apply_regime(db: Database, stay: Row, first: date) -> int:
    """(Re)plan a stay's regime tests from ``first`` to its release date."""
    regime = stay.get("test_regime")
    rt.delete_unsampled_regime_tests(db, stay["id"], first.isoformat())
    if not regime:
        return 0
    kind, _, name = regime.partition(":") if ":" in regime else ("pcr", "", regime)
    last = day_of(stay["release_date"])
    existing = [day_of(x) for x in rt.test_dates_for_stay(db, stay["id"], first.isoformat())]
    plan = sched.regime_schedule(name, first, last, existing, kind=kind)
    repo.insert_tests(db, [(stay["id"], t.kind, t.purpose, t.due_date.isoformat()) for t in plan])
    return len(plan)


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
            if s["status"] != StayStatus.IN_ISOLATION:
                continue
            repo.update(db, "stays", s["id"], {"test_regime": value})
            s["test_regime"] = value
            added += apply_regime(db, s, now.date())
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
