"""Expected arrivals (status ``expected``): people announced before they come, from the
transfer list (services.arrivals_import) or one by one, checked in one by one or in bulk,
or cancelled when they do not come.

Bulk check-in plans who goes where (a household into one room, a positive before arrival
into the holding room) and checks each unit in as at the front desk (``stays.check_in``),
one transaction per unit.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..domain import policy as pol
from ..domain.dates import stored_date
from ..domain.errors import DomainError
from ..domain.registration import Registration
from ..domain.roles import Actor
from ..domain.vocabulary import RoomStatus, StayStatus
from ..storage import repo_arrivals
from ..storage import repositories as repo
from ..storage.database import Database
from . import arrival_hold
from .changes import Kind, writes
from .stays import CheckInResult, check_in, policy_for, stay_or_fail, suggest_room, upsert_person
from .testing.common import Row


@writes(Kind.STAYS)
def register_expected(db: Database, reg: Registration, actor: Actor, now: datetime,
                      source: str | None = None) -> int:
    """An expected arrival (from a transfer list): person and stay, no room yet."""
    actor.require("register")
    policy_id, policy = policy_for(db, reg.category)
    today = now.date()
    start = pol.start_date(policy, reg.last_exposure_date, reg.arrival_date or today)
    with db.transaction():
        person_id = upsert_person(db, reg, now)
        if repo.active_stay_for_person(db, person_id):
            raise DomainError("already_at_site", field="id_number", name=reg.name)
        stay_id = repo.insert(db, "stays", {
            "person_id": person_id, "room_id": None, "category": reg.category,
            "policy_id": policy_id, "status": StayStatus.EXPECTED,
            "last_exposure_date": reg.last_exposure_date, "arrival_date": reg.arrival_date,
            "start_date": start, "release_date": pol.release_date(policy, start),
            "destination_community": reg.destination_community,
            "community_contact": reg.community_contact, "community_phone": reg.community_phone,
            "source": source, "created_at": now})
        repo.stay_event(db, stay_id, now, "expected", actor.username, reason=source)
        repo.audit(db, actor=actor.username, action="register_expected", entity="stay",
                   entity_id=stay_id, after={"name": reg.name, "category": reg.category}, at=now)
    return stay_id


def registration_of(s: Row) -> Registration:
    """A stay row (repositories.STAY_SELECT) as the registration it was made from."""
    return Registration(
        name=s["name"], id_type=s["id_type"], id_number=s["id_number"], sex=s["sex"],
        birth_date=stored_date(s["birth_date"]), phone=s["phone"], category=s["category"],
        last_exposure_date=stored_date(s["last_exposure_date"]), arrival_date=stored_date(s["arrival_date"]),
        registered_address=s["registered_address"] or "", current_address=s["current_address"] or "",
        origin=s["origin"] or "", special_needs=tuple(filter(None, (s["special_needs"] or "").split(","))),
        diet=s["diet"] or "regular", destination_community=s["destination_community"] or "",
        community_contact=s["community_contact"] or "", community_phone=s["community_phone"] or "")


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def check_in_expected(db: Database, stay_id: int, actor: Actor, now: datetime,
                      room_id: int | None = None) -> CheckInResult:
    actor.require("check_in")
    s = stay_or_fail(db, stay_id)
    if s["status"] != StayStatus.EXPECTED:
        raise DomainError("stay_not_expected")
    return check_in(db, registration_of(s), actor, now, room_id=room_id, expected_stay_id=stay_id)


@writes(Kind.STAYS)
def cancel_expected(db: Database, stay_id: int, reason: str, actor: Actor, now: datetime) -> None:
    actor.require("register")
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    s = stay_or_fail(db, stay_id)
    if s["status"] != StayStatus.EXPECTED:
        raise DomainError("stay_not_expected")
    with db.transaction():
        repo.update(db, "stays", stay_id, {"status": StayStatus.LEFT, "ended_at": now, "end_reason": "did_not_arrive"})
        repo.stay_event(db, stay_id, now, "cancel", actor.username, reason=reason)
        repo.audit(db, actor=actor.username, action="cancel_expected", entity="stay",
                   entity_id=stay_id, after={"reason": reason}, at=now)


# -- bulk check-in -------------------------------------------------------------------


@dataclass
class PlannedUnit:
    """One room's worth of expected arrivals: a person alone, or a household together."""

    stay_ids: list[int]  # the host (parent or carer) first
    names: list[str]
    roles: list[str | None]
    category: str
    household_id: int | None
    room_id: int | None
    room: str | None
    # issue 14: a positive came in before the arrival: the holding room or transfer, never
    # an ordinary room (services.arrival_hold)
    held_positive: bool = False

    @property
    def beds_needed(self) -> int:
        return len(self.stay_ids)


