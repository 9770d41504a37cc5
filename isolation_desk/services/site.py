"""Site set-up: settings, the policy table, buildings and rooms."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from ..domain.cells import normalize_text
from ..domain.errors import DomainError
from ..domain.policy import CATEGORIES, PRESETS, Policy
from ..domain.roles import SYSTEM, Actor
from ..storage import repo_site as rsite
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes

DEFAULT_SETTINGS = {
    "site_name": "",
    "site_address": "",
    "day_shift_start": "08:00",
    "night_shift_start": "20:00",
    "fever_threshold": "37.3",
    "policy_preset": "edition_9",
    "pdf_font_path": "",
    "language": "",
    "idle_lock_minutes": "15",
    "backup_interval_hours": "6",
    "contact_person": "",
    "contact_phone": "",
    # who signs the release notice (e.g. 某区疫情防控指挥部办公室); the site's name when empty
    "command_office": "",
    "holding_room": "",  # issue 14: the room (label) where a person positive before arrival waits
}


@dataclass(frozen=True)
class SiteSettings:
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    @property
    def site_name(self) -> str:
        return self.values["site_name"]

    @property
    def fever_threshold(self) -> float:
        return float(self.values["fever_threshold"])

    @property
    def day_shift_start(self) -> time:
        return _parse_hhmm(self.values["day_shift_start"])

    @property
    def night_shift_start(self) -> time:
        return _parse_hhmm(self.values["night_shift_start"])


def _parse_hhmm(text: str) -> time:
    m = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", normalize_text(text) or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise DomainError("time_invalid", value=text)
    return time(int(m.group(1)), int(m.group(2)))


def get_settings(db: Database) -> SiteSettings:
    values = dict(DEFAULT_SETTINGS)
    values.update(repo.settings(db))
    return SiteSettings(values)


@writes(Kind.SETTINGS)
def update_settings(db: Database, changes: dict[str, Any], actor: Actor, now: datetime) -> SiteSettings:
    actor.require("settings")
    for key in changes:
        if key not in DEFAULT_SETTINGS:
            raise DomainError("setting_unknown", value=key)
    if "day_shift_start" in changes:
        _parse_hhmm(changes["day_shift_start"])
    if "night_shift_start" in changes:
        _parse_hhmm(changes["night_shift_start"])
    if "fever_threshold" in changes:
        try:
            value = float(changes["fever_threshold"])
        except (TypeError, ValueError):
            raise DomainError("fever_threshold_invalid", value=changes["fever_threshold"]) from None
        if not 37.0 <= value <= 38.5:
            raise DomainError("fever_threshold_invalid", value=value)
    if (changes.get("holding_room") or "").strip():
        label = normalize_text(changes["holding_room"]).upper()
        if repo.room_by_label(db, label) is None:
            raise DomainError("room_unknown", field="holding_room", room=label)
        changes = {**changes, "holding_room": label}
    before = get_settings(db).values
    with db.transaction():
        for key, value in changes.items():
            repo.set_setting(db, key, str(value).strip())
        repo.audit(db, actor=actor.username, action="update_settings", entity="settings",
                   before={k: before.get(k) for k in changes}, after=changes, at=now)
    return get_settings(db)


# -- policies -------------------------------------------------------------------
def current_policies(db: Database) -> dict[str, tuple[int, Policy]]:
    return {row["category"]: (row["id"], Policy.from_row(row)) for row in repo.active_policies(db)}


def _insert_policy(db: Database, policy: Policy, actor: Actor, now: datetime) -> int:
    row = policy.to_row()
    row["label"] = row["label"] or (f"{policy.preset}:{policy.category}" if policy.preset
                                    else f"custom:{policy.category}")
    row.update(created_at=now, created_by=actor.username)
    return repo.insert(db, "policies", row)


@writes(Kind.SETTINGS)
def set_policy(db: Database, policy: Policy, actor: Actor, now: datetime) -> int:
    """A new version of one category's policy; the old version stays with its occupants."""
    actor.require("settings")
    current = current_policies(db).get(policy.category)
    if current and current[1] == policy:
        return current[0]
    with db.transaction():
        repo.retire_policies(db, policy.category, now)
        new_id = _insert_policy(db, policy, actor, now)
        repo.audit(db, actor=actor.username, action="set_policy", entity="policy", entity_id=new_id,
                   before=current[1].to_row() if current else None, after=policy.to_row(), at=now)
    return new_id


@writes(Kind.SETTINGS)
def apply_preset(db: Database, preset: str, actor: Actor, now: datetime) -> None:
    actor.require("settings")
    if preset not in PRESETS:
        raise DomainError("preset_unknown", value=preset)
    with db.transaction():
        for category in CATEGORIES:
            set_policy(db, PRESETS[preset][category], actor, now)
        repo.set_setting(db, "policy_preset", preset)
        repo.audit(db, actor=actor.username, action="apply_preset", entity="policy",
                   after={"preset": preset}, at=now)


# -- buildings and rooms ---------------------------------------------------------
@dataclass(frozen=True)
class RoomRange:
    building_code: str
    building_name: str
    first_floor: int
    last_floor: int
    first_room: int
    last_room: int
    beds: int = 1


