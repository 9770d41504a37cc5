"""pytest-qt: receive, issue and count through the dialogs; the stock table and the days of
supply follow."""
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from isolation_desk.domain.changes import Changes, Kind
from isolation_desk.domain.roles import SYSTEM, Actor
from isolation_desk.services import demo, supplies
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.supplies import AdjustDialog, CountDialog, IssueDialog, ItemDialog, ReceiveDialog
from isolation_desk.ui.screens.supplies import SuppliesScreen

NOW = datetime(2022, 11, 20, 9, 30)


@pytest.fixture
def ctx(db):
    return AppContext(db, SYSTEM, "en", clock=lambda: NOW)


@pytest.fixture
def screen(qtbot, ctx):
    s = SuppliesScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1200, 800)
    s.show()
    qtbot.waitExposed(s)
    return s


@pytest.fixture
def swabs(ctx):
    return supplies.create_item(ctx.db, name="核酸采样拭子", category="testing", unit="支", reorder_level=100,
                                critical=True, tracks_expiry=True, consumption="per_sample", rate=1.0,
                                actor=SYSTEM, now=NOW)


def table_row(screen, item_id):
    model = screen.model
    row = model.row_of_key(item_id)
    assert row >= 0
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_models_pass_the_model_tester(qtmodeltester, screen, swabs, ctx):
    supplies.receive(ctx.db, swabs, 300, party="华大基因", lot="L1", expiry_date="2023-12-31",
                     actor=SYSTEM, now=NOW)
    screen.refresh()
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.ledger_model)


def test_receive_issue_and_count_through_the_dialogs(qtbot, screen, ctx, swabs):
    """10 swabs a day were used over the last week and none is left: receiving, issuing and
    counting through the dialogs moves on hand and days of supply in the table."""
    from datetime import timedelta
    supplies.receive(ctx.db, swabs, 70, party="华大基因", lot="L0", expiry_date="2023-06-30",
                     actor=SYSTEM, now=NOW - timedelta(days=8))
    for k in range(1, 8):
        supplies.issue(ctx.db, swabs, 10, to="采样组", actor=SYSTEM, now=NOW - timedelta(days=k))
    screen.refresh()
    row = table_row(screen, swabs)
    assert row[3] == "0" and row[6] == "0.0" and row[7] == NOW.date().isoformat()

    # receive 300 swabs of lot L1: 30 days at 10 a day
    dialog = ReceiveDialog(ctx, swabs, screen)
    qtbot.addWidget(dialog)
    assert dialog.item_id() == swabs
    qtbot.keyClicks(dialog.quantity, "300")
    dialog.party.setEditText("华大基因")
    qtbot.keyClicks(dialog.lot, "L1")
    qtbot.keyClicks(dialog.expiry, "2023-12-31")
    with qtbot.waitSignal(ctx.changed, timeout=2000) as blocker:
        dialog.accept()
    assert blocker.args == [Changes.of(Kind.STOCK, Kind.AUDIT)]
    assert dialog.result() == QDialog.Accepted
    row = table_row(screen, swabs)
    assert (row[3], row[5], row[6], row[7]) == ("300", "10", "30.0", "2022-12-20")

    # issue 120 to the sampling team: 180 left; today's need is covered, then 18 days
    dialog = IssueDialog(ctx, swabs, screen)
    qtbot.addWidget(dialog)
    assert "300" in dialog.available.text()
    assert dialog.lot.count() == 2  # FEFO + lot L1
    qtbot.keyClicks(dialog.quantity, "120")
    dialog.party.setEditText("采样组")
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    row = table_row(screen, swabs)
    assert (row[3], row[6]) == ("180", "19.0")

    # count: 170 on the shelf -> an adjustment of -10, one day less
    dialog = CountDialog(ctx, swabs, screen)
    qtbot.addWidget(dialog)
    (lot_id,) = dialog.counted
    dialog.set_counted(lot_id, "170")
    dialog.note.setText("月度盘点")
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    row = table_row(screen, swabs)
    assert (row[3], row[6]) == ("170", "18.0")
    screen.select_item(swabs)
    ledger = screen.ledger_model
    kinds = [ledger.data(ledger.index(r, 1)) for r in range(3)]
    assert kinds == ["Stock count", "Issue", "Receipt"]
    assert ledger.data(ledger.index(0, 2)) == "-10" and ledger.data(ledger.index(0, 3)) == "170"


