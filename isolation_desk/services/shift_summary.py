"""The shift summary, computed in one place: the Today screen, the handover PDF and
``isolation-desk handover`` all show the object that ``shift_summary`` returns.

Figures "at the end" are taken at the end of the shift, or now for a shift under way.

Health-check slots: a morning check is owed in the window 06:00-12:00 and an evening check
in 18:00-22:00 (``CHECK_WINDOWS``); a shift owes the slots whose window overlaps it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import Any

from ..domain.dates import stored_moment
from ..domain.identity import mask_id
from ..domain.policy import CATEGORIES
from ..domain.vocabulary import RoomStatus, StayStatus
from ..storage import repo_safety
from ..storage import repo_shift as rs
from ..storage.database import Database
from . import supplies
from .shift import Shift, next_shift, shift_at
from .site import get_settings

CHECK_WINDOWS = {"morning": (time(6, 0), time(12, 0)), "evening": (time(18, 0), time(22, 0))}
# Special needs that the handover names person by person (the others are counted).
NAMED_NEEDS = ("pregnancy", "chronic_illness", "disability", "cannot_self_care")
OVERDUE_RESULT = timedelta(hours=24)
Row = dict[str, Any]  # a record by column name


# ----------------------------------------------------------------------------- supplies
@dataclass(frozen=True)
class SupplyLine:
    item: str
    unit: str
    on_hand: float | None
    reorder_level: float | None
    days_of_supply: float | None  # None: not yet known
    run_out_date: date | None
    critical: bool
    below_reorder: bool


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def supply_forecast(db: Database, now: datetime) -> list[SupplyLine] | None:
    """Every item's stock and days of supply from the supplies forecast (one computation:
    ``supplies.stock_overview``), or None while the site has no supply items: the paper then
    says "not yet known", never zero."""
    lines = [SupplyLine(item=r["item"], unit=r["unit"] or "", on_hand=_number(r["on_hand"]),
                        reorder_level=_number(r["reorder_level"]),
                        days_of_supply=_number(r["days_of_supply"]), run_out_date=r["run_out_date"],
                        critical=bool(r["critical"]), below_reorder=bool(r["below_reorder"]))
             for r in supplies.stock_overview(db, now)]
    return lines or None


# ----------------------------------------------------------------------------- summary
@dataclass
class ShiftSummary:
    site_name: str
    shift: Shift
    next_shift: Shift
    as_of: datetime  # the end of the shift, or now for a shift under way
    computed_at: datetime
    under_way: bool
    # who is here
    census_total: int
    census_by_category: dict[str, int]  # every category, in CATEGORIES order
    census_by_building: list[Row]  # building, people, rooms, occupied, ready, awaiting_disinfection, out_of_service
    rooms_by_status: dict[str, int]
    # who came and who left
    arrivals: list[Row]
    releases: list[Row]
    transfers: list[Row]
    other_departures: list[Row]
    # tests
    tests_due: int  # due in the shift and not sampled before it began
    tests_done: int  # of those, sampled in the shift
    tests_not_sampled: int  # of those, still owed at the end (person still here)
    results_pending: int
    results_overdue: list[Row]
    positives: list[Row]
    # health
    fevers: list[Row]
    missing_checks: list[Row]  # each with slot and day
    # rooms
    rooms_awaiting_disinfection: list[Row]
    rooms_out_of_service: list[Row]
    # supplies: None = not yet known
    supplies: list[SupplyLine] | None
    # the shift log
    log: list[Row]
    # kitchen and care
    needs_counts: dict[str, int]
    needs_named: list[Row]
    diet_counts: dict[str, int]
    diet_by_building: list[Row]
    # what the next shift must do
    next_tests_due: int
    next_tests_by_building: dict[str, int]
    next_releases_due: list[Row]
    open_incidents: list[Row] = field(default_factory=list)
    instructions: list[Row] = field(default_factory=list)
    fever_threshold: float = 37.3
    # children (or people who need a carer) alone in a room at the end: open child_alone alerts
    children_alone: list[Row] = field(default_factory=list)
    # the audit trail's anchor printed under the signatures (services.anchors)
    audit_entries: int = 0
    audit_anchor: str = ""

    @property
    def supplies_known(self) -> bool:
        return self.supplies is not None

    @property
    def supplies_to_reorder(self) -> list[SupplyLine]:
        return [s for s in self.supplies or () if s.below_reorder]

    @property
    def critical_supplies(self) -> list[SupplyLine]:
        """Critical items and items below reorder level: below first, fewest days first."""
        rows = [s for s in self.supplies or () if s.critical or s.below_reorder]
        return sorted(rows, key=lambda s: (not s.below_reorder,
                                           s.days_of_supply if s.days_of_supply is not None else 1e9, s.item))


def _person(row: Any) -> Row:
    """The person columns every list of the summary shows, the ID number masked (``row``: a
    dict, or a row read by column name such as ``repo_shift.releases_due`` gives)."""
    out = dict(row)
    out["id_masked"] = mask_id(out.get("id_number") or "")
    out.pop("id_number", None)
    return out


def shift_summary(db: Database, sh: Shift, now: datetime) -> ShiftSummary:
    """Everything the handover sheet says about shift ``sh``, as of now."""
    settings = get_settings(db)
    as_of = min(sh.end, now.replace(microsecond=0))
    under_way = now < sh.end
    # Events count in [start, until): up to and including now for a shift under way, up to
    # its end for a finished one; people "at the end" are those present at the last second
    # of that window (present-at compares with <=).
    until = as_of + timedelta(seconds=1) if under_way else as_of
    start_s, at_s = stored_moment(sh.start), stored_moment(until)
    census_at = stored_moment(until - timedelta(seconds=1))

    # who is here: one aggregate of the people present, one of the rooms
    census_by_category = {c: 0 for c in CATEGORIES}
    people_by_building: dict[str, int] = {}
    diet_by_building: list[Row] = []
    diet_counts: dict[str, int] = {}
    diet_cells: dict[tuple[str, str], int] = {}
    needs_counts: dict[str, int] = {}
    # everybody present, in room order: read once, counted here, and listed below (named
    # needs, missing checks) by column position (tens of thousands of rows at 50,000 beds)
    present = rs.present_people(db, census_at)
    names = tuple(present[0].keys()) if present else ()
    col = {name: i for i, name in enumerate(names)}
    combos: dict[tuple[Any, ...], int] = {}
    if present:
        for (b, c, d, n), k in Counter(map(itemgetter(col["building"], col["category"], col["diet"],
                                                      col["special_needs"]), present)).items():
            key = (b or "", c, d, n)
            combos[key] = combos.get(key, 0) + k
    breakdown = [{"building": k[0], "category": k[1], "diet": k[2], "special_needs": k[3], "n": n}
                 for k, n in sorted(combos.items())]  # the order of a GROUP BY of those columns
    for r in breakdown:
        for need in r["special_needs"].split(","):
            if need:
                needs_counts[need] = needs_counts.get(need, 0) + r["n"]
        census_by_category[r["category"]] = census_by_category.get(r["category"], 0) + r["n"]
        people_by_building[r["building"]] = people_by_building.get(r["building"], 0) + r["n"]
        diet_cells[(r["building"], r["diet"])] = diet_cells.get((r["building"], r["diet"]), 0) + r["n"]
        diet_counts[r["diet"]] = diet_counts.get(r["diet"], 0) + r["n"]

    per_building: dict[str, Row] = {}
    for b in rs.buildings(db):
        per_building[b["code"]] = {"building": b["code"], "name": b["name"],
                                   "people": people_by_building.get(b["code"], 0), "rooms": 0,
                                   "occupied": 0, "ready": 0, "awaiting_disinfection": 0,
                                   "out_of_service": 0}
    if people_by_building.get(""):
        per_building[""] = {"building": "", "name": "", "people": people_by_building[""], "rooms": 0,
                            "occupied": 0, "ready": 0, "awaiting_disinfection": 0, "out_of_service": 0}
    diet_by_building = [{"building": b, "diet": d, "n": diet_cells[(b, d)]}
                        for b in per_building for d in sorted({d for (bb, d) in diet_cells if bb == b})]
    rooms_by_status: dict[str, int] = {}
    for r in rs.room_status_counts(db, census_at):
        rooms_by_status[r["status"]] = rooms_by_status.get(r["status"], 0) + r["n"]
        pb = per_building[r["building"]]
        pb["rooms"] += r["n"]
        pb[r["status"]] = pb.get(r["status"], 0) + r["n"]
    listed = rs.rooms_in_status_at(db, census_at, (RoomStatus.AWAITING_DISINFECTION.value,
                                                   RoomStatus.OUT_OF_SERVICE.value))
    awaiting = [r for r in listed if r["status"] == RoomStatus.AWAITING_DISINFECTION]
    out_of_service = [r for r in listed if r["status"] == RoomStatus.OUT_OF_SERVICE]

    arrivals = [_person(r) for r in rs.arrivals_between(db, start_s, at_s)]
    departures = [_person(r) for r in rs.departures_between(db, start_s, at_s)]

    nxt = next_shift(db, sh)
    counts = rs.tests_due_counts(db, sh.days[0].isoformat(), sh.days[-1].isoformat(), start_s, stored_moment(sh.end),
                                 at_s, census_at, as_of.date().isoformat())
    tests_due = sum(r["due"] for r in counts)
    tests_done = sum(r["done"] or 0 for r in counts)
    tests_owed = sum(r["owed"] or 0 for r in counts)
    pending = rs.results_pending(db, at_s, include_later_results=not under_way)
    overdue_before = stored_moment(as_of - OVERDUE_RESULT)
    overdue = [t for t in pending if t["sampled_at"] < overdue_before]
    positives = [_person(r) for r in rs.positives(db, start_s, at_s)]

    fevers = rs.fevers(db, start_s, at_s, settings.fever_threshold)
    missing = []
    for day in [sh.days[0] - timedelta(days=1)] + sh.days:
        for slot, (w_start, w_end) in CHECK_WINDOWS.items():
            opens, closes = datetime.combine(day, w_start), datetime.combine(day, w_end)
            if opens < as_of and closes > sh.start:
                # people here at the census who arrived before the window opened, without a check
                checked = rs.checked_stays(db, slot, day.isoformat(), (day + timedelta(days=1)).isoformat())
                window_start = stored_moment(opens)
                at_in, at_id = col.get("checked_in_at", -1), col.get("stay_id", -1)  # -1: nobody here
                for here in present:
                    if here[at_in] < window_start and here[at_id] not in checked:
                        row = _person(dict(zip(names, here, strict=True)))
                        row.update(slot=slot, day=day)
                        missing.append(row)

    log = rs.log_entries(db, start_s, at_s)
    open_incidents = [e for e in log if e["kind"] == "incident"
                      and (e["resolved_at"] is None or e["resolved_at"] >= at_s)]
    instructions = [e for e in log if e["kind"] == "instruction" and e["at"] >= start_s]

    needs_named = []
    named = set(NAMED_NEEDS)
    at_needs = col.get("special_needs", -1)  # -1: nobody here
    for here in present:
        needs = here[at_needs]
        if needs and not named.isdisjoint(needs.lower().split(",")):
            row = _person(dict(zip(names, here, strict=True)))
            row["needs"] = [n for n in needs.split(",") if n]
            needs_named.append(row)

    # the next shift: its own tests, plus those this shift still owes (when they are not
    # due on the next shift's days, where they are counted already)
    next_counts = rs.tests_due_counts(db, nxt.days[0].isoformat(), nxt.days[-1].isoformat(),
                                      stored_moment(nxt.start), stored_moment(nxt.end), stored_moment(nxt.start),
                                      census_at, nxt.days[-1].isoformat())
    before_next = (nxt.days[0] - timedelta(days=1)).isoformat()
    carried = rs.tests_due_counts(db, sh.days[0].isoformat(), min(sh.days[-1].isoformat(), before_next),
                                  start_s, stored_moment(sh.end), at_s, census_at, as_of.date().isoformat()) \
        if sh.days[0].isoformat() <= before_next else []
    next_by_building: dict[str, int] = {}
    for r in next_counts:
        next_by_building[r["building"]] = next_by_building.get(r["building"], 0) + (r["owed"] or 0)
    for r in carried:
        next_by_building[r["building"]] = next_by_building.get(r["building"], 0) + (r["owed"] or 0)
    next_by_building = {b: n for b, n in next_by_building.items() if n}
    next_releases = [_person(r) for r in rs.releases_due(db, census_at, nxt.days[-1].isoformat())]

    from .anchors import current_anchor
    anchor = current_anchor(db)
    return ShiftSummary(
        audit_entries=anchor.entries, audit_anchor=anchor.code,
        site_name=settings.site_name, shift=sh, next_shift=nxt, as_of=as_of,
        computed_at=now.replace(microsecond=0), under_way=under_way,
        census_total=sum(census_by_category.values()), census_by_category=census_by_category,
        census_by_building=list(per_building.values()), rooms_by_status=rooms_by_status,
        arrivals=arrivals,
        releases=[d for d in departures if d["status"] == StayStatus.RELEASED],
        transfers=[d for d in departures if d["status"] == StayStatus.TRANSFERRED],
        other_departures=[d for d in departures if d["status"] not in (StayStatus.RELEASED, StayStatus.TRANSFERRED)],
        tests_due=tests_due, tests_done=tests_done, tests_not_sampled=tests_owed,
        results_pending=len(pending), results_overdue=overdue, positives=positives,
        fevers=fevers, missing_checks=missing,
        rooms_awaiting_disinfection=awaiting, rooms_out_of_service=out_of_service,
        supplies=supply_forecast(db, now), log=log,
        needs_counts=needs_counts, needs_named=needs_named,
        diet_counts=diet_counts, diet_by_building=diet_by_building,
        next_tests_due=sum(next_by_building.values()), next_tests_by_building=next_by_building,
        next_releases_due=next_releases, open_incidents=open_incidents, instructions=instructions,
        fever_threshold=settings.fever_threshold,
        children_alone=[_person(r) for r in repo_safety.children_alone_at(db, census_at)],
    )


def current_summary(db: Database, now: datetime) -> ShiftSummary:
    """The summary of the shift under way (the Today screen)."""
    return shift_summary(db, shift_at(db, now), now)
