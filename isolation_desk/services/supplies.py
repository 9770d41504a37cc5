"""Supplies: items, the movement ledger (receipts, issues, adjustments, stock counts,
transfers out) and the forecast read model that the screen, the restock PDF, the handover
sheet and the command line all use.

Every movement is one transaction with one audit entry; a balance never goes below zero
(checked before writing and again inside the transaction, so a refused movement writes
nothing). Quantities are signed: + receipt, - issue.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..domain import stock
from ..domain.date_parsing import parse_date
from ..domain.dates import stored_date
from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.vocabulary import MovementKind
from ..storage import repo_supplies as rs
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .testing.common import Row, day_of

EPSILON = 1e-9
KINDS: tuple[str, ...] = tuple(k.value for k in MovementKind)


# -- helpers ---------------------------------------------------------------------
def _item_or_fail(db: Database, item_id: int, *, active: bool = True) -> Row:
    item = rs.item(db, item_id) if item_id is not None else None
    if item is None:
        raise DomainError("item_unknown", field="item")
    if active and not item["active"]:
        raise DomainError("item_inactive", field="item", item=item["name"])
    return item


def _at(at: datetime | None, now: datetime) -> datetime:
    at = (at or now).replace(microsecond=0)
    if at > now + timedelta(minutes=5):
        raise DomainError("movement_in_future", field="at", value=at.isoformat(" ", "minutes"))
    return at


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _lots(db: Database, item_id: int) -> list[stock.StockLot]:
    return [stock.StockLot(r["lot_id"], r["lot"], stored_date(r["expiry_date"]), float(r["on_hand"] or 0.0))
            for r in rs.lot_balances(db, item_id)]


def _fmt(value: float) -> str:
    return f"{round(value, 6):g}"


def _assert_not_negative(db: Database, item: Row) -> None:
    """Inside the transaction, after writing: no lot and no item below zero (else roll back)."""
    for r in rs.lot_balances(db, item["id"]):
        if (r["on_hand"] or 0.0) < -EPSILON:
            raise DomainError("stock_would_go_negative", field="quantity", item=item["name"],
                              lot=r["lot"] or "-", balance=_fmt(r["on_hand"]))


# -- items -----------------------------------------------------------------------
def _validate_item(fields: Row) -> Row:
    out = dict(fields)
    if "name" in out:
        out["name"] = _text(out["name"])
        if not out["name"]:
            raise DomainError("item_name_empty", field="name")
    if "category" in out and out["category"] not in stock.CATEGORIES:
        raise DomainError("item_category_unknown", field="category", value=out["category"])
    if "consumption" in out and out["consumption"] not in stock.CONSUMPTION:
        raise DomainError("consumption_unknown", field="consumption", value=out["consumption"])
    if "unit" in out:
        out["unit"] = _text(out["unit"])
        if not out["unit"]:
            raise DomainError("unit_empty", field="unit")
    if "rate" in out:
        out["rate"] = _non_negative(out["rate"], "rate", "rate_negative")
    if "reorder_level" in out:
        out["reorder_level"] = _non_negative(out["reorder_level"], "reorder_level", "reorder_level_negative")
    for flag in ("critical", "tracks_expiry", "active"):
        if flag in out:
            out[flag] = 1 if out[flag] else 0
    return out


def _non_negative(value: object, field: str, negative_code: str) -> float:
    try:
        return stock.validate_quantity(value, allow_zero=True, field_name=field)
    except DomainError as exc:
        if exc.code == "quantity_negative":
            raise DomainError(negative_code, field=field) from None
        raise


@writes(Kind.STOCK)
def create_item(db: Database, *, name: str, category: str, unit: str, reorder_level: float = 0,
                critical: bool = False, tracks_expiry: bool = False, consumption: str = "unplanned",
                rate: float = 0, actor: Actor, now: datetime) -> int:
    actor.require("supplies")
    row = _validate_item({"name": name, "category": category, "unit": unit,
                          "reorder_level": reorder_level, "critical": critical,
                          "tracks_expiry": tracks_expiry, "consumption": consumption, "rate": rate,
                          "active": True})
    if rs.item_by_name(db, row["name"]):
        raise DomainError("item_name_taken", field="name", name=row["name"])
    with db.transaction():
        item_id = rs.insert_item(db, row)
        repo.audit(db, actor=actor.username, action="supply_item_created", entity="supply_item",
                   entity_id=item_id, after=row, at=now)
    return item_id


@writes(Kind.STOCK)
def update_item(db: Database, item_id: int, changes: Row, *, actor: Actor, now: datetime) -> Row:
    actor.require("supplies")
    item = _item_or_fail(db, item_id, active=False)
    changes = _validate_item({k: v for k, v in changes.items() if k in rs.ITEM_COLUMNS})
    if "name" in changes and changes["name"] != item["name"]:
        other = rs.item_by_name(db, changes["name"])
        if other and other["id"] != item_id:
            raise DomainError("item_name_taken", field="name", name=changes["name"])
    changed = {k: v for k, v in changes.items() if item.get(k) != v}
    if not changed:
        return item
    with db.transaction():
        rs.update_item(db, item_id, changed)
        repo.audit(db, actor=actor.username, action="supply_item_updated", entity="supply_item",
                   entity_id=item_id, before={k: item[k] for k in changed}, after=changed, at=now)
    updated = rs.item(db, item_id)
    assert updated is not None  # updated just now
    return updated


def items(db: Database, *, active_only: bool = True) -> list[Row]:
    return rs.items(db, active_only=active_only)


def lots(db: Database, item_id: int) -> list[Row]:
    """Lots of an item with stock (and the no-lot bucket), first expiry first."""
    return [r for r in rs.lot_balances(db, item_id) if abs(r["on_hand"] or 0.0) > EPSILON]


# -- movements ---------------------------------------------------------------------
@writes(Kind.STOCK)
def receive(db: Database, item_id: int, quantity: float | str, *, party: str, lot: str | None = None,
            expiry_date: date | str | None = None, maker: str | None = None, reference: str | None = None,
            actor: Actor, now: datetime, at: datetime | None = None) -> int:
    """A receipt (入库) from a supplier or donor, into a lot when the item has lots."""
    actor.require("supplies")
    item = _item_or_fail(db, item_id)
    qty = stock.validate_quantity(quantity)
    party = _text(party)
    if not party:
        raise DomainError("supplier_required", field="party")
    lot = _text(lot) or None
    expiry: date | None
    if isinstance(expiry_date, date):
        expiry = expiry_date
    elif expiry_date in (None, ""):
        expiry = None
    else:
        expiry = parse_date(expiry_date, now.date(), field="expiry_date", allow_future=True)
    if item["tracks_expiry"]:
        if not lot:
            raise DomainError("lot_required", field="lot", item=item["name"])
        if not expiry:
            raise DomainError("expiry_required", field="expiry_date", item=item["name"])
    if expiry and expiry < now.date():
        raise DomainError("expiry_in_past", field="expiry_date", value=expiry.isoformat())
    if expiry and not lot:
        lot = f"{expiry.isoformat()}"  # an expiry needs a lot to live in
    when = _at(at, now)
    existing = rs.lot_by_name(db, item_id, lot) if lot else None
    if existing and expiry and existing["expiry_date"] and existing["expiry_date"] != expiry.isoformat():
        raise DomainError("lot_expiry_conflict", field="expiry_date", lot=lot,
                          expiry=existing["expiry_date"])
    with db.transaction():
        lot_id = None
        if lot:
            lot_id = existing["id"] if existing else rs.insert_lot(db, item_id, lot, expiry, _text(maker) or None)
        movement_id = rs.insert_movement(db, item_id=item_id, lot_id=lot_id, at=when, kind="receipt",
                                         quantity=qty, party=party, reference=_text(reference) or None,
                                         actor=actor.username)
        repo.audit(db, actor=actor.username, action="stock_received", entity="supply_item",
                   entity_id=item_id, after={"quantity": qty, "party": party, "lot": lot,
                                             "expiry_date": expiry, "movement_id": movement_id}, at=now)
    return movement_id


def _take(db: Database, kind: str, action: str, item_id: int, quantity: float | str, *, party: str,
          lot_id: int | None, reference: str | None, actor: Actor, now: datetime,
          at: datetime | None) -> list[int]:
    actor.require("supplies")
    item = _item_or_fail(db, item_id)
    qty = stock.validate_quantity(quantity)
    party = _text(party)
    if not party:
        raise DomainError("party_required", field="party")
    when = _at(at, now)
    lots_now = _lots(db, item_id)
    if lot_id is not None:
        chosen = [lot for lot in lots_now if lot.lot_id == lot_id]
        if not chosen:
            found = rs.lot(db, lot_id)
            if found is None or found["item_id"] != item_id:
                raise DomainError("lot_unknown", field="lot")
            chosen = [stock.StockLot(lot_id, found["lot"], None, 0.0)]
        the_lot = chosen[0]
        if the_lot.expiry_date is not None and the_lot.expiry_date < when.date():
            raise DomainError("lot_expired", field="lot", lot=the_lot.lot,
                              expiry=the_lot.expiry_date.isoformat())
        allocation = stock.fefo_allocate(chosen, qty, when.date())
    else:
        allocation = stock.fefo_allocate(lots_now, qty, when.date())
    ids = []
    with db.transaction():
        for lot, q in allocation:
            ids.append(rs.insert_movement(db, item_id=item_id, lot_id=lot.lot_id, at=when, kind=kind,
                                          quantity=-q, party=party, reference=_text(reference) or None,
                                          actor=actor.username))
        _assert_not_negative(db, item)
        repo.audit(db, actor=actor.username, action=action, entity="supply_item", entity_id=item_id,
                   after={"quantity": qty, "party": party,
                          "lots": [[lot.lot or None, q] for lot, q in allocation],
                          "movement_ids": ids}, at=now)
    return ids


@writes(Kind.STOCK)
def issue(db: Database, item_id: int, quantity: float | str, *, to: str, lot_id: int | None = None,
          reference: str | None = None, actor: Actor, now: datetime,
          at: datetime | None = None) -> list[int]:
    """An issue (领用) to a floor or a team; lots first expiry first unless one is chosen.
    Refused (nothing written) when the usable stock is not enough."""
    return _take(db, "issue", "stock_issued", item_id, quantity, party=to, lot_id=lot_id,
                 reference=reference, actor=actor, now=now, at=at)


@writes(Kind.STOCK)
def transfer_out(db: Database, item_id: int, quantity: float | str, *, destination: str, lot_id: int | None = None,
                 reference: str | None = None, actor: Actor, now: datetime,
                 at: datetime | None = None) -> list[int]:
    """Stock sent to another site or back to the supplier (not consumption)."""
    return _take(db, "transfer_out", "stock_transferred_out", item_id, quantity, party=destination,
                 lot_id=lot_id, reference=reference, actor=actor, now=now, at=at)


@writes(Kind.STOCK)
def adjust(db: Database, item_id: int, quantity: float | str, *, reason: str, lot_id: int | None = None,
           actor: Actor, now: datetime, at: datetime | None = None) -> list[int]:
    """A correction with a reason: + found, - damaged, lost or expired (written off).
    A negative adjustment without a lot takes expired lots first, then first expiry first."""
    actor.require("supplies")
    item = _item_or_fail(db, item_id)
    try:
        value = float(quantity) if not isinstance(quantity, str) else None
    except (TypeError, ValueError):
        value = None
    if value is None:
        text = str(quantity).strip()
        sign = -1.0 if text.startswith("-") else 1.0
        value = sign * stock.validate_quantity(text.lstrip("+-"), allow_zero=True)
    if not math.isfinite(value):
        raise DomainError("quantity_invalid", field="quantity", value=quantity)
    if value == 0:
        raise DomainError("adjustment_zero", field="quantity")
    reason = _text(reason)
    if not reason:
        raise DomainError("reason_required", field="reason")
    when = _at(at, now)
    lots_now = _lots(db, item_id)
    if lot_id is not None and lot_id not in {lot.lot_id for lot in lots_now}:
        found = rs.lot(db, lot_id)
        if found is None or found["item_id"] != item_id:
            raise DomainError("lot_unknown", field="lot")
        lots_now.append(stock.StockLot(lot_id, found["lot"], stored_date(found["expiry_date"]), 0.0))
    if value > 0:
        allocation = [(lot_id, value)]
    else:
        pool = [lot for lot in lots_now if lot.on_hand > EPSILON and (lot_id is None or lot.lot_id == lot_id)]
        # expired stock is what is usually written off: it goes first here
        pool.sort(key=lambda lot: (lot.expiry_date is None, lot.expiry_date or date.max, lot.lot_id is None))
        available = sum(lot.on_hand for lot in pool)
        if -value > available + EPSILON:
            name = next((lot.lot for lot in lots_now if lot.lot_id == lot_id), "") if lot_id else ""
            raise DomainError("stock_would_go_negative", field="quantity", item=item["name"],
                              lot=name or "-", balance=_fmt(available + value))
        allocation, left = [], -value
        for lot in pool:
            if left <= EPSILON:
                break
            q = min(lot.on_hand, left)
            allocation.append((lot.lot_id, -q))
            left -= q
    ids = []
    with db.transaction():
        for lid, q in allocation:
            ids.append(rs.insert_movement(db, item_id=item_id, lot_id=lid, at=when, kind="adjustment",
                                          quantity=q, reason=reason, actor=actor.username))
        _assert_not_negative(db, item)
        repo.audit(db, actor=actor.username, action="stock_adjusted", entity="supply_item",
                   entity_id=item_id, after={"quantity": value, "reason": reason,
                                             "movement_ids": ids}, at=now)
    return ids


@dataclass(frozen=True)
class CountResult:
    adjustments: dict[int | None, float]  # lot_id (None: no lot) -> counted minus book
    movement_ids: tuple[int, ...]


@writes(Kind.STOCK)
def count(db: Database, item_id: int, counted: dict[int | None, object], *, note: str | None = None, actor: Actor,
          now: datetime, at: datetime | None = None) -> CountResult:
    """A stock count (盘点): ``counted`` maps lot id (None: stock without a lot) to what is on
    the shelf; each difference from the book becomes a 'count' movement. One transaction."""
    actor.require("supplies")
    item = _item_or_fail(db, item_id)
    values: dict[int | None, float | None] = {}
    for key, value in counted.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        values[key] = stock.validate_quantity(value, allow_zero=True, field_name="counted")
    if not values:
        raise DomainError("count_empty", field="counted")
    book = {lot.lot_id: lot.on_hand for lot in _lots(db, item_id)}
    for key in values:
        if key is not None and key not in book:
            found = rs.lot(db, key)
            if found is None or found["item_id"] != item_id:
                raise DomainError("lot_unknown", field="lot")
    diffs = stock.count_adjustments(book, values)
    when = _at(at, now)
    reason = _text(note) or "stock_count"
    ids = []
    with db.transaction():
        for key, diff in diffs.items():
            ids.append(rs.insert_movement(db, item_id=item_id, lot_id=key, at=when, kind="count",
                                          quantity=diff, reason=reason, actor=actor.username))
        _assert_not_negative(db, item)
        repo.audit(db, actor=actor.username, action="stock_counted", entity="supply_item",
                   entity_id=item_id,
                   before={str(k): book.get(k, 0.0) for k in values},
                   after={"counted": {str(k): v for k, v in values.items()},
                          "adjustments": {str(k): v for k, v in diffs.items()}, "movement_ids": ids},
                   at=now)
    return CountResult(diffs, tuple(ids))


# -- the forecast read model -----------------------------------------------------------
@dataclass(frozen=True)
class Demand:
    """What the coming days imply (day 0 = today): the inputs of implied demand."""
    occupants: list[float]
    samples: list[float]
    staff_shifts: list[float] | None


def coming_demand(db: Database, today: date, days: int = stock.WINDOW_DAYS) -> Demand:
    """Occupants present each coming day (present now, minus releases due, plus expected
    arrivals), samples due (tests of the schedules, overdue ones today; staff who test daily)
    and staff shifts (each active staff member works one shift a day)."""
    day_list = [today + timedelta(days=i) for i in range(days)]
    occupants = [0.0] * days
    for r in rs.present_by_release_date(db):
        release = stored_date(r["release_date"])
        for i, d in enumerate(day_list):
            # everybody present now is here today; later, a person leaves on the release date
            if i == 0 or release is None or release > d:
                occupants[i] += r["n"]
    for r in rs.expected_by_arrival(db):
        arrival, release = stored_date(r["day"]), stored_date(r["release_date"])
        for i, d in enumerate(day_list):
            if arrival is not None and arrival <= d and (release is None or release > d):
                occupants[i] += r["n"]
    samples = [0.0] * days
    until = (today + timedelta(days=days)).isoformat()
    # overdue tests of the last week are still to be taken today; older ones are not coming
    overdue_since = (today - timedelta(days=stock.WINDOW_DAYS)).isoformat()
    for r in rs.occupant_tests_due(db, overdue_since, until):
        i = max(0, (day_of(r["due_date"]) - today).days)
        samples[i] += r["n"]
    staff = rs.active_staff(db)
    for i in range(days):
        samples[i] += staff["daily"]
    shifts = [float(staff["staff"])] * days if staff["staff"] else None
    return Demand(occupants, samples, shifts)


def _forecast_for(item: Row, lots_: list[stock.StockLot], issued_window: float, issued_today: float,
                  first_at: str | None, demand: Demand, today: date) -> stock.Forecast:
    observed = (today - date.fromisoformat(first_at[:10])).days if first_at else 0
    recent = stock.recent_daily_use(issued_window, observed)
    implied = stock.implied_daily_demand(item["consumption"], item["rate"] or 0.0,
                                         occupants=demand.occupants, samples=demand.samples,
                                         staff_shifts=demand.staff_shifts)
    return stock.forecast(today=today, lots=lots_, recent_use_per_day=recent, implied=implied,
                          consumption=item["consumption"], reorder_level=item["reorder_level"] or 0.0,
                          used_today=issued_today)


def _row(item: Row, f: stock.Forecast) -> Row:
    return {
        "item_id": item["id"], "item": item["name"], "category": item["category"],
        "unit": item["unit"], "on_hand": round(f.on_hand, 6), "usable_on_hand": round(f.usable_on_hand, 6),
        "reorder_level": item["reorder_level"], "critical": bool(item["critical"]),
        "consumption": item["consumption"], "rate": item["rate"],
        "days_of_supply": None if f.days_of_supply is None else round(f.days_of_supply, 1),
        "run_out_date": f.run_out_date,
        "daily_use": round(f.daily_use, 2), "recent_daily_use": round(f.recent_daily_use, 2),
        "implied_daily_use": None if f.implied_daily_use is None else round(f.implied_daily_use, 2),
        "basis": f.basis, "reason": f.reason, "status": f.status,
        "below_reorder": f.below_reorder,
        "expiring": len([a for a in f.expiry_alerts if a.days_left >= 0]),
        "expired": len([a for a in f.expiry_alerts if a.days_left < 0]),
        "wasted_by_expiry": f.wasted_by_expiry,
        "restock_quantity": stock.restock_quantity(f.usable_on_hand, item["reorder_level"] or 0.0,
                                                   f.daily_use),
        "forecast": f,
    }


def stock_overview(db: Database, now: datetime, *, include_inactive: bool = False) -> list[Row]:
    """Every item with on hand, days of supply, run-out date, basis and reason, status —
    the one computation behind the supplies screen, the restock request, the handover sheet
    and ``isolation-desk export stock``. A few aggregate queries whatever the ledger's size."""
    today = now.date()
    since = (today - timedelta(days=stock.WINDOW_DAYS)).isoformat()
    start_today, tomorrow = today.isoformat(), (today + timedelta(days=1)).isoformat()
    issued = rs.issued_between(db, since, start_today)
    issued_today = rs.issued_between(db, start_today, tomorrow)
    first = rs.first_movement(db)
    by_item: dict[int, list[stock.StockLot]] = {}
    for r in rs.all_lot_balances(db):
        by_item.setdefault(r["item_id"], []).append(
            stock.StockLot(r["lot_id"], r["lot"], stored_date(r["expiry_date"]), float(r["on_hand"] or 0.0)))
    demand = coming_demand(db, today)
    rows = []
    for item in rs.items(db, active_only=not include_inactive):
        f = _forecast_for(item, by_item.get(item["id"], []), issued.get(item["id"], 0.0),
                          issued_today.get(item["id"], 0.0), first.get(item["id"]), demand, today)
        rows.append(_row(item, f))
    return rows



