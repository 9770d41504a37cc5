"""The site's figures by day and the lists the papers print: the trends of the Today
screen, the daily report to headquarters (``daily_figures``) with its template, the roster
and the releases due."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from ..domain.dates import stored_moment
from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.vocabulary import StayStatus
from ..storage import repo_safety
from ..storage import repo_shift as rs
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .shift_summary import supply_forecast
from .site import get_settings

Row = dict[str, Any]  # a record by column name


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
                               ends.get(StayStatus.RELEASED, 0), ends.get(StayStatus.TRANSFERRED, 0)))
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


def daily_template(db: Database) -> list[Row]:
    """The report's columns: [{"field": ..., "title": optional heading}], from the settings."""
    import json
    raw = repo.settings(db).get(TEMPLATE_SETTING)
    if not raw:
        return [dict(c) for c in DEFAULT_DAILY_TEMPLATE]
    try:
        return _check_template(json.loads(raw))
    except (ValueError, DomainError):
        return [dict(c) for c in DEFAULT_DAILY_TEMPLATE]


def _check_template(columns: object) -> list[Row]:
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
def set_daily_template(db: Database, columns: object, actor: Actor, now: datetime) -> list[Row]:
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


def daily_figures(db: Database, day: date, now: datetime, notes: str = "") -> Row:
    """The day's figures for headquarters (the day so far, when it is today)."""
    if day > now.date():
        raise DomainError("report_date_future", field="date", day=day.isoformat())
    settings = get_settings(db)
    start = datetime.combine(day, time(0))
    end = min(start + timedelta(days=1), now.replace(microsecond=0))
    start_s, end_s = stored_moment(start), stored_moment(end)
    at = stored_moment(end - timedelta(seconds=1))
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
        "newly_released": sum(1 for d in departures if d["status"] == StayStatus.RELEASED),
        "cumulative_released": rs.released_before(db, end_s),
        "transfers": sum(1 for d in departures if d["status"] == StayStatus.TRANSFERRED),
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
def roster(db: Database, now: datetime) -> list[Row]:
    """Everybody on site now, in room order (在住人员名单)."""
    return rs.present_stays(db, stored_moment(now))


def release_due_stays(db: Database, day: date) -> list[Row]:
    """People in isolation due for release on ``day`` (or overdue), in room order."""
    return rs.release_due_stays(db, day.isoformat())


def stay_for_paper(db: Database, stay_id: int) -> Row:
    s = rs.stay_for_paper(db, stay_id)
    if s is None:
        raise DomainError("stay_unknown", stay_id=stay_id)
    return s
