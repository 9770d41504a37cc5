"""SQL of the supplies area: items, lots, the movement ledger, and the counts the forecast
reads (occupants present and releases due, tests due, staff on the roster).

On hand is the sum of the signed movements: summed from the ledger for one item
(``idx_movements_item`` on (item_id, at)), and for the whole overview read from the running
totals that triggers keep (``supply_balances``, ``supply_issued_daily``, migration 0010). Both
are rounded to 6 decimals (``_exact``): a running total and a sum of the same fractional
quantities can differ in the last bit, and a lot is empty in both or in neither. Functions do
not open transactions.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .database import Database
from .repositories import ON_SITE_SQL, _iso, insert, inserted_id, update

ITEM_COLUMNS = ("name", "category", "unit", "reorder_level", "critical", "tracks_expiry",
                "consumption", "rate", "active")


# -- items and lots ----------------------------------------------------------------
def items(db: Database, *, active_only: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT * FROM supply_items"
    if active_only:
        sql += " WHERE active = 1"
    return db.query(sql + " ORDER BY category, name")


def item(db: Database, item_id: int) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM supply_items WHERE id = ?", (item_id,))


def item_by_name(db: Database, name: str) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM supply_items WHERE name = ?", (name,))


def insert_item(db: Database, row: dict[str, Any]) -> int:
    return insert(db, "supply_items", {k: row[k] for k in ITEM_COLUMNS if k in row})


def update_item(db: Database, item_id: int, changes: dict[str, Any]) -> None:
    update(db, "supply_items", item_id, {k: v for k, v in changes.items() if k in ITEM_COLUMNS})


def lot(db: Database, lot_id: int) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM supply_lots WHERE id = ?", (lot_id,))


def lot_by_name(db: Database, item_id: int, lot_name: str) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM supply_lots WHERE item_id = ? AND lot = ?", (item_id, lot_name))


def insert_lot(db: Database, item_id: int, lot_name: str, expiry_date: date | str | None,
               maker: str | None) -> int:
    return insert(db, "supply_lots", {"item_id": item_id, "lot": lot_name,
                                      "expiry_date": _iso(expiry_date), "maker": maker})


# -- balances ------------------------------------------------------------------
def _exact(total: str) -> str:
    """A total of quantities as SQL compares and shows it: to 6 decimals, never -0."""
    return f"(round({total}, 6) + 0.0)"


def lot_balances(db: Database, item_id: int) -> list[dict[str, Any]]:
    """Stock per lot of one item (lot_id None: stock without a lot), with lots at zero."""
    return db.query(f"""
        SELECT m.lot_id, coalesce(l.lot, '') AS lot, l.expiry_date, l.maker,
               {_exact("sum(m.quantity)")} AS on_hand
        FROM supply_movements m LEFT JOIN supply_lots l ON l.id = m.lot_id
        WHERE m.item_id = ?
        GROUP BY m.lot_id
        ORDER BY l.expiry_date IS NULL, l.expiry_date, m.lot_id IS NULL, m.lot_id""", (item_id,))


def all_lot_balances(db: Database) -> list[dict[str, Any]]:
    """Stock per item and lot for every item: the running totals that triggers keep equal to
    the ledger's sums (migration 0010), one row per item and lot whatever the ledger's length."""
    return db.query(f"""
        SELECT b.item_id, b.lot_id, coalesce(l.lot, '') AS lot, l.expiry_date, {_exact("b.on_hand")} AS on_hand
        FROM supply_balances b
        LEFT JOIN supply_lots l ON l.id = b.lot_id""")


def on_hand(db: Database, item_id: int) -> float:
    return float(db.scalar(f"SELECT {_exact('coalesce(sum(quantity), 0)')} FROM supply_movements "
                           "WHERE item_id = ?", (item_id,)) or 0.0)


def issued_between(db: Database, since: str, until: str, item_id: int | None = None) -> dict[int, float]:
    """Units issued (consumed) per item with ``since <= at < until``. Between two dates (the
    forecast's whole days) from the daily totals the triggers keep (migration 0010), a few rows
    per item and day; between two moments from the ledger."""
    if len(since) == 10 and len(until) == 10:  # YYYY-MM-DD: at >= since <=> its day >= since
        sql = "SELECT item_id, sum(issued) AS issued FROM supply_issued_daily WHERE day >= ? AND day < ?"
    else:
        sql = ("SELECT item_id, -sum(quantity) AS issued FROM supply_movements "
               "WHERE kind = 'issue' AND at >= ? AND at < ?")
    params: list[Any] = [since, until]
    if item_id is not None:
        sql += " AND item_id = ?"
        params.append(item_id)
    return {r["item_id"]: round(float(r["issued"] or 0.0), 6)
            for r in db.query(sql + " GROUP BY item_id", params)}


def first_movement(db: Database, item_id: int | None = None) -> dict[int, str]:
    """When each item's ledger starts (one index probe per item, not a scan of the ledger)."""
    sql = ("SELECT i.id AS item_id, (SELECT min(m.at) FROM supply_movements m WHERE m.item_id = i.id) "
           "AS first_at FROM supply_items i")
    params: list[Any] = []
    if item_id is not None:
        sql += " WHERE i.id = ?"
        params.append(item_id)
    return {r["item_id"]: r["first_at"] for r in db.query(sql, params) if r["first_at"]}


# -- the ledger ------------------------------------------------------------------
MOVEMENT_INSERT = ("INSERT INTO supply_movements (item_id, lot_id, at, kind, quantity, party, reason, "
                   "reference, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def insert_movement(db: Database, *, item_id: int, lot_id: int | None, at: datetime, kind: str, quantity: float,
                    party: str | None = None, reason: str | None = None, reference: str | None = None,
                    actor: str) -> int:
    return inserted_id(db.execute(MOVEMENT_INSERT, (item_id, lot_id, _iso(at), kind, quantity, party, reason,
                                                    reference, actor)))


def insert_movements(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """rows: (item_id, lot_id, at, kind, quantity, party, reason, reference, actor)."""
    db.executemany(MOVEMENT_INSERT, rows)


def ledger(db: Database, item_id: int, limit: int = 1000) -> list[dict[str, Any]]:
    """The newest ``limit`` movements of an item, newest first, with the balance after each
    (on hand now, walked back: no running sum over the whole ledger)."""
    rows = db.query("""
        SELECT m.id, m.at, m.kind, m.quantity, m.party, m.reason, m.reference, m.actor,
               m.lot_id, coalesce(l.lot, '') AS lot, l.expiry_date
        FROM supply_movements m LEFT JOIN supply_lots l ON l.id = m.lot_id
        WHERE m.item_id = ? ORDER BY m.at DESC, m.id DESC LIMIT ?""", (item_id, limit))
    balance = on_hand(db, item_id)
    for r in rows:
        r["balance"] = round(balance, 9)
        balance -= r["quantity"]
    return rows


def daily_net(db: Database, item_id: int, since: str | None = None) -> list[dict[str, Any]]:
    """Net movement per calendar day of one item (from ``since``), oldest first."""
    if since:
        return db.query("SELECT substr(at, 1, 10) AS day, sum(quantity) AS net FROM supply_movements "
                        "WHERE item_id = ? AND at >= ? GROUP BY day ORDER BY day", (item_id, since))
    return db.query("SELECT substr(at, 1, 10) AS day, sum(quantity) AS net FROM supply_movements "
                    "WHERE item_id = ? GROUP BY day ORDER BY day", (item_id,))


def recent_parties(db: Database, kinds: tuple[str, ...], limit: int = 30) -> list[str]:
    """Suppliers, donors or destinations used lately, most recent first."""
    marks = ", ".join("?" * len(kinds))
    return [r["party"] for r in db.query(
        f"SELECT party, max(at) AS last FROM supply_movements WHERE kind IN ({marks}) "
        f"AND party IS NOT NULL AND party <> '' "
        # the last 20,000 movements only (a rowid range): quick however long the ledger
        f"AND id > (SELECT coalesce(max(id), 0) - 20000 FROM supply_movements) "
        f"GROUP BY party ORDER BY last DESC LIMIT ?", (*kinds, limit))]


def movement_count(db: Database, item_id: int | None = None) -> int:
    if item_id is None:
        return int(db.scalar("SELECT count(*) FROM supply_movements"))
    return int(db.scalar("SELECT count(*) FROM supply_movements WHERE item_id = ?", (item_id,)))


# -- what the forecast reads -------------------------------------------------------
def present_by_release_date(db: Database) -> list[dict[str, Any]]:
    """People present now, counted by their planned release date."""
    return db.query("SELECT release_date, count(*) AS n FROM stays "
                    f"WHERE status IN {ON_SITE_SQL} GROUP BY release_date")


def expected_by_arrival(db: Database) -> list[dict[str, Any]]:
    """Expected arrivals (registered, not yet checked in) by arrival date (or start date)."""
    return db.query("SELECT coalesce(arrival_date, start_date) AS day, release_date, count(*) AS n "
                    "FROM stays WHERE status = 'expected' GROUP BY day, release_date")


def occupant_tests_due(db: Database, since: str, until: str) -> list[dict[str, Any]]:
    """Unsampled tests of people in isolation due in [since, until), by due date: for each
    person in isolation, the unsampled tests only (idx_tests_stay_sampled, stay_id and
    sampled_at IS NULL), not every test of the range (the unary + keeps SQLite from choosing
    idx_tests_stay's due-date range, which reads each test to check it was sampled)."""
    return db.query("SELECT due_date, count(*) AS n FROM tests WHERE +due_date >= ? AND +due_date < ? "
                    "AND sampled_at IS NULL AND stay_id IN (SELECT id FROM stays WHERE status = 'in_isolation') "
                    "GROUP BY due_date", (since, until))


def active_staff(db: Database) -> dict[str, Any]:
    """Active staff on the roster, and how many of them test daily."""
    [row] = db.query("SELECT count(*) AS staff, coalesce(sum(test_regime = 'daily'), 0) AS daily "
                     "FROM staff WHERE active = 1")
    return {"staff": int(row["staff"] or 0), "daily": int(row["daily"] or 0)}


def stays_by_in_and_out_day(db: Database) -> list[dict[str, Any]]:
    """Stays counted by check-in day and end day (None: still here), in one pass over stays;
    the caller turns it into people present per day."""
    return db.query("SELECT substr(checked_in_at, 1, 10) AS day_in, substr(ended_at, 1, 10) AS day_out, "
                    "count(*) AS n FROM stays WHERE checked_in_at IS NOT NULL GROUP BY day_in, day_out")


def samples_by_day(db: Database, since: str) -> dict[str, int]:
    """Samples taken per day since ``since`` (through the (due_date, sampled_at) index)."""
    return {r["day"]: int(r["n"]) for r in db.query(
        "SELECT substr(sampled_at, 1, 10) AS day, count(*) AS n FROM tests "
        "WHERE due_date >= ? AND sampled_at >= ? GROUP BY day", (since, since))}


def floors(db: Database) -> list[dict[str, Any]]:
    """Building and floor of every floor with rooms (issue destinations)."""
    return db.query("SELECT b.code AS building, r.floor FROM rooms r JOIN buildings b ON b.id = r.building_id "
                    "GROUP BY b.code, r.floor ORDER BY b.sort_order, b.code, r.floor")
