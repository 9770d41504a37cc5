"""The shift: its boundaries, its log, and its summary, computed in one place.

The Today screen, the handover PDF and ``isolation-desk handover`` all show the object that
``shift_summary`` returns; the daily report to headquarters comes from ``daily_figures``.

Shifts: the day shift of date D runs from D at ``day_shift_start`` to the next
``night_shift_start``; the night shift of D from D at ``night_shift_start`` to the next
``day_shift_start`` (so a night shift ends on D + 1). Events count in a shift when
start <= time < end; figures "at the end" are taken at the end, or now for a shift under way.

Health-check slots: a morning check is owed in the window 06:00-12:00 and an evening check
in 18:00-22:00 (``CHECK_WINDOWS``); a shift owes the slots whose window overlaps it.
"""
from __future__ import annotations

import importlib
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter

from ..domain.errors import DomainError
from ..domain.identity import mask_id
from ..domain.policy import CATEGORIES
from ..domain.roles import Actor
from ..storage import repo_safety
from ..storage import repo_shift as rs
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .site import get_settings

SHIFT_KINDS = ("day", "night")
LOG_KINDS = ("incident", "instruction", "note")
LOG_TEXT_MAX = 2000
# A shift leader prints the handover around the change of shift: within this long after a
# shift began, "the shift" by default is the one that just finished.
HANDOVER_GRACE = timedelta(hours=1)
CHECK_WINDOWS = {"morning": (time(6, 0), time(12, 0)), "evening": (time(18, 0), time(22, 0))}
# Special needs that the handover names person by person (the others are counted).
NAMED_NEEDS = ("pregnancy", "chronic_illness", "disability", "cannot_self_care")
OVERDUE_RESULT = timedelta(hours=24)


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()




# ----------------------------------------------------------------------------- shifts
@dataclass(frozen=True)
class Shift:
    kind: str  # 'day' or 'night'
    date: date  # the date the shift starts on
    start: datetime
    end: datetime

    @property
    def days(self) -> list[date]:
        """The calendar dates the shift touches."""
        last = (self.end - timedelta(seconds=1)).date()
        return [self.start.date() + timedelta(days=i) for i in range((last - self.start.date()).days + 1)]


def _next_at(after: datetime, at: time) -> datetime:
    candidate = datetime.combine(after.date(), at)
    return candidate if candidate > after else candidate + timedelta(days=1)


def shift_of(db: Database, day: date, kind: str) -> Shift:
    """The day or night shift that starts on ``day``."""
    if kind not in SHIFT_KINDS:
        raise DomainError("shift_kind_unknown", field="shift", value=kind)
    s = get_settings(db)
    day_start, night_start = s.day_shift_start, s.night_shift_start
    if day_start == night_start:
        raise DomainError("shift_times_equal", value=day_start.strftime("%H:%M"))
    start = datetime.combine(day, day_start if kind == "day" else night_start)
    end = _next_at(start, night_start if kind == "day" else day_start)
    return Shift(kind, day, start, end)


def shift_at(db: Database, moment: datetime) -> Shift:
    """The shift under way at ``moment``."""
    for back in (0, 1):
        day = moment.date() - timedelta(days=back)
        for kind in ("night", "day"):
            sh = shift_of(db, day, kind)
            if sh.start <= moment < sh.end:
                return sh
    raise DomainError("shift_times_equal", value="")  # pragma: no cover - shifts tile the day


def previous_shift(db: Database, sh: Shift) -> Shift:
    return shift_at(db, sh.start - timedelta(seconds=1))


def next_shift(db: Database, sh: Shift) -> Shift:
    return shift_at(db, sh.end)


def default_shift(db: Database, now: datetime) -> Shift:
    """The current shift, or the one that just finished when the current one began less
    than ``HANDOVER_GRACE`` ago (the outgoing leader prints at the change of shift)."""
    current = shift_at(db, now)
    if now - current.start < HANDOVER_GRACE:
        return previous_shift(db, current)
    return current


