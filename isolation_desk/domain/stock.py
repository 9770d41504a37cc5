"""Supply stock as values: when do we run out, which lot goes first, what expires unused.

Pure Python, no clock: ``today`` is passed in. The services collect the numbers (on hand
per lot, what was issued in the trailing days, what the coming days imply) and this module
turns them into a forecast with a reason code that the UI and printouts put into words.

Conventions (write them where users can read them):

- Day 0 is today. ``demand[i]`` is what day i needs. The run-out date is the first day whose
  demand cannot be met in full; days of supply is fractional (100 on hand at 10 a day = 10.0
  days, run-out date today + 10).
- A lot is usable up to and including its expiry date; from the next day what is left of it
  is lost (it is not counted as supply).
- The forecast uses the LARGER of two rates over the coming ``WINDOW_DAYS``: recent use (what
  was issued in the trailing ``WINDOW_DAYS`` complete days, per day) and implied demand (from
  occupants present and releases due, sampling days of the test schedules, staff shifts).
  Beyond the window the implied demand continues at its window average.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from .cells import parse_quantity
from .errors import DomainError
from .vocabulary import Consumption, SupplyCategory

CATEGORIES: tuple[str, ...] = tuple(c.value for c in SupplyCategory)
CONSUMPTION: tuple[str, ...] = tuple(c.value for c in Consumption)

WINDOW_DAYS = 7            # trailing days of recent use; coming days compared with them
HORIZON_DAYS = 366         # a forecast looks at most this far ahead
EXPIRY_WARNING_DAYS = 30   # lots expiring within this many days are listed
LOW_DAYS = 7               # fewer days of supply than this is "low" even above reorder level
RESTOCK_COVER_DAYS = 14    # a restock request asks for this many days of supply

# Basis of a forecast
BASIS_RECENT = "recent_use"
BASIS_IMPLIED = "implied_demand"
BASIS_NONE = "no_use"

# Reason codes saying why a basis was chosen (the UI and printouts turn them into words)
REASON_IMPLIED_HIGHER = "implied_higher"        # the coming days need more than was used lately
REASON_RECENT_HIGHER = "recent_higher"          # recent use exceeds what the plan implies
REASON_EQUAL = "recent_equals_implied"          # both give the same rate
REASON_UNPLANNED = "unplanned_item"             # not tied to occupants, samples or shifts
REASON_NO_STAFF = "no_staff_recorded"           # per staff shift, but no staff on the roster
REASON_NO_USE = "no_use"                        # nothing used lately and nothing implied
REASON_NOTHING_ON_HAND = "nothing_on_hand"      # already out


@dataclass(frozen=True)
class StockLot:
    """Stock of one lot (``lot_id`` None: stock received without a lot)."""
    lot_id: int | None
    lot: str
    expiry_date: date | None
    on_hand: float


@dataclass(frozen=True)
class ExpiryAlert:
    lot_id: int | None
    lot: str
    expiry_date: date
    on_hand: float
    days_left: int           # negative: already expired
    unused_at_expiry: float  # what the forecast leaves in the lot when it expires

    @property
    def expired(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class Forecast:
    on_hand: float
    usable_on_hand: float            # without expired lots
    recent_daily_use: float
    implied_daily_use: float | None  # window average; None when it cannot be known
    daily_use: float                 # the rate of the chosen basis (window average)
    basis: str                       # BASIS_*
    reason: str                      # REASON_*
    days_of_supply: float | None     # None: not running out within the horizon
    run_out_date: date | None
    below_reorder: bool
    status: str                      # 'out', 'below_reorder', 'low', 'ok'
    expiry_alerts: tuple[ExpiryAlert, ...] = ()
    projection: tuple[tuple[date, float], ...] = field(default=(), repr=False)
    wasted_by_expiry: float = 0.0    # usable stock the forecast loses to expiry


def recent_daily_use(issued: float, days_observed: int, window: int = WINDOW_DAYS) -> float:
    """Average daily use over the trailing window; a new item is averaged over the days it
    has existed (at least one) instead of diluting its use over days it was not there."""
    days = max(1, min(window, days_observed))
    return max(0.0, issued) / days


def implied_daily_demand(consumption: str, rate: float, *, occupants: list[float] | None = None,
                         samples: list[float] | None = None,
                         staff_shifts: list[float] | None = None) -> list[float] | None:
    """Demand per coming day for an item consumed ``rate`` units per occupant-day, per sample
    or per staff shift. None when the plan says nothing (unplanned item, no numbers)."""
    series = {"per_occupant_day": occupants, "per_sample": samples,
              "per_staff_shift": staff_shifts}.get(consumption)
    if consumption == "unplanned" or series is None:
        return None
    return [max(0.0, rate) * max(0.0, n) for n in series]


def choose_basis(recent: float, implied: list[float] | None, consumption: str,
                 window: int = WINDOW_DAYS) -> tuple[str, str, list[float] | None]:
    """(basis, reason, implied window) : the larger of recent use and implied demand."""
    implied_window = None if implied is None else list(implied[:window])
    if implied_window is not None and len(implied_window) < window:
        fill = (sum(implied_window) / len(implied_window)) if implied_window else 0.0
        implied_window += [fill] * (window - len(implied_window))
    if implied_window is None:
        if recent <= 0:
            return BASIS_NONE, REASON_NO_USE, None
        reason = REASON_NO_STAFF if consumption == "per_staff_shift" else REASON_UNPLANNED
        return BASIS_RECENT, reason, None
    implied_total = sum(implied_window)
    recent_total = recent * window
    if recent_total <= 0 and implied_total <= 0:
        return BASIS_NONE, REASON_NO_USE, implied_window
    if math.isclose(implied_total, recent_total, rel_tol=1e-9, abs_tol=1e-9):
        return BASIS_RECENT, REASON_EQUAL, implied_window
    if implied_total > recent_total:
        return BASIS_IMPLIED, REASON_IMPLIED_HIGHER, implied_window
    return BASIS_RECENT, REASON_RECENT_HIGHER, implied_window


def _fefo_order(lots: list[StockLot]) -> list[StockLot]:
    """First expiry first; lots without expiry after them; stock without a lot last."""
    return sorted(lots, key=lambda lot: (lot.expiry_date is None, lot.expiry_date or date.max,
                                       lot.lot_id is None, lot.lot_id or 0))


def fefo_allocate(lots: list[StockLot], quantity: float, today: date) -> list[tuple[StockLot, float]]:
    """Which lots an issue of ``quantity`` takes, first expiry first; expired lots are never
    issued. Raises ``stock_insufficient`` when the usable stock is not enough."""
    if quantity <= 0:
        raise DomainError("quantity_not_positive", field="quantity", value=quantity)
    usable = [lot for lot in _fefo_order(lots)
              if lot.on_hand > 0 and (lot.expiry_date is None or lot.expiry_date >= today)]
    available = sum(lot.on_hand for lot in usable)
    if quantity > available + 1e-9:
        raise DomainError("stock_insufficient", field="quantity", requested=_fmt(quantity),
                          available=_fmt(available))
    taken: list[tuple[StockLot, float]] = []
    left = quantity
    for lot in usable:
        if left <= 1e-9:
            break
        q = min(lot.on_hand, left)
        taken.append((lot, q))
        left -= q
    return taken


def _fmt(value: float) -> str:
    return f"{value:g}"


def _status(on_hand: float, reorder_level: float, days: float | None) -> str:
    if on_hand <= 0:
        return "out"
    if on_hand < reorder_level:
        return "below_reorder"
    if days is not None and days < LOW_DAYS:
        return "low"
    return "ok"


def forecast(*, today: date, lots: list[StockLot], recent_use_per_day: float,
             implied: list[float] | None, consumption: str, reorder_level: float = 0.0,
             window: int = WINDOW_DAYS, horizon: int = HORIZON_DAYS,
             expiry_warning_days: int = EXPIRY_WARNING_DAYS, used_today: float = 0.0) -> Forecast:
    """Days of supply and run-out date, simulated day by day with lots used first expiry
    first and what is left of a lot lost after its expiry date.

    ``implied`` is the demand of the coming days (day 0 = today) or None when the plan says
    nothing; beyond its length the implied demand continues at its window average.
    ``used_today`` (already issued today, so no longer on hand) is taken off today's demand.
    """
    on_hand = sum(lot.on_hand for lot in lots)
    basis, reason, implied_window = choose_basis(recent_use_per_day, implied, consumption, window)
    implied_avg = None if implied_window is None else sum(implied_window) / window
    if basis == BASIS_IMPLIED:
        known = list(implied or [])
        tail = implied_avg or 0.0

        def full_demand(i: int) -> float:
            return known[i] if i < len(known) else tail
        daily = implied_avg or 0.0
    elif basis == BASIS_RECENT:
        def full_demand(i: int) -> float:
            return recent_use_per_day
        daily = recent_use_per_day
    else:
        def full_demand(i: int) -> float:
            return 0.0
        daily = 0.0

    def demand(i: int) -> float:  # today's demand less what today already took
        need = full_demand(i)
        return max(0.0, need - used_today) if i == 0 else need

    # Simulate: balances per lot, FEFO, expiry losses.
    order = _fefo_order([lot for lot in lots if lot.on_hand > 0])
    left = {id(lot): lot.on_hand for lot in order}
    expired_now = [lot for lot in order if lot.expiry_date is not None and lot.expiry_date < today]
    for lot in expired_now:
        left[id(lot)] = 0.0
    usable_on_hand = sum(left.values())
    unused_at_expiry: dict[int, float] = {}
    wasted = 0.0
    days_of_supply: float | None = None
    run_out: date | None = None
    projection: list[tuple[date, float]] = [(today, usable_on_hand)]
    if usable_on_hand <= 0:
        days_of_supply, run_out = 0.0, today
        if basis == BASIS_NONE:
            reason = REASON_NOTHING_ON_HAND
    for i in range(horizon if days_of_supply is None else 0):
        day = today + timedelta(days=i)
        need = demand(i)
        for lot in order:
            if need <= 1e-12:
                break
            if lot.expiry_date is not None and lot.expiry_date < day:
                continue
            q = min(left[id(lot)], need)
            left[id(lot)] -= q
            need -= q
        if need > 1e-9:
            met = demand(i) - need
            days_of_supply = i + (met / demand(i) if demand(i) else 0.0)
            run_out = day
            projection.append((day + timedelta(days=1), 0.0))
            break
        # End of the day: lots expiring today are lost from tomorrow.
        for lot in order:
            if lot.expiry_date == day and left[id(lot)] > 1e-9:
                unused_at_expiry[id(lot)] = left[id(lot)]
                wasted += left[id(lot)]
                left[id(lot)] = 0.0
        projection.append((day + timedelta(days=1), sum(left.values())))
        if basis == BASIS_NONE and i >= window:
            break
    alerts = []
    for lot in order:
        if lot.expiry_date is None:
            continue
        days_left = (lot.expiry_date - today).days
        if days_left <= expiry_warning_days:
            unused = lot.on_hand if days_left < 0 else unused_at_expiry.get(id(lot), 0.0)
            if days_left >= 0 and run_out is not None and lot.expiry_date >= run_out:
                unused = 0.0
            alerts.append(ExpiryAlert(lot.lot_id, lot.lot, lot.expiry_date, lot.on_hand, days_left,
                                      round(unused, 6)))
    if days_of_supply is not None:
        days_of_supply = round(days_of_supply, 6)
    return Forecast(
        on_hand=on_hand, usable_on_hand=usable_on_hand,
        recent_daily_use=recent_use_per_day, implied_daily_use=implied_avg, daily_use=daily,
        basis=basis, reason=reason, days_of_supply=days_of_supply, run_out_date=run_out,
        below_reorder=usable_on_hand < reorder_level,
        status=_status(usable_on_hand, reorder_level, days_of_supply),
        expiry_alerts=tuple(alerts), projection=tuple(projection), wasted_by_expiry=round(wasted, 6))


def restock_quantity(on_hand: float, reorder_level: float, daily_use: float,
                     cover_days: int = RESTOCK_COVER_DAYS) -> float:
    """How much to request: enough for ``cover_days`` at the forecast rate and at least twice
    the reorder level, minus what is on hand; whole units, never negative."""
    target = max(daily_use * cover_days, 2 * reorder_level)
    return float(max(0, math.ceil(target - on_hand - 1e-9)))


def count_adjustments(book: dict[int | None, float],
                      counted: dict[int | None, float | None]) -> dict[int | None, float]:
    """Stock count: for each counted bucket (lot id or None), counted minus book. Buckets not
    counted are left alone; zero differences are dropped."""
    out: dict[int | None, float] = {}
    for key, value in counted.items():
        if value is None:
            continue
        if value < 0:
            raise DomainError("quantity_negative", field="counted")
        diff = round(float(value) - float(book.get(key, 0.0)), 9)
        if diff != 0:
            out[key] = diff
    return out


def validate_quantity(value: object, *, allow_zero: bool = False, field_name: str = "quantity") -> float:
    """A positive quantity from a number or a text typed by a user (cells.parse_quantity
    reads full-width digits and thousands separators)."""
    try:
        number = parse_quantity(value)
    except DomainError as exc:
        raise DomainError(exc.code, field=field_name, **exc.params) from None
    if number == 0 and not allow_zero:
        raise DomainError("quantity_not_positive", field=field_name, value=number)
    return number
