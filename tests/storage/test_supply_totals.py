"""The stock's running totals (migration 0010, issue 16): the balance per item and lot and the
units issued per item and day, kept by triggers on the ledger, always equal what summing the
ledger gives — after every kind of movement, a restore, and the migration of an older file."""
from datetime import timedelta

import pytest
import sqlite_utils

from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import backup, supplies
from isolation_desk.storage import database
from isolation_desk.storage import repo_supplies as rs
from isolation_desk.storage.database import open_database
from isolation_desk.storage.migrations import migrations


def ledger_balances(db) -> dict:
    return {(r["item_id"], r["lot_id"]): r["on_hand"] for r in db.query(
        "SELECT item_id, lot_id, sum(quantity) AS on_hand FROM supply_movements GROUP BY item_id, lot_id")}


def kept_balances(db) -> dict:
    return {(r["item_id"], r["lot_id"]): r["on_hand"] for r in rs.all_lot_balances(db)}


def assert_totals_match_the_ledger(db, days) -> None:
    assert kept_balances(db) == ledger_balances(db)
    for first, end in days:
        by_day = rs.issued_between(db, first.isoformat(), end.isoformat())  # the daily totals
        by_moment = rs.issued_between(db, f"{first.isoformat()}T00:00:00", f"{end.isoformat()}T00:00:00")
        assert by_day == by_moment
        for item_id in by_moment:
            assert rs.issued_between(db, first.isoformat(), end.isoformat(), item_id) == \
                {item_id: by_moment[item_id]}


@pytest.fixture
def items(db, manager, now):
    mask = supplies.create_item(db, name="口罩", category="protective_equipment", unit="只", reorder_level=50,
                                tracks_expiry=True, consumption="per_staff_shift", rate=2, actor=manager, now=now)
    water = supplies.create_item(db, name="饮用水", category="food_and_water", unit="瓶", reorder_level=30,
                                 consumption="per_occupant_day", rate=3, actor=manager, now=now)
    return mask, water


def windows(now):
    today = now.date()
    return [(today - timedelta(days=7), today), (today, today + timedelta(days=1)),
            (today - timedelta(days=3), today - timedelta(days=2)),
            (today - timedelta(days=30), today + timedelta(days=1))]


def test_every_kind_of_movement_keeps_the_totals_equal_to_the_ledger(db, manager, now, items, tmp_path):
    mask, water = items
    day = [now - timedelta(days=d) for d in range(5, -1, -1)]
    supplies.receive(db, mask, 100, party="A", lot="L1", expiry_date="2023-05-01", actor=manager, now=day[0])
    supplies.receive(db, mask, 50, party="A", lot="L2", expiry_date="2023-09-01", actor=manager, now=day[0])
    supplies.receive(db, water, "120.5", party="B", actor=manager, now=day[0])
    assert_totals_match_the_ledger(db, windows(now))
    supplies.issue(db, mask, 30, to="医疗组", actor=manager, now=day[1])
    supplies.issue(db, mask, 80, to="医疗组", actor=manager, now=day[2])  # across both lots
    supplies.issue(db, water, "12.25", to="A栋", actor=manager, now=day[2])
    supplies.issue(db, water, 7, to="A栋", actor=manager, now=day[2].replace(hour=23, minute=59))
    supplies.transfer_out(db, water, 40, destination="城南隔离点", actor=manager, now=day[3])
    assert_totals_match_the_ledger(db, windows(now))
    lot_ids = {r["lot"]: r["lot_id"] for r in rs.lot_balances(db, mask)}
    l1, l2 = lot_ids["L1"], lot_ids["L2"]
    supplies.count(db, mask, {l2: 35}, note="盘点", actor=manager, now=day[4])
    supplies.count(db, water, {None: 60}, actor=manager, now=day[4])
    supplies.adjust(db, water, "+2", reason="盘盈", actor=manager, now=day[5])
    supplies.adjust(db, mask, -5, lot_id=l2, reason="破损", actor=manager, now=day[5])
    supplies.issue(db, water, 3, to="B栋", actor=manager, now=day[5])
    assert_totals_match_the_ledger(db, windows(now))
    assert kept_balances(db)[(mask, l1)] == 0  # a lot used up keeps its row at zero, as its ledger group
    assert rs.issued_between(db, day[2].date().isoformat(), day[3].date().isoformat()) == \
        {mask: 80.0, water: 19.25}
    # a restore brings the totals of the backup's moment back with its ledger
    taken = backup.backup_now(db, SYSTEM, now)
    before = kept_balances(db)
    supplies.receive(db, water, 500, party="B", actor=manager, now=now)
    supplies.issue(db, water, 20, to="A栋", actor=manager, now=now)
    assert kept_balances(db) != before
    path = db.path
    db.close()
    backup.restore(path, taken, SYSTEM, now)
    restored = open_database(path)
    try:
        assert kept_balances(restored) == before
        assert_totals_match_the_ledger(restored, windows(now))
    finally:
        restored.close()