def resolve_shift(db: Database, now: datetime, day: date | None = None, kind: str | None = None) -> Shift:
    """A shift from what a user gave: both, one (the other is filled in) or none (default)."""
    if day is None and kind is None:
        return default_shift(db, now)
    if kind is None:
        current = default_shift(db, now)
        kind = current.kind if current.date == day else "day"
    if day is None:
        # the latest shift of that kind that has begun
        day = now.date() if shift_of(db, now.date(), kind).start <= now else now.date() - timedelta(days=1)
    sh = shift_of(db, day, kind)
    if sh.start > now:
        raise DomainError("shift_in_future", field="date", day=day.isoformat(), shift=kind)
    return sh


# ----------------------------------------------------------------------------- shift log
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean_log_text(text: str | None) -> str:
    """The entry as written, less invisible characters and blank edges. Unlike
    normalize_text, full-width punctuation (，。：) stays: it is the writer's Chinese."""
    lines = [line.translate(_INVISIBLE).rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


@writes(Kind.SHIFT_LOG)
def add_log_entry(db: Database, kind: str, text: str, actor: Actor, now: datetime) -> int:
    """Write one timestamped entry (incident, instruction, note) in the shift log."""
    actor.require("shift_log")
    if kind not in LOG_KINDS:
        raise DomainError("shift_log_kind_unknown", field="kind", value=kind)
    clean = clean_log_text(text)
    if not clean:
        raise DomainError("shift_log_text_empty", field="text")
    if len(clean) > LOG_TEXT_MAX:
        raise DomainError("shift_log_text_too_long", field="text", length=len(clean), max=LOG_TEXT_MAX)
    with db.transaction():
        entry_id = rs.insert_log_entry(db, _iso(now), kind, clean, actor.username)
        repo.audit(db, actor=actor.username, action="shift_log_entry", entity="shift_log",
                   entity_id=entry_id, after={"kind": kind, "text": clean}, at=now)
    return entry_id


@writes(Kind.SHIFT_LOG)
def resolve_log_entry(db: Database, entry_id: int, actor: Actor, now: datetime) -> None:
    """Mark an incident as handled."""
    actor.require("shift_log")
    entry = rs.log_entry(db, entry_id)
    if entry is None:
        raise DomainError("shift_log_entry_unknown", entry_id=entry_id)
    if entry["resolved_at"]:
        raise DomainError("shift_log_already_resolved", when=entry["resolved_at"][:16].replace("T", " "))
    with db.transaction():
        rs.resolve_log_entry(db, entry_id, _iso(now))
        repo.audit(db, actor=actor.username, action="shift_log_resolved", entity="shift_log",
                   entity_id=entry_id, before={"resolved_at": None}, after={"resolved_at": now}, at=now)


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


def _field(obj, *names, default=None):
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _as_float(value) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def supply_forecast(db: Database, now: datetime) -> list[SupplyLine] | None:
    """Every item's stock and days of supply from the supplies service's forecast (one
    computation, theirs), or None while that service or any item does not exist: the paper
    then says "not yet known", never zero. Imported lazily: the two areas were built side
    by side."""
    try:
        supplies = importlib.import_module("isolation_desk.services.supplies")
    except ImportError:
        return None
    fn = getattr(supplies, "forecast", None) or getattr(supplies, "stock_overview", None)
    if fn is None:
        return None
    rows = fn(db, now)
    if isinstance(rows, dict):
        rows = list(rows.values())
    lines = []
    for r in rows or ():
        on_hand = _as_float(_field(r, "on_hand", "balance", "quantity"))
        level = _as_float(_field(r, "reorder_level"))
        below = _field(r, "below_reorder", "needs_reorder", "reorder")
        if not isinstance(below, bool):
            below = on_hand is not None and level is not None and on_hand <= level
        lines.append(SupplyLine(
            item=str(_field(r, "item", "name", "item_name", default="")),
            unit=str(_field(r, "unit", default="") or ""),
            on_hand=on_hand, reorder_level=level,
            days_of_supply=_as_float(_field(r, "days_of_supply", "days")),
            run_out_date=_as_date(_field(r, "run_out_date", "runs_out_on")),
            critical=bool(_field(r, "critical", default=False)), below_reorder=below))
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
    census_by_building: list[dict]  # building, people, rooms, occupied, ready, awaiting_disinfection, out_of_service
    rooms_by_status: dict[str, int]
    # who came and who left
    arrivals: list[dict]
    releases: list[dict]
    transfers: list[dict]
    other_departures: list[dict]
    # tests
    tests_due: int  # due in the shift and not sampled before it began
    tests_done: int  # of those, sampled in the shift
    tests_not_sampled: int  # of those, still owed at the end (person still here)
    results_pending: int
    results_overdue: list[dict]
    positives: list[dict]
    # health
    fevers: list[dict]
    missing_checks: list[dict]  # each with slot and day
    # rooms
    rooms_awaiting_disinfection: list[dict]
    rooms_out_of_service: list[dict]
    # supplies: None = not yet known
    supplies: list[SupplyLine] | None
    # the shift log
    log: list[dict]
    # kitchen and care
    needs_counts: dict[str, int]
    needs_named: list[dict]
    diet_counts: dict[str, int]
    diet_by_building: list[dict]
    # what the next shift must do
    next_tests_due: int
    next_tests_by_building: dict[str, int]
    next_releases_due: list[dict]
    open_incidents: list[dict] = field(default_factory=list)
    instructions: list[dict] = field(default_factory=list)
    fever_threshold: float = 37.3
    # children (or people who need a carer) alone in a room at the end: open child_alone alerts
    children_alone: list[dict] = field(default_factory=list)
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


def _person(row) -> dict:
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
    start_s, at_s = _iso(sh.start), _iso(until)
    census_at = _iso(until - timedelta(seconds=1))

    # who is here: one aggregate of the people present, one of the rooms
    census_by_category = {c: 0 for c in CATEGORIES}
    people_by_building: dict[str, int] = {}
    diet_by_building: list[dict] = []
    diet_counts: dict[str, int] = {}
    diet_cells: dict[tuple[str, str], int] = {}
    needs_counts: dict[str, int] = {}
    # everybody present, in room order: read once, counted here, and listed below (named
    # needs, missing checks) by column position (tens of thousands of rows at 50,000 beds)
    present = rs.present_people(db, census_at)
    names = tuple(present[0].keys()) if present else ()
    col = {name: i for i, name in enumerate(names)}
    combos: dict[tuple, int] = {}
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

    per_building: dict[str, dict] = {}
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
    listed = rs.rooms_in_status_at(db, census_at, ("awaiting_disinfection", "out_of_service"))
    awaiting = [r for r in listed if r["status"] == "awaiting_disinfection"]
    out_of_service = [r for r in listed if r["status"] == "out_of_service"]

    arrivals = [_person(r) for r in rs.arrivals_between(db, start_s, at_s)]
    departures = [_person(r) for r in rs.departures_between(db, start_s, at_s)]

    nxt = next_shift(db, sh)
    counts = rs.tests_due_counts(db, sh.days[0].isoformat(), sh.days[-1].isoformat(), start_s, _iso(sh.end),
                                 at_s, census_at, as_of.date().isoformat())
    tests_due = sum(r["due"] for r in counts)
    tests_done = sum(r["done"] or 0 for r in counts)
    tests_owed = sum(r["owed"] or 0 for r in counts)
    pending = rs.results_pending(db, at_s, include_later_results=not under_way)
    overdue_before = _iso(as_of - OVERDUE_RESULT)
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
                window_start = _iso(opens)
                at_in, at_id = col.get("checked_in_at"), col.get("stay_id")  # None: nobody here
                for r in present:
                    if r[at_in] < window_start and r[at_id] not in checked:
                        row = _person(dict(zip(names, r, strict=True)))
                        row.update(slot=slot, day=day)
                        missing.append(row)

    log = rs.log_entries(db, start_s, at_s)
    open_incidents = [e for e in log if e["kind"] == "incident"
                      and (e["resolved_at"] is None or e["resolved_at"] >= at_s)]
    instructions = [e for e in log if e["kind"] == "instruction" and e["at"] >= start_s]

    needs_named = []
    named = set(NAMED_NEEDS)
    at_needs = col.get("special_needs")
    for r in present:
        needs = r[at_needs]
        if needs and not named.isdisjoint(needs.lower().split(",")):
            row = _person(dict(zip(names, r, strict=True)))
            row["needs"] = [n for n in needs.split(",") if n]
            needs_named.append(row)

    # the next shift: its own tests, plus those this shift still owes (when they are not
    # due on the next shift's days, where they are counted already)
    next_counts = rs.tests_due_counts(db, nxt.days[0].isoformat(), nxt.days[-1].isoformat(), _iso(nxt.start),
                                      _iso(nxt.end), _iso(nxt.start), census_at, nxt.days[-1].isoformat())
    before_next = (nxt.days[0] - timedelta(days=1)).isoformat()
    carried = rs.tests_due_counts(db, sh.days[0].isoformat(), min(sh.days[-1].isoformat(), before_next),
                                  start_s, _iso(sh.end), at_s, census_at, as_of.date().isoformat()) \
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
        releases=[d for d in departures if d["status"] == "released"],
        transfers=[d for d in departures if d["status"] == "transferred"],
        other_departures=[d for d in departures if d["status"] not in ("released", "transferred")],
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


# ----------------------------------------------------------------------------- trends
@dataclass(frozen=True)
class DayPoint:
    day: date
    occupancy: int  # people on site at the end of the day (now, for today)
    arrivals: int
    releases: int
    transfers: int


def daily_series(db: Database, today: date, days: int = 14) -> list[DayPoint]:
    """Occupancy, arrivals and releases for the ``days`` days up to and including today
    (occupancy at the end of each day; now, for today)."""
    first = today - timedelta(days=days - 1)
    arrivals = rs.arrivals_per_day(db, first.isoformat())
    endings: dict[str, dict[str, int]] = {}
    for r in rs.endings_per_day(db, first.isoformat()):
        endings.setdefault(r["d"], {})[r["status"]] = r["n"]
    # Walk back from the people here now: the end of day D had those here now, less those
    # who arrived after D, plus those who left after D.
    occupancy = rs.present_now(db)
    by_day = []
    for i in range(days - 1, -1, -1):
        d = (first + timedelta(days=i)).isoformat()
        ends = endings.get(d, {})
        by_day.append(DayPoint(first + timedelta(days=i), occupancy, arrivals.get(d, 0),
                               ends.get("released", 0), ends.get("transferred", 0)))
        occupancy += sum(ends.values()) - arrivals.get(d, 0)
    points = list(reversed(by_day))
    return points


def releases_due_next(db: Database, today: date, days: int = 7) -> list[tuple[date, int]]:
    """Planned releases of people in isolation for today and the next days (overdue ones
    count on today)."""
    last = today + timedelta(days=days - 1)
    planned = rs.planned_releases(db, today.isoformat(), last.isoformat())
    out = []
    for i in range(days):
        d = today + timedelta(days=i)
        n = planned.get(d.isoformat(), 0)
        if i == 0:
            n += rs.overdue_releases(db, today.isoformat())
        out.append((d, n))
    return out


# ----------------------------------------------------------------------------- daily report
DAILY_FIELDS = ("date", "site", "rooms", "beds", "rooms_in_use", "rooms_free", "persons_in_residence",
                "new_admissions", "newly_released", "cumulative_released", "transfers",
                "positives", "tests_sampled", "results_pending", "rooms_not_disinfected",
                "rooms_out_of_service", "supplies_below_reorder", "contact_person", "contact_phone",
                "notes", "releases_not_notified")
DEFAULT_DAILY_TEMPLATE = [
    {"field": "date"}, {"field": "site"}, {"field": "rooms"}, {"field": "persons_in_residence"},
    {"field": "rooms_free"}, {"field": "new_admissions"}, {"field": "newly_released"},
    {"field": "cumulative_released"}, {"field": "transfers"}, {"field": "positives"},
    {"field": "tests_sampled"}, {"field": "results_pending"}, {"field": "rooms_not_disinfected"},
    {"field": "supplies_below_reorder"}, {"field": "releases_not_notified"},
    {"field": "contact_person"}, {"field": "contact_phone"}, {"field": "notes"},
]
TEMPLATE_SETTING = "daily_report_template"


def daily_template(db: Database) -> list[dict]:
    """The report's columns: [{"field": ..., "title": optional heading}], from the settings."""
    import json
    raw = repo.settings(db).get(TEMPLATE_SETTING)
    if not raw:
        return [dict(c) for c in DEFAULT_DAILY_TEMPLATE]
    try:
        return _check_template(json.loads(raw))
    except (ValueError, DomainError):
        return [dict(c) for c in DEFAULT_DAILY_TEMPLATE]


def _check_template(columns) -> list[dict]:
    if not isinstance(columns, list) or not columns:
        raise DomainError("daily_template_invalid", field="template")
    out = []
    for c in columns:
        if isinstance(c, str):
            c = {"field": c}
        if not isinstance(c, dict) or c.get("field") not in DAILY_FIELDS:
            raise DomainError("daily_template_field_unknown", field="template",
                              value=str(c.get("field") if isinstance(c, dict) else c),
                              fields=", ".join(DAILY_FIELDS))
        col = {"field": c["field"]}
        if c.get("title"):
            col["title"] = str(c["title"])
        out.append(col)
    return out


@writes(Kind.SHIFT_LOG, Kind.SETTINGS)
def set_daily_template(db: Database, columns, actor: Actor, now: datetime) -> list[dict]:
    """Store the report's columns (field names, optional titles) in the settings."""
    import json
    actor.require("settings")
    clean = _check_template(columns)
    before = daily_template(db)
    with db.transaction():
        repo.set_setting(db, TEMPLATE_SETTING, json.dumps(clean, ensure_ascii=False))
        repo.audit(db, actor=actor.username, action="daily_template", entity="settings",
                   entity_id=TEMPLATE_SETTING, before={"columns": before}, after={"columns": clean}, at=now)
    return clean


def daily_figures(db: Database, day: date, now: datetime, notes: str = "") -> dict:
    """The day's figures for headquarters (the day so far, when it is today)."""
    if day > now.date():
        raise DomainError("report_date_future", field="date", day=day.isoformat())
    settings = get_settings(db)
    start = datetime.combine(day, time(0))
    end = min(start + timedelta(days=1), now.replace(microsecond=0))
    start_s, end_s = _iso(start), _iso(end)
    at = _iso(end - timedelta(seconds=1))
    by_status: dict[str, int] = {}
    beds = 0
    for r in rs.room_status_counts(db, at):
        by_status[r["status"]] = by_status.get(r["status"], 0) + r["n"]
        if r["status"] != "out_of_service":
            beds += r["beds"] or 0
    departures = rs.departures_between(db, start_s, end_s)
    supplies = supply_forecast(db, now)
    return {
        "date": day, "site": settings.site_name, "rooms": sum(by_status.values()), "beds": beds,
        "rooms_in_use": by_status.get("occupied", 0), "rooms_free": by_status.get("ready", 0),
        "persons_in_residence": sum(rs.census_by_category(db, at).values()),
        "new_admissions": len(rs.arrivals_between(db, start_s, end_s)),
        "newly_released": sum(1 for d in departures if d["status"] == "released"),
        "cumulative_released": rs.released_before(db, end_s),
        "transfers": sum(1 for d in departures if d["status"] == "transferred"),
        "positives": sum(1 for p in rs.positives(db, start_s, end_s) if p["result_at"] >= start_s),
        "tests_sampled": rs.sampled_between(db, start_s, end_s),
        "results_pending": len(rs.results_pending(db, end_s, include_later_results=end < now.replace(microsecond=0))),
        "rooms_not_disinfected": by_status.get("awaiting_disinfection", 0),
        "rooms_out_of_service": by_status.get("out_of_service", 0),
        "supplies_below_reorder": None if supplies is None else sum(1 for s in supplies if s.below_reorder),
        "contact_person": settings["contact_person"], "contact_phone": settings["contact_phone"],
        "notes": notes,
        # issue 14: released by the end of the day and their community not told (yet)
        "releases_not_notified": len(repo_safety.releases_not_notified_by(db, end_s)),
    }


# ----------------------------------------------------------------------------- papers' data
def roster(db: Database, now: datetime) -> list[dict]:
    """Everybody on site now, in room order (在住人员名单)."""
    return rs.present_stays(db, _iso(now))


def release_due_stays(db: Database, day: date) -> list[dict]:
    """People in isolation due for release on ``day`` (or overdue), in room order."""
    return rs.release_due_stays(db, day.isoformat())


def stay_for_paper(db: Database, stay_id: int) -> dict:
    s = rs.stay_for_paper(db, stay_id)
    if s is None:
        raise DomainError("stay_unknown", stay_id=stay_id)
    return s


# ----------------------------------------------------------------------------- demo
_NOTES = ("各楼层巡查完毕,未见异常。", "送餐、收垃圾按时完成,医疗废物已交接转运。",
          "楼层走廊及电梯已按时消杀,记录已签字。", "夜间巡查两次,人员情况稳定。")
_INSTRUCTIONS = ("明早7:00开始采样,按楼层顺序,请提前备好采样管和防护用品。",
                 "指挥部要求18:00前上报当日数据,请值班人员核对后报送。",
                 "今晚新到一批入境人员,前台提前准备房卡和告知书。",
                 "清真餐需求人员名单已更新,请与厨房核对。")
_INCIDENTS = ("{room}住户反映空调不制冷,已报修,维修人员次日上门。",
              "{room}住户情绪焦虑,已安排心理热线回访。",
              "{room}卫生间漏水,已临时安置并报修。",
              "{room}住户要求外出取药,已劝返,药品由工作人员代购。")


def seed_demo(db: Database, rng: random.Random, now: datetime, actor: Actor) -> int:
    """Shift-log entries for the demo's last days: notes, instructions, handled incidents,
    and today an open incident about the positive awaiting transfer. Inside the caller's
    transaction; returns how many entries it wrote."""
    rooms = [r["label"] for r in repo.rooms(db, status="occupied")] or ["A-0201"]
    rows = []
    for back in range(6, -1, -1):
        day = now.date() - timedelta(days=back)
        for _kind_of_shift, hour in (("night", 2), ("day", 10), ("day", 16), ("night", 22)):
            at = datetime.combine(day, time(hour, rng.randint(0, 59)))
            if at >= now:
                continue
            roll = rng.random()
            if roll < 0.45:
                rows.append((_iso(at), "note", rng.choice(_NOTES), actor.username, None))
            elif roll < 0.8:
                rows.append((_iso(at), "instruction", rng.choice(_INSTRUCTIONS), actor.username, None))
            else:
                resolved = at + timedelta(hours=rng.randint(1, 5))
                rows.append((_iso(at), "incident", rng.choice(_INCIDENTS).format(room=rng.choice(rooms)),
                             actor.username, _iso(resolved) if resolved < now else None))
    for p in rs.awaiting_transfer(db):
        at = min(now - timedelta(minutes=1), datetime.combine(now.date(), time(6, 40)))
        rows.append((_iso(at), "incident",
                     f"{p['room']} {p['name']} 核酸阳性,已上报指挥部,等待120负压救护车转运;"
                     f"同楼层暂停采样外的一切进出。", actor.username, None))
    rs.insert_log_entries(db, rows)
    return len(rows)