def item_forecast(db: Database, item_id: int, now: datetime) -> Row:
    """One item's row of the overview, with its lots and its forecast (projection, alerts)."""
    item = _item_or_fail(db, item_id, active=False)
    today = now.date()
    since = (today - timedelta(days=stock.WINDOW_DAYS)).isoformat()
    start_today, tomorrow = today.isoformat(), (today + timedelta(days=1)).isoformat()
    issued = rs.issued_between(db, since, start_today, item_id).get(item_id, 0.0)
    issued_today = rs.issued_between(db, start_today, tomorrow, item_id).get(item_id, 0.0)
    first = rs.first_movement(db, item_id).get(item_id)
    f = _forecast_for(item, _lots(db, item_id), issued, issued_today, first, coming_demand(db, today),
                      today)
    row = _row(item, f)
    row["lots"] = lots(db, item_id)
    return row


def below_reorder(db: Database, now: datetime) -> list[Row]:
    """Items below their reorder level (or out), critical first, fewest days first."""
    rows = [r for r in stock_overview(db, now)
            if r["below_reorder"] or (r["status"] == "out" and r["restock_quantity"] > 0)]
    rows.sort(key=lambda r: (not r["critical"], r["days_of_supply"] if r["days_of_supply"] is not None
                             else math.inf, r["item"]))
    return rows