def test_days_of_supply_follow_the_ledger(qtbot, screen, ctx, swabs):
    """Use over the last days gives days of supply; a further issue shortens them and turns
    the row red below the reorder level."""
    from datetime import timedelta
    supplies.receive(ctx.db, swabs, 400, party="华大基因", lot="L1", expiry_date="2023-12-31",
                     actor=SYSTEM, now=NOW - timedelta(days=8))
    for k in range(1, 8):  # 20 a day over the last 7 days: 260 left
        supplies.issue(ctx.db, swabs, 20, to="采样组", actor=SYSTEM, now=NOW - timedelta(days=k))
    screen.refresh()
    row = table_row(screen, swabs)
    assert row[3] == "260" and row[5] == "20" and row[6] == "13.0"
    assert "recent use" in screen.basis_label.text() or screen.selected_item_id() != swabs
    screen.select_item(swabs)
    assert "20 支 a day" in screen.basis_label.text()
    assert screen.stock_series.count() >= 8 and screen.forecast_series.count() > 0
    background = screen.model.data(screen.model.index(screen.model.row_of_key(swabs), 0), Qt.BackgroundRole)
    assert background is None

    dialog = IssueDialog(ctx, swabs, screen)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.quantity, "180")
    dialog.party.setEditText("采样组")
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    row = table_row(screen, swabs)
    # 80 left at 20 a day; today's need is covered by what was issued today: today + 4 days
    assert row[3] == "80" and row[6] == "5.0"
    background = screen.model.data(screen.model.index(screen.model.row_of_key(swabs), 0), Qt.BackgroundRole)
    assert background is not None  # below the reorder level of 100
    assert "Below the reorder level" in screen.basis_label.text()
    screen.only_short.setChecked(True)
    assert screen.model.rowCount() == 1


def test_a_refused_issue_keeps_the_dialog_open_and_writes_nothing(qtbot, screen, ctx, swabs, monkeypatch):
    supplies.receive(ctx.db, swabs, 10, party="华大基因", lot="L1", expiry_date="2023-12-31",
                     actor=SYSTEM, now=NOW)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    dialog = IssueDialog(ctx, swabs, screen)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.quantity, "11")
    dialog.party.setEditText("采样组")
    dialog.accept()
    assert dialog.result() != QDialog.Accepted
    assert shown and "Only 10 usable on hand, 11 asked for" in shown[0]
    assert ctx.db.scalar("SELECT count(*) FROM supply_movements WHERE kind = 'issue'") == 0


def test_new_item_and_adjustment(qtbot, screen, ctx):
    dialog = ItemDialog(ctx, screen)
    qtbot.addWidget(dialog)
    dialog.name.setText("医疗废物包装袋")
    dialog.unit.setText("个")
    dialog.reorder_level.setText("50")
    dialog.category.setCurrentIndex(dialog.category.findData("medical_waste"))
    dialog.consumption.setCurrentIndex(dialog.consumption.findData("per_occupant_day"))
    qtbot.keyClicks(dialog.rate, "1")  # "0" + "1"
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    item_id = dialog.result_value
    assert table_row(screen, item_id)[0] == "医疗废物包装袋"
    supplies.receive(ctx.db, item_id, 100, party="区卫健委物资库", actor=SYSTEM, now=NOW)
    dialog = AdjustDialog(ctx, item_id, screen)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.quantity, "-4")
    dialog.reason.setText("破损")
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    assert table_row(screen, item_id)[3] == "96"


