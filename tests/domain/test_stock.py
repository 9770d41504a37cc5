"""The stock forecast on hand-computed cases."""
from datetime import date, timedelta

import pytest

from isolation_desk.domain import stock
from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.stock import StockLot

TODAY = date(2022, 11, 20)


def lots(*quantities_and_expiry):
    return [StockLot(i + 1, f"L{i + 1}", exp, q) for i, (q, exp) in enumerate(quantities_and_expiry)]


def test_constant_use():
    # 70 issued in the last 7 days = 10 a day; 10 occupants x 1 meal box = 10 a day implied.
    recent = stock.recent_daily_use(70, days_observed=30)
    assert recent == 10
    implied = stock.implied_daily_demand("per_occupant_day", 1.0, occupants=[10] * 7)
    f = stock.forecast(today=TODAY, lots=lots((100, None)), recent_use_per_day=recent,
                       implied=implied, consumption="per_occupant_day", reorder_level=30)
    assert f.days_of_supply == 10.0
    assert f.run_out_date == TODAY + timedelta(days=10)
    assert f.basis == stock.BASIS_RECENT and f.reason == stock.REASON_EQUAL
    assert f.status == "ok"
    # 95 on hand: day 9 gets only 5 of its 10.
    f = stock.forecast(today=TODAY, lots=lots((95, None)), recent_use_per_day=10, implied=None,
                       consumption="unplanned")
    assert f.days_of_supply == 9.5
    assert f.run_out_date == TODAY + timedelta(days=9)
    assert f.reason == stock.REASON_UNPLANNED


def test_rising_occupancy_uses_implied_demand():
    # Recent use 10 a day, but occupants rise: 10, 20, 30, 40, 40, 40, 40 (2 bottles each).
    implied = stock.implied_daily_demand("per_occupant_day", 2.0,
                                         occupants=[10, 20, 30, 40, 40, 40, 40])
    assert implied == [20, 40, 60, 80, 80, 80, 80]
    f = stock.forecast(today=TODAY, lots=lots((200, None)), recent_use_per_day=10,
                       implied=implied, consumption="per_occupant_day", reorder_level=50)
    assert f.basis == stock.BASIS_IMPLIED and f.reason == stock.REASON_IMPLIED_HIGHER
    # 200 - 20 - 40 - 60 = 80 left after day 2; day 3 needs 80: exactly used up.
    # Day 4 needs 80 and gets nothing: run-out date day 4, 4.0 days.
    assert f.days_of_supply == 4.0
    assert f.run_out_date == TODAY + timedelta(days=4)
    assert f.daily_use == pytest.approx(440 / 7)
    assert f.status == "low"  # above reorder level but under a week of supply


def test_sampling_day_spike():
    # Swabs: 1 per sample; tests due 5, 5, 80 (a sampling day of the schedule), 5, 5, 5, 5.
    implied = stock.implied_daily_demand("per_sample", 1.0, samples=[5, 5, 80, 5, 5, 5, 5])
    f = stock.forecast(today=TODAY, lots=lots((60, None)), recent_use_per_day=10,
                       implied=implied, consumption="per_sample", reorder_level=20)
    assert f.basis == stock.BASIS_IMPLIED  # 110 in the window against 70
    # 60 - 5 - 5 = 50 left for day 2, which needs 80: 2 + 50/80 days.
    assert f.days_of_supply == pytest.approx(2.625)
    assert f.run_out_date == TODAY + timedelta(days=2)
    # Recent use alone would have said 6 days: the spike is what matters.
    g = stock.forecast(today=TODAY, lots=lots((60, None)), recent_use_per_day=10, implied=None,
                       consumption="unplanned")
    assert g.days_of_supply == 6.0


def test_recent_use_higher_than_plan():
    implied = stock.implied_daily_demand("per_staff_shift", 2.0, staff_shifts=[3] * 7)  # 6 a day
    f = stock.forecast(today=TODAY, lots=lots((90, None)), recent_use_per_day=15,
                       implied=implied, consumption="per_staff_shift")
    assert f.basis == stock.BASIS_RECENT and f.reason == stock.REASON_RECENT_HIGHER
    assert f.days_of_supply == 6.0


def test_no_staff_recorded_falls_back_to_recent_use():
    implied = stock.implied_daily_demand("per_staff_shift", 2.0, staff_shifts=None)
    assert implied is None
    f = stock.forecast(today=TODAY, lots=lots((90, None)), recent_use_per_day=15,
                       implied=implied, consumption="per_staff_shift")
    assert f.reason == stock.REASON_NO_STAFF and f.days_of_supply == 6.0


def test_no_use_at_all():
    f = stock.forecast(today=TODAY, lots=lots((40, None)), recent_use_per_day=0.0,
                       implied=[0.0] * 7, consumption="per_occupant_day", reorder_level=10)
    assert f.basis == stock.BASIS_NONE and f.reason == stock.REASON_NO_USE
    assert f.days_of_supply is None and f.run_out_date is None
    assert f.status == "ok"
    f = stock.forecast(today=TODAY, lots=[], recent_use_per_day=0.0, implied=None,
                       consumption="unplanned", reorder_level=10)
    assert f.days_of_supply == 0.0 and f.run_out_date == TODAY
    assert f.status == "out" and f.reason == stock.REASON_NOTHING_ON_HAND