def issue_destinations(db: Database) -> list[Row]:
    """Building and floor of every floor with rooms, for the issue dialog."""
    return rs.floors(db)


def recent_parties(db: Database, kind: str) -> list[str]:
    """Suppliers and donors (kind 'receipt') or destinations ('issue', 'transfer_out') used
    lately, for the dialogs' choice lists."""
    return rs.recent_parties(db, (kind,))


def ledger(db: Database, item_id: int, limit: int = 1000) -> list[Row]:
    return rs.ledger(db, item_id, limit)


def stock_history(db: Database, item_id: int, now: datetime, days: int | None = None) -> list[tuple[date, float]]:
    """End-of-day balances of an item from its first movement (or the last ``days`` days) to
    today; the balance before the window is on hand now minus the window's movements."""
    today = now.date()
    since = None if days is None else (today - timedelta(days=days)).isoformat()
    rows = rs.daily_net(db, item_id, since)
    if since is not None:
        first = rs.first_movement(db, item_id).get(item_id)
        if first is None:
            return []
        start = max(date.fromisoformat(first[:10]), date.fromisoformat(since))
        balance = rs.on_hand(db, item_id) - sum(r["net"] for r in rows)
    else:
        if not rows:
            return []
        start, balance = date.fromisoformat(rows[0]["day"]), 0.0
    nets = {r["day"]: r["net"] for r in rows}
    out, day = [], start
    while day <= today:
        balance += nets.get(day.isoformat(), 0.0)
        out.append((day, round(balance, 6)))
        day += timedelta(days=1)
    return out


EXPORT_FIELDS = ("item", "category", "unit", "on_hand", "reorder_level", "days_of_supply",
                 "run_out_date", "daily_use", "basis", "reason", "status", "critical",
                 "expiring", "restock_quantity")


def export_rows(db: Database, now: datetime) -> list[Row]:
    return [{k: r[k] for k in EXPORT_FIELDS} for r in stock_overview(db, now)]


@dataclass(frozen=True)
class RestockRequest:
    site_name: str
    site_address: str
    contact_person: str
    contact_phone: str
    made_at: datetime
    rows: list[Row]


def restock_request(db: Database, now: datetime) -> RestockRequest:
    """The restock request (申领单): everything below its reorder level, with how much to ask for."""
    from .site import get_settings
    s = get_settings(db)
    return RestockRequest(s["site_name"], s["site_address"], s["contact_person"], s["contact_phone"],
                          now.replace(microsecond=0), below_reorder(db, now))