def test_a_changed_or_deleted_movement_moves_the_totals_with_it(db, manager, now, items):
    mask, water = items
    supplies.receive(db, water, 100, party="B", actor=manager, now=now - timedelta(days=2))
    (issued,) = supplies.issue(db, water, 10, to="A栋", actor=manager, now=now - timedelta(days=1))
    (other,) = supplies.issue(db, water, 4, to="A栋", actor=manager, now=now)
    with db.transaction():  # the ledger is append-only in the app; the totals follow any change
        db.execute("UPDATE supply_movements SET quantity = -12, at = ? WHERE id = ?",
                   ((now - timedelta(days=3)).isoformat(), issued))
        db.execute("UPDATE supply_movements SET item_id = ? WHERE id = ?", (mask, other))
        db.execute("DELETE FROM supply_movements WHERE kind = 'receipt'")
    assert_totals_match_the_ledger(db, windows(now))
    assert kept_balances(db)[(water, None)] == -12


def test_the_migration_fills_the_totals_of_an_existing_ledger(tmp_path, now):
    path = tmp_path / "old.sqlite"
    raw = sqlite_utils.Database(path)
    migrations.apply(raw, stop_before="0010_supply_running_totals")
    raw.conn.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    raw.execute("INSERT INTO supply_items (id, name, category, unit) VALUES (1, '口罩', 'protective_equipment', '只'), "
                "(2, '饮用水', 'food_and_water', '瓶')")
    raw.execute("INSERT INTO supply_lots (id, item_id, lot, expiry_date) VALUES (1, 1, 'L1', '2023-05-01'), "
                "(2, 1, 'L2', '2023-09-01')")
    rows = []
    for i in range(400):
        at = (now - timedelta(days=i % 20, minutes=7 * i)).isoformat()
        item, lot = (1, 1 + i % 2) if i % 3 else (2, None)
        kind, quantity = ("receipt", 25.0) if i % 5 == 0 else ("issue", -0.5 - (i % 4))
        rows.append((item, lot, at, kind, quantity, "x", None, None, "t"))
    raw.conn.executemany("INSERT INTO supply_movements (item_id, lot_id, at, kind, quantity, party, reason, "
                         "reference, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    raw.conn.commit()
    raw.close()
    db = open_database(path)
    try:
        assert db.scalar("SELECT count(*) FROM supply_balances") == 3
        assert_totals_match_the_ledger(db, windows(now))
        # and the triggers carry on from there
        db.execute("INSERT INTO supply_movements (item_id, lot_id, at, kind, quantity, actor) "
                   "VALUES (2, NULL, ?, 'issue', -3, 't')", (now.isoformat(),))
        assert_totals_match_the_ledger(db, windows(now))
    finally:
        db.close()


def test_fractional_quantities_leave_the_same_balance_in_the_overview_and_the_item(db, manager, now, items):
    """A running total and a sum of the same tenths differ in the last bit (1e-16 against
    -6e-17): both are read to 6 decimals, so a lot is empty in both views or in neither."""
    _, water = items
    supplies.receive(db, water, "1.0", party="B", actor=manager, now=now - timedelta(hours=2))
    for minute in range(10):
        supplies.issue(db, water, "0.1", to="医疗组", actor=manager, now=now - timedelta(minutes=60 - minute))
    kept = {r["lot_id"]: r["on_hand"] for r in rs.all_lot_balances(db) if r["item_id"] == water}
    summed = {r["lot_id"]: r["on_hand"] for r in rs.lot_balances(db, water)}
    assert kept == summed == {None: 0.0}
    assert rs.on_hand(db, water) == 0.0
    assert str(kept[None]) == "0.0"  # never "-0.0"
