"""The shift: its boundaries and its log. What the handover sheet says about a shift is
``services.shift_summary``; the figures per day (the daily report, trends) are
``services.site_figures``.

Shifts: the day shift of date D runs from D at ``day_shift_start`` to the next
``night_shift_start``; the night shift of D from D at ``night_shift_start`` to the next
``day_shift_start`` (so a night shift ends on D + 1). Events count in a shift when
start <= time < end.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..domain.dates import stored_moment
from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.vocabulary import LogKind
from ..storage import repo_shift as rs
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .site import get_settings

SHIFT_KINDS = ("day", "night")
LOG_KINDS: tuple[str, ...] = tuple(k.value for k in LogKind)
LOG_TEXT_MAX = 2000
# A shift leader prints the handover around the change of shift: within this long after a
# shift began, "the shift" by default is the one that just finished.
HANDOVER_GRACE = timedelta(hours=1)


_Day = date  # Shift has a field named "date"


# ----------------------------------------------------------------------------- shifts
@dataclass(frozen=True)
class Shift:
    kind: str  # 'day' or 'night'
    date: date  # the date the shift starts on
    start: datetime
    end: datetime

    @property
    def days(self) -> list[_Day]:
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
        entry_id = rs.insert_log_entry(db, stored_moment(now), kind, clean, actor.username)
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
        rs.resolve_log_entry(db, entry_id, stored_moment(now))
        repo.audit(db, actor=actor.username, action="shift_log_resolved", entity="shift_log",
                   entity_id=entry_id, before={"resolved_at": None}, after={"resolved_at": now}, at=now)


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
    rows: list[tuple[str, str, str, str, str | None]] = []
    for back in range(6, -1, -1):
        day = now.date() - timedelta(days=back)
        for _kind_of_shift, hour in (("night", 2), ("day", 10), ("day", 16), ("night", 22)):
            at = datetime.combine(day, time(hour, rng.randint(0, 59)))
            if at >= now:
                continue
            roll = rng.random()
            if roll < 0.45:
                rows.append((stored_moment(at), "note", rng.choice(_NOTES), actor.username, None))
            elif roll < 0.8:
                rows.append((stored_moment(at), "instruction", rng.choice(_INSTRUCTIONS), actor.username, None))
            else:
                resolved = at + timedelta(hours=rng.randint(1, 5))
                rows.append((stored_moment(at), "incident", rng.choice(_INCIDENTS).format(room=rng.choice(rooms)),
                             actor.username, stored_moment(resolved) if resolved < now else None))
    for p in rs.awaiting_transfer(db):
        at = min(now - timedelta(minutes=1), datetime.combine(now.date(), time(6, 40)))
        rows.append((stored_moment(at), "incident",
                     f"{p['room']} {p['name']} 核酸阳性,已上报指挥部,等待120负压救护车转运;"
                     f"同楼层暂停采样外的一切进出。", actor.username, None))
    rs.insert_log_entries(db, rows)
    return len(rows)
