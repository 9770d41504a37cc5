"""Isolation policies as values, and the presets that national protocols defined.

Convention for counting days (shown on the policy screen too): day 0 is the start date
(last exposure or arrival, as the policy says); day k is start + k calendar days; the
release date is day N for an N-day isolation; a test "on day 4" is due on start + 4.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any

from .cells import normalize_text
from .errors import DomainError
from .vocabulary import Category, CountedFrom

CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
COUNTED_FROM: tuple[str, ...] = tuple(c.value for c in CountedFrom)

# Spreadsheet and form spellings of each category (compared after normalize_text + lower()).
_CATEGORY_ALIASES = {
    Category.CLOSE_CONTACT: ("密接", "密切接触者", "密切接触", "close contact", "close_contact", "cc"),
    Category.SECONDARY_CONTACT: ("次密接", "次密切接触者", "密接的密接", "secondary contact", "secondary_contact"),
    Category.INBOUND_TRAVELLER: ("入境人员", "入境", "境外输入", "入境隔离", "inbound traveller",
                          "inbound traveler", "inbound_traveller", "inbound"),
    Category.RISK_AREA_ARRIVAL: ("中高风险地区来返人员", "中高风险地区来(返)人员", "中高风险地区来（返）人员",
                          "中高风险地区人员", "高风险地区来返人员", "风险地区来返人员", "中高风险",
                          "risk-area arrival", "risk area arrival", "risk_area_arrival"),
    Category.OTHER: ("其他", "其它", "other"),
}
_CATEGORY_LOOKUP = {
    alias.replace(" ", "").lower(): code
    for code, aliases in _CATEGORY_ALIASES.items()
    for alias in aliases
}


def parse_category(raw: object) -> str:
    """Map a category as people write it (密接, 'close contact', close_contact) to its code."""
    text = normalize_text(raw).replace(" ", "").lower()
    if not text:
        raise DomainError("category_empty", field="category")
    code = _CATEGORY_LOOKUP.get(text)
    if code is None:
        raise DomainError("category_unknown", field="category", value=str(raw))
    return code


@dataclass(frozen=True)
class Policy:
    category: str
    isolation_days: int
    counted_from: str
    test_days: tuple[int, ...]
    test_at_check_in: bool = True
    double_sampling: bool = False
    home_monitoring_days: int = 0
    # last day: the person's belongings and room surfaces sampled too (DOMAIN.md, "Rooms");
    # a positive or missing surface sample holds the release
    surface_sampling: bool = False
    admitted: bool = True  # False: the protocol sends this category home, not to a site
    label: str = ""
    preset: str | None = None

    def __post_init__(self) -> None:
        validate_policy(self)

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["test_days"] = json.dumps(list(self.test_days))
        row["test_at_check_in"] = int(self.test_at_check_in)
        row["double_sampling"] = int(self.double_sampling)
        row["admitted"] = int(self.admitted)
        row["surface_sampling"] = int(self.surface_sampling)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Policy:
        days = row["test_days"]
        if isinstance(days, str):
            days = json.loads(days)
        return cls(
            category=row["category"],
            isolation_days=int(row["isolation_days"]),
            counted_from=row["counted_from"],
            test_days=tuple(int(d) for d in days),
            test_at_check_in=bool(row["test_at_check_in"]),
            double_sampling=bool(row["double_sampling"]),
            home_monitoring_days=int(row["home_monitoring_days"]),
            admitted=bool(row.get("admitted", 1)),
            surface_sampling=bool(row.get("surface_sampling") or 0),
            label=row.get("label") or "",
            preset=row.get("preset"),
        )

    def with_changes(self, **changes: Any) -> Policy:
        return replace(self, **changes)


def validate_policy(p: Policy) -> None:
    if p.category not in CATEGORIES:
        raise DomainError("category_unknown", field="category", value=p.category)
    if p.counted_from not in COUNTED_FROM:
        raise DomainError("counted_from_unknown", field="counted_from", value=p.counted_from)
    if not (1 <= p.isolation_days <= 60):
        raise DomainError("isolation_days_out_of_range", field="isolation_days", value=p.isolation_days)
    if not (0 <= p.home_monitoring_days <= 60):
        raise DomainError("home_days_out_of_range", field="home_monitoring_days", value=p.home_monitoring_days)
    for d in p.test_days:
        if not (0 <= d <= p.isolation_days):
            raise DomainError("test_day_out_of_range", field="test_days", value=d, days=p.isolation_days)
    if list(p.test_days) != sorted(set(p.test_days)):
        raise DomainError("test_days_not_increasing", field="test_days")


def parse_test_days(text: str) -> tuple[int, ...]:
    """'1, 4, 7, 14' or '1、4、7、14' -> (1, 4, 7, 14)."""
    cleaned = normalize_text(text)
    for sep in ("、", "，", ";", "；", " "):
        cleaned = cleaned.replace(sep, ",")
    parts = [p for p in cleaned.split(",") if p]
    try:
        days = sorted({int(p) for p in parts})
    except ValueError:
        raise DomainError("test_days_invalid", field="test_days", value=text) from None
    return tuple(days)


def start_date(policy: Policy, last_exposure: date | None, arrival: date | None) -> date:
    """Day 0 of the isolation, as the policy counts it."""
    if policy.counted_from == CountedFrom.LAST_EXPOSURE:
        if last_exposure is None:
            raise DomainError("last_exposure_required", field="last_exposure_date")
        return last_exposure
    if arrival is None:
        raise DomainError("arrival_required", field="arrival_date")
    return arrival


def release_date(policy: Policy, start: date) -> date:
    """The planned release date: day N for an N-day isolation."""
    return start + timedelta(days=policy.isolation_days)


def check_not_over(policy: Policy, start: date, on: date) -> date:
    """The release date, or ``arrival_isolation_over`` when the isolation counted from
    ``start`` would already have ended by ``on`` (the check-in or import date). One rule for
    the arrivals import, the check-in service and the check-in dialog."""
    release = release_date(policy, start)
    if release <= on:
        counted = "last_exposure_date" if policy.counted_from == CountedFrom.LAST_EXPOSURE else "arrival_date"
        raise DomainError("arrival_isolation_over", field=counted, start=start.isoformat(),
                          release=release.isoformat())
    return release


def day_number(start: date, today: date) -> int:
    return (today - start).days


def home_monitoring_end(policy: Policy, released_on: date) -> date:
    return released_on + timedelta(days=policy.home_monitoring_days)


def _p(category: Category, days: int, counted_from: CountedFrom, test_days: Iterable[int], **kw: Any) -> Policy:
    # a Policy holds the stored strings (str() of a member is its plain value)
    return Policy(category=str(category), isolation_days=days, counted_from=str(counted_from),
                  test_days=tuple(test_days), **kw)


_EXPOSURE, _ARRIVAL = CountedFrom.LAST_EXPOSURE, CountedFrom.ARRIVAL


PRESET_NAMES = ("edition_8", "edition_9", "twenty_measures")

# Presets as DOMAIN.md records them. They are starting points: a site edits its table.
PRESETS: dict[str, dict[str, Policy]] = {
    "edition_8": {
        Category.CLOSE_CONTACT: _p(Category.CLOSE_CONTACT, 14, _EXPOSURE, (1, 4, 7, 14),
                            double_sampling=True, surface_sampling=True, home_monitoring_days=7,
                            preset="edition_8"),
        Category.INBOUND_TRAVELLER: _p(Category.INBOUND_TRAVELLER, 14, _ARRIVAL, (1, 4, 7, 14),
                                double_sampling=True, surface_sampling=True, home_monitoring_days=7,
                            preset="edition_8"),
        Category.SECONDARY_CONTACT: _p(Category.SECONDARY_CONTACT, 7, _EXPOSURE, (1, 4, 7),
                                preset="edition_8"),
        Category.RISK_AREA_ARRIVAL: _p(Category.RISK_AREA_ARRIVAL, 14, _ARRIVAL, (1, 4, 7, 14),
                                double_sampling=True, surface_sampling=True, home_monitoring_days=7,
                            preset="edition_8"),
        Category.OTHER: _p(Category.OTHER, 14, _ARRIVAL, (1, 4, 7, 14), home_monitoring_days=7,
                    preset="edition_8"),
    },
    "edition_9": {
        Category.CLOSE_CONTACT: _p(Category.CLOSE_CONTACT, 7, _EXPOSURE, (1, 2, 3, 5, 7),
                            home_monitoring_days=3, preset="edition_9"),
        Category.INBOUND_TRAVELLER: _p(Category.INBOUND_TRAVELLER, 7, _ARRIVAL, (1, 2, 3, 5, 7),
                                home_monitoring_days=3, preset="edition_9"),
        # 9th edition: secondary contacts isolate at home for 7 days, not at a site.
        Category.SECONDARY_CONTACT: _p(Category.SECONDARY_CONTACT, 7, _EXPOSURE, (1, 4, 7),
                                admitted=False, preset="edition_9"),
        Category.RISK_AREA_ARRIVAL: _p(Category.RISK_AREA_ARRIVAL, 7, _ARRIVAL, (1, 2, 3, 5, 7),
                                preset="edition_9"),
        Category.OTHER: _p(Category.OTHER, 7, _ARRIVAL, (1, 2, 3, 5, 7), preset="edition_9"),
    },
    "twenty_measures": {
        Category.CLOSE_CONTACT: _p(Category.CLOSE_CONTACT, 5, _EXPOSURE, (1, 2, 3, 5),
                            home_monitoring_days=3, preset="twenty_measures"),
        Category.INBOUND_TRAVELLER: _p(Category.INBOUND_TRAVELLER, 5, _ARRIVAL, (1, 2, 3, 5),
                                home_monitoring_days=3, preset="twenty_measures"),
        # "20 measures": secondary contacts are no longer identified.
        Category.SECONDARY_CONTACT: _p(Category.SECONDARY_CONTACT, 5, _EXPOSURE, (1, 2, 3, 5),
                                admitted=False, preset="twenty_measures"),
        Category.RISK_AREA_ARRIVAL: _p(Category.RISK_AREA_ARRIVAL, 7, _ARRIVAL, (1, 2, 3, 5, 7),
                                preset="twenty_measures"),
        Category.OTHER: _p(Category.OTHER, 5, _ARRIVAL, (1, 2, 3, 5), preset="twenty_measures"),
    },
}


@dataclass(frozen=True)
class AdjustedRelease:
    kind: str  # 'extend' or 'bring_forward'
    old: date
    new: date
    reason: str


def adjust_release(start: date, current: date, new: date, reason: str) -> AdjustedRelease:
    """Extend or bring forward a release date; the reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", field="reason")
    if new == current:
        raise DomainError("release_date_unchanged", field="release_date")
    if new <= start:
        raise DomainError("release_before_start", field="release_date", start=start.isoformat())
    return AdjustedRelease("extend" if new > current else "bring_forward", current, new, reason)