def parse_room_range(text: str) -> RoomRange:
    """'A, 2-15, 01-30' or 'A栋 2-15层 01-30号' or 'building A, floors 2 to 15, rooms 01 to 30'."""
    t = normalize_text(text)
    m = re.match(r"^\s*(?:building\s*)?([A-Za-z0-9\u4e00-\u9fff]+?)\s*(?:栋|号楼|楼|座)?\s*[,，;]?\s*"
                 r"(?:floors?\s*)?(\d+)\s*(?:-|~|to|至|到)\s*(\d+)\s*(?:层|楼)?\s*[,，;]?\s*"
                 r"(?:rooms?\s*)?(\d+)\s*(?:-|~|to|至|到)\s*(\d+)\s*(?:号|室|间)?\s*$", t, re.I)
    if not m:
        raise DomainError("room_range_invalid", value=text)
    code = m.group(1)
    return RoomRange(code, code, int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)))


@writes(Kind.ROOMS)
def create_rooms(db: Database, rr: RoomRange, actor: Actor, now: datetime) -> int:
    """Create rooms in bulk: floors first..last, rooms first..last on each, numbered
    floor + two-digit room ('0201'). Existing rooms are kept; returns how many were added."""
    actor.require("settings")
    code = normalize_text(rr.building_code).upper()
    if not code or len(code) > 12:
        raise DomainError("building_code_invalid", value=rr.building_code)
    if not (-5 <= rr.first_floor <= rr.last_floor <= 200):
        raise DomainError("floor_range_invalid", first=rr.first_floor, last=rr.last_floor)
    if not (0 <= rr.first_room <= rr.last_room <= 999):
        raise DomainError("room_number_range_invalid", first=rr.first_room, last=rr.last_room)
    if not (1 <= rr.beds <= 8):
        raise DomainError("beds_invalid", value=rr.beds)
    count = (rr.last_floor - rr.first_floor + 1) * (rr.last_room - rr.first_room + 1)
    if count > 60000:
        raise DomainError("too_many_rooms", count=count)
    width = 2 if rr.last_room < 100 else 3
    with db.transaction():
        b = repo.building_by_code(db, code)
        if b is None:
            order = rsite.next_building_order(db)
            bid = repo.insert(db, "buildings", {"code": code, "name": rr.building_name or code,
                                                "sort_order": order})
        else:
            bid = b["id"]
        existing = repo.existing_room_numbers(db, bid)
        rows = []
        for floor in range(rr.first_floor, rr.last_floor + 1):
            for n in range(rr.first_room, rr.last_room + 1):
                number = f"{floor:02d}{n:0{width}d}" if floor >= 0 else f"B{-floor}{n:0{width}d}"
                if number not in existing:
                    rows.append((bid, floor, number, rr.beds, "ready", now.replace(microsecond=0).isoformat()))
        repo.insert_rooms(db, rows)
        repo.audit(db, actor=actor.username, action="create_rooms", entity="building", entity_id=code,
                   after={"floors": [rr.first_floor, rr.last_floor], "rooms": [rr.first_room, rr.last_room],
                          "beds": rr.beds, "added": len(rows)}, at=now)
    return len(rows)


@writes(Kind.SETTINGS, Kind.ROOMS)
def setup_site(db: Database, *, name: str, address: str, preset: str, actor: Actor, now: datetime,
               day_shift_start: str = "08:00", night_shift_start: str = "20:00",
               room_ranges: Sequence[RoomRange] = ()) -> None:
    """First start: the site's name, shifts, policy preset and rooms, as one transaction."""
    if not normalize_text(name):
        raise DomainError("site_name_empty", field="site_name")
    with db.transaction():
        update_settings(db, {"site_name": normalize_text(name), "site_address": normalize_text(address),
                             "day_shift_start": day_shift_start,
                             "night_shift_start": night_shift_start}, actor, now)
        apply_preset(db, preset, actor, now)
        for rr in room_ranges:
            create_rooms(db, rr, actor, now)


@writes(Kind.SETTINGS, Kind.ROOMS, Kind.USERS)
def setup_site_with_manager(db: Database, *, name: str, address: str, preset: str, now: datetime,
                            room_ranges: list[RoomRange], manager_username: str, manager_name: str,
                            manager_password: str, day_shift_start: str = "08:00",
                            night_shift_start: str = "20:00") -> Actor:
    """A new site set up headless (``isolation-desk site setup``): what the first-start dialog
    does (setup_site, with the same room ranges) and the first manager account, as one
    transaction: a refused password leaves no half-set-up site behind."""
    from .accounts import create_first_manager
    if is_set_up(db):
        raise DomainError("site_already_set_up", name=get_settings(db).site_name)
    if not room_ranges:
        raise DomainError("room_ranges_empty", field="value")
    with db.transaction():
        setup_site(db, name=name, address=address, preset=preset, actor=SYSTEM, now=now,
                   day_shift_start=day_shift_start, night_shift_start=night_shift_start,
                   room_ranges=room_ranges)
        return create_first_manager(db, manager_username, manager_name, manager_password, now)


def is_set_up(db: Database) -> bool:
    return bool(get_settings(db).site_name) and bool(repo.active_policies(db))
