"""A positive result as an emergency, and the alerts it raises.

A positive (occupant) result, wherever it is entered (one by one, "all negative except",
a pool re-test, the lab import):
  1. the occupant becomes ``awaiting_transfer`` and an alert is raised (the banner shows it
     until someone handles it: a transfer out, or an acknowledgement);
  2. each room-mate's isolation restarts from today (services.stays.restart_isolation, with
     the reason); a manager can undo a restart (``undo_restart``);
  3. the occupants of the same floor are listed for the manager (``alert_detail``);
  4. the transfer (services.stays.transfer_out) sends the room to terminal disinfection.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ...domain import policy as pol
from ...domain import schedule as sched
from ...domain.dates import stored_date
from ...domain.errors import DomainError
from ...domain.identity import mask_id
from ...domain.roles import Actor
from ...domain.vocabulary import ON_SITE, StayStatus
from ...storage import repo_tests as rt
from ...storage import repositories as repo
from ...storage.database import Database
from ..changes import Kind, writes
from ..stays import mark_awaiting_transfer, restart_isolation
from .common import RELEASE_RELEVANT, Outcome, Row, day_of, secs
from .regimes import apply_regime

RESTART_REASON = "room_mate_positive"


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def handle_positive(db: Database, t: Row, actor: Actor, now: datetime, out: Outcome) -> None:
    """A positive occupant or staff result: see the module's docstring."""
    actor.require("tests")  # a part of an action, and still no way around the role
    out.positives.append(t["id"])
    if t["stay_id"] is None:
        out.alerts.append(repo.insert(db, "alerts", {"kind": "staff_positive", "test_id": t["id"],
                                                     "raised_at": secs(now)}))
        return
    s = repo.stay(db, t["stay_id"])
    assert s is not None
    if s["status"] == StayStatus.IN_ISOLATION:
        mark_awaiting_transfer(db, s["id"], "positive", actor, now)
    out.alerts.append(repo.insert(db, "alerts", {"kind": "positive", "stay_id": s["id"],
                                                 "test_id": t["id"], "raised_at": secs(now)}))
    if s["status"] not in ON_SITE:
        return  # a late result after release: the room holds other people now
    for mate in rt.room_mates(db, s["id"]):
        restart_isolation(db, mate["id"], now.date(), RESTART_REASON, actor, now)
        # day 0 of the new isolation: sampled today, as at a check-in
        if not rt.unsampled_for_stay(db, mate["id"], now.date().isoformat()):
            repo.insert_tests(db, [(mate["id"], "pcr", "scheduled", now.date().isoformat())])
        restarted = repo.stay(db, mate["id"])
        assert restarted is not None
        apply_regime(db, restarted, now.date())
        out.restarted.append(mate["id"])


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
        rt.handle_alert(db, alert_id, secs(now), actor.username, note.strip())
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
    if s["status"] != StayStatus.IN_ISOLATION:
        raise DomainError("stay_not_in_isolation", status=s["status"])
    last = rt.last_restart(db, stay_id)
    if last is None:
        raise DomainError("no_restart_to_undo")
    old_start = day_of(last["before"]["start_date"])
    old_release = day_of(last["before"]["release_date"])
    policy_row = repo.get(db, "policies", s["policy_id"])
    assert policy_row is not None
    policy = pol.Policy.from_row(policy_row)
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
        undone = repo.stay(db, stay_id)
        assert undone is not None
        apply_regime(db, undone, now.date())
        repo.stay_event(db, stay_id, now, "restart_undone", actor.username,
                        from_value=last["after"].get("start_date"), to_value=old_start, reason=reason)
        repo.audit(db, actor=actor.username, action="undo_restart", entity="stay", entity_id=stay_id,
                   before=last["after"], after={"start_date": old_start, "release_date": old_release,
                                                "reason": reason}, at=now)
    return old_release


# -- read models ----------------------------------------------------------------------------
def open_alerts(db: Database, *, newest_first: bool = False) -> list[Row]:
    """Open emergencies, oldest first (the order they were raised); the banner asks for the
    newest first: the one that just came in is the one nobody has seen yet."""
    alerts = rt.open_alerts(db)
    return alerts[::-1] if newest_first else alerts


def name_differs_on_sheet(alert: Row) -> str | None:
    """The name the lab's sheet gave, when a positive was raised on a name that differs."""
    note = alert.get("note") or ""
    if alert.get("handled_at") is None and note.startswith("name_differs:"):
        return note.partition(":")[2]
    return None


def recent_alerts(db: Database, now: datetime, days: int = 14) -> list[Row]:
    """Positives of the last ``days`` days (open or handled), for a manager who needs to look
    back, e.g. to undo a room-mate's restart after the transfer."""
    return rt.recent_alerts(db, secs(now - timedelta(days=days)).isoformat())


def alert_detail(db: Database, alert_id: int) -> Row:
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


def _mates_any(db: Database, a: Row) -> list[Row]:
    """Room-mates at the time of the alert (the positive may have been moved out since)."""
    if a["room_id"] is None:
        return []
    return rt.others_in_room(db, a["room_id"], a["stay_id"])