def plan_check_in(db: Database, stay_ids: Sequence[int] | None = None) -> list[PlannedUnit]:
    """Who goes where: expected arrivals (all, or ``stay_ids``) grouped by household, each
    group with a suggested ready room (enough beds, a floor of the same category where
    possible), no room suggested twice."""
    wanted = None if stay_ids is None else set(stay_ids)
    expected = [s for s in repo.stays(db, statuses=(StayStatus.EXPECTED,)) if wanted is None or s["id"] in wanted]
    expected.sort(key=lambda s: s["id"])
    groups: dict[object, list[Row]] = {}
    for s in expected:
        key = ("household", s["household_id"]) if s["household_id"] else ("stay", s["id"])
        groups.setdefault(key, []).append(s)
    kinds: dict[tuple[str, int], int] = defaultdict(int)
    for members in groups.values():
        kinds[(members[0]["category"], len(members))] += 1
    candidates: dict[tuple[str, int], list[Row]] = {}
    taken: set[int] = set()
    units = []
    held = arrival_hold.held_stays(db, [s["id"] for s in expected])
    holding = arrival_hold.holding_room(db) if held else None
    for members in groups.values():
        members.sort(key=lambda s: (s["household_role"] not in ("parent", "carer"), s["id"]))
        host = members[0]
        held_positive = any(s["id"] in held for s in members)
        if held_positive:  # a positive before arrival: the holding room or nothing
            room = holding if holding and holding["status"] == RoomStatus.READY and holding["id"] not in taken else None
        else:
            kind = (host["category"], len(members))
            if kind not in candidates:  # one query per kind of unit, long enough to skip rooms taken
                candidates[kind] = repo.suggest_rooms(db, beds_needed=len(members), avoid_category_floors=kind[0],
                                                      limit=kinds[kind] + len(groups))
            room = next((c for c in candidates[kind] if c["id"] not in taken), None)
        if room is not None:
            taken.add(room["id"])
        units.append(PlannedUnit(
            stay_ids=[s["id"] for s in members], names=[s["name"] for s in members],
            roles=[s["household_role"] for s in members], category=host["category"],
            household_id=host["household_id"] if len(members) > 1 else None,
            room_id=room["id"] if room else None, room=room["label"] if room else None,
            held_positive=held_positive))
    return units


@dataclass
class BulkCheckInResult:
    checked_in: list[CheckInResult] = field(default_factory=list)
    failed: list[tuple[PlannedUnit, DomainError]] = field(default_factory=list)
    placed: list[tuple[str, str | None]] = field(default_factory=list)  # (name, room) to tell each person


def _check_in_unit(db: Database, unit: PlannedUnit, actor: Actor, now: datetime) -> list[CheckInResult]:
    room_id = unit.room_id
    if room_id is not None:
        room = repo.room(db, room_id)
        if room is None or room["status"] != RoomStatus.READY or room["beds"] < unit.beds_needed:
            room_id = None  # taken since the plan was made: suggest again
    if room_id is None and unit.held_positive:
        holding = arrival_hold.holding_room(db)
        raise DomainError("positive_awaiting_arrival", name="、".join(unit.names),
                          holding=holding["label"] if holding else "—")
    if room_id is None:
        suggestion = suggest_room(db, unit.category, beds_needed=unit.beds_needed)
        if suggestion is None:
            raise DomainError("no_room_ready")
        room_id = suggestion["id"]
    host_id = unit.stay_ids[0]
    results = [check_in_expected(db, host_id, actor, now, room_id=room_id)]
    if len(unit.stay_ids) > 1:
        # check_in clears the household of a person checked in alone: put the host back in it.
        repo_arrivals.set_household(db, host_id, unit.household_id, unit.roles[0] or "parent")
        for stay_id, role in zip(unit.stay_ids[1:], unit.roles[1:], strict=False):
            s = repo.stay(db, stay_id)
            if s is None or s["status"] != StayStatus.EXPECTED:
                raise DomainError("stay_not_expected")
            results.append(check_in(db, registration_of(s), actor, now, household_of=host_id,
                                                 household_role=role or "dependant",
                                                 expected_stay_id=stay_id))
    return results


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def bulk_check_in(db: Database, plan: Sequence[PlannedUnit], actor: Actor, now: datetime) -> BulkCheckInResult:
    """Check in each planned unit (a person, or a household into one room).

    Each unit is one transaction (a household goes in together or not at all) and each
    person gets the same check-in as at the front desk (``stays.check_in``: tests scheduled,
    room occupied, history, audit). A unit that is refused stays expected and is reported
    with its reason; the others go on, because a bus of forty must not wait for one.
    """
    actor.require("check_in")
    result = BulkCheckInResult()
    for unit in plan:
        try:
            with db.transaction():
                done = _check_in_unit(db, unit, actor, now)
            result.checked_in.extend(done)
            result.placed.extend((name, r.room) for name, r in zip(unit.names, done, strict=False))
        except DomainError as exc:
            result.failed.append((unit, exc))
    return result
