"""Supplies services: receipts, issues (FEFO, never negative), adjustments, stock counts,
transfers out, the forecast read model and the demo ledger."""
from datetime import date, datetime, timedelta

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.roles import Actor
from isolation_desk.services import demo, supplies
from isolation_desk.storage import repo_accounts
from isolation_desk.storage import repo_supplies as rs
from isolation_desk.storage import repositories as repo


@pytest.fixture
def mask(db, manager, now):
    return supplies.create_item(db, name="医用防护口罩(N95)", category="protective_equipment", unit="只",
                                reorder_level=50, critical=True, tracks_expiry=True,
                                consumption="per_staff_shift", rate=2, actor=manager, now=now)


@pytest.fixture
def water(db, manager, now):
    return supplies.create_item(db, name="瓶装饮用水", category="food_and_water", unit="瓶",
                                reorder_level=30, consumption="per_occupant_day", rate=3,
                                actor=manager, now=now)


def snapshot(db):
    return (db.scalar("SELECT count(*) FROM supply_movements"), db.scalar("SELECT count(*) FROM supply_lots"),
            db.scalar("SELECT count(*) FROM audit"))


def test_receipt(db, manager, now, mask):
    audits = db.scalar("SELECT count(*) FROM audit")
    movement_id = supplies.receive(db, mask, "1,200", party="市应急物资储备中心", lot="20221101A",
                                   expiry_date="2024-10-31", maker="稳健医疗", reference="RK-001",
                                   actor=manager, now=now)
    m = repo.get(db, "supply_movements", movement_id)
    assert (m["kind"], m["quantity"], m["party"], m["reference"], m["actor"]) == \
        ("receipt", 1200.0, "市应急物资储备中心", "RK-001", "manager1")
    lot = rs.lot(db, m["lot_id"])
    assert (lot["lot"], lot["expiry_date"], lot["maker"]) == ("20221101A", "2024-10-31", "稳健医疗")
    assert rs.on_hand(db, mask) == 1200
    assert db.scalar("SELECT count(*) FROM audit") == audits + 1
    entry = repo_accounts.audit_search(db, entity="supply_item")[0]
    assert entry["action"] == "stock_received" and entry["entity_id"] == str(mask)
    # the same lot again adds to it
    supplies.receive(db, mask, 100, party="红十字会捐赠", lot="20221101A", expiry_date=date(2024, 10, 31),
                     actor=manager, now=now)
    assert [(r["lot"], r["on_hand"]) for r in supplies.lots(db, mask)] == [("20221101A", 1300.0)]


@pytest.mark.parametrize("kwargs,code", [
    ({"quantity": 0}, "quantity_not_positive"),
    ({"quantity": "abc"}, "quantity_invalid"),
    ({"quantity": -5}, "quantity_negative"),
    ({"party": " "}, "supplier_required"),
    ({"lot": ""}, "lot_required"),
    ({"expiry_date": None}, "expiry_required"),
    ({"expiry_date": "2022-11-19"}, "expiry_in_past"),
])
def test_receipt_refused(db, manager, now, mask, kwargs, code):
    args = {"quantity": 10, "party": "供应商", "lot": "L1", "expiry_date": "2023-06-30"}
    args.update(kwargs)
    before = snapshot(db)
    with pytest.raises(DomainError) as err:
        supplies.receive(db, mask, args.pop("quantity"), actor=manager, now=now, **args)
    assert err.value.code == code
    assert snapshot(db) == before


def test_issue_takes_first_expiry_first(db, manager, now, mask):
    supplies.receive(db, mask, 100, party="A", lot="LATE", expiry_date="2024-01-01", actor=manager, now=now)
    supplies.receive(db, mask, 30, party="B", lot="SOON", expiry_date="2023-01-01", actor=manager, now=now)
    ids = supplies.issue(db, mask, 50, to="医疗组", actor=manager, now=now)
    rows = [repo.get(db, "supply_movements", i) for i in ids]
    assert [(rs.lot(db, r["lot_id"])["lot"], r["quantity"]) for r in rows] == [("SOON", -30.0), ("LATE", -20.0)]
    assert {r["party"] for r in rows} == {"医疗组"}
    assert rs.on_hand(db, mask) == 80
    # one user action, one audit entry
    assert [e["action"] for e in repo_accounts.audit_search(db, entity="supply_item")][:1] == ["stock_issued"]


