"""Occupants' stays: check in, move, extend or bring forward, release, transfer out.

Expected arrivals and bulk check-in are in services.stays_expected; a category's new policy
applied to current stays in services.stays_policy."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..domain import policy as pol
from ..domain import release as rel
from ..domain.dates import stored_date, stored_datetime
from ..domain.errors import DomainError, Refused
from ..domain.households import Member, age_on, check_household, left_without_carer, needs_carer
from ..domain.registration import Registration
from ..domain.roles import Actor
from ..domain.rooms import check_transition
from ..domain.schedule import policy_schedule
from ..domain.vocabulary import CURRENT, ON_SITE, Role, StayStatus
from ..storage import repo_safety as rs
from ..storage import repo_stays as rstays
from ..storage import repo_tests as rtests
from ..storage import repositories as repo
from ..storage.database import Database
from . import arrival_hold
from .changes import Kind, writes
from .site import current_policies, get_settings
from .testing.common import Row, day_of, moment_of


@dataclass(frozen=True)
class CheckInResult:
    stay_id: int
    person_id: int
    room_id: int | None
    room: str | None
    start_date: date
    release_date: date


def stay_or_fail(db: Database, stay_id: int) -> Row:
    s = repo.stay(db, stay_id)
    if s is None:
        raise DomainError("stay_unknown", stay_id=stay_id)
    return s


def policy_for(db: Database, category: str) -> tuple[int, pol.Policy]:
    current = current_policies(db).get(category)
    if current is None:
        raise DomainError("policy_missing", category=category)
    if not current[1].admitted:
        raise DomainError("category_not_admitted", field="category", category=category)
    return current


def upsert_person(db: Database, reg: Registration, now: datetime) -> int:
    fields = {
        "name": reg.name, "sex": reg.sex, "birth_date": reg.birth_date, "phone": reg.phone,
        "registered_address": reg.registered_address, "current_address": reg.current_address,
        "origin": reg.origin, "special_needs": ",".join(reg.special_needs), "diet": reg.diet,
        "notes": reg.notes,
    }
    existing = repo.person_by_document(db, reg.id_type, reg.id_number)
    if existing:
        repo.update(db, "people", existing["id"], fields)
        return int(existing["id"])
    fields.update(id_type=reg.id_type, id_number=reg.id_number, created_at=now)
    return repo.insert(db, "people", fields)


def suggest_room(db: Database, category: str, beds_needed: int = 1) -> Row | None:
    """A ready room with enough beds, on a floor of the same category where possible."""
    rows = repo.suggest_rooms(db, beds_needed=beds_needed, avoid_category_floors=category, limit=1)
    return rows[0] if rows else None


def _schedule_tests(db: Database, stay_id: int, policy: pol.Policy, start: date, check_in: date) -> None:
    repo.insert_tests(db, [(stay_id, t.kind, t.purpose, t.due_date.isoformat())
                           for t in policy_schedule(policy, start, check_in)])


def _member(s: Row, today: date) -> Member:
    return Member(s["household_role"] or "dependant", age_on(stored_date(s["birth_date"]), today),
                  frozenset(filter(None, (s["special_needs"] or "").split(","))))


def _household_check(db: Database, household_id: int, newcomer: Member, today: date) -> None:
    members = [newcomer]
    for s in repo.stays(db, statuses=ON_SITE, household_id=household_id):
        members.append(_member(s, today))
    check_household(members)


def _child_alone_check(db: Database, room_id: int | None, actor: Actor, now: datetime) -> list[int]:
    """After someone left or joined ``room_id``: a member of a household who needs a carer
    and has no adult of the household left in the room raises a ``child_alone`` alert (banner,
    handover sheet); a carer back in the room closes it. Returns the alerts raised."""
    if room_id is None:
        return []
    today = now.date()
    groups: dict[int, list[Row]] = {}
    for s in repo.room_stays(db, room_id):
        if s["household_id"] is not None and s["status"] == StayStatus.IN_ISOLATION:
            groups.setdefault(s["household_id"], []).append(s)
    raised = []
    for members in groups.values():
        people = [(m, _member(m, today)) for m in members]
        alone = left_without_carer([person for _, person in people])
        for m, person in people:
            if not needs_carer(person):
                continue
            if alone and not rs.open_alerts_of_stay(db, m["id"], "child_alone"):
                raised.append(repo.insert(db, "alerts", {
                    "kind": "child_alone", "stay_id": m["id"],
                    "raised_at": now.replace(microsecond=0).isoformat()}))
            elif not alone:
                rs.close_alerts_of_stay(db, m["id"], "child_alone", now.replace(microsecond=0),
                                        actor.username, "carer_in_room")
    return raised


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def check_in(db: Database, reg: Registration, actor: Actor, now: datetime, *,
             room_id: int | None = None, household_of: int | None = None,
             household_role: str | None = None, host_role: str | None = None,
             expected_stay_id: int | None = None) -> CheckInResult:
    """Check a person into a ready room (or into a household member's room).

    One transaction: person, stay, room status, scheduled tests, history and audit.
    """
    actor.require("check_in")
    today = now.date()
    policy_id, policy = policy_for(db, reg.category)
    arrival = reg.arrival_date or today
    start = pol.start_date(policy, reg.last_exposure_date, arrival)
    if start > today:
        raise DomainError("start_in_future", field="last_exposure_date")
    release_on = pol.check_not_over(policy, start, today)
    with db.transaction():
        person_id = upsert_person(db, reg, now)
        active = repo.active_stay_for_person(db, person_id)
        if active and active["id"] != expected_stay_id:
            raise DomainError("already_at_site", field="id_number", name=reg.name,
                              room=active["room"] or "")
        household_id = None
        if household_of is not None:
            host = stay_or_fail(db, household_of)
            if host["status"] not in ON_SITE or host["room_id"] is None:
                raise DomainError("household_host_not_here")
            room_id = host["room_id"]
            household_id = host["household_id"]
            if household_id is None:
                household_id = repo.insert(db, "households", {"label": host["name"], "created_at": now})
                repo.update(db, "stays", host["id"], {"household_id": household_id,
                                                       "household_role": host_role or "parent"})
            _household_check(db, household_id, Member(
                household_role or "dependant", age_on(reg.birth_date, today),
                frozenset(reg.special_needs)), today)
        if room_id is None:
            suggestion = suggest_room(db, reg.category)
            if suggestion is None:
                raise DomainError("no_room_ready")
            room_id = suggestion["id"]
        room = repo.room(db, room_id)
        if room is None:
            raise DomainError("room_unknown", room_id=room_id)
        held = arrival_hold.check_room(db, person_id, room, reg.name)  # a positive before arrival
        if household_of is None:
            check_transition(room["status"], "occupied")
        else:
            if repo.active_count_in_room(db, room_id) >= room["beds"]:
                raise DomainError("room_full", room=room["label"], beds=room["beds"])
        fields = {"person_id": person_id, "room_id": room_id, "category": reg.category,
                  "policy_id": policy_id, "status": StayStatus.IN_ISOLATION,
                  "last_exposure_date": reg.last_exposure_date, "arrival_date": arrival,
                  "start_date": start, "release_date": release_on, "checked_in_at": now,
                  "destination_community": reg.destination_community,
                  "community_contact": reg.community_contact,
                  "community_phone": reg.community_phone,
                  "household_id": household_id,
                  "household_role": household_role if household_of is not None else None}
        if expected_stay_id is not None:
            exp = stay_or_fail(db, expected_stay_id)
            if exp["status"] != StayStatus.EXPECTED:
                raise DomainError("stay_not_expected")
            repo.update(db, "stays", expected_stay_id, fields)
            stay_id = expected_stay_id
        else:
            fields.update(created_at=now)
            stay_id = repo.insert(db, "stays", fields)
        if room["status"] == "ready":
            repo.set_room_status(db, room_id, "occupied", None, now)
            repo.room_event(db, room_id, now, "ready", "occupied", None, actor.username, stay_id)
        _schedule_tests(db, stay_id, policy, start, today)
        if household_id is not None:
            _child_alone_check(db, room_id, actor, now)
        repo.stay_event(db, stay_id, now, "check_in", actor.username, to_value=room["label"])
        if held:
            mark_awaiting_transfer(db, stay_id, "positive", actor, now)
        repo.audit(db, actor=actor.username, action="check_in", entity="stay", entity_id=stay_id,
                   after={"name": reg.name, "id_number": reg.id_number, "room": room["label"],
                          "category": reg.category, "release_date": release_on}, at=now)
    return CheckInResult(stay_id, person_id, room_id, room["label"], start, release_on)


LOCAL_NUMBER_PREFIX = "LOCAL"


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def check_in_child_without_document(db: Database, fields: Row, host_stay_id: int, actor: Actor,
                                    now: datetime) -> CheckInResult:
    """A child with no identity document, registered with the parent already here: a local
    number is generated (LOCAL-<parent's person number>-<n>, document type 'other'); the
    birth date is required (it decides that the person is a child)."""
    from ..domain.registration import validate_registration
    actor.require("check_in")
    host = stay_or_fail(db, host_stay_id)
    if fields.get("birth_date") in (None, ""):
        raise DomainError("birth_date_needed", field="birth_date")
    n = 1 + rstays.local_numbers_taken(db, f"{LOCAL_NUMBER_PREFIX}-{host['person_id']}")
    values = dict(fields, id_type="other", id_number=f"{LOCAL_NUMBER_PREFIX}-{host['person_id']}-{n}")
    for key in ("category", "last_exposure_date", "arrival_date", "destination_community",
                "community_contact", "community_phone"):
        if values.get(key) in (None, ""):
            values[key] = host[key] or ""
    reg = validate_registration(values, now.date())
    return check_in(db, reg, actor, now, household_of=host_stay_id, household_role="child")


def _vacate_room_if_empty(db: Database, room_id: int | None, stay_id: int, actor: Actor,
                          now: datetime, reason: str) -> None:
    if room_id is None:
        return
    if repo.active_count_in_room(db, room_id) == 0:
        room = repo.room(db, room_id)
        assert room is not None  # the stay's room
        check_transition(room["status"], "awaiting_disinfection")
        repo.set_room_status(db, room_id, "awaiting_disinfection", reason, now)
        repo.room_event(db, room_id, now, room["status"], "awaiting_disinfection", reason,
                        actor.username, stay_id)


@dataclass(frozen=True)
class MoveResult:
    moved: tuple[int, ...]  # stay ids, the one asked for first
    room: str
    alerts: tuple[int, ...] = ()  # child_alone alerts raised by the move


def left_alone_if_leaves(db: Database, stay_id: int, today: date) -> list[Row]:
    """The household members who would be left in the room without an adult if this person
    left it now (release, transfer): the window warns before, the alert follows after."""
    s = stay_or_fail(db, stay_id)
    if s["household_id"] is None or s["room_id"] is None:
        return []
    staying = [(m, _member(m, today)) for m in rs.household_room_mates(db, stay_id)
               if m["status"] == StayStatus.IN_ISOLATION]
    if not left_without_carer([person for _, person in staying]):
        return []
    return [m for m, person in staying if needs_carer(person)]


def household_to_move(db: Database, stay_id: int) -> list[Row]:
    """The household members who share this stay's room (they move with it by default)."""
    return rs.household_room_mates(db, stay_id)


@writes(Kind.STAYS, Kind.ROOMS, Kind.ALERTS)
def move(db: Database, stay_id: int, room_id: int, reason: str, actor: Actor, now: datetime, *,
         with_household: bool = True, override_reason: str | None = None) -> MoveResult:
    """Move a person to a ready room; the household members who share the room move too
    (``with_household``), in the same transaction. Moving alone is refused when it leaves a
    member who needs a carer (a child of 14 or under, a person who cannot look after
    themselves) without an adult of the household, unless a manager overrides with a reason."""
    actor.require("check_in")
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    s = stay_or_fail(db, stay_id)
    if s["status"] not in ON_SITE:
        raise DomainError("stay_not_active", status=s["status"])
    if s["room_id"] == room_id:
        raise DomainError("same_room")
    target = repo.room(db, room_id)
    if target is None:
        raise DomainError("room_unknown", room_id=room_id)
    check_transition(target["status"], "occupied")
    today = now.date()
    mates = household_to_move(db, stay_id)
    movers = [s] + (mates if with_household else [])
    if len(movers) > target["beds"]:
        raise DomainError("room_too_small_for_household", room=target["label"], beds=target["beds"],
                          people=len(movers))
    override = (override_reason or "").strip()
    separated = False
    if mates and not with_household:
        staying = [_member(m, today) for m in mates]
        separated = left_without_carer(staying) or left_without_carer([_member(s, today)])
        if separated:
            if not override:
                raise DomainError("move_separates_household", field="with_household",
                                  name=s["name"], room=s["room"] or "")
            actor.require("override")
    with db.transaction():
        for m in movers:
            repo.update(db, "stays", m["id"], {"room_id": room_id})
        repo.set_room_status(db, room_id, "occupied", None, now)
        repo.room_event(db, room_id, now, "ready", "occupied", reason, actor.username, stay_id)
        _vacate_room_if_empty(db, s["room_id"], stay_id, actor, now, "moved_out")
        for m in movers:
            # a child who moved is no longer alone in the old room
            rs.close_alerts_of_stay(db, m["id"], "child_alone", now.replace(microsecond=0),
                                    actor.username, "moved")
        alerts = _child_alone_check(db, s["room_id"], actor, now) + _child_alone_check(db, room_id, actor, now)
        for m in movers:
            repo.stay_event(db, m["id"], now, "move", actor.username, from_value=s["room"],
                            to_value=target["label"],
                            reason=reason if m["id"] == stay_id else f"{reason} (household)")
        after = {"room": target["label"], "reason": reason,
                 "household": [m["name"] for m in movers[1:]]}
        if separated:
            after.update(override=override, overridden="move_separates_household")
        repo.audit(db, actor=actor.username, action="move", entity="stay", entity_id=stay_id,
                   before={"room": s["room"]}, after=after, at=now)
    return MoveResult(tuple(m["id"] for m in movers), target["label"], tuple(alerts))


def _reschedule_release(db: Database, stay_id: int, old: date, new: date) -> None:
    """Unsampled release-day tests follow the release date; tests after it are dropped."""
    rstays.move_release_day_tests(db, stay_id, new.isoformat())
    repo.delete_unsampled_tests_after(db, stay_id, new.isoformat())
    has_release = rstays.tests_due_on(db, stay_id, new.isoformat())
    if not has_release:
        repo.insert_tests(db, [(stay_id, "pcr", "release", new.isoformat())])


def household_to_extend(db: Database, stay_id: int, new_date: date) -> list[Row]:
    """Household room-mates whose release is before ``new_date`` (offered an extension too)."""
    return [m for m in rs.household_room_mates(db, stay_id)
            if m["status"] == StayStatus.IN_ISOLATION and day_of(m["release_date"]) < new_date]


@writes(Kind.STAYS, Kind.TESTS)
def adjust_release(db: Database, stay_id: int, new_date: date, reason: str, actor: Actor,
                   now: datetime, *, with_household: bool = True) -> pol.AdjustedRelease:
    """Extend or bring forward a release date, with the reason and who did it. An extension
    extends the household members who share the room too (``with_household``), to the same
    date, in the same transaction."""
    actor.require("release")
    s = stay_or_fail(db, stay_id)
    if s["status"] not in CURRENT:
        raise DomainError("stay_not_active", status=s["status"])
    change = pol.adjust_release(day_of(s["start_date"]), day_of(s["release_date"]), new_date, reason)
    mates = household_to_extend(db, stay_id, new_date) if with_household and change.kind == "extend" else []
    with db.transaction():
        for m_id, old in [(stay_id, change.old)] + [(m["id"], day_of(m["release_date"])) for m in mates]:
            repo.update(db, "stays", m_id, {"release_date": new_date})
            _reschedule_release(db, m_id, old, change.new)
            repo.stay_event(db, m_id, now, change.kind, actor.username, from_value=old,
                            to_value=change.new,
                            reason=change.reason if m_id == stay_id else f"{change.reason} (household)")
        repo.audit(db, actor=actor.username, action=change.kind, entity="stay", entity_id=stay_id,
                   before={"release_date": change.old},
                   after={"release_date": change.new, "reason": change.reason,
                          "household": [m["name"] for m in mates]}, at=now)
    return change


@writes(Kind.STAYS, Kind.TESTS)
def restart_isolation(db: Database, stay_id: int, new_start: date, reason: str, actor: Actor,
                      now: datetime) -> date:
    """Restart a stay's isolation from ``new_start`` (a room-mate tested positive):
    a new release date and a new test schedule from the stay's own policy. Who may record a
    positive result ("tests") may restart its room-mates' isolation."""
    actor.require("tests")
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    s = stay_or_fail(db, stay_id)
    if s["status"] not in ON_SITE:
        raise DomainError("stay_not_active", status=s["status"])
    policy_row = repo.get(db, "policies", s["policy_id"])
    assert policy_row is not None  # a stay's policy_id is a foreign key
    policy = pol.Policy.from_row(policy_row)
    new_release = pol.release_date(policy, new_start)
    with db.transaction():
        old = {"start_date": s["start_date"], "release_date": s["release_date"]}
        repo.update(db, "stays", stay_id, {"start_date": new_start, "release_date": new_release})
        rtests.delete_unsampled_tests(db, stay_id)
        repo.insert_tests(db, [(stay_id, t.kind, t.purpose, t.due_date.isoformat())
                               for t in policy_schedule(policy, new_start, now.date())
                               if t.purpose != "check_in"])
        repo.stay_event(db, stay_id, now, "restart", actor.username, from_value=s["start_date"],
                        to_value=new_start, reason=reason)
        repo.audit(db, actor=actor.username, action="restart_isolation", entity="stay",
                   entity_id=stay_id, before=old,
                   after={"start_date": new_start, "release_date": new_release, "reason": reason}, at=now)
    return new_release


def release_check(db: Database, stay_id: int, now: datetime) -> rel.ReleaseDecision:
    """The gating decision for one stay, from its real tests and health checks and the
    positives still open in its room or on its floor."""
    s = stay_or_fail(db, stay_id)
    threshold = get_settings(db).fever_threshold
    tests = [rel.TestRecord(day_of(t["due_date"]), t["purpose"], stored_datetime(t["sampled_at"]),
                            t["result"], t["kind"],
                            t["lab"], t["result_source"])
             for t in repo.tests_for_stay(db, stay_id)]
    since = (now - timedelta(hours=24)).replace(microsecond=0).isoformat()
    checks = [rel.HealthRecord(moment_of(c["taken_at"]), c["temperature"])
              for c in repo.checks_for_stay(db, stay_id, since)]
    nearby = [(a["room"], a["raised_at"]) for a in rs.open_positives_near(db, stay_id)] \
        if s["room_id"] is not None else []
    return rel.release_decision(status=s["status"], release_date=day_of(s["release_date"]), now=now,
                                tests=tests, checks=checks, fever_threshold=threshold,
                                open_positives=nearby)


# Refusals that one manager's reason may override; a fever needs a second signed-in
# account (medical or manager) with its own reason; a positive is never overridden.
NEVER_OVERRIDDEN = ("test_positive", "surface_positive")
SECOND_SIGNATURE = ("fever_24h",)
SECOND_ROLES: tuple[str, ...] = (Role.MEDICAL.value, Role.MANAGER.value)


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def release(db: Database, stay_id: int, actor: Actor, now: datetime,
            override_reason: str | None = None, *, second_actor: Actor | None = None,
            second_reason: str | None = None, community_notified: bool = False) -> rel.ReleaseDecision:
    """Release an occupant; refused with reasons unless a manager overrides with a reason.

    A fever in the last 24 hours needs, besides the manager, a second signed-in account with
    the medical or manager role and its own reason (``second_actor``, ``second_reason``: the
    window has the second person sign in with their password). A positive is never released.
    ``community_notified``: the destination community was told now, by ``actor`` (otherwise
    the daily report counts the release as not yet notified; see mark_community_notified)."""
    actor.require("release")
    s = stay_or_fail(db, stay_id)
    if s["status"] != StayStatus.IN_ISOLATION:
        raise DomainError("stay_not_in_isolation", status=s["status"])
    decision = release_check(db, stay_id, now)
    override = (override_reason or "").strip()
    second = (second_reason or "").strip()
    if not decision.allowed:
        if set(NEVER_OVERRIDDEN) & set(decision.reasons):
            # A positive is handled as a transfer, never overridden into a release.
            raise Refused("release_refused_positive", list(decision.reasons))
        if not override:
            raise Refused("release_refused", list(decision.reasons), **decision.details)
        actor.require("override")
        if set(SECOND_SIGNATURE) & set(decision.reasons):
            if second_actor is None or second_actor.role not in SECOND_ROLES:
                raise Refused("release_fever_second_signature", list(decision.reasons))
            if second_actor.username == actor.username:
                raise DomainError("second_signature_same_person", field="second_actor")
            if not second:
                raise DomainError("reason_required", field="second_reason")
    with db.transaction():
        changes = {"status": StayStatus.RELEASED, "ended_at": now, "end_reason": "released"}
        if community_notified:
            changes.update(community_notified=1, community_notified_by=actor.username,
                           community_notified_at=now.replace(microsecond=0))
        repo.update(db, "stays", stay_id, changes)
        _vacate_room_if_empty(db, s["room_id"], stay_id, actor, now, "released")
        rs.close_alerts_of_stay(db, stay_id, "child_alone", now.replace(microsecond=0),
                                actor.username, "released")
        _child_alone_check(db, s["room_id"], actor, now)
        repo.stay_event(db, stay_id, now, "override_release" if not decision.allowed else "release",
                        actor.username, reason=override or None,
                        from_value=",".join(decision.reasons) or None)
        after = {"status": StayStatus.RELEASED, "override": override or None,
                 "refusals": list(decision.reasons), "community_notified": bool(community_notified)}
        if not decision.allowed:
            after["overridden"] = list(decision.reasons)
        if second_actor is not None and set(SECOND_SIGNATURE) & set(decision.reasons):
            after.update(second_actor=second_actor.username, second_role=second_actor.role,
                         second_reason=second)
        repo.audit(db, actor=actor.username, action="release", entity="stay", entity_id=stay_id,
                   before={"status": s["status"]}, after=after, at=now)
    return decision


@writes(Kind.STAYS)
def mark_community_notified(db: Database, stay_id: int, actor: Actor, now: datetime,
                            note: str | None = None) -> None:
    """The destination community (街镇/社区) of a released person was told: by whom, when."""
    actor.require("release")
    s = stay_or_fail(db, stay_id)
    if s["status"] != StayStatus.RELEASED:
        raise DomainError("stay_not_released", status=s["status"])
    if s["community_notified"]:
        raise DomainError("community_already_notified", by=s["community_notified_by"] or "",
                          at=str(s["community_notified_at"] or "").replace("T", " ")[:16])
    with db.transaction():
        repo.update(db, "stays", stay_id, {"community_notified": 1, "community_notified_by": actor.username,
                                           "community_notified_at": now.replace(microsecond=0)})
        repo.stay_event(db, stay_id, now, "community_notified", actor.username,
                        to_value=s["destination_community"], reason=(note or "").strip() or None)
        repo.audit(db, actor=actor.username, action="community_notified", entity="stay", entity_id=stay_id,
                   after={"community": s["destination_community"], "note": (note or "").strip() or None},
                   at=now)


def releases_not_notified(db: Database) -> list[Row]:
    """Released people whose community has not been told yet (oldest first)."""
    return rs.releases_not_notified(db)


TRANSFER_KINDS = ("hospital", "other_site")


@writes(Kind.STAYS, Kind.ALERTS)
def mark_awaiting_transfer(db: Database, stay_id: int, reason: str, actor: Actor, now: datetime) -> None:
    """An occupant who tested positive waits for the transfer (see testing.emergency.handle_positive)."""
    actor.require("tests")
    s = stay_or_fail(db, stay_id)
    if s["status"] == StayStatus.AWAITING_TRANSFER:
        return
    if s["status"] != StayStatus.IN_ISOLATION:
        raise DomainError("stay_not_in_isolation", status=s["status"])
    with db.transaction():
        repo.update(db, "stays", stay_id, {"status": StayStatus.AWAITING_TRANSFER})
        repo.stay_event(db, stay_id, now, "awaiting_transfer", actor.username, reason=reason)
        repo.audit(db, actor=actor.username, action="awaiting_transfer", entity="stay",
                   entity_id=stay_id, after={"reason": reason}, at=now)


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def transfer_out(db: Database, stay_id: int, kind: str, destination: str, actor: Actor,
                 now: datetime) -> None:
    """Transfer to a designated hospital or another site; the room goes to disinfection."""
    actor.require("release")
    if kind not in TRANSFER_KINDS:
        raise DomainError("transfer_kind_unknown", value=kind)
    if not (destination or "").strip():
        raise DomainError("destination_required", field="destination")
    s = stay_or_fail(db, stay_id)
    if s["status"] not in ON_SITE:
        raise DomainError("stay_not_active", status=s["status"])
    with db.transaction():
        repo.update(db, "stays", stay_id, {"status": StayStatus.TRANSFERRED, "ended_at": now,
                                           "end_reason": f"transferred_{kind}",
                                           "transfer_destination": destination.strip()})
        _vacate_room_if_empty(db, s["room_id"], stay_id, actor, now, "transferred")
        rstays.close_open_alerts(db, stay_id, now.replace(microsecond=0).isoformat(), actor.username,
                                 "transferred")
        _child_alone_check(db, s["room_id"], actor, now)
        repo.stay_event(db, stay_id, now, "transfer", actor.username, to_value=destination.strip(),
                        reason=kind)
        repo.audit(db, actor=actor.username, action="transfer_out", entity="stay", entity_id=stay_id,
                   before={"status": s["status"]},
                   after={"status": StayStatus.TRANSFERRED, "kind": kind, "destination": destination}, at=now)


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.ALERTS)
def end_stay_other(db: Database, stay_id: int, reason: str, actor: Actor, now: datetime) -> None:
    """The stay ended for another reason (e.g. sent home by headquarters)."""
    actor.require("override")
    if not (reason or "").strip():
        raise DomainError("reason_required", field="reason")
    s = stay_or_fail(db, stay_id)
    if s["status"] not in ON_SITE:
        raise DomainError("stay_not_active", status=s["status"])
    with db.transaction():
        repo.update(db, "stays", stay_id, {"status": StayStatus.LEFT, "ended_at": now, "end_reason": "other"})
        _vacate_room_if_empty(db, s["room_id"], stay_id, actor, now, "left")
        rs.close_alerts_of_stay(db, stay_id, "child_alone", now.replace(microsecond=0),
                                actor.username, "left")
        _child_alone_check(db, s["room_id"], actor, now)
        repo.stay_event(db, stay_id, now, "left", actor.username, reason=reason)
        repo.audit(db, actor=actor.username, action="end_stay", entity="stay", entity_id=stay_id,
                   after={"reason": reason}, at=now)
