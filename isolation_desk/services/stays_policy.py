"""A category's new policy applied to the people already announced or on site: their
start and release dates and the tests still to come follow it, as one logged action."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..domain import policy as pol
from ..domain.dates import stored_date
from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.schedule import policy_schedule
from ..domain.vocabulary import CURRENT, StayStatus
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .site import current_policies
from .testing.common import day_of


@dataclass(frozen=True)
class PolicyChange:
    stay_id: int
    name: str
    room: str | None
    old_release: date
    new_release: date


def preview_policy_change(db: Database, category: str) -> list[PolicyChange]:
    """Who would change if the current policy of ``category`` were applied to current occupants."""
    policy_id, policy = current_policies(db)[category]
    changes = []
    for s in repo.stays(db, statuses=CURRENT, category=category):
        if s["policy_id"] == policy_id:
            continue
        start = pol.start_date(policy, stored_date(s["last_exposure_date"]),
                               stored_date(s["arrival_date"]) or stored_date(s["start_date"]))
        new_release = pol.release_date(policy, start)
        changes.append(PolicyChange(s["id"], s["name"], s["room"], day_of(s["release_date"]), new_release))
    return changes


@writes(Kind.STAYS, Kind.TESTS)
def apply_policy_to_current(db: Database, category: str, reason: str, actor: Actor,
                            now: datetime) -> list[PolicyChange]:
    """Move current occupants of a category to its current policy, as one logged action."""
    actor.require("settings")
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    policy_id, policy = current_policies(db)[category]
    changes = preview_policy_change(db, category)
    with db.transaction():
        for c in changes:
            s = repo.stay(db, c.stay_id)
            assert s is not None  # listed by preview_policy_change just now
            start = pol.start_date(policy, stored_date(s["last_exposure_date"]),
                               stored_date(s["arrival_date"]) or stored_date(s["start_date"]))
            repo.update(db, "stays", c.stay_id, {"policy_id": policy_id, "start_date": start,
                                                 "release_date": c.new_release})
            if s["status"] != StayStatus.EXPECTED:
                repo.delete_unsampled_tests_after(db, c.stay_id, now.date().isoformat())
                # tests due today stay (sampled or not); a test the new schedule puts on
                # today is added when the person owes none today (not one swab twice)
                today_iso = now.date().isoformat()
                owes_today = any(t["due_date"] == today_iso for t in repo.tests_for_stay(db, c.stay_id))
                repo.insert_tests(db, [(c.stay_id, t.kind, t.purpose, t.due_date.isoformat())
                                       for t in policy_schedule(policy, start,
                                                                stored_date(s["checked_in_at"]) or now.date())
                                       if t.purpose != "check_in" and (
                                           t.due_date > now.date()
                                           or (t.due_date == now.date() and not owes_today))])
            repo.stay_event(db, c.stay_id, now, "policy_change", actor.username,
                            from_value=c.old_release, to_value=c.new_release, reason=reason)
        repo.audit(db, actor=actor.username, action="apply_policy", entity="policy", entity_id=policy_id,
                   after={"category": category, "stays": len(changes), "reason": reason}, at=now)
    return changes