def test_item_that_expires_before_it_is_used_up():
    # Antigen kits: lot 1 (50) expires in 3 days, lot 2 (30) has no expiry; 5 used a day.
    f = stock.forecast(today=TODAY, lots=lots((50, TODAY + timedelta(days=3)), (30, None)),
                       recent_use_per_day=5, implied=None, consumption="unplanned",
                       reorder_level=10)
    # Days 0..3 take 20 of lot 1; its last 30 are lost after day 3. Lot 2's 30 last 6 days:
    # days 4..9. Day 10 has nothing: 10 days, not the 16 that 80 / 5 would suggest.
    assert f.days_of_supply == 10.0
    assert f.run_out_date == TODAY + timedelta(days=10)
    assert f.wasted_by_expiry == 30
    (alert,) = f.expiry_alerts
    assert alert.lot == "L1" and alert.days_left == 3 and alert.unused_at_expiry == 30


def test_expired_lot_is_not_supply():
    f = stock.forecast(today=TODAY, lots=lots((50, TODAY - timedelta(days=1)), (20, None)),
                       recent_use_per_day=10, implied=None, consumption="unplanned")
    assert f.on_hand == 70 and f.usable_on_hand == 20
    assert f.days_of_supply == 2.0
    assert f.expiry_alerts[0].expired and f.expiry_alerts[0].unused_at_expiry == 50


def test_recent_use_of_a_new_item():
    assert stock.recent_daily_use(30, days_observed=3) == 10
    assert stock.recent_daily_use(30, days_observed=0) == 30
    assert stock.recent_daily_use(70, days_observed=100) == 10


def test_fefo_takes_first_expiry_first_and_skips_expired():
    ls = [StockLot(1, "late", TODAY + timedelta(days=90), 40),
          StockLot(2, "soon", TODAY + timedelta(days=5), 10),
          StockLot(3, "gone", TODAY - timedelta(days=1), 100),
          StockLot(None, "", None, 7)]
    taken = stock.fefo_allocate(ls, 25, TODAY)
    assert [(lot.lot, q) for lot, q in taken] == [("soon", 10), ("late", 15)]
    taken = stock.fefo_allocate(ls, 55, TODAY)
    assert [(lot.lot, q) for lot, q in taken] == [("soon", 10), ("late", 40), ("", 5)]
    with pytest.raises(DomainError) as err:
        stock.fefo_allocate(ls, 58, TODAY)
    assert err.value.code == "stock_insufficient"
    assert err.value.params["available"] == "57"


def test_restock_quantity_and_count_adjustments():
    assert stock.restock_quantity(on_hand=20, reorder_level=50, daily_use=10) == 120
    assert stock.restock_quantity(on_hand=20, reorder_level=50, daily_use=1) == 80
    assert stock.restock_quantity(on_hand=500, reorder_level=50, daily_use=1) == 0
    assert stock.count_adjustments({1: 10, 2: 5, None: 3}, {1: 8, 2: 5, None: 4}) == {1: -2, None: 1}
    with pytest.raises(DomainError):
        stock.count_adjustments({1: 10}, {1: -1})


@pytest.mark.parametrize("text,value", [("12", 12.0), (" 1,200 ", 1200.0), ("１２．５", 12.5)])
def test_validate_quantity(text, value):
    assert stock.validate_quantity(text) == value


@pytest.mark.parametrize("text,code", [("", "quantity_invalid"), ("abc", "quantity_invalid"),
                                       ("-3", "quantity_negative"), ("0", "quantity_not_positive"),
                                       ("nan", "quantity_invalid")])
def test_validate_quantity_refuses(text, code):
    with pytest.raises(DomainError) as err:
        stock.validate_quantity(text)
    assert err.value.code == code


def test_what_today_already_used_is_not_counted_twice():
    # 10 a day; 4 were issued this morning and are no longer on hand: today needs 6 more.
    f = stock.forecast(today=TODAY, lots=lots((36, None)), recent_use_per_day=10, implied=None,
                       consumption="unplanned", used_today=4)
    assert f.days_of_supply == 4.0  # 6 today, 10 on days 1..3


def test_beyond_the_window_implied_demand_continues_at_its_average():
    # 7-day window averages 10 a day (5 then 15): after day 6 the forecast keeps 10 a day.
    implied = [5.0, 5.0, 5.0, 15.0, 15.0, 15.0, 10.0]
    f = stock.forecast(today=TODAY, lots=lots((100, None)), recent_use_per_day=1, implied=implied,
                       consumption="per_occupant_day")
    # 70 in the first 7 days, then 30 more at 10 a day: 10 days
    assert f.days_of_supply == 10.0 and f.daily_use == 10.0
    # a short series (3 known days) is filled with its own average for the comparison
    basis, reason, window = stock.choose_basis(1.0, [3.0, 3.0, 3.0], "per_sample")
    assert basis == stock.BASIS_IMPLIED and window == [3.0] * 7