def test_issue_that_would_go_negative_is_refused_and_nothing_is_written(db, manager, now, water):
    supplies.receive(db, water, 40, party="滨江餐饮配送中心", actor=manager, now=now)
    before = snapshot(db)
    with pytest.raises(DomainError) as err:
        supplies.issue(db, water, 41, to="A栋", actor=manager, now=now)
    assert err.value.code == "stock_insufficient"
    assert err.value.params == {"requested": "41", "available": "40"}
    assert snapshot(db) == before
    assert rs.on_hand(db, water) == 40
    # a transfer out and a negative adjustment are refused the same way
    with pytest.raises(DomainError):
        supplies.transfer_out(db, water, 50, destination="城南隔离点", actor=manager, now=now)
    with pytest.raises(DomainError) as err:
        supplies.adjust(db, water, -41, reason="破损", actor=manager, now=now)
    assert err.value.code == "stock_would_go_negative"
    assert snapshot(db) == before
    supplies.issue(db, water, 40, to="A栋", actor=manager, now=now)
    assert rs.on_hand(db, water) == 0


def test_expired_lot_is_not_issued(db, manager, now, mask):
    supplies.receive(db, mask, 10, party="A", lot="OLD", expiry_date="2022-11-25", actor=manager,
                     now=now - timedelta(days=30))
    later = datetime(2022, 11, 26, 9, 0)
    with pytest.raises(DomainError) as err:
        supplies.issue(db, mask, 1, to="医疗组", actor=manager, now=later)
    assert err.value.code == "stock_insufficient"
    old = supplies.lots(db, mask)[0]["lot_id"]
    with pytest.raises(DomainError) as err:
        supplies.issue(db, mask, 1, to="医疗组", lot_id=old, actor=manager, now=later)
    assert err.value.code == "lot_expired"
    # written off with an adjustment
    supplies.adjust(db, mask, -10, reason="过期报废", actor=manager, now=later)
    assert rs.on_hand(db, mask) == 0


def test_stock_count_produces_the_right_adjustments(db, manager, now, mask):
    supplies.receive(db, mask, 100, party="A", lot="L1", expiry_date="2023-05-01", actor=manager, now=now)
    supplies.receive(db, mask, 50, party="A", lot="L2", expiry_date="2023-09-01", actor=manager, now=now)
    supplies.issue(db, mask, 30, to="医疗组", actor=manager, now=now)  # L1: 70, L2: 50
    l1, l2 = [r["lot_id"] for r in supplies.lots(db, mask)]
    audits = db.scalar("SELECT count(*) FROM audit")
    result = supplies.count(db, mask, {l1: 64, l2: "50"}, note="月度盘点", actor=manager, now=now)
    assert result.adjustments == {l1: -6.0}  # L2 agreed with the book: no movement
    (m,) = [repo.get(db, "supply_movements", i) for i in result.movement_ids]
    assert (m["kind"], m["quantity"], m["lot_id"], m["reason"]) == ("count", -6.0, l1, "月度盘点")
    assert rs.on_hand(db, mask) == 114
    assert db.scalar("SELECT count(*) FROM audit") == audits + 1
    # more found than the book says: a positive adjustment
    result = supplies.count(db, mask, {l2: 55}, actor=manager, now=now)
    assert result.adjustments == {l2: 5.0}
    assert {r["lot"]: r["on_hand"] for r in supplies.lots(db, mask)} == {"L1": 64.0, "L2": 55.0}
    with pytest.raises(DomainError) as err:
        supplies.count(db, mask, {l1: ""}, actor=manager, now=now)
    assert err.value.code == "count_empty"


def test_count_of_an_item_without_lots(db, manager, now, water):
    supplies.receive(db, water, 100, party="滨江餐饮配送中心", actor=manager, now=now)
    result = supplies.count(db, water, {None: 88}, actor=manager, now=now)
    assert result.adjustments == {None: -12.0}
    assert rs.on_hand(db, water) == 88