def test_viewer_sees_but_cannot_move_stock(qtbot, screen, ctx):
    ctx.set_actor(Actor("v", "viewer"))
    assert not screen.receive_button.isEnabled() and not screen.count_button.isEnabled()
    assert screen.restock_button.isEnabled()


def test_demo_screen_and_restock_pdf(qtbot, demo_db, tmp_path):
    from pypdf import PdfReader
    ctx = AppContext(demo_db, SYSTEM, "en", clock=lambda: NOW)
    s = SuppliesScreen(ctx)
    qtbot.addWidget(s)
    s.show()
    qtbot.waitExposed(s)
    assert s.model.rowCount() == len(demo.DEMO_ITEMS)
    # most urgent first
    first = table_row(s, s.model.row_key(0))
    assert first[6] != "—"
    s.category.setCurrentIndex(s.category.findData("testing"))
    assert s.model.rowCount() == 3
    path = tmp_path / "restock.pdf"
    assert s.save_restock(str(path)) == 1
    assert "Restock request" in PdfReader(str(path)).pages[0].extract_text()


def test_edit_item_changes_the_reorder_level_and_the_colour(qtbot, screen, ctx, swabs):
    supplies.receive(ctx.db, swabs, 150, party="华大基因", lot="L1", expiry_date="2023-12-31",
                     actor=SYSTEM, now=NOW)
    screen.refresh()
    index = screen.model.index(screen.model.row_of_key(swabs), 0)
    assert screen.model.data(index, Qt.BackgroundRole) is None
    dialog = ItemDialog(ctx, screen, swabs)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "核酸采样拭子" and dialog.reorder_level.text() == "100"
    dialog.reorder_level.setText("200")
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    row = table_row(screen, swabs)
    assert row[4] == "200"
    index = screen.model.index(screen.model.row_of_key(swabs), 0)
    assert screen.model.data(index, Qt.BackgroundRole) is not None


def test_transfer_out_through_the_issue_dialog(qtbot, screen, ctx, swabs):
    supplies.receive(ctx.db, swabs, 150, party="华大基因", lot="L1", expiry_date="2023-12-31",
                     actor=SYSTEM, now=NOW)
    dialog = IssueDialog(ctx, swabs, screen)
    qtbot.addWidget(dialog)
    dialog.as_transfer.setChecked(True)
    qtbot.keyClicks(dialog.quantity, "50")
    dialog.party.setEditText("城南隔离点")
    with qtbot.waitSignal(ctx.changed, timeout=2000):
        dialog.accept()
    assert table_row(screen, swabs)[3] == "100"
    assert supplies.ledger(ctx.db, swabs)[0]["kind"] == "transfer_out"
    # the destination is offered next time
    dialog = IssueDialog(ctx, swabs, screen, transfer=True)
    qtbot.addWidget(dialog)
    assert dialog.party.findText("城南隔离点") > 0


def test_a_receipt_without_supplier_asks_for_the_supplier_only(qtbot, db, swabs, monkeypatch):
    """Receiving asks where the stock comes from; "去向" (where it goes) is the issue's question."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    for lang in ("zh_CN", "en"):
        dialog = ReceiveDialog(AppContext(db, SYSTEM, lang, clock=lambda: NOW), swabs)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.quantity, "100")
        dialog.lot.setText("L1")
        dialog.expiry.setText("2023-12-31")
        dialog.accept()
        assert dialog.result() != QDialog.Accepted
    assert shown == ["请填写来源(供应商或捐赠方)。", "Enter who it comes from (supplier or donor)."]
    issue = IssueDialog(AppContext(db, SYSTEM, "zh_CN", clock=lambda: NOW), swabs)
    qtbot.addWidget(issue)
    supplies.receive(db, swabs, 10, party="华大基因", lot="L1", expiry_date="2023-12-31", actor=SYSTEM, now=NOW)
    qtbot.keyClicks(issue.quantity, "1")
    issue.party.setEditText(" ")
    issue.accept()
    assert shown[-1] == "请填写去向(楼层、班组或单位)。"
    assert db.scalar("SELECT count(*) FROM supply_movements") == 1