def test_adjustment_needs_a_reason_and_a_difference(db, manager, now, water):
    supplies.receive(db, water, 10, party="X", actor=manager, now=now)
    with pytest.raises(DomainError) as err:
        supplies.adjust(db, water, 3, reason="", actor=manager, now=now)
    assert err.value.code == "reason_required"
    with pytest.raises(DomainError) as err:
        supplies.adjust(db, water, "0", reason="x", actor=manager, now=now)
    assert err.value.code == "adjustment_zero"
    supplies.adjust(db, water, "+2", reason="盘盈", actor=manager, now=now)
    supplies.adjust(db, water, "-5", reason="破损", actor=manager, now=now)
    assert rs.on_hand(db, water) == 7


def test_transfer_out_is_not_consumption(db, manager, now, water):
    supplies.receive(db, water, 100, party="X", actor=manager, now=now - timedelta(days=3))
    supplies.transfer_out(db, water, 40, destination="城南隔离点", actor=manager, now=now - timedelta(days=2))
    supplies.issue(db, water, 14, to="A栋", actor=manager, now=now - timedelta(days=1))
    row = supplies.item_forecast(db, water, now)
    assert row["on_hand"] == 46
    assert row["forecast"].recent_daily_use == pytest.approx(14 / 3)  # the item is three days old


def test_viewer_may_not_move_stock(db, manager, now, water):
    viewer = Actor("v", "viewer")
    with pytest.raises(DomainError) as err:
        supplies.receive(db, water, 1, party="X", actor=viewer, now=now)
    assert err.value.code == "permission_denied"
    logistics = Actor("l", "logistics")
    supplies.receive(db, water, 1, party="X", actor=logistics, now=now)


def test_item_validation(db, manager, now, water):
    with pytest.raises(DomainError) as err:
        supplies.create_item(db, name="瓶装饮用水", category="food_and_water", unit="瓶", actor=manager, now=now)
    assert err.value.code == "item_name_taken"
    for kwargs, code in [({"category": "toys"}, "item_category_unknown"), ({"unit": ""}, "unit_empty"),
                         ({"consumption": "often"}, "consumption_unknown"), ({"rate": -1}, "rate_negative"),
                         ({"reorder_level": -1}, "reorder_level_negative"), ({"name": " "}, "item_name_empty")]:
        args = {"name": "新物资", "category": "medicine", "unit": "盒"}
        args.update(kwargs)
        with pytest.raises(DomainError) as err:
            supplies.create_item(db, actor=manager, now=now, **args)
        assert err.value.code == code
    supplies.update_item(db, water, {"reorder_level": 60}, actor=manager, now=now)
    assert rs.item(db, water)["reorder_level"] == 60


def test_forecast_uses_occupants_present(db, manager, now, water):
    """Implied demand follows the people present: check in 5 people, 3 bottles a day each."""
    from isolation_desk.domain.identity import make_resident_id
    from isolation_desk.domain.registration import Registration
    from isolation_desk.services import stays
    for i in range(5):
        reg = Registration(name=f"张{'一二三四五'[i]}", id_type="resident_id",
                           id_number=make_resident_id("110101", date(1990, 1, 1 + i), i, "M"),
                           sex="M", birth_date=date(1990, 1, 1 + i), phone="13800000000",
                           category="close_contact", last_exposure_date=now.date(), arrival_date=now.date())
        stays.check_in(db, reg, manager, now)
    supplies.receive(db, water, 150, party="X", actor=manager, now=now)
    row = supplies.item_forecast(db, water, now)
    # no use yet: 5 occupants x 3 = 15 a day while they are here (released on day 5 or 7)
    assert row["basis"] == "implied_demand" and row["reason"] == "implied_higher"
    demand = supplies.coming_demand(db, now.date())
    assert demand.occupants[0] == 5
    assert row["on_hand"] == 150


def test_overview_and_export_and_restock(demo_db, now):
    rows = supplies.stock_overview(demo_db, now)
    assert len(rows) == len(demo.DEMO_ITEMS)
    by_name = {r["item"]: r for r in rows}
    # the demo leaves a few items short and one lot of antigen kits about to expire
    short = supplies.below_reorder(demo_db, now)
    assert {"医用防护服", "核酸采样拭子", "卫生纸"} <= {r["item"] for r in short}
    assert all(r["on_hand"] < r["reorder_level"] for r in short)
    assert short[0]["critical"]
    assert by_name["抗原检测试剂盒"]["expiring"] == 1
    for r in rows:
        assert r["on_hand"] >= 0
        if r["days_of_supply"] is not None:
            assert r["run_out_date"] >= now.date()
    export = supplies.export_rows(demo_db, now)
    assert set(export[0]) >= {"item", "category", "unit", "on_hand", "reorder_level",
                              "days_of_supply", "run_out_date"}
    request = supplies.restock_request(demo_db, now)
    assert request.site_name and [r["item"] for r in request.rows] == [r["item"] for r in short]
    assert all(r["restock_quantity"] > 0 for r in request.rows)


def test_demo_ledger_never_negative_and_audited(demo_db, now):
    negative = demo_db.query("SELECT item_id, lot_id, sum(quantity) AS q FROM supply_movements "
                             "GROUP BY item_id, lot_id HAVING q < -1e-9")
    assert negative == []
    kinds = {r["kind"] for r in demo_db.query("SELECT DISTINCT kind FROM supply_movements")}
    assert kinds == {"receipt", "issue", "adjustment", "count", "transfer_out"}
    assert demo_db.scalar("SELECT max(at) FROM supply_movements") < now.isoformat()
    assert repo.verify_audit_chain(demo_db) == []
    history = supplies.stock_history(demo_db, rs.item_by_name(demo_db, "盒饭")["id"], now)
    assert history[-1][0] == now.date() and len(history) >= 14


def test_on_hand_is_right_with_a_big_ledger(db, manager, now, water, mask):
    """120,000 movements: the overview's balance and the ledger's running balance agree
    (its speed is a figure of the bench, not of a test)."""
    rows = [(water, None, (now - timedelta(minutes=i)).isoformat(), "receipt" if i % 2 else "issue",
             1.0 if i % 2 else -1.0, "X", None, None, "t") for i in range(120_000)]
    with db.transaction():
        rs.insert_movements(db, rows)
    supplies.receive(db, water, 5, party="X", actor=manager, now=now)
    overview = supplies.stock_overview(db, now)
    assert {r["item"]: r["on_hand"] for r in overview}["瓶装饮用水"] == 5
    assert supplies.ledger(db, water, limit=10)[0]["balance"] == 5


def test_every_supplies_code_has_a_sentence_in_both_languages():
    from isolation_desk.messages import describe
    from isolation_desk.messages.supplies import MESSAGES
    params = {"available": "3", "requested": "5", "item": "N95", "lot": "L1", "balance": "-2",
              "name": "N95", "value": "x", "expiry": "2023-01-01"}
    for code, (en, zh) in MESSAGES.items():
        assert en.strip() and zh.strip()
        for lang in ("en", "zh_CN"):
            text = describe(DomainError(code, **params), lang)
            assert "{" not in text and text != code


def test_stock_history_window_matches_the_full_history(demo_db, now):
    item = rs.item_by_name(demo_db, "医用防护服")["id"]
    full = dict(supplies.stock_history(demo_db, item, now))
    window = supplies.stock_history(demo_db, item, now, days=5)
    assert len(window) == 6 and window[-1][0] == now.date()
    for day, balance in window:
        assert balance == pytest.approx(full[day])
    ledger = supplies.ledger(demo_db, item, limit=3)
    assert ledger[0]["balance"] == pytest.approx(rs.on_hand(demo_db, item))
    assert ledger[1]["balance"] == pytest.approx(ledger[0]["balance"] - ledger[0]["quantity"])


def test_people_present_per_day_in_one_pass(demo_db, now):
    from datetime import date as _date
    days = [now.date() - timedelta(days=k) for k in range(15, -1, -1)]
    counts = demo._present_per_day(demo_db, days)
    for d, n in zip(days, counts, strict=True):
        start, end = d.isoformat(), (d + timedelta(days=1)).isoformat()
        assert n == demo_db.scalar("SELECT count(*) FROM stays WHERE checked_in_at IS NOT NULL AND "
                                   "checked_in_at < ? AND (ended_at IS NULL OR ended_at >= ?)", (end, start))
    assert counts[-1] > 0 and isinstance(days[0], _date)
